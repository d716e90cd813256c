import ArticleExtraction
import ArticleFile
import ArticleStore

#if canImport(Glibc)
    import Glibc
#endif

/// A file read and extracted, ready for the store, or a reason to leave it for later.
enum PreparedFile: Sendable {
    /// What the store must record, how long reading and extracting took, and
    /// which file was read (`nil` when it was refused unread), and the bytes of
    /// its path when they are not UTF-8 (``InboxEntry/rawRelativePath``).
    case ready(IntakeRecord, milliseconds: Double, identity: FileIdentity?, rawPath: [UInt8]? = nil)
    /// Still being written (changed during the settle time or while read): left in the inbox.
    case deferred(InboxEntry, reason: String)
    /// Gone before it was read (someone took it back): nothing to account for.
    case vanished(InboxEntry)

    var milliseconds: Double {
        if case .ready(_, let ms, _, _) = self { ms } else { 0 }
    }
}

/// Reads and extracts inbox files. Pure apart from reading the file; safe to
/// use from many tasks at once.
struct FilePreparer: Sendable {
    let inbox: String
    let reader: ArticleFileReader
    let extractor: ArticleExtractor
    /// Lets one large text at a time be extracted (their memory is what bounds the daemon's).
    let gate: LargeTextGate

    /// Reads, hashes and extracts `entry` within `budget` nanoseconds of
    /// extraction; never throws: what goes wrong is the record's reason.
    func prepare(_ entry: InboxEntry, seen: IngestTime, today: CalendarDay?, budget: UInt64) async -> PreparedFile {
        let start = IngestClock.monotonicNanoseconds()
        func done(_ content: IntakeRecord.Content, size: Int?, identity: FileIdentity? = nil) -> PreparedFile {
            let ms = Double(IngestClock.monotonicNanoseconds() - start) / 1_000_000
            return .ready(
                IntakeRecord(path: entry.relativePath, size: size, tag: entry.tag, content: content, seen: seen),
                milliseconds: ms, identity: identity, rawPath: entry.rawRelativePath)
        }
        if let refusal = entry.refusal {
            return done(.failure(stage: refusal.stage, reason: refusal.reason, sha256: nil), size: nil)
        }
        let contents: ArticleFileContents
        do {
            contents = try reader.read(path: inbox + "/" + entry.relativePath)
        } catch {
            if error.systemError == ENOENT { return .vanished(entry) }
            return done(.failure(stage: error.stage.rawValue, reason: error.reason, sha256: nil), size: entry.size)
        }
        if contents.sizeOnDisk != entry.size {
            return .deferred(entry, reason: "its size changed from \(entry.size) to \(contents.sizeOnDisk) bytes")
        }
        if let stored = entry.storedAs, stored == contents.sha256 {
            return done(.stored(sha256: stored), size: contents.sizeOnDisk, identity: contents.identity)
        }
        let large = contents.bytes.count > LargeTextGate.largeTextBytes
        if large { await gate.enter() }
        let extractionStart = IngestClock.monotonicNanoseconds()
        let content: IntakeRecord.Content
        do {
            let article = try extractor.extract(contents.bytes, ingestedOn: today) {
                IngestClock.monotonicNanoseconds() - extractionStart > budget
            }
            content = .article(article, sha256: contents.sha256)
        } catch {
            content = .failure(stage: "decode", reason: error.reason, sha256: contents.sha256)
        }
        if large { await gate.leave() }
        return done(content, size: contents.sizeOnDisk, identity: contents.identity)
    }
}

/// Lets one extraction of a large text run at a time. Extraction takes about
/// 18 times the text's size in memory at its peak (a 50 MB hostile text, the
/// largest a gzip file may inflate to, took 911 MB), so with every worker on
/// such a file the daemon's memory would follow the worker count; through
/// the gate it is one large text plus small ones.
actor LargeTextGate {
    /// Texts larger than this (4 MiB decoded) pass one at a time.
    static let largeTextBytes = 4 << 20

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
