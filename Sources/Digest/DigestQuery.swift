import ArticleExtraction
import ArticleStore

/// Reads digests from the store. Every value is bound, never spliced into SQL;
/// the only text put into SQL is one of two fixed filters.
public struct DigestQuery {
    public let connection: SQLiteConnection

    /// Entities listed per type, speakers, timeline dates and figures shown.
    public static let topEntities = 10
    public static let topSpeakers = 15
    public static let timelineDates = 40
    public static let figureCount = 20
    public static let firstSeenShown = 60
    /// Stories shown in full, stories listed by title after them, and the
    /// largest stories whose novelty is weighed to rank them.
    public static let storiesInFull = 10
    public static let storiesListed = 50
    public static let storiesRanked = 150
    /// Entities shown as rising, and the fewest distinct articles that count.
    public static let risingShown = 8
    public static let risingMinimum = 3


    public init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// The digest of `day`: articles taken in that day, or published that day when `byPublished`.
    public func daily(day: String, byPublished: Bool = false, backlog: Int? = nil) throws(SQLiteError) -> DailyDigest {
        let filter = byPublished ? "a.published = ?1" : "a.ingested_day = ?1"
        let d = SQLiteValue.text(day)
        var counts = DayCounts()
        for row in try connection.rows("SELECT outcome, count(*) FROM ledger WHERE seen_day = ? GROUP BY outcome", d) {
            let n = Int(row[1].integer ?? 0)
            switch row[0].text {
            case "stored": counts.stored = n
            case "duplicate": counts.duplicates = n
            case "failed": counts.failed = n
            default: break
            }
        }
        counts.runs = Int(try connection.scalar("SELECT count(DISTINCT run_id) FROM ledger WHERE seen_day = ?", d).integer ?? 0)
        if byPublished {
            counts.stored = Int(try connection.scalar("SELECT count(*) FROM articles a WHERE \(filter)", d).integer ?? 0)
        }
        var digest = DailyDigest(day: day, byPublished: byPublished, counts: counts)
        digest.backlog = backlog
        digest.distinctArticles = Int(
            try connection.scalar("SELECT count(DISTINCT coalesce(a.near_duplicate_of, a.id)) FROM articles a WHERE \(filter)", d)
                .integer ?? 0)
        var earlier: [Int64: [Int]] = [:]
        if !byPublished { (digest.earlierDays, earlier) = try previousWeek(day) }
        (digest.storyCount, digest.stories, digest.moreStories) = try stories(
            filter: filter, day: d, byPublished: byPublished, earlier: earlier, inFull: Self.storiesInFull,
            listed: Self.storiesListed)
        digest.people = try entities(type: "person", filter: filter, day: d)
        digest.organizations = try entities(type: "organization", filter: filter, day: d)
        digest.places = try entities(type: "location", filter: filter, day: d)
        if !byPublished {
            let fresh = "FROM canonical_entities WHERE first_seen_day = ? AND type IN ('person', 'organization', 'location')"
            digest.firstSeenTotal = Int(try connection.scalar("SELECT count(*) \(fresh)", d).integer ?? 0)
            digest.firstSeen = try connection.rows(
                """
                SELECT c.name, c.type FROM canonical_entities c
                LEFT JOIN mentions m ON m.canonical_id = c.id
                WHERE c.first_seen_day = ? AND c.type IN ('person', 'organization', 'location')
                GROUP BY c.id ORDER BY sum(m.count) DESC, c.name LIMIT ?
                """, d, .integer(Int64(Self.firstSeenShown))
            ).map { NewEntity(name: $0[0].text ?? "", type: $0[1].text ?? "") }
            if digest.earlierDays > 0 { digest.rising = try rising(day: day, earlier: earlier, earlierDays: digest.earlierDays) }
        }
        try quotes(into: &digest, filter: filter, day: d)
        // The groups first, the passage around each chosen mention after: a body
        // carried through the grouping sort was copied once per mention (a
        // 17 MB article with 100,000 dates made a temporary file of gigabytes).
        digest.timeline = try connection.rows(
            """
            SELECT d.value, count(DISTINCT coalesce(a.near_duplicate_of, a.id)), min(d.id)
            FROM dates d JOIN articles a ON a.id = d.article_id
            WHERE \(filter)
            GROUP BY d.value ORDER BY 2 DESC, d.value LIMIT ?
            """, d, .integer(Int64(Self.timelineDates))
        ).map { row throws(SQLiteError) in
            let (fragment, title) = try passage(table: .dates, id: row[2])
            return TimelineEntry(
                value: row[0].text ?? "", articles: Int(row[1].integer ?? 0), fragment: fragment, title: title)
        }.sorted { $0.value < $1.value }
        digest.figures = try connection.rows(
            """
            SELECT m.text, max(m.value), m.about, min(m.id)
            FROM amounts m JOIN articles a ON a.id = m.article_id
            WHERE \(filter) AND m.about IS NOT NULL
            GROUP BY m.text, m.about ORDER BY max(m.value) DESC LIMIT ?
            """, d, .integer(Int64(Self.figureCount))
        ).map { row throws(SQLiteError) in
            let (fragment, title) = try passage(table: .amounts, id: row[3])
            return Figure(
                text: row[0].text ?? "", value: row[1].real ?? 0, about: row[2].text ?? "", fragment: fragment,
                title: title)
        }
        digest.articleCount = Int(try connection.scalar("SELECT count(*) FROM articles a WHERE \(filter)", d).integer ?? 0)
        digest.failed = try connection.rows(
            "SELECT path, stage, reason, moved_to, seen_at FROM ledger WHERE seen_day = ? AND outcome = 'failed' ORDER BY id",
            d
        ).map {
            FailedFile(
                path: $0[0].text ?? "", stage: $0[1].text ?? "", reason: $0[2].text ?? "", movedTo: $0[3].text,
                seenAt: $0[4].text ?? "")
        }
        return digest
    }

