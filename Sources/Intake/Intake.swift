import StateFiles
import ArticleExtraction
import ArticleFile
import ArticleStore
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// How intake treats the files it finds.
public struct IntakeOptions: Sendable {
    /// A file changed this recently (nanoseconds) is left for a later run,
    /// unless the watcher saw it closed for writing.
    public var settleNanoseconds: Int64 = 1_000_000_000
    /// Caps on the size on disk and after inflation.
    public var reader = ArticleFileReader()
    /// Files per store transaction.
    public var batchFiles = 256
    /// Bytes on disk per batch, so a backlog of large files cannot fill memory.
    public var batchBytes = 64 * 1024 * 1024
    /// Extraction tasks at once; 0 means one per core.
    public var workers = 0
    /// A file waiting in the inbox longer than this (nanoseconds) is reported as stale.
    public var staleNanoseconds: Int64 = 600_000_000_000
    /// How long extracting one file may take (nanoseconds); past it the core
    /// stops at its next stage and the article is stored flagged `truncated`.
    public var extractBudgetNanoseconds: UInt64 = 10_000_000_000

    public init() {}
}

/// What one run did.
public struct RunSummary: Sendable, Equatable {
    public let runID: Int64
    public let counts: RunCounts
    /// Wall time of the run, in seconds.
    public let seconds: Double
    /// Files that could not be moved after their outcome was committed (they
    /// stay in the inbox and the next run archives them).
    public let moveErrors: Int
    /// Files left in the inbox: still being written, or under a temporary name.
    public let waiting: Int
    /// Of those, the ones unchanged for longer than the stale threshold (at most 20 named).
    public let stale: [String]
    public let staleCount: Int
    /// Files that were still changing when a run that waits for settling
    /// files (`run --once`) gave up on them; they stay in the inbox (at most 20 named).
    public var stillChanging: [String] = []
    public var stillChangingCount = 0
    /// Inbox folders the walk could not enter, with why (too deep, unreadable);
    /// the files in a too-deep one are counted in ``waiting``.
    public var unreadFolders: [InboxFolder] = []
    /// Days whose stories the run grouped again, whole: their daily digests
    /// change even when the run took in no file.
    public var regroupedDays: [String] = []
    /// When a stop (SIGTERM, SIGINT: the task's cancellation) ended the run
    /// before the inbox was done: the files it left there for the next run,
    /// counted after it (also in ``waiting``); `nil` for a run not stopped.
    public var leftByStop: Int? = nil

    /// Whether the run found files in the inbox: taken in, or left to settle.
    public var sawFiles: Bool { counts.filesSeen > 0 || counts.deferred > 0 }
}

/// An inbox folder that intake could not read, and why.
public struct InboxFolder: Sendable, Equatable {
    public let path: String
    public let reason: String
}

/// The pass over an inbox: list, read, extract in parallel, record in the
/// store (one writer, one transaction per batch), then move each file out.
///
/// Holds the state directory's lock and the store for its lifetime, so a
/// daemon keeps one `Intake` and calls ``run(mode:closedForWriting:)`` per trigger.
public final class Intake {
    public let layout: StateLayout
    /// How files are treated; a reload may change it between runs.
    public var options: IntakeOptions
    /// The store intake writes; open while the intake lives.
    public let store: ArticleStore
    private let lock: StoreLock
    /// What is in flight, and the files the process died on before.
    private let crashes: CrashRecord
    private let preparer: FilePreparer
    private let logger: Logger

    /// Creates the layout's directories, takes the lock and opens the store.
    /// - Throws: ``IntakeError`` when a directory cannot be made, another
    ///   Gleaner holds the lock, or the database cannot be opened.
    public init(layout: StateLayout, options: IntakeOptions, logger: Logger) throws(IntakeError) {
        do {
            try layout.createDirectories()
        } catch {
            throw .fileSystem(error)
        }
        try Self.checkSameFileSystem(layout)
        lock = try StoreLock(path: layout.lockFile)
        crashes = CrashRecord(layout: layout)
        for (path, deaths) in crashes.deaths.sorted(by: { $0.key < $1.key }) {
            logger.warning(
                deaths >= CrashRecord.deathsToRefuse
                    ? "Gleaner stopped twice while this file was being read; it goes to failed/ unless its content is already stored"
                    : "Gleaner stopped while this file was being read; it is read again, alone",
                metadata: ["file.path": "\(path)", "deaths": "\(deaths)"])
        }
        // What a killed run was writing when it stopped; the file it was for is still in the inbox.
        FileSystem.removeEntries(in: layout.failed, prefix: FileSystem.temporaryPrefix)
        do {
            store = try ArticleStore(path: layout.database)
        } catch {
            throw .store(error, path: layout.database)
        }
        self.layout = layout
        self.options = options
        self.logger = logger
        preparer = FilePreparer(inbox: layout.inbox, reader: options.reader, extractor: ArticleExtractor(), gate: LargeTextGate())
    }

