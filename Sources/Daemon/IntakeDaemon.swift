import StateFiles
import ArticleStore
import CLinux
import Intake
import Logging
import ServiceLifecycle
import UnixSignals
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `gleaner run`: processes what is in the inbox, tells systemd it is ready,
/// then runs intake on every trigger of the ``InboxWatcher`` until a graceful
/// shutdown (SIGTERM, SIGINT), re-reading its configuration on SIGHUP.
///
/// Only the service's own loop touches the ``Intake`` it was given (hence
/// `@unchecked Sendable`); the watchdog and reload tasks share ``Health``
/// and the pending options through a mutex.
public final class IntakeDaemon: Service, @unchecked Sendable {
    /// What a reload produced: the new options, and the keys that cannot change without a restart.
    public struct Reload: Sendable {
        public var options: IntakeOptions
        public var needsRestart: [String]
        public init(options: IntakeOptions, needsRestart: [String]) {
            self.options = options
            self.needsRestart = needsRestart
        }
    }

    struct Health {
        var runStartedAt: UInt64?
        var lastProgressAt: UInt64 = 0
        var pendingOptions: IntakeOptions?
        /// The running options' extraction budget per file (nanoseconds).
        var extractBudget: UInt64 = IntakeOptions().extractBudgetNanoseconds
    }

    private let intake: Intake
    private let watcher: InboxWatcher
    private let notifier: SystemdNotifier
    private let watchdogMicroseconds: UInt64?
    private let reload: @Sendable () throws -> Reload
    private let onRun: @Sendable (RunSummary) -> Void
    private let logger: Logger
    private let health = Mutex(Health())

    public init(
        intake: Intake, watcher: InboxWatcher, notifier: SystemdNotifier, watchdogMicroseconds: UInt64?,
        logger: Logger, onRun: @escaping @Sendable (RunSummary) -> Void = { _ in },
        reload: @escaping @Sendable () throws -> Reload
    ) {
        self.onRun = onRun
        self.intake = intake
        self.watcher = watcher
        self.notifier = notifier
        self.watchdogMicroseconds = watchdogMicroseconds
        self.logger = logger
        self.reload = reload
    }