    /// The words around the mention `id` of `table` (dates or amounts) in its article, and the article's title.
    private func passage(table: MentionTable, id: SQLiteValue) throws(SQLiteError) -> (String, String) {
        let sql: String
        switch table {
        case .dates:
            sql = """
                SELECT substr(a.body, max(1, instr(a.body, x.text) - 70), length(x.text) + 140), a.title
                FROM dates x JOIN articles a ON a.id = x.article_id WHERE x.id = ?
                """
        case .amounts:
            sql = """
                SELECT substr(a.body, max(1, instr(a.body, x.text) - 70), length(x.text) + 140), a.title
                FROM amounts x JOIN articles a ON a.id = x.article_id WHERE x.id = ?
                """
        }
        let row = try connection.rows(sql, id).first
        return (Self.fragment(row?[0].text ?? ""), row?[1].text ?? "")
    }

    private enum MentionTable { case dates, amounts }

    private func entities(type: String, filter: String, day: SQLiteValue) throws(SQLiteError) -> [EntityCount] {
        let top = try connection.rows(
            """
            SELECT c.id, c.name, sum(m.count), count(DISTINCT coalesce(a.near_duplicate_of, a.id))
            FROM mentions m JOIN canonical_entities c ON c.id = m.canonical_id JOIN articles a ON a.id = m.article_id
            WHERE \(filter) AND c.type = ?2
            GROUP BY c.id ORDER BY sum(m.count) DESC, 4 DESC, c.name LIMIT ?3
            """, day, .text(type), .integer(Int64(Self.topEntities)))
        let titles = try connection.prepare(
            """
            SELECT a.title FROM mentions m JOIN articles a ON a.id = m.article_id
            WHERE m.canonical_id = ?2 AND \(filter) GROUP BY a.title ORDER BY max(m.count) DESC, min(a.id) LIMIT 3
            """)
        var result: [EntityCount] = []
        for row in top {
            try titles.bind([day, row[0]])
            var names: [String] = []
            while try titles.step() { names.append(titles.value(at: 0).text ?? "") }
            result.append(
                EntityCount(
                    name: row[1].text ?? "", type: type, mentions: Int(row[2].integer ?? 0),
                    articles: Int(row[3].integer ?? 0), articleTitles: names))
        }
        return result
    }

    /// The canonical entities of the seven days before `day`: how many days
    /// of them have articles, and per entity its distinct articles on each
    /// (index 0 is seven days before).
    private func previousWeek(_ day: String) throws(SQLiteError) -> (days: Int, counts: [Int64: [Int]]) {
        guard let today = CalendarDay(iso: day) else { return (0, [:]) }
        let days = (1...7).reversed().map { CalendarDay(ordinal: today.ordinal - $0).description }
        let statement = try connection.prepare(
            "SELECT day, canonical_id, articles FROM canonical_days WHERE day >= ?1 AND day <= ?2 AND articles > 0")
        try statement.bind([.text(days[0]), .text(days[6])])
        var counts: [Int64: [Int]] = [:]
        var daysWithArticles: Set<String> = []
        while try statement.step() {
            guard let dayText = statement.value(at: 0).text, let index = days.firstIndex(of: dayText),
                let id = statement.value(at: 1).integer
            else { continue }
            daysWithArticles.insert(dayText)
            counts[id, default: Array(repeating: 0, count: 7)][index] = Int(statement.value(at: 2).integer ?? 0)
        }
        return (daysWithArticles.count, counts)
    }