    /// Moves are renames, atomic only within one file system.
    static func checkSameFileSystem(_ layout: StateLayout) throws(IntakeError) {
        func device(_ path: String) -> UInt64? {
            var info = stat()
            return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
        }
        let inbox = device(layout.inbox)
        for (name, path) in [("archive", layout.archive), ("failed", layout.failed)] where device(path) != inbox {
            throw .layout(
                "The inbox '\(layout.inbox)' and the \(name) directory '\(path)' are on different file systems; "
                    + "they must share one, because a file leaves the inbox by an atomic rename.")
        }
    }

    /// Processes what is in the inbox now, and returns what happened.
    ///
    /// - Parameters:
    ///   - mode: stored in the `runs` table (`once`, `daemon`).
    ///   - closedForWriting: inbox-relative paths the watcher saw closed or
    ///     moved in; they skip the settle time.
    /// - Throws: ``IntakeError`` when the inbox cannot be read or the store
    ///   cannot be written; files not yet committed stay in the inbox.
    ///   Cancellation stops the run after the batch in hand is committed.
    /// - Parameter progress: called after each committed batch (the daemon's watchdog listens).
    /// - Parameter waitForSettling: when the walk is over, wait (at most the
    ///   settle time) for the files left because they changed recently, and
    ///   take those whose size and modification time held still (`run --once`,
    ///   which has no later run to leave them for).
    public func run(
        mode: String = "once", closedForWriting: Set<String> = [], waitForSettling: Bool = false,
        progress: @Sendable () -> Void = {}
    ) async throws(IntakeError) -> RunSummary {
        let start = IngestClock.monotonicNanoseconds()
        // An inbox (or archive) deleted since the last run is made again.
        do { try layout.createDirectories() } catch { throw .fileSystem(error) }
        let runID: Int64
        do {
            runID = try store.beginRun(mode: mode, at: IngestClock.now())
        } catch {
            throw .store(error, path: layout.database)
        }
        var logger = self.logger
        logger[metadataKey: "run.id"] = "\(runID)"
        let scanner = InboxScanner(inbox: layout.inbox)
        var counts = RunCounts()
        var moveErrors = 0
        var waiting: [(path: String, modified: Int64)] = []
        var settling: [InboxEntry] = []
        var suspects: [InboxEntry] = []
        var refusedAfterCrashes: [String] = []
        let workers = options.workers > 0 ? options.workers : Self.processorCount
        let preparer = self.preparer
        let crashes = self.crashes
        defer { crashes.finish([]) }
        func walk() throws(IntakeError) -> [InboxEntry] {
            try nextBatch(
                scanner, closedForWriting: closedForWriting, counts: &counts, waiting: &waiting, settling: &settling,
                suspects: &suspects, refusedAfterCrashes: &refusedAfterCrashes, logger: logger)
        }

        // Only what is being read is in flight: a death while a batch is
        // committed, synced or moved is not its files' fault.
        var batch = try walk()
        crashes.reading(batch.map(\.relativePath))
        let budget = options.extractBudgetNanoseconds
        var prepared = await Self.prepareAll(batch, preparer: preparer, workers: workers, budget: budget, progress: progress)
        crashes.reading([])
        while !batch.isEmpty {
            if Task.isCancelled { break }
            let following = try walk()
            // The next batch is read while this one is recorded.
            crashes.reading(following.map(\.relativePath))
            async let preparedNext = Self.prepareAll(
                following, preparer: preparer, workers: workers, budget: budget, progress: progress)
            do {
                moveErrors += try commit(prepared, runID: runID, counts: &counts, logger: logger)
            } catch {
                _ = await preparedNext
                throw error
            }
            progress()
            batch = following
            prepared = await preparedNext
            crashes.reading([])
        }
        /// Reads and records `entries` outside the pipelined walk, as one batch.
        func take(_ entries: [InboxEntry], workers: Int) async throws(IntakeError) {
            crashes.reading(entries.map(\.relativePath))
            let prepared = await Self.prepareAll(entries, preparer: preparer, workers: workers, budget: budget, progress: progress)
            crashes.reading([])
            moveErrors += try commit(prepared, runID: runID, counts: &counts, logger: logger)
            progress()
        }
        // Refused and moved to failed/, or archived because their content was
        // stored: a file fixed and dropped again under its name is read afresh.
        crashes.finish(refusedAfterCrashes)
        // A file the process died on once is read alone: if it kills the process
        // again, the record names it and the next start refuses it. Large files too.
        for suspect in Self.inNameOrder(suspects) where !Task.isCancelled {
            try await take([suspect], workers: 1)
            crashes.finish([suspect.relativePath])
        }
        var stillChanging: [String] = []
        if waitForSettling, !settling.isEmpty, !Task.isCancelled {
            let (settled, changing) = await settle(settling)
            let size = max(1, options.batchFiles)
            for chunk in stride(from: 0, to: settled.count, by: size) {
                let part = Array(settled[chunk..<min(settled.count, chunk + size)])
                counts.deferred -= part.count
                try await take(part, workers: workers)
            }
            let taken = Set(settled.map(\.relativePath))
            waiting.removeAll { taken.contains($0.path) }
            stillChanging = changing.sorted()
            Self.warn(
                "files still being written when the run ended were left in the inbox", naming: stillChanging,
                hint: "run again once they are complete, or run the daemon, which takes them when they settle",
                logger: logger)
        }
        waiting += scanner.skippedFiles
        // Stopped: the walk ended early, so what it never reached is counted afresh.
        let recount = Task.isCancelled ? Self.filesLeft(in: layout.inbox) : nil
        let leftByStop = recount?.files
        let left = recount.map { $0.files + $0.temporary } ?? waiting.count
        let now = IngestClock.nanosecondsSinceEpoch()
        let stale = waiting.filter { now - $0.modified > options.staleNanoseconds }.map(\.path).sorted()
        Self.warn(
            "files waiting in the inbox for too long", naming: stale,
            hint: "a file under a temporary name or still open for writing is never taken; rename or close it",
            logger: logger)
        for (path, reason) in scanner.skippedFolders {
            logger.warning(
                "inbox folder not read; its files wait in the inbox", metadata: ["file.path": "\(path)", "reason": "\(reason)"])
        }
        let unreadFiles = scanner.filesInSkippedFolders

        var regroupedDays: [String] = []
        do {
            // The day's stories from all its articles, before the run's digest reads them.
            regroupedDays = try store.regroupStories()
            if !regroupedDays.isEmpty { logger.debug("stories grouped again", metadata: ["days": "\(regroupedDays)"]) }
        } catch {
            logger.warning(
                "stories not grouped again; the next run tries", metadata: ["error": "\(error)", "file.path": "\(layout.database)"])
        }
        let seconds = Double(IngestClock.monotonicNanoseconds() - start) / 1e9
        do {
            try store.finishRun(runID, counts: counts, at: IngestClock.now())
        } catch {
            throw .store(error, path: layout.database)
        }
        logger.info(
            "run finished",
            metadata: [
                "files": "\(counts.filesSeen)", "stored": "\(counts.stored)", "duplicates": "\(counts.duplicates)",
                "failed": "\(counts.failed)", "deferred": "\(counts.deferred)",
                "left": "\(left + unreadFiles)",
                "folders_not_read": "\(scanner.skippedFolders.count)",
                "seconds": "\(Self.rounded(seconds, places: 3))",
                "files_per_second": "\(seconds > 0 ? Int(Double(counts.filesSeen) / seconds) : 0)",
            ])
        var summary = RunSummary(
            runID: runID, counts: counts, seconds: seconds, moveErrors: moveErrors,
            waiting: left + unreadFiles,
            stale: Array(stale.prefix(20)), staleCount: stale.count)
        summary.leftByStop = leftByStop
        summary.unreadFolders = scanner.skippedFolders.map { InboxFolder(path: $0.path, reason: $0.reason) }
        summary.stillChanging = Array(stillChanging.prefix(20))
        summary.stillChangingCount = stillChanging.count
        summary.regroupedDays = regroupedDays
        return summary
    }

