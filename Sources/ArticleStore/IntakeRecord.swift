import ArticleExtraction
import ArticleLinking

/// A moment of intake: its UTC timestamp and the day it falls on in the
/// configured time zone (the day digests and `archive/` folders use).
public struct IngestTime: Sendable, Equatable {
    /// ISO 8601 in UTC, to the millisecond: `2026-11-25T13:47:07.120Z`.
    public let timestamp: String
    /// `YYYY-MM-DD` in the configured time zone.
    public let day: String

    public init(timestamp: String, day: String) {
        self.timestamp = timestamp
        self.day = day
    }
}

/// What intake learned about one file, ready to be recorded in the store.
public struct IntakeRecord: Sendable {
    /// The file's content: an extracted article, or why it could not be one.
    public enum Content: Sendable {
        case article(ExtractedArticle, sha256: String)
        case failure(stage: String, reason: String, sha256: String?)
        /// Content the store already holds, known by its hash and not extracted
        /// again (a file Gleaner stopped on after its article was stored).
        case stored(sha256: String)
    }

    /// The file's path relative to the inbox (`tag/name.txt`).
    public var path: String
    /// The size on disk in bytes, when it could be read.
    public var size: Int?
    /// The inbox subfolder the file came from, `nil` at the top level.
    public var tag: String?
    public var content: Content {
        didSet { signature = Self.signature(of: content) }
    }
    public var seen: IngestTime
    /// The MinHash signature of an article's body, made where the record is
    /// made (an intake worker), so that the single writer only compares.
    public private(set) var signature: TextSignature?

    public init(path: String, size: Int?, tag: String?, content: Content, seen: IngestTime) {
        self.path = path
        self.size = size
        self.tag = tag
        self.content = content
        self.seen = seen
        signature = Self.signature(of: content)
    }

    private static func signature(of content: Content) -> TextSignature? {
        if case .article(let article, _) = content { return TextSignature(article.body) }
        return nil
    }

    /// The SHA-256 of the decompressed content, when the file was read that far.
    public var sha256: String? {
        switch content {
        case .article(_, let sha256): sha256
        case .failure(_, _, let sha256): sha256
        case .stored(let sha256): sha256
        }
    }
}

/// What the store decided for one file. The ledger keeps it with the reason.
public enum IntakeOutcome: Sendable, Equatable {
    /// A new article, stored under this id.
    case stored(articleID: Int64)
    /// The same content as the stored article with this id; not stored again.
    case duplicate(articleID: Int64)
    /// Not an article: the stage (`open`, `read`, `gzip`, `decode`, `store`) and the reason.
    case failed(stage: String, reason: String)

    /// `stored`, `duplicate` or `failed`, as in the ledger's `outcome` column.
    public var name: String {
        switch self {
        case .stored: "stored"
        case .duplicate: "duplicate"
        case .failed: "failed"
        }
    }
}

/// Counts a run keeps in the `runs` table.
public struct RunCounts: Sendable, Equatable {
    public var filesSeen = 0
    public var stored = 0
    public var duplicates = 0
    public var failed = 0
    /// Files left in the inbox for a later run (still being written).
    public var deferred = 0

    public init() {}

    public mutating func add(_ outcome: IntakeOutcome) {
        filesSeen += 1
        switch outcome {
        case .stored: stored += 1
        case .duplicate: duplicates += 1
        case .failed: failed += 1
        }
    }
}