    /// Entities named in at least ``risingMinimum`` distinct articles today and
    /// in more than twice the mean (plus one) of the previous seven days that
    /// have articles; entities first seen today are new, not rising.
    private func rising(day: String, earlier: [Int64: [Int]], earlierDays: Int) throws(SQLiteError) -> [RisingEntity] {
        let rows = try connection.rows(
            """
            SELECT c.id, c.name, c.type, d.articles FROM canonical_days d JOIN canonical_entities c ON c.id = d.canonical_id
            WHERE d.day = ?1 AND d.articles >= ?2 AND c.type IN ('person', 'organization', 'location')
              AND c.first_seen_day < ?1
            """, .text(day), .integer(Int64(Self.risingMinimum)))
        var result: [RisingEntity] = []
        for row in rows {
            let before = earlier[row[0].integer ?? 0] ?? Array(repeating: 0, count: 7)
            let today = Int(row[3].integer ?? 0)
            let mean = Double(before.reduce(0, +)) / Double(earlierDays)
            guard Double(today) > 2 * mean + 1 else { continue }
            result.append(
                RisingEntity(
                    name: row[1].text ?? "", type: row[2].text ?? "", today: today, previousMean: mean,
                    series: before + [today]))
        }
        result.sort {
            let (a, b) = (Double($0.today) - $0.previousMean, Double($1.today) - $1.previousMean)
            return a != b ? a > b : $0.name < $1.name
        }
        return Array(result.prefix(Self.risingShown))
    }

    /// The stories of `day` (`gleaner stories`): how many, the first `inFull`
    /// in full and the next `listed` by title, ranked by size and novelty.
    public func stories(day: String, byPublished: Bool = false, inFull: Int, listed: Int) throws(SQLiteError)
        -> (count: Int, full: [Story], more: [Story])
    {
        let filter = byPublished ? "a.published = ?1" : "a.ingested_day = ?1"
        let earlier = byPublished ? [:] : try previousWeek(day).counts
        return try stories(
            filter: filter, day: .text(day), byPublished: byPublished, earlier: earlier, inFull: inFull, listed: listed)
    }

    /// The articles of story `id`, in id order.
    public func storyMembers(_ id: Int64) throws(SQLiteError) -> [StoryMember] {
        try connection.rows(
            """
            SELECT a.id, a.source_file, a.title, a.near_duplicate_of FROM story_articles sa
            JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.id
            """, .integer(id)
        ).map { row in
            StoryMember(id: row[0].integer ?? 0, file: row[1].text ?? "", title: row[2].text ?? "", nearDuplicateOf: row[3].integer)
        }
    }

