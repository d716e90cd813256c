import ArgumentParser
import Configuration

/// `gleaner config`: the effective configuration and where each value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration and where each value comes from.",
        discussion: """
            Reads the configuration as `gleaner run` would: --config FILE, else $GLEANER_CONFIG, \
            else /etc/gleaner/gleaner.toml when it exists, then GLEANER_<KEY> variables. Prints one \
            `key = value  # origin` line per key, in TOML, so the output is itself a valid file. \
            Exits 78 with the file, line and key when the configuration is wrong.
            """
    )

    @Option(name: .long, help: "The configuration file.", completion: .file())
    var config: String?

    func run() throws {
        let (settings, file): (GleanerConfiguration, String?)
        do {
            (settings, file) = try ConfigurationLoader.load(explicit: config, environment: ConfigurationLoader.environment)
        } catch {
            StandardError.write("gleaner: \(error.description)")
            throw ExitCode(78)
        }
        var output = StandardOutput()
        output.writeLine("# configuration file: \(file ?? "none (built-in defaults)")")
        // Top-level keys first, then each table: the output is itself a valid file.
        let keys = GleanerConfiguration.keys.filter { !$0.name.contains(".") }
            + GleanerConfiguration.keys.filter { $0.name.contains(".") }
        var table = ""
        for key in keys {
            let parts = key.name.split(separator: ".", maxSplits: 1)
            let (keyTable, name) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", key.name)
            if keyTable != table {
                output.writeLine("\n[\(keyTable)]")
                table = keyTable
            }
            let value = key.show(settings)
            let origin = settings.origins[key.name] ?? "default"
            if value.isEmpty {
                let unset = key.name == "state_dir"
                    ? "--state-dir, else $GLEANER_STATE_DIR, else $STATE_DIRECTORY, else ./var"
                    : "its place in the state directory"
                output.writeLine("# \(name) is not set: \(unset)  (\(key.help))")
            } else {
                let shown = Double(value) != nil ? value : "\"" + value + "\""
                output.writeLine("\(name) = \(shown)  # \(origin): \(key.help)")
            }
        }
        output.flush()
    }
}
