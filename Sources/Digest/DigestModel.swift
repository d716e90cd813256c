/// What one day's digest says, read from the store. Rendering turns it into
/// Markdown, JSON or HTML; nothing here reads files or the clock.
public struct DailyDigest: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var day: String
    /// Articles chosen by publication date instead of the day they were taken in.
    public var byPublished: Bool
    public var counts: DayCounts
    /// Files waiting in the inbox when the digest was made, if known.
    public var backlog: Int?
    /// The day's articles once near-duplicates are counted once.
    public var distinctArticles = 0
    /// How many stories the day's articles make.
    public var storyCount = 0
    /// The top stories, in full, ranked by size and novelty.
    public var stories: [Story] = []
    /// The next stories, title and size only.
    public var moreStories: [Story] = []
    /// Entities mentioned in more articles than on the previous days (ingestion view only).
    public var rising: [RisingEntity] = []
    /// Days of the previous seven that have articles: what "rising" compares with.
    public var earlierDays = 0
    public var people: [EntityCount] = []
    public var organizations: [EntityCount] = []
    public var places: [EntityCount] = []
    /// Entities seen for the first time ever on this day (ingestion view only).
    public var firstSeen: [NewEntity] = []
    public var firstSeenTotal = 0
    public var speakers: [SpeakerQuotes] = []
    public var unattributedQuotes = 0
    public var timeline: [TimelineEntry] = []
    public var figures: [Figure] = []
    /// How many articles the day has; they are streamed by an ``ArticleStream``.
    public var articleCount = 0
    public var failed: [FailedFile] = []

    public init(day: String, byPublished: Bool, counts: DayCounts) {
        self.day = day
        self.byPublished = byPublished
        self.counts = counts
    }
}

/// The day's numbers.
public struct DayCounts: Sendable, Equatable {
    public var stored = 0
    public var duplicates = 0
    public var failed = 0
    public var runs = 0
    public init() {}
}

/// Articles of the day about one thing: the near-duplicates of an article,
/// and other articles sharing its entities and keywords.
public struct Story: Sendable, Equatable {
    public var id: Int64
    /// The title of its most central article.
    public var title: String
    public var articles: Int
    public var distinctArticles: Int
    /// Share (0...1) of its main entities that no article of the previous seven days named.
    public var novelty: Double
    public var people: [String] = []
    public var organizations: [String] = []
    public var places: [String] = []
    public var quotes: [StoryQuote] = []
    /// The dates it mentions most, `YYYY-MM-DD` (or month, year, week).
    public var dates: [String] = []
    /// One or two sentences of its most central article that its title does not already say.
    public var summary = ""

    public init(id: Int64, title: String, articles: Int, distinctArticles: Int, novelty: Double) {
        self.id = id
        self.title = title
        self.articles = articles
        self.distinctArticles = distinctArticles
        self.novelty = novelty
    }
}

/// One article of a story, as `gleaner stories --json` lists it.
public struct StoryMember: Sendable, Equatable {
    public var id: Int64
    /// The inbox path it was first read from.
    public var file: String
    public var title: String
    /// The article it republishes with small edits, if it is a near-duplicate.
    public var nearDuplicateOf: Int64?

    public init(id: Int64, file: String, title: String, nearDuplicateOf: Int64?) {
        self.id = id
        self.file = file
        self.title = title
        self.nearDuplicateOf = nearDuplicateOf
    }
}

/// A quote of a story, with who said it.
public struct StoryQuote: Sendable, Equatable {
    public var text: String
    public var speaker: String
}

/// An entity the day's articles name more than the previous days' did.
public struct RisingEntity: Sendable, Equatable {
    public var name: String
    public var type: String
    /// Distinct articles naming it today.
    public var today: Int
    /// The mean over the previous seven days that have articles.
    public var previousMean: Double
    /// Distinct articles naming it on each of the eight days ending today, oldest first.
    public var series: [Int]
}