    /// The day's stories: how many, the largest ranked by size and novelty
    /// (size alone past ``storiesRanked``), the top ones in full.
    private func stories(
        filter: String, day: SQLiteValue, byPublished: Bool, earlier: [Int64: [Int]], inFull: Int, listed: Int
    ) throws(SQLiteError) -> (count: Int, full: [Story], more: [Story]) {
        var full: [Story] = [], more: [Story] = []
        let sizes = try connection.rows(
            """
            SELECT sa.story_id, count(*), count(DISTINCT coalesce(a.near_duplicate_of, a.id))
            FROM story_articles sa JOIN articles a ON a.id = sa.article_id
            WHERE \(filter) GROUP BY sa.story_id ORDER BY 3 DESC, 2 DESC, sa.story_id
            """, day)
        var ranked: [(story: Story, entities: [(name: String, type: String, articles: Int)], score: Double)] = []
        for row in sizes.prefix(max(Self.storiesRanked, inFull + listed)) {
            let id = row[0].integer ?? 0
            let entities = try connection.rows(
                """
                SELECT c.id, c.name, c.type, count(DISTINCT coalesce(a.near_duplicate_of, a.id))
                FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                JOIN mentions m ON m.article_id = a.id JOIN canonical_entities c ON c.id = m.canonical_id
                WHERE sa.story_id = ? AND c.type IN ('person', 'organization', 'location')
                GROUP BY c.id ORDER BY 4 DESC, sum(m.count) DESC, c.name
                LIMIT 20
                """, .integer(id))
            let main = entities.prefix(5).compactMap { $0[0].integer }
            let novelty = main.isEmpty || byPublished
                ? 0 : Double(main.filter { earlier[$0] == nil }.count) / Double(main.count)
            let distinct = Int(row[2].integer ?? 0)
            let story = Story(id: id, title: "", articles: Int(row[1].integer ?? 0), distinctArticles: distinct, novelty: novelty)
            ranked.append((story, entities.map { ($0[1].text ?? "", $0[2].text ?? "", Int($0[3].integer ?? 1)) }, Double(distinct) * (1 + novelty)))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.story.id < $1.story.id }
        // The most central article: the one whose features most of the story's articles share.
        let members = try connection.prepare(
            """
            SELECT sa.article_id, a.title, af.feature FROM story_articles sa JOIN articles a ON a.id = sa.article_id
            LEFT JOIN article_features af ON af.article_id = sa.article_id
            WHERE sa.story_id = ? ORDER BY sa.article_id
            """)
        for (index, entry) in ranked.prefix(inFull + listed).enumerated() {
            var story = entry.story
            try members.bind([.integer(story.id)])
            var articles: [(id: Int64, title: String, features: [String])] = []
            var shared: [String: Int] = [:]
            while try members.step() {
                let id = members.value(at: 0).integer ?? 0
                if articles.last?.id != id { articles.append((id, members.value(at: 1).text ?? "", [])) }
                if let feature = members.value(at: 2).text {
                    articles[articles.count - 1].features.append(feature)
                    shared[feature, default: 0] += 1
                }
            }
            guard !articles.isEmpty else { continue }
            let central = articles.max { a, b in
                let (x, y) = (a.features.reduce(0) { $0 + shared[$1]! }, b.features.reduce(0) { $0 + shared[$1]! })
                return x != y ? x < y : a.id > b.id
            }!
            let centralID = central.id
            story.title = central.title
            guard index < inFull else {
                more.append(story)
                continue
            }
            func top(_ type: String) -> [String] { Array(entry.entities.filter { $0.type == type }.prefix(3).map(\.name)) }
            story.people = top("person")
            story.organizations = top("organization")
            story.places = top("location")
            // The names its distinct articles share, or an article's own where it stands alone.
            let recurring = entry.entities.filter { $0.articles >= 2 }
            let mainNames = Set((recurring.isEmpty ? entry.entities : recurring).map(\.name))
            // What the story is about, in words: the keywords and names two or more of its articles share.
            let topicWords = shared.filter { $0.key.hasPrefix("k:") && $0.value >= 2 }.map { String($0.key.dropFirst(2)) }
                + recurring.map { $0.name.lowercased() }
            story.quotes = try storyQuotes(story.id, central: centralID, mainNames: mainNames, topicWords: topicWords)
            let lead = try connection.rows("SELECT summary FROM articles WHERE id = ?", .integer(centralID)).first?[0].text
            story.summary = DigestText.cardSummary(lead ?? "", title: story.title)
            story.dates = try connection.rows(
                """
                SELECT d.value FROM story_articles sa JOIN articles a ON a.id = sa.article_id JOIN dates d ON d.article_id = a.id
                WHERE sa.story_id = ? GROUP BY d.value
                ORDER BY count(DISTINCT coalesce(a.near_duplicate_of, a.id)) DESC, length(d.value) = 10 DESC, d.value DESC
                LIMIT 3
                """, .integer(story.id)
            ).compactMap { $0[0].text }
            full.append(story)
        }
        return (sizes.count, full, more)
    }