    /// The files in `inbox` now: those a run would take, and those under a
    /// temporary name (folders it cannot enter aside); a listing, nothing is read.
    static func filesLeft(in inbox: String) -> (files: Int, temporary: Int) {
        let scanner = InboxScanner(inbox: inbox)
        var files = 0
        while (try? scanner.next()) != nil { files += 1 }
        return (files, scanner.skippedFiles.count)
    }

    /// Waits until the youngest of `entries` is as old as the settle time
    /// (at most that long), then sorts them: settled (size and modification
    /// time as first seen) or still changing (by path). A file gone meanwhile is neither.
    private func settle(_ entries: [InboxEntry]) async -> (settled: [InboxEntry], changing: [String]) {
        let now = IngestClock.nanosecondsSinceEpoch()
        let settle = options.settleNanoseconds
        let wait = entries.map { settle - (now - $0.modified) }.max().map { min(settle, max(0, $0)) } ?? 0
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait) + 10_000_000) }
        // Stopped while it waited: a file that looks still may only be written slowly; it stays.
        if Task.isCancelled { return ([], []) }
        var settled: [InboxEntry] = []
        var changing: [String] = []
        for entry in entries {
            guard let status = try? FileSystem.status(layout.inbox + "/" + entry.relativePath) else { continue }
            if status.isRegularFile, status.size == entry.size, status.modified == entry.modified {
                settled.append(entry)
            } else {
                changing.append(entry.relativePath)
            }
        }
        return (Self.inNameOrder(settled), changing)
    }

    /// Entries in name order (byte order): directory order is arbitrary, and
    /// name order gives stable article ids.
    static func inNameOrder(_ entries: [InboxEntry]) -> [InboxEntry] {
        entries.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }

    /// A warning naming `files` (at most 20 of them, with their count), unless there are none.
    private static func warn(_ message: Logger.Message, naming files: [String], hint: String, logger: Logger) {
        guard !files.isEmpty else { return }
        logger.warning(
            message,
            metadata: [
                "count": "\(files.count)", "files": "\(files.prefix(20).joined(separator: ", "))", "hint": "\(hint)",
            ])
    }

    /// The next settled entries of the walk, up to the batch's file and byte limits.
    private func nextBatch(
        _ scanner: InboxScanner, closedForWriting: Set<String>, counts: inout RunCounts,
        waiting: inout [(path: String, modified: Int64)], settling: inout [InboxEntry], suspects: inout [InboxEntry],
        refusedAfterCrashes: inout [String], logger: Logger
    ) throws(IntakeError) -> [InboxEntry] {
        var batch: [InboxEntry] = []
        var bytes = 0
        let now = IngestClock.nanosecondsSinceEpoch()
        while batch.count < options.batchFiles && bytes < options.batchBytes {
            let found: InboxEntry?
            do { found = try scanner.next() } catch { throw .fileSystem(error) }
            guard var entry = found else { break }
            let deaths = entry.refusal == nil ? crashes.deaths(of: entry.relativePath) : 0
            if deaths >= CrashRecord.deathsToRefuse {
                // Innocent files are stopped on too: one whose content is already
                // stored is archived, never failed; only the rest are refused.
                if deaths == CrashRecord.deathsToRefuse, let sha256 = storedContent(of: entry) {
                    entry.storedAs = sha256
                } else {
                    entry = entry.refused(
                        stage: "crash",
                        reason: "Gleaner stopped twice while reading this file (killed, out of memory, or stopped by "
                            + "the watchdog); it is not read a third time")
                }
                refusedAfterCrashes.append(entry.relativePath)
            }
            let age = now - entry.modified
            if entry.refusal == nil && abs(age) < options.settleNanoseconds
                && !closedForWriting.contains(entry.relativePath)
            {
                counts.deferred += 1
                waiting.append((entry.relativePath, entry.modified))
                settling.append(entry)
                logger.debug("file still being written, left for a later run", metadata: ["file.path": "\(entry.relativePath)"])
                continue
            }
            if entry.refusal == nil, deaths > 0 || entry.size > Self.largeFileBytes {
                // Read alone, after the others: a suspect so that a second death
                // names it, a large file so that the small ones beside it need
                // not wait for it.
                suspects.append(entry)
                continue
            }
            batch.append(entry)
            bytes += entry.size
        }
        return Self.inNameOrder(batch)
    }

    /// The SHA-256 of `entry`'s content when the store already holds it. The
    /// file is read (and inflated) but not extracted, while in flight: a death
    /// here is a third, after which the file is refused unread.
    private func storedContent(of entry: InboxEntry) -> String? {
        crashes.reading([entry.relativePath])
        defer { crashes.reading([]) }
        guard let contents = try? options.reader.read(path: layout.inbox + "/" + entry.relativePath),
            (try? store.articleID(sha256: contents.sha256)) != nil
        else { return nil }
        return contents.sha256
    }

    /// Reads and extracts `entries` on up to `workers` tasks at once, keeping
    /// their order; `progress` hears of every file done (the watchdog's proof of work).
    static func prepareAll(
        _ entries: [InboxEntry], preparer: FilePreparer, workers: Int, budget: UInt64,
        progress: @Sendable () -> Void = {}
    ) async -> [PreparedFile] {
        guard !entries.isEmpty else { return [] }
        let seen = IngestClock.now()
        let today = CalendarDay(iso: seen.day)
        return await withTaskGroup(of: (Int, PreparedFile).self) { group in
            var results = [PreparedFile?](repeating: nil, count: entries.count)
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask { (index, await preparer.prepare(entries[index], seen: seen, today: today, budget: budget)) }
            }
            while next < min(workers, entries.count) { startNext() }
            while let (index, file) = await group.next() {
                results[index] = file
                progress()
                if next < entries.count { startNext() }
            }
            return results.map { $0! }
        }
    }

    /// Records one batch in one transaction, then moves its files. Returns the count of failed moves.
    private func commit(_ prepared: [PreparedFile], runID: Int64, counts: inout RunCounts, logger: Logger)
        throws(IntakeError) -> Int
    {
        var records: [IntakeRecord] = []
        var timings: [Double] = []
        var identities: [String: FileIdentity] = [:]
        var rawPaths: [String: [UInt8]] = [:]
        for file in prepared {
            switch file {
            case .ready(let record, let ms, let identity, let rawPath):
                records.append(record)
                timings.append(ms)
                identities[record.path] = identity
                rawPaths[record.path] = rawPath
            case .deferred(let entry, let reason):
                counts.deferred += 1
                logger.debug(
                    "file changed while being read, left for a later run",
                    metadata: ["file.path": "\(entry.relativePath)", "reason": "\(reason)"])
            case .vanished(let entry):
                logger.info("file removed from the inbox before it was read", metadata: ["file.path": "\(entry.relativePath)"])
            }
        }
        guard !records.isEmpty else { return 0 }
        var mover = FileMover(layout: layout)
        var movedTo: [String: String] = [:]  // by path: a retried record is planned again
        let outcomes: [IntakeOutcome]
        do {
            outcomes = try store.record(records, run: runID) { record, outcome in
                let destination = mover.plan(
                    record, outcome: outcome, run: runID, identity: identities[record.path], rawPath: rawPaths[record.path])
                movedTo[record.path] = destination
                return destination
            }
        } catch let error as SQLiteError {
            throw .store(error, path: layout.database)
        } catch {
            throw .layout("\(error)")
        }
        let (moveErrors, replaced) = mover.moveAll()
        for error in moveErrors {
            logger.error("file not moved out of the inbox; the next run will", metadata: ["error": "\(error)"])
        }
        for path in replaced {
            logger.warning(
                "file replaced while it was read; what was read is recorded, the new file stays for the next run",
                metadata: ["file.path": "\(path)"])
        }
        for (index, outcome) in outcomes.enumerated() {
            counts.add(outcome)
            log(records[index], outcome: outcome, movedTo: movedTo[records[index].path] ?? "", ms: timings[index], logger: logger)
        }
        return moveErrors.count
    }

    private func log(_ record: IntakeRecord, outcome: IntakeOutcome, movedTo: String, ms: Double, logger: Logger) {
        var metadata: Logger.Metadata = [
            "file.path": "\(record.path)", "outcome": "\(outcome.name)", "moved_to": "\(movedTo)",
            "ms": "\(Self.rounded(ms, places: 2))",
        ]
        switch outcome {
        case .stored(let id):
            metadata["article.id"] = "\(id)"
            logger.info("file stored", metadata: metadata)
        case .duplicate(let id):
            metadata["article.id"] = "\(id)"
            logger.info("file is a duplicate", metadata: metadata)
        case .failed(let stage, let reason):
            metadata["stage"] = "\(stage)"
            metadata["reason"] = "\(reason)"
            logger.warning("file failed", metadata: metadata)
        }
    }

    /// Files larger than this on disk (4 MiB; most articles are a few KiB) are
    /// read in batches of their own, after the rest.
    static let largeFileBytes = 4 << 20

    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
