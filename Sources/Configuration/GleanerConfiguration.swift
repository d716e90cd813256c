/// Gleaner's settings, with where each value came from.
///
/// Precedence, lowest first: built-in defaults, the configuration file,
/// `GLEANER_<KEY>` environment variables (`GLEANER_INTAKE_SETTLE_SECONDS`),
/// then command-line options, which the command line applies itself.
/// Paths left unset resolve against the state directory (see the `Intake` module).
public struct GleanerConfiguration: Sendable, Equatable {
    /// The state directory (`inbox/`, `archive/`, ... and the database), if set.
    public var stateDirectory: String?
    public var inboxDirectory: String?
    public var archiveDirectory: String?
    public var failedDirectory: String?
    public var digestsDirectory: String?
    public var databasePath: String?
    /// The time zone of ingestion days (archive folders, digests): `local` or a TZ name.
    public var timeZone = "local"
    /// A file whose size or modification time changed this recently is left for a later run.
    public var settleSeconds = 1.0
    /// Largest file accepted, on disk, in MiB.
    public var maxFileMiB = 20
    /// Largest content accepted after gzip inflation, in MiB.
    public var maxInflatedMiB = 50
    /// Files per store transaction.
    public var batchFiles = 256
    /// Extraction threads; 0 means one per core.
    public var workers = 0
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel = "info"
    /// Seconds between full rescans of the inbox while watching it.
    public var rescanSeconds = 60
    /// Minutes a file may wait in the inbox before it is reported as stale.
    public var staleMinutes = 10
    /// Seconds extracting one file may take before the rest of its extraction is skipped.
    public var maxExtractSeconds = 10
    /// Days run digests are kept; daily digests are kept for good.
    public var keepRunDigestDays = 30

    /// Where each key's value came from: `default`, `FILE:LINE` or `$GLEANER_...`.
    public var origins: [String: String] = [:]

    public init() {}

    /// The keys a configuration file may set, in the order `gleaner config` prints them.
    public static let keys: [ConfigurationKey] = [
        .path("state_dir", "state directory: inbox/, archive/, failed/, digests/, gleaner.sqlite", \.stateDirectory),
        .path("inbox_dir", "where articles are dropped", \.inboxDirectory),
        .path("archive_dir", "where stored articles are moved, by day", \.archiveDirectory),
        .path("failed_dir", "where files that are not articles are moved, with NAME.error.json", \.failedDirectory),
        .path("digests_dir", "where digests are written", \.digestsDirectory),
        .path("database", "the SQLite database", \.databasePath),
        ConfigurationKey("time_zone", "time zone of ingestion days: local or a name such as Europe/Rome") { c, v in
            guard case .string(let s) = v, !s.isEmpty else { return "a time zone name in quotes" }
            c.timeZone = s
            return nil
        } show: { $0.timeZone },
        ConfigurationKey("intake.settle_seconds", "seconds a file must be unchanged before it is read") { c, v in
            let seconds: Double
            switch v {
            case .integer(let i): seconds = Double(i)
            case .float(let f): seconds = f
            default: return "a number of seconds from 0 to 3600"
            }
            guard (0...3600).contains(seconds) else { return "a number of seconds from 0 to 3600" }
            c.settleSeconds = seconds
            return nil
        } show: { String($0.settleSeconds) },
        .integer("intake.max_file_mib", "largest file accepted on disk, MiB", 1...1024, \.maxFileMiB),
        .integer("intake.max_inflated_mib", "largest content accepted after gzip inflation, MiB", 1...4096, \.maxInflatedMiB),
        .integer("intake.batch_files", "files per database transaction", 1...10_000, \.batchFiles),
        .integer("intake.workers", "extraction threads, 0 = one per core", 0...256, \.workers),
        .integer("intake.stale_minutes", "minutes a waiting file may sit in the inbox before a warning", 1...10_080, \.staleMinutes),
        .integer(
            "intake.max_extract_seconds", "seconds extracting one file may take; then it is stored flagged truncated",
            1...3600, \.maxExtractSeconds),
        .integer("digests.keep_run_days", "days run digests are kept (daily digests are kept for good)", 1...3650, \.keepRunDigestDays),
        .integer("watch.rescan_seconds", "seconds between full rescans of the inbox besides inotify", 1...86_400, \.rescanSeconds),
        ConfigurationKey("log_level", "trace, debug, info, notice, warning, error or critical", acceptsNumber: false) { c, v in
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard case .string(let s) = v, levels.contains(s) else { return "one of " + levels.joined(separator: ", ") }
            c.logLevel = s
            return nil
        } show: { $0.logLevel },
    ]