    /// Up to two quotes of a story with named speakers: a person before a
    /// body, a speaker among the story's main names before one who is not,
    /// a quote that says one of the story's `topicWords` (lower case) first, then the
    /// central article's, a sentence before a fragment. The second is by a
    /// main name, on the topic or from the first's article (a bulletin of
    /// several items brings quotes of its other items); a second speaker is
    /// preferred to a second quote of the first.
    private func storyQuotes(
        _ story: Int64, central: Int64, mainNames: Set<String>, topicWords: [String]
    ) throws(SQLiteError) -> [StoryQuote] {
        let rows = try connection.rows(
            """
            SELECT q.text, coalesce(c.name, q.speaker), c.type = 'person', sa.article_id FROM story_articles sa
            JOIN quotes q ON q.article_id = sa.article_id
            LEFT JOIN mentions m ON m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id
            LEFT JOIN canonical_entities c ON c.id = m.canonical_id
            WHERE sa.story_id = ?1 AND q.speaker IS NOT NULL
            ORDER BY sa.article_id, q.position
            LIMIT 200
            """, .integer(story))
        let quotes = rows.enumerated().map { index, row in
            let quote = StoryQuote(text: row[0].text ?? "", speaker: row[1].text ?? "")
            let article = row[3].integer ?? 0
            let lowered = quote.text.lowercased()
            let onTopic = topicWords.contains { lowered.contains($0) }
            let rank = [row[2].integer == 1 ? 1 : 0, mainNames.contains(quote.speaker) ? 1 : 0, onTopic ? 1 : 0,
                        article == central ? 1 : 0, quote.text.utf8.count >= 40 ? 1 : 0, -index]
            return (quote: quote, article: article, onTopic: onTopic, rank: rank)
        }.sorted { $1.rank.lexicographicallyPrecedes($0.rank) }
        guard let first = quotes.first else { return [] }
        let related = quotes.dropFirst().filter {
            mainNames.contains($0.quote.speaker) || $0.onTopic || $0.article == first.article
        }
        let second = related.first { $0.quote.speaker != first.quote.speaker && $0.quote.text != first.quote.text }
            ?? related.first { $0.quote.text != first.quote.text }
        return [first.quote] + (second.map { [$0.quote] } ?? [])
    }

    private func quotes(into digest: inout DailyDigest, filter: String, day: SQLiteValue) throws(SQLiteError) {
        let statement = try connection.prepare(
            """
            SELECT COALESCE(c.name, q.speaker), c.type, q.text, a.title
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN mentions m ON m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id
            LEFT JOIN canonical_entities c ON c.id = m.canonical_id
            WHERE \(filter) ORDER BY a.id, q.position
            """)
        try statement.bind([day])
        var bySpeaker: [String: SpeakerQuotes] = [:]
        var order: [String] = []
        // A quote repeated by a near-duplicate, or by another outlet, counts once.
        var seen: Set<String> = []
        while try statement.step() {
            let text = statement.value(at: 2).text ?? ""
            guard let speaker = statement.value(at: 0).text else {
                if seen.insert("\u{0}" + text).inserted { digest.unattributedQuotes += 1 }
                continue
            }
            guard seen.insert(speaker + "\u{0}" + text).inserted else { continue }
            let title = statement.value(at: 3).text ?? ""
            if bySpeaker[speaker] == nil {
                order.append(speaker)
                bySpeaker[speaker] = SpeakerQuotes(speaker: speaker, type: statement.value(at: 1).text, total: 0, quotes: [])
            }
            bySpeaker[speaker]!.total += 1
            bySpeaker[speaker]!.quotes = Self.shown(bySpeaker[speaker]!.quotes, adding: (text, title))
        }
        // Known entities first, then by how much they said; ties keep article order.
        let ranked = order.enumerated().sorted { x, y in
            let a = bySpeaker[x.element]!, b = bySpeaker[y.element]!
            if (a.type != nil) != (b.type != nil) { return a.type != nil }
            if a.total != b.total { return a.total > b.total }
            return x.offset < y.offset
        }
        digest.speakers = ranked.prefix(Self.topSpeakers).map { bySpeaker[$0.element]! }
    }

    /// How many quotes of a speaker the digest shows.
    static let quotesPerSpeaker = 3
    /// A quote of this many words or more is speech, not a fragment ("tough", "in decline").
    static let speechWords = 6