/// An entity with how often the day's articles mention it, and where.
public struct EntityCount: Sendable, Equatable {
    public var name: String
    public var type: String
    public var mentions: Int
    public var articles: Int
    /// Titles of the articles that mention it most (at most three).
    public var articleTitles: [String]
}

/// An entity first seen on the day.
public struct NewEntity: Sendable, Equatable {
    public var name: String
    public var type: String
}

/// What one speaker was quoted saying.
public struct SpeakerQuotes: Sendable, Equatable {
    public var speaker: String
    /// The entity type when the speaker is a known entity.
    public var type: String?
    public var total: Int
    /// The quotes shown (at most three), each with its article's title.
    public var quotes: [(text: String, title: String)]

    public static func == (a: SpeakerQuotes, b: SpeakerQuotes) -> Bool {
        a.speaker == b.speaker && a.type == b.type && a.total == b.total
            && a.quotes.map(\.text) == b.quotes.map(\.text) && a.quotes.map(\.title) == b.quotes.map(\.title)
    }
}

/// A date the articles mention, with the words around it.
public struct TimelineEntry: Sendable, Equatable {
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY-Www`.
    public var value: String
    public var articles: Int
    public var fragment: String
    public var title: String
}

/// An amount with what it counts.
public struct Figure: Sendable, Equatable {
    public var text: String
    public var value: Double
    public var about: String
    public var fragment: String
    public var title: String
}

/// One article of the day.
public struct DigestArticle: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var published: String?
    public var tag: String?
    public var sourceFile: String
    public var summary: String
    public var topEntities: [String]
    public var keywords: [String]
}

/// A file that was not an article, and why.
public struct FailedFile: Sendable, Equatable {
    public var path: String
    public var stage: String
    public var reason: String
    public var movedTo: String?
    public var seenAt: String
}

/// The receipt of one run: what it took and what it did with each file. The
/// files themselves are streamed by ``RunEntries``: a run can take 100,000.
public struct RunDigest: Sendable, Equatable {
    public var runID: Int64
    public var mode: String
    public var startedAt: String
    public var finishedAt: String?
    /// From the ledger, so a run that was stopped before it finished still counts right.
    public var counts: DayCounts
    public var deferred: Int
    /// The ingestion days the run touched (their daily digests change).
    public var days: [String]
}

/// One file of a run, as the ledger has it.
public struct RunEntry: Sendable, Equatable {
    public var path: String
    public var articleID: Int64?
    public var title: String?
    public var stage: String?
    public var reason: String?
    public var movedTo: String?
    public var seenAt: String
}

/// A run's files with one outcome, read from the ledger while the receipt is written.
public struct RunEntries {
    private let body: (String, (RunEntry) throws -> Void) throws -> Void

    /// `body(outcome, each)` calls `each` once per file with that outcome, in order.
    public init(_ body: @escaping (String, (RunEntry) throws -> Void) throws -> Void) {
        self.body = body
    }

    public func forEach(outcome: String, _ each: (RunEntry) throws -> Void) throws {
        try withoutActuallyEscaping(each) { try body(outcome, $0) }
    }
}

/// The day's articles, one at a time: a day can hold a hundred thousand, so
/// they are read from the store while the digest is written, never all held.
public struct ArticleStream {
    private let body: ((DigestArticle) throws -> Void) throws -> Void

    /// Articles produced by `body`, which calls its argument once per article, in order.
    public init(_ body: @escaping ((DigestArticle) throws -> Void) throws -> Void) {
        self.body = body
    }

    /// Articles already in memory.
    public init(_ articles: [DigestArticle]) {
        self.init { each in for article in articles { try each(article) } }
    }

    public func forEach(_ each: (DigestArticle) throws -> Void) throws {
        try withoutActuallyEscaping(each) { try body($0) }
    }
}

/// Where rendered text goes: a string in memory, a file, standard output.
public protocol DigestSink {
    mutating func write(_ text: String) throws
}

/// Collects the text in memory.
public struct StringSink: DigestSink {
    public private(set) var text = ""
    public init() {}
    public mutating func write(_ text: String) { self.text += text }
}