    public func run() async throws {
        if StartupStop.requested {
            // Asked to stop while starting (before the service group trapped the signal): nothing ran yet.
            notifier.notify("STOPPING=1")
            logger.notice("stop requested while starting; stopped before the first pass")
            return
        }
        if case .polling(let why) = watcher.mode {
            logger.warning("polling the inbox instead of watching it", metadata: ["reason": "\(why)"])
        }
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.intakeLoop() }
                if let usec = self.watchdogMicroseconds {
                    group.addTask { await self.watchdogLoop(intervalMicroseconds: usec) }
                }
                group.addTask { await self.reloadLoop() }
                // The intake loop ends on shutdown; the helpers then have nothing to watch.
                try await group.next()
                group.cancelAll()
            }
        }
        watcher.stop()
        notifier.notify("STOPPING=1")
        logger.info("stopped")
    }

    private func intakeLoop() async throws {
        // What is already in the inbox first: files that arrived while Gleaner was down.
        // Ready once the store is open and the first pass was tried: a pass that
        // fails (disk full, database locked) is retried below, not fatal.
        var summary = try? await runOnce(WatchTrigger(closed: [], reason: "start"))
        if let summary { onRun(summary) }
        notifier.notify("READY=1\n" + (summary.map(status) ?? "STATUS=Starting: the first pass failed; retrying"))
        logger.info("ready", metadata: ["inbox": "\(intake.layout.inbox)", "watch": "\(watcher.mode)"])
        watcher.start()
        if summary == nil { summary = await runUntilItSucceeds(WatchTrigger(closed: [], reason: "retry")) }
        if let summary { followUp(summary) }
        for await trigger in watcher.triggers {
            if Task.isCancelled { break }
            if trigger.reason == "overflow" {
                logger.warning("inotify queue overflowed; rescanning the whole inbox")
            }
            guard let done = await runUntilItSucceeds(trigger) else { break }
            if done.sawFiles || !done.regroupedDays.isEmpty { onRun(done) }
            notifier.notify(status(done))
            followUp(done)
            // A run frees what its articles took, but the allocator keeps the pages: an idle
            // daemon would hold a burst's peak for as long as it idles.
            if done.sawFiles { gleaner_release_free_memory() }
            if Task.isCancelled { break }
        }
    }

    /// Runs intake until a run succeeds, waiting 1, 2, 4 ... 60 s between
    /// tries: files stay in the inbox meanwhile, so nothing is lost, and the
    /// daemon resumes by itself when space comes back or the lock goes.
    /// `nil` only when shutting down.
    private func runUntilItSucceeds(_ trigger: WatchTrigger) async -> RunSummary? {
        var delay = 1
        while !Task.isCancelled {
            do {
                let summary = try await runOnce(trigger)
                if delay > 1 { logger.notice("runs resumed") }
                return summary
            } catch {
                logger.error(
                    "run failed; the files stay in the inbox and the run is retried",
                    metadata: ["error": "\(error)", "retry_in_seconds": "\(delay)"])
                notifier.notify("STATUS=Paused: \(error.description); retrying in \(delay) s")
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 60)
            }
        }
        return nil
    }

    private func runOnce(_ trigger: WatchTrigger) async throws(IntakeError) -> RunSummary {
        if let options = health.withLock({ state -> IntakeOptions? in
            defer { state.pendingOptions = nil }
            return state.pendingOptions
        }) {
            intake.options = options
        }
        let budget = intake.options.extractBudgetNanoseconds
        health.withLock {
            $0.runStartedAt = IngestClock.monotonicNanoseconds()
            $0.lastProgressAt = $0.runStartedAt!
            $0.extractBudget = budget
        }
        defer {
            health.withLock {
                $0.runStartedAt = nil
                $0.lastProgressAt = IngestClock.monotonicNanoseconds()
            }
        }
        return try await intake.run(mode: "daemon", closedForWriting: trigger.closed) { [self] in
            health.withLock { $0.lastProgressAt = IngestClock.monotonicNanoseconds() }
        }
    }

    /// Files left to settle get no event of their own: look again once they have.
    private func followUp(_ summary: RunSummary) {
        guard summary.counts.deferred > 0 else { return }
        watcher.scheduleRescan(inMilliseconds: Int(intake.options.settleNanoseconds / 1_000_000) + 100)
    }

    /// `STATUS=` for systemd: the last run and what waits in the inbox.
    func status(_ summary: RunSummary) -> String {
        let c = summary.counts
        var text = "STATUS=Last run: \(c.stored) stored, \(c.duplicates) duplicates, \(c.failed) failed"
        text += "; waiting in the inbox: \(summary.waiting)"
        if summary.staleCount > 0 { text += " (\(summary.staleCount) for over 10 min)" }
        if !summary.unreadFolders.isEmpty {
            text += "; inbox folders not read: \(summary.unreadFolders.count) ("
                + summary.unreadFolders.prefix(3).map { "\($0.path): \($0.reason)" }.joined(separator: "; ") + ")"
        }
        return text
    }

    /// Pings the watchdog at half its interval, but only while runs make
    /// progress: a run with nothing done for longer than the interval plus one
    /// file's extraction budget lets systemd restart us.
    private func watchdogLoop(intervalMicroseconds: UInt64) async {
        let half = Duration.microseconds(Int64(intervalMicroseconds / 2))
        while !Task.isCancelled {
            // Progress is a file extracted or a batch recorded. One file may take its
            // extraction budget, so silence is stuck only past the budget and the interval.
            let healthy = health.withLock { state in
                state.runStartedAt == nil
                    || IngestClock.monotonicNanoseconds() - state.lastProgressAt
                        < intervalMicroseconds * 1_000 + state.extractBudget
            }
            if healthy { notifier.notify("WATCHDOG=1") }
            try? await Task.sleep(for: half)
        }
    }

    /// SIGHUP: re-read the configuration; what can change applies from the next run.
    private func reloadLoop() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            notifier.notify("RELOADING=1")
            do {
                let result = try reload()
                health.withLock { $0.pendingOptions = result.options }
                logger.info("configuration reloaded; changes apply from the next run")
                if !result.needsRestart.isEmpty {
                    logger.warning(
                        "configuration keys changed that need a restart",
                        metadata: ["keys": "\(result.needsRestart.joined(separator: ", "))"])
                }
            } catch {
                logger.error("configuration not reloaded; keeping the running one", metadata: ["error": "\(error)"])
            }
            notifier.notify("READY=1")
        }
    }
}
