import StateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// What intake is working on, kept on disk so that a process that dies
/// (kill -9, the watchdog, out of memory, a crash) on a file does not take
/// it again for ever.
///
/// Before a batch is read, its paths go to the in-flight file; after the
/// batch is committed and moved, the file is cleared. At start, paths left
/// in it each count one death in the suspects file. A suspect is then read
/// alone, in a batch of its own, so that a second death names it; a file
/// with two deaths is refused unread ("Gleaner stopped twice while reading
/// this file") and goes to `failed/`. A file read without dying is cleared.
/// Both files hold one inbox-relative path a line (suspects: count, tab, path).
final class CrashRecord {
    /// Deaths after which a file is refused unread.
    static let deathsToRefuse = 2

    private let inFlightPath: String
    private let suspectsPath: String
    private let temporary: String
    private(set) var deaths: [String: Int]

    init(layout: StateLayout) {
        inFlightPath = layout.inFlightFile
        suspectsPath = layout.suspectsFile
        temporary = layout.database + "." + FileSystem.temporaryPrefix + "crash"
        var deaths: [String: Int] = [:]
        for line in Self.lines(suspectsPath) {
            guard let tab = line.firstIndex(of: "\t"), let count = Int(line[..<tab]) else { continue }
            deaths[String(line[line.index(after: tab)...])] = count
        }
        // What the last process was working on when it stopped.
        let died = Self.lines(inFlightPath)
        for path in died { deaths[path, default: 0] += 1 }
        self.deaths = deaths
        if !died.isEmpty {
            saveSuspects()
            unlink(inFlightPath)
        }
    }

    /// Deaths recorded while `path` was in flight.
    func deaths(of path: String) -> Int { deaths[path] ?? 0 }

    /// Records `paths` as in flight (durably, before they are read).
    func begin(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        try? FileSystem.writeAtomically(
            Array(paths.joined(separator: "\n").utf8) + [0x0A], to: inFlightPath, temporary: temporary)
    }

    /// Nothing is in flight any more; `done` were read and recorded without dying.
    func finish(_ done: [String]) {
        unlink(inFlightPath)
        var changed = false
        for path in done where deaths.removeValue(forKey: path) != nil { changed = true }
        if changed { saveSuspects() }
    }

    private func saveSuspects() {
        if deaths.isEmpty {
            unlink(suspectsPath)
            return
        }
        let text = deaths.sorted { $0.key < $1.key }.map { "\($0.value)\t\($0.key)\n" }.joined()
        try? FileSystem.writeAtomically(Array(text.utf8), to: suspectsPath, temporary: temporary)
    }

    private static func lines(_ path: String) -> [String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[..<n]
            if bytes.count > 64 << 20 { break }  // a damaged file is not read without end
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
