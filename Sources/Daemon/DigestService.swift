import ArticleStore
import Digest
import Intake
import Logging
import ServiceLifecycle
import Synchronization

/// Writes the digests after each run, on its own read-only connection, so
/// rendering a large day never delays intake. Runs that finish while it is
/// writing are coalesced: each gets its run digest, each day touched is
/// regenerated once, and after a long render it rests four times as long.
/// A run that took in no file but grouped a day's stories again (its last
/// articles had waited) rewrites that day's digest and has no run digest.
/// At start it writes the digests of recent runs that saw files and lack
/// theirs or half of it (a stop can come between a run and its digest, or
/// between its two files); a run that saw no file has no digest, then as always.
public final class DigestService: Service, Sendable {
    private let database: String
    private let directory: String
    private let keepRunDays: Int
    private let logger: Logger
    private let pending = Mutex<[(runID: Int64?, backlog: Int, days: [String])]>([])
    private let wake: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init(database: String, directory: String, keepRunDays: Int, logger: Logger) {
        self.database = database
        self.directory = directory
        self.keepRunDays = keepRunDays
        self.logger = logger
        (wake, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Called by the intake loop after each run; never waits.
    public func runFinished(_ summary: RunSummary) {
        pending.withLock { $0.append((summary.sawFiles ? summary.runID : nil, summary.waiting, summary.regroupedDays)) }
        continuation.yield()
    }

    public func run() async throws {
        let writer: DigestWriter
        do {
            writer = DigestWriter(
                directory: directory, connection: try SQLiteConnection(path: database, readOnly: true),
                keepRunDays: keepRunDays)
        } catch {
            logger.error("digests cannot be written", metadata: ["error": "\(error)"])
            return
        }
        catchUp(writer)
        for await _ in wake.cancelOnGracefulShutdown() {
            let start = IngestClock.monotonicNanoseconds()
            drain(writer)
            // A large day takes a while to render: rest four times as long before
            // the next one, so digests never take more than a fifth of a core.
            var rest = min(Double(IngestClock.monotonicNanoseconds() - start) / 1e9 * 4, 60)
            while rest > 0, !Task.isShuttingDownGracefully, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                rest -= 0.1
            }
        }
        drain(writer)  // the last run's receipt, before the process ends
    }

    private func drain(_ writer: DigestWriter) {
        let runs = pending.withLock { list in
            defer { list.removeAll() }
            return list
        }
        guard !runs.isEmpty else { return }
        do {
            let days = try writer.afterRuns(
                runs.compactMap(\.runID), alsoDays: Set(runs.flatMap(\.days)), backlog: runs.last?.backlog)
            logger.debug("digests written", metadata: ["runs": "\(runs.count)", "days": "\(days)"])
        } catch {
            logger.error("digests not written; the next run tries again", metadata: ["error": "\(error)"])
        }
    }

    private func catchUp(_ writer: DigestWriter) {
        do {
            let done = writer.runsWithDigests()
            let recent = try writer.query.connection.rows(
                """
                SELECT id FROM runs WHERE finished_at IS NOT NULL AND (files_seen > 0 OR deferred > 0)
                ORDER BY id DESC LIMIT 20
                """)
            let missing = recent.compactMap { $0[0].integer }.filter { !done.contains($0) }
            guard !missing.isEmpty else { return }
            pending.withLock { list in list.insert(contentsOf: missing.reversed().map { ($0, 0, []) }, at: 0) }
            drain(writer)
        } catch {
            logger.error("digests of earlier runs not checked", metadata: ["error": "\(error)"])
        }
    }
}
