import ArticleStore
import StateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// Writes digests into the state's `digests/` directory, each file whole or
/// not at all (temporary name, `fsync`, rename): a reader sees the old file
/// or the new one, never half. Run digests go to
/// `runs/<UTC start>-<run id>.md|json`, daily ones to `daily/YYYY-MM-DD.md|json|html`
/// and `daily/YYYY-MM-DD-articles.md`.
public struct DigestWriter {
    public let directory: String
    public let query: DigestQuery
    /// Run digests older than this many days are removed; daily digests are kept.
    public let keepRunDays: Int

    public init(directory: String, connection: SQLiteConnection, keepRunDays: Int = 30) {
        self.directory = directory
        self.query = DigestQuery(connection: connection)
        self.keepRunDays = keepRunDays
        // What a killed writer left behind.
        for folder in [directory + "/runs", directory + "/daily"] {
            FileSystem.removeEntries(in: folder, prefix: FileSystem.temporaryPrefix)
        }
    }

    /// Writes the receipts of runs `ids`, regenerates once each the daily
    /// digests of the days they touched and of `alsoDays` (days whose stories
    /// were grouped again), and removes old receipts. Returns the days regenerated.
    @discardableResult
    public func afterRuns(_ ids: [Int64], alsoDays: Set<String> = [], backlog: Int?) throws -> [String] {
        var days = alsoDays
        for id in ids {
            guard let run = try query.run(id) else { continue }
            try write(run)
            days.formUnion(run.days)
        }
        for day in days.sorted() { try writeDaily(day: day, backlog: backlog) }
        removeOldRunDigests()
        return days.sorted()
    }

    /// `runs/<start>-<id>.md` and `.json`.
    @discardableResult
    public func write(_ run: RunDigest) throws -> [String] {
        let stamp = run.startedAt.filter { $0 != "-" && $0 != ":" }.prefix(15) + "Z"
        let base = directory + "/runs/\(stamp)-\(run.runID)"
        let entries = query.runEntries(run.runID)
        try FileSystem.makeDirectories(directory + "/runs")
        try save(base + ".md") { try MarkdownRenderer.render(run, entries: entries, to: &$0) }
        try save(base + ".json") { try JSONRenderer.render(run, entries: entries, to: &$0) }
        return [base + ".md", base + ".json"]
    }

    /// `daily/DAY.md`, `DAY-articles.md`, `DAY.json` and `DAY.html`, from the
    /// store as it is now. The articles are streamed from the store into the
    /// files, so memory does not grow with the size of the day.
    @discardableResult
    public func writeDaily(day: String, backlog: Int?) throws -> [String] {
        let digest = try query.daily(day: day, backlog: backlog)
        let articles = query.articles(day: day)
        let base = directory + "/daily/" + day
        try FileSystem.makeDirectories(directory + "/daily")
        try save(base + ".md") { try MarkdownRenderer.render(digest, to: &$0) }
        try save(base + "-articles.md") { try MarkdownRenderer.renderArticles(digest, articles: articles, to: &$0) }
        try save(base + ".json") { try JSONRenderer.render(digest, articles: articles, to: &$0) }
        try save(base + ".html") { try HTMLRenderer.render(digest, articles: articles, to: &$0) }
        return [base + ".md", base + "-articles.md", base + ".json", base + ".html"]
    }

    /// The run ids that have both their digest files, Markdown and JSON (a
    /// stop can come between the two).
    public func runsWithDigests() -> Set<Int64> {
        let names = FileSystem.names(in: directory + "/runs")
        func ids(_ suffix: String) -> Set<Int64> {
            Set(names.compactMap { name -> Int64? in
                guard name.hasSuffix(suffix), let dash = name.lastIndex(of: "-") else { return nil }
                return Int64(name[name.index(after: dash)...].dropLast(suffix.count))
            })
        }
        return ids(".md").intersection(ids(".json"))
    }

    /// Removes run digests whose start is more than `keepRunDays` days ago.
    public func removeOldRunDigests() {
        let cutoff = IngestClock.utcDayNumber(secondsAgo: keepRunDays * 86_400)
        for name in FileSystem.names(in: directory + "/runs") where !name.hasPrefix(".") {
            guard let stamp = Int(name.prefix(8)), stamp < cutoff else { continue }
            unlink(directory + "/runs/" + name)
        }
    }

    /// Renders into `path` through a temporary file, which then replaces it whole.
    private func save(_ path: String, _ render: (inout FileSink) throws -> Void) throws {
        let temporary = FileSystem.parentDirectory(path) + "/" + FileSystem.temporaryPrefix + "\(getpid())"
        var sink = FileSink(file: try AtomicFile(path: path, temporary: temporary))
        try render(&sink)
        try sink.commit()
    }
}

/// Text written into an ``AtomicFile`` in blocks of 64 KiB.
public struct FileSink: DigestSink {
    private let file: AtomicFile
    private var buffer: [UInt8] = []

    public init(file: AtomicFile) {
        self.file = file
    }

    public mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 {
            try file.append(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is buffered and puts the file in place.
    public mutating func commit() throws {
        try file.append(buffer)
        buffer.removeAll()
        try file.commit()
    }
}
