import ArticleStore
import StateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// What intake is working on, kept on disk so that a process that dies
/// (kill -9, the watchdog, out of memory, a crash) on a file does not take
/// it again for ever.
///
/// While a batch is read (opened, inflated, decoded, extracted), its paths
/// are in the in-flight file; once read, before it is committed, synced and
/// moved, the file is cleared: a death then is no file's fault. At start,
/// paths left in it each count one death in the suspects file. A suspect is
/// then read alone, in a batch of its own, so that a second death names it;
/// a file with two deaths is refused ("Gleaner stopped twice while reading
/// this file") and goes to `failed/`, unless its content is already stored
/// (then it is archived); with three it is refused unread. A file read and
/// recorded without dying is cleared.
/// Both files hold one inbox-relative path a line (suspects: count, tab,
/// path), after a first line that ties the two: the in-flight file's
/// generation, and in the suspects file the generation it counted.
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
        var counted: Substring?
        for line in Self.lines(suspectsPath) {
            if line.hasPrefix(Self.countedMark) {
                counted = line.dropFirst(Self.countedMark.count)
                continue
            }
            guard let tab = line.firstIndex(of: "\t"), let count = Int(line[..<tab]) else { continue }
            deaths[String(line[line.index(after: tab)...])] = count
        }
        // What the last process was working on when it stopped. The record names
        // the in-flight file it counted: a start killed between counting and
        // removing that file does not count the same death twice.
        let inFlight = Self.lines(inFlightPath)
        let generation = inFlight.first { $0.hasPrefix(Self.generationMark) }.map { $0.dropFirst(Self.generationMark.count) }
        let died = inFlight.filter { !$0.hasPrefix(Self.generationMark) }
        if generation == nil || generation != counted {
            for path in died { deaths[path, default: 0] += 1 }
        }
        self.deaths = deaths
        countedGeneration = generation.map(String.init)
        if !inFlight.isEmpty {
            saveSuspects()
            unlink(inFlightPath)
        }
    }

    /// The in-flight file's first line: `#generation N`, unique per write.
    private static let generationMark = "#generation "
    /// The suspects file's line naming the in-flight generation already counted.
    private static let countedMark = "#counted "
    /// The generation of the in-flight file whose deaths the suspects file holds.
    private var countedGeneration: String?
    /// Distinguishes this process's in-flight writes from every other's.
    private let processMark = "\(getpid())-\(IngestClock.monotonicNanoseconds())"
    private var writes = 0

    /// Deaths recorded while `path` was in flight.
    func deaths(of path: String) -> Int { deaths[path] ?? 0 }

    /// Records `paths` as in flight (durably, before they are read).
    func begin(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        writes += 1
        let text = Self.generationMark + processMark + "-\(writes)\n" + paths.joined(separator: "\n") + "\n"
        try? FileSystem.writeAtomically(Array(text.utf8), to: inFlightPath, temporary: temporary)
    }

    /// `paths` are being read now, and nothing else: the in-flight file names
    /// them, or is removed when there are none.
    func reading(_ paths: [String]) {
        if paths.isEmpty {
            unlink(inFlightPath)
        } else {
            begin(paths)
        }
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
        var text = countedGeneration.map { Self.countedMark + $0 + "\n" } ?? ""
        text += deaths.sorted { $0.key < $1.key }.map { "\($0.value)\t\($0.key)\n" }.joined()
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