    /// The quotes shown for a speaker after `quote` comes, in article order:
    /// the first ``quotesPerSpeaker``, except that a quote of speech takes the
    /// place of the last fragment among them.
    static func shown(_ quotes: [(text: String, title: String)], adding quote: (text: String, title: String))
        -> [(text: String, title: String)]
    {
        func isSpeech(_ text: String) -> Bool { text.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) } >= speechWords }
        var quotes = quotes
        if quotes.count < quotesPerSpeaker {
            quotes.append(quote)
        } else if isSpeech(quote.text), let fragment = quotes.lastIndex(where: { !isSpeech($0.text) }) {
            quotes.remove(at: fragment)
            quotes.append(quote)
        }
        return quotes
    }

    /// The articles of `day`, read one at a time while the digest is written:
    /// three cursors in article order (articles, their names, their keywords)
    /// merged as they go.
    public func articles(day: String, byPublished: Bool = false) -> ArticleStream {
        let filter = byPublished ? "a.published = ?1" : "a.ingested_day = ?1"
        let connection = self.connection
        return ArticleStream { each in
            let d = SQLiteValue.text(day)
            let list = try connection.prepare(
                "SELECT a.id, a.title, a.published, a.tag, a.source_file, a.summary FROM articles a WHERE \(filter) ORDER BY a.id")
            let names = try connection.prepare(
                """
                SELECT m.article_id, c.name FROM mentions m JOIN canonical_entities c ON c.id = m.canonical_id
                JOIN articles a ON a.id = m.article_id
                WHERE \(filter) AND c.type IN ('person', 'organization', 'location')
                ORDER BY m.article_id, m.count DESC, c.name
                """)
            let keywords = try connection.prepare(
                """
                SELECT k.article_id, k.keyword FROM keywords k JOIN articles a ON a.id = k.article_id
                WHERE \(filter) AND k.position < 5 ORDER BY k.article_id, k.position
                """)
            for statement in [list, names, keywords] { try statement.bind([d]) }
            var namesLeft = try names.step()
            var keywordsLeft = try keywords.step()
            while try list.step() {
                let id = list.value(at: 0).integer ?? 0
                var article = DigestArticle(
                    id: id, title: list.value(at: 1).text ?? "", published: list.value(at: 2).text,
                    tag: list.value(at: 3).text, sourceFile: list.value(at: 4).text ?? "",
                    summary: list.value(at: 5).text ?? "", topEntities: [], keywords: [])
                while namesLeft, let other = names.value(at: 0).integer, other <= id {
                    if other == id, article.topEntities.count < 4 { article.topEntities.append(names.value(at: 1).text ?? "") }
                    namesLeft = try names.step()
                }
                while keywordsLeft, let other = keywords.value(at: 0).integer, other <= id {
                    if other == id { article.keywords.append(keywords.value(at: 1).text ?? "") }
                    keywordsLeft = try keywords.step()
                }
                try each(article)
            }
        }
    }

    /// The receipt of run `id`, or `nil` when there is no such run.
    public func run(_ id: Int64) throws(SQLiteError) -> RunDigest? {
        guard
            let row = try connection.rows(
                "SELECT mode, started_at, finished_at, deferred FROM runs WHERE id = ?", .integer(id)
            ).first
        else { return nil }
        var counts = DayCounts()
        counts.runs = 1
        for outcome in try connection.rows("SELECT outcome, count(*) FROM ledger WHERE run_id = ? GROUP BY outcome", .integer(id)) {
            let n = Int(outcome[1].integer ?? 0)
            switch outcome[0].text {
            case "stored": counts.stored = n
            case "duplicate": counts.duplicates = n
            default: counts.failed = n
            }
        }
        let days = try connection.rows("SELECT DISTINCT seen_day FROM ledger WHERE run_id = ? ORDER BY 1", .integer(id))
        return RunDigest(
            runID: id, mode: row[0].text ?? "", startedAt: row[1].text ?? "", finishedAt: row[2].text, counts: counts,
            deferred: Int(row[3].integer ?? 0), days: days.compactMap { $0[0].text })
    }

    /// The files of run `id`, one outcome at a time, read as they are written out.
    public func runEntries(_ id: Int64) -> RunEntries {
        let connection = self.connection
        return RunEntries { outcome, each in
            let statement = try connection.prepare(
                """
                SELECT l.path, a.id, a.title, l.stage, l.reason, l.moved_to, l.seen_at
                FROM ledger l LEFT JOIN articles a ON a.id = l.article_id
                WHERE l.run_id = ? AND l.outcome = ? ORDER BY l.id
                """)
            try statement.bind([.integer(id), .text(outcome)])
            while try statement.step() {
                try each(
                    RunEntry(
                        path: statement.value(at: 0).text ?? "", articleID: statement.value(at: 1).integer,
                        title: statement.value(at: 2).text, stage: statement.value(at: 3).text,
                        reason: statement.value(at: 4).text, movedTo: statement.value(at: 5).text,
                        seenAt: statement.value(at: 6).text ?? ""))
            }
        }
    }

    /// The words around a mention, on one line, with an ellipsis where cut.
    static func fragment(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        let words = oneLine.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 2 else { return oneLine }
        // Drop the partial words at both cut ends.
        return "…" + words.dropFirst().dropLast().joined(separator: " ") + "…"
    }
}
