import StateFiles
import ArgumentParser
import ArticleStore
import Configuration
import Intake

/// `--state-dir` and `--config`, for the commands that read the store.
struct StateOptions: ParsableArguments {
    @Option(
        name: .long, help: "The state directory (default: state_dir, $GLEANER_STATE_DIR, $STATE_DIRECTORY, ./var).",
        completion: .directory)
    var stateDir: String?

    @Option(
        name: .long, help: "The configuration file (default: $GLEANER_CONFIG, else /etc/gleaner/gleaner.toml if present).",
        completion: .file())
    var config: String?

    /// The configuration and the layout it gives; exits 78 on a configuration mistake.
    func resolve() throws -> (GleanerConfiguration, StateLayout) {
        let environment = ConfigurationLoader.environment
        let settings: GleanerConfiguration
        do {
            settings = try ConfigurationLoader.load(explicit: config, environment: environment).0
        } catch {
            StandardError.write("gleaner: \(error.description)")
            throw ExitCode(78)
        }
        let layout = StateLayout(
            stateDirectory: StateLayout.resolveStateDirectory(
                explicit: stateDir, configured: settings.stateDirectory, environment: environment),
            inbox: settings.inboxDirectory, archive: settings.archiveDirectory, failed: settings.failedDirectory,
            digests: settings.digestsDirectory, database: settings.databasePath)
        return (settings, layout)
    }

    /// The configuration, the layout and the store opened read-only.
    func openStore() throws -> (GleanerConfiguration, StateLayout, SQLiteConnection) {
        let (settings, layout) = try resolve()
        return (settings, layout, try openStore(layout))
    }

    /// The store, opened read-only; exits 74 with one line when there is none.
    func openStore(_ layout: StateLayout) throws -> SQLiteConnection {
        guard FileSystem.exists(layout.database) else {
            StandardError.write(
                "gleaner: no database at '\(layout.database)': run `gleaner run` first, or give --state-dir.")
            throw ExitCode(74)
        }
        let connection: SQLiteConnection
        let version: Int
        do {
            connection = try SQLiteConnection(path: layout.database, readOnly: true)
            version = Int(try connection.scalar("PRAGMA user_version").integer ?? 0)
        } catch {
            StandardError.write("gleaner: Database '\(layout.database)': \(error.description)")
            throw ExitCode(74)
        }
        // Read-only commands never migrate: the writer (run, or the service) does.
        guard version >= ArticleStore.schemaVersion else {
            StandardError.write(
                "gleaner: Database '\(layout.database)' has schema version \(version), older than this Gleaner's "
                    + "\(ArticleStore.schemaVersion): restart the service or run `gleaner run --once` to bring it up to date.")
            throw ExitCode(74)
        }
        return connection
    }
}
