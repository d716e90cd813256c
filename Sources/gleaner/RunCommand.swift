import StateFiles
import ArgumentParser
import ArticleFile
import ArticleStore
import Configuration
import Daemon
import Digest
import Intake
import Logging
import ServiceLifecycle
import UnixSignals

/// `gleaner run`: the daemon, or with `--once` one pass over the inbox.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inbox and take every article into the store (with --once: one pass, then exit).",
        discussion: """
            Reads every file in the inbox (and its subfolders, whose names become the articles' tags), \
            stores what it finds in the SQLite database, and moves each file, after its row is committed, \
            to archive/DAY/ or, if it is not a readable article, to failed/ with NAME.error.json beside it. \
            Files whose content is already stored are archived as duplicates. Dotfiles and names ending \
            in .tmp, .part, .crdownload, .swp or ~ are left alone. A file changed within the settle \
            time (intake.settle_seconds) is taken once its size and modification time have held still \
            that long: with --once, Gleaner waits for it (at most the settle time) before it exits. \
            SIGTERM or SIGINT end a --once run after the batch in hand: the run is recorded, its digest \
            written, and what it did not take stays in the inbox for the next run.

            Without --once, Gleaner first takes what is already in the inbox, then watches it with \
            inotify (polling on NFS, CIFS and FUSE) and rescans it every watch.rescan_seconds. Under \
            systemd it reports READY, STATUS and WATCHDOG through $NOTIFY_SOCKET. SIGTERM or SIGINT \
            finish the batch in hand and exit 0; SIGHUP re-reads the configuration.

            The state directory is --state-dir, else state_dir from the configuration, else \
            $GLEANER_STATE_DIR, else $STATE_DIRECTORY (set by systemd), else ./var.

            Exit status: 0 all files taken; 1 some file failed (see failed/); 2 (--once) some file was \
            still being written, or a stop came first, and it was left in the inbox; 74 the state directory or \
            database could not be used; 75 another gleaner is running on the same database; \
            78 the configuration is wrong.
            """
    )

    @Flag(name: .long, help: "Process what is in the inbox now, then exit.")
    var once = false

    @OptionGroup var state: StateOptions

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (default: log_level, else info).")
    var logLevel: Logger.Level?

    func run() async throws {
        // Stopped while it opens its store, a daemon stops gracefully once its services run, and a
        // single pass once it starts.
        StartupStop.install()
        let environment = ConfigurationLoader.environment
        let (settings, layout) = try state.resolve()
        let level = logLevel ?? Logger.Level(rawValue: settings.logLevel) ?? .info
        let journal = environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { StandardErrorLogHandler(label: $0, level: level, journal: journal) }
        let logger = Logger(label: "gleaner")

        do {
            let intake = try Intake(layout: layout, options: Self.intakeOptions(settings), logger: logger)
            if once {
                let summary = try await Self.runOnce(intake: intake, keepRunDigestDays: settings.keepRunDigestDays, logger: logger)
                if summary.counts.failed > 0 || summary.moveErrors > 0 { throw ExitCode(1) }
                if summary.stillChangingCount > 0 || summary.leftByStop ?? 0 > 0 { throw ExitCode(2) }
                return
            }
            try await runDaemon(intake: intake, settings: settings, environment: environment, logger: logger)
        } catch let error as IntakeError {
            StandardError.write("gleaner: \(error.description)")
            throw Self.exitCode(error)
        } catch let error as FileSystemError {
            StandardError.write("gleaner: \(error.description)")
            throw ExitCode(74)
        }
    }

    /// One pass over the inbox, then the digests. SIGTERM or SIGINT ends the
    /// pass as they end the daemon's: the batch in hand is committed, the rest
    /// stays in the inbox, the run is recorded and its digest written.
    private static func runOnce(intake: sending Intake, keepRunDigestDays: Int, logger: Logger) async throws -> RunSummary {
        // Registered before the pass starts; a signal that came earlier set StartupStop's flag.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let pass = Task {
            let summary = try await intake.run(mode: "once", waitForSettling: true)
            do {
                try DigestWriter(
                    directory: intake.layout.digests, connection: intake.store.connection, keepRunDays: keepRunDigestDays
                ).afterRuns([summary.runID], backlog: summary.waiting)
            } catch {
                logger.error("digests not written", metadata: ["error": "\(error)"])
            }
            return summary
        }
        let stopper = Task {
            var stop = StartupStop.requested
            if !stop {
                for await _ in signals {
                    stop = true
                    break
                }
            }
            guard stop else { return }  // the pass ended first
            logger.notice("stop requested; the run ends after the batch in hand")
            pass.cancel()
        }
        defer { stopper.cancel() }
        let summary = try await pass.value
        if let left = summary.leftByStop, left > 0 {
            logger.notice("stopped before the inbox was done; what is left waits for the next run", metadata: ["left": "\(left)"])
        }
        return summary
    }

    private func runDaemon(
        intake: sending Intake, settings: GleanerConfiguration, environment: [String: String], logger: Logger
    ) async throws {
        var timing = InboxWatcher.Timing()
        timing.rescanMilliseconds = settings.rescanSeconds * 1_000
        let watcher = try InboxWatcher(inbox: intake.layout.inbox, timing: timing, logger: logger)
        let configFile = state.config
        let digests = DigestService(
            database: intake.layout.database, directory: intake.layout.digests,
            keepRunDays: settings.keepRunDigestDays, logger: logger)
        let daemon = IntakeDaemon(
            intake: intake, watcher: watcher, notifier: SystemdNotifier(environment: environment),
            watchdogMicroseconds: SystemdNotifier.watchdogMicroseconds(environment: environment), logger: logger,
            onRun: { digests.runFinished($0) }
        ) {
            let fresh = try ConfigurationLoader.load(explicit: configFile, environment: ConfigurationLoader.environment).0
            let changed = GleanerConfiguration.keys.filter { $0.show(fresh) != $0.show(settings) }.map(\.name)
            return IntakeDaemon.Reload(
                options: Self.intakeOptions(fresh),
                needsRestart: changed.filter { GleanerConfiguration.restartKeys.contains($0) })
        }
        // A group stops its services in reverse order: intake first, so that the
        // digests, stopped after it, write the receipt of the run it ends on.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: digests), .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }

    /// What the configuration says about treating files.
    static func intakeOptions(_ settings: GleanerConfiguration) -> IntakeOptions {
        var options = IntakeOptions()
        options.settleNanoseconds = Int64(settings.settleSeconds * 1e9)
        options.reader = ArticleFileReader(
            maxFileBytes: settings.maxFileMiB << 20, maxInflatedBytes: settings.maxInflatedMiB << 20)
        options.batchFiles = settings.batchFiles
        options.workers = settings.workers
        options.staleNanoseconds = Int64(settings.staleMinutes) * 60_000_000_000
        options.extractBudgetNanoseconds = UInt64(settings.maxExtractSeconds) * 1_000_000_000
        return options
    }

    static func exitCode(_ error: IntakeError) -> ExitCode {
        switch error {
        case .locked: ExitCode(75)
        case .layout: ExitCode(78)
        case .fileSystem, .store: ExitCode(74)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
