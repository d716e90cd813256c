import ArgumentParser
import Configuration

#if canImport(Glibc)
    import Glibc
#endif

/// Finds and reads the configuration: `--config FILE`, else `$GLEANER_CONFIG`,
/// else `/etc/gleaner/gleaner.toml` when it exists, else the built-in
/// defaults; then `GLEANER_<KEY>` variables on top.
enum ConfigurationLoader {
    static let systemFile = "/etc/gleaner/gleaner.toml"

    /// The effective configuration, and the file it came from (if any).
    static func load(explicit: String?, environment: [String: String]) throws(ConfigurationError)
        -> (GleanerConfiguration, file: String?)
    {
        var configuration = GleanerConfiguration()
        var file: String?
        if let explicit {
            file = explicit
        } else if let fromEnvironment = environment["GLEANER_CONFIG"], !fromEnvironment.isEmpty {
            file = fromEnvironment
        } else if access(systemFile, F_OK) == 0 {
            file = systemFile
        }
        if let file {
            let text = try readText(file)
            try configuration.load(file: file, contents: text)
        }
        try configuration.applyEnvironment(environment)
        try applyTimeZone(configuration.timeZone, origin: configuration.origins["time_zone"] ?? "time_zone")
        return (configuration, file)
    }

    /// Sets `TZ` for the process, so ingestion days fall in the configured zone.
    static func applyTimeZone(_ zone: String, origin: String) throws(ConfigurationError) {
        guard zone != "local" else { return }
        let known = zone == "UTC" || (!zone.contains("..") && access("/usr/share/zoneinfo/" + zone, R_OK) == 0)
        guard known else {
            throw ConfigurationError(
                source: origin, line: nil,
                message: "time_zone '\(zone)' is not a time zone of /usr/share/zoneinfo (for example Europe/Rome, or local)")
        }
        setenv("TZ", zone, 1)
        tzset()
    }

    static func readText(_ path: String) throws(ConfigurationError) -> String {
        guard let file = fopen(path, "r") else {
            throw ConfigurationError(source: path, line: nil, message: "cannot read the configuration file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[..<count]
            if bytes.count > 1_048_576 {
                throw ConfigurationError(source: path, line: nil, message: "the configuration file is larger than 1 MiB")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The process environment as a dictionary.
    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
