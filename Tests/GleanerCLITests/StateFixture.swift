import ArticleStore
import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A temporary state directory with an inbox, for running the real
/// `gleaner run --once` and looking at what it left behind.
struct StateFixture {
    let root: String
    var inbox: String { root + "/inbox" }
    var database: String { root + "/gleaner.sqlite" }

    init() throws {
        root = try TestSupport.makeTemporaryDirectory("gleaner-state-")
        try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
    }

    func remove() {
        // Make everything removable first (tests chmod files to 000).
        _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+rwX", root]).waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes `bytes` to `inbox/name` with a modification time `age` seconds
    /// in the past, so the settle time does not hold it back (`nil`: just written).
    func drop(_ name: String, _ bytes: [UInt8], age: Double? = 30) throws {
        let path = inbox + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if let age { try self.age(path, by: age) }
    }

    func drop(_ name: String, _ text: String, age: Double? = 30) throws {
        try drop(name, Array(text.utf8), age: age)
    }

    /// Sets the modification time of `path` (not following a symlink) `seconds` into the past.
    func age(_ path: String, by seconds: Double) throws {
        let then = Date().timeIntervalSince1970 - seconds
        var times = [timespec](repeating: timespec(), count: 2)
        for i in 0..<2 {
            times[i].tv_sec = Int(then)
            times[i].tv_nsec = 0
        }
        guard utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Runs `gleaner run --once --state-dir ROOT`.
    func run(_ extra: [String] = [], environment: [String: String] = GleanerRun.environment(), launcher: [String] = [])
        throws -> GleanerRun
    {
        try GleanerRun(["run", "--once", "--state-dir", root] + extra, environment: environment, launcher: launcher)
    }

    /// The rows of `sql` against the state's database, read-only.
    func query(_ sql: String, _ parameters: SQLiteValue...) throws -> [[SQLiteValue]] {
        let connection = try SQLiteConnection(path: database, readOnly: true)
        let statement = try connection.prepare(sql)
        try statement.bind(parameters)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append((0..<statement.columnCount).map { statement.value(at: $0) }) }
        return rows
    }

    /// One value: the first column of the first row.
    func scalar(_ sql: String, _ parameters: SQLiteValue...) throws -> SQLiteValue {
        let connection = try SQLiteConnection(path: database, readOnly: true)
        let statement = try connection.prepare(sql)
        try statement.bind(parameters)
        return try statement.step() ? statement.value(at: 0) : .null
    }

    /// Every path under `directory` of the state (files, links, FIFOs; not
    /// directories unless empty-named-like-articles), relative, sorted.
    func entries(in directory: String) -> [String] {
        let base = root + "/" + directory
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var result: [String] = []
        while let path = walker.nextObject() as? String {
            var info = stat()
            guard lstat(base + "/" + path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT != S_IFDIR { result.append(path) }
        }
        return result.sorted()
    }

    /// The ledger's row for `path`: outcome, stage, reason, moved_to.
    func ledger(_ path: String) throws -> (outcome: String, stage: String?, reason: String?, movedTo: String?)? {
        guard let row = try query("SELECT outcome, stage, reason, moved_to FROM ledger WHERE path = ? ORDER BY id DESC", .text(path)).first
        else { return nil }
        return (row[0].text ?? "", row[1].text, row[2].text, row[3].text)
    }
}

/// A small article in the seed format, unique by `n`.
func article(_ n: Int, day: String = "2024-03-0\(1)") -> String {
    """
     date \(day) Mayor Ana Lopez of Leeds said on Monday that the council would spend \(n + 2) million pounds \
    on the new bridge. "We promised a bridge and we will build it," she said. Article number \(n).
    """
}
