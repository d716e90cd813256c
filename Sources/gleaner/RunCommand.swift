import ArgumentParser
import ArticleFile
import Configuration
import ArticleStore
import Intake
import Logging

/// `gleaner run --once`: one pass over the inbox into the store.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Take the articles in the inbox into the store, archive them, and report.",
        discussion: """
            Reads every file in the inbox (and its subfolders, whose names become the articles' tags), \
            stores what it finds in the SQLite database, and moves each file, after its row is committed, \
            to archive/DAY/ or, if it is not a readable article, to failed/ with NAME.error.json beside it. \
            Files whose content is already stored are archived as duplicates. Dotfiles and names ending \
            in .tmp, .part, .crdownload, .swp or ~ are left alone, and so is a file changed within the \
            settle time (intake.settle_seconds): a later run takes it.

            The state directory is --state-dir, else state_dir from the configuration, else \
            $GLEANER_STATE_DIR, else $STATE_DIRECTORY (set by systemd), else ./var.

            Exit status: 0 all files taken; 1 some file failed (see failed/); 74 the state directory or \
            database could not be used; 75 another gleaner is running on the same database; \
            78 the configuration is wrong.
            """
    )

    @Flag(name: .long, help: "Process what is in the inbox now, then exit.")
    var once = false

    @Option(name: .long, help: "The state directory (inbox/, archive/, failed/, digests/, gleaner.sqlite).", completion: .directory)
    var stateDir: String?

    @Option(name: .long, help: "The configuration file (default: $GLEANER_CONFIG, else /etc/gleaner/gleaner.toml if present).", completion: .file())
    var config: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard once else {
            throw ValidationError("Watching the inbox is not built yet: use `gleaner run --once` to process it now.")
        }
    }

    func run() async throws {
        let environment = ConfigurationLoader.environment
        let settings: GleanerConfiguration
        do {
            settings = try ConfigurationLoader.load(explicit: config, environment: environment).0
        } catch {
            StandardError.write("gleaner: \(error.description)")
            throw ExitCode(78)
        }
        let level = logLevel
        LoggingSystem.bootstrap { StandardErrorLogHandler(label: $0, level: level) }
        let logger = Logger(label: "gleaner")

        let layout = StateLayout(
            stateDirectory: StateLayout.resolveStateDirectory(
                explicit: stateDir, configured: settings.stateDirectory, environment: environment),
            inbox: settings.inboxDirectory, archive: settings.archiveDirectory, failed: settings.failedDirectory,
            digests: settings.digestsDirectory, database: settings.databasePath)
        var options = IntakeOptions()
        options.settleNanoseconds = Int64(settings.settleSeconds * 1e9)
        options.reader = ArticleFileReader(
            maxFileBytes: settings.maxFileMiB << 20, maxInflatedBytes: settings.maxInflatedMiB << 20)
        options.batchFiles = settings.batchFiles
        options.workers = settings.workers

        do {
            let intake = try Intake(layout: layout, options: options, logger: logger)
            let summary = try await intake.run(mode: "once")
            if summary.counts.failed > 0 || summary.moveErrors > 0 { throw ExitCode(1) }
        } catch let error as IntakeError {
            StandardError.write("gleaner: \(error.description)")
            switch error {
            case .locked: throw ExitCode(75)
            case .layout: throw ExitCode(78)
            case .fileSystem, .store: throw ExitCode(74)
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