    /// Keys whose change takes a restart: the places and the time zone (the
    /// store, lock and watches are opened once).
    public static let restartKeys: Set<String> = [
        "state_dir", "inbox_dir", "archive_dir", "failed_dir", "digests_dir", "database", "time_zone", "log_level",
        "watch.rescan_seconds",
    ]

    /// Applies a file's entries; an unknown key or a bad value stops with its line.
    public mutating func apply(_ entries: [ConfigurationEntry], source: String) throws(ConfigurationError) {
        for entry in entries {
            guard let key = Self.keys.first(where: { $0.name == entry.key }) else {
                throw ConfigurationError(
                    source: source, line: entry.line,
                    message: "unknown key '\(entry.key)'; known keys: "
                        + Self.keys.map(\.name).joined(separator: ", "))
            }
            if let expected = key.apply(&self, entry.value) {
                throw ConfigurationError(
                    source: source, line: entry.line,
                    message: "'\(entry.key)' is \(entry.value), expected \(expected)")
            }
            origins[key.name] = "\(source):\(entry.line)"
        }
    }

    /// Applies `GLEANER_<KEY>` variables (`.` and lower case become `_` and upper case).
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigurationError) {
        for key in Self.keys {
            let variable = key.environmentVariable
            guard let text = environment[variable] else { continue }
            let value: ConfigurationValue
            if let parsed = ConfigurationFile.parseValue(text), key.acceptsNumber {
                value = parsed
            } else {
                value = .string(text)
            }
            if let expected = key.apply(&self, value) {
                throw ConfigurationError(
                    source: "$" + variable, line: nil, message: "'\(text)' is not valid, expected \(expected)")
            }
            origins[key.name] = "$" + variable
        }
    }

    /// Reads and applies the file at `path`.
    public mutating func load(file path: String, contents: String) throws(ConfigurationError) {
        try apply(try ConfigurationFile.parse(contents, source: path), source: path)
    }
}

/// One key of the configuration: its name, what it means, and how a value is checked and applied.
public struct ConfigurationKey: Sendable {
    public let name: String
    public let help: String
    /// Applies a value; returns what was expected when the value is refused.
    let apply: @Sendable (inout GleanerConfiguration, ConfigurationValue) -> String?
    /// The value as `gleaner config` prints it.
    public let show: @Sendable (GleanerConfiguration) -> String
    let acceptsNumber: Bool

    init(
        _ name: String, _ help: String, acceptsNumber: Bool = true,
        apply: @escaping @Sendable (inout GleanerConfiguration, ConfigurationValue) -> String?,
        show: @escaping @Sendable (GleanerConfiguration) -> String
    ) {
        self.name = name
        self.help = help
        self.apply = apply
        self.show = show
        self.acceptsNumber = acceptsNumber
    }

    /// `GLEANER_INTAKE_SETTLE_SECONDS` for `intake.settle_seconds`.
    public var environmentVariable: String {
        "GLEANER_" + name.uppercased().map { $0 == "." || $0 == "-" ? "_" : $0 }.map(String.init).joined()
    }

    static func path(
        _ name: String, _ help: String, _ field: any WritableKeyPath<GleanerConfiguration, String?> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(name, help, acceptsNumber: false) { c, v in
            guard case .string(let s) = v, !s.isEmpty else { return "a path in quotes" }
            c[keyPath: field] = s
            return nil
        } show: { $0[keyPath: field] ?? "" }
    }

    static func integer(
        _ name: String, _ help: String, _ range: ClosedRange<Int>,
        _ field: any WritableKeyPath<GleanerConfiguration, Int> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(name, help) { c, v in
            guard case .integer(let i) = v, range.contains(i) else {
                return "a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            c[keyPath: field] = i
            return nil
        } show: { String($0[keyPath: field]) }
    }
}
