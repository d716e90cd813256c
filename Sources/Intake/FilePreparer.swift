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

    /// Reads, hashes and extracts `entry`; never throws: what goes wrong is the record's reason.
    func prepare(_ entry: InboxEntry, seen: IngestTime, today: CalendarDay?) -> PreparedFile {
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
        do {
            let article = try extractor.extract(contents.bytes, ingestedOn: today)
            return done(.article(article, sha256: contents.sha256), size: contents.sizeOnDisk, identity: contents.identity)
        } catch {
            return done(
                .failure(stage: "decode", reason: error.reason, sha256: contents.sha256), size: contents.sizeOnDisk,
                identity: contents.identity)
        }
    }
}
