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
        digest.people = try entities(type: "person", filter: filter, day: d)
        digest.organizations = try entities(type: "organization", filter: filter, day: d)
        digest.places = try entities(type: "location", filter: filter, day: d)
        if !byPublished {
            let fresh = "FROM entities WHERE first_seen_day = ? AND type IN ('person', 'organization', 'location')"
            digest.firstSeenTotal = Int(try connection.scalar("SELECT count(*) \(fresh)", d).integer ?? 0)
            digest.firstSeen = try connection.rows(
                """
                SELECT e.name, e.type FROM entities e
                LEFT JOIN mentions m ON m.entity_id = e.id
                WHERE e.first_seen_day = ? AND e.type IN ('person', 'organization', 'location')
                GROUP BY e.id ORDER BY sum(m.count) DESC, e.name LIMIT ?
                """, d, .integer(Int64(Self.firstSeenShown))
            ).map { NewEntity(name: $0[0].text ?? "", type: $0[1].text ?? "") }
        }
        try quotes(into: &digest, filter: filter, day: d)
        // The groups first, the passage around each chosen mention after: a body
        // carried through the grouping sort was copied once per mention (a
        // 17 MB article with 100,000 dates made a temporary file of gigabytes).
        digest.timeline = try connection.rows(
            """
            SELECT d.value, count(DISTINCT d.article_id), min(d.id)
            FROM dates d JOIN articles a ON a.id = d.article_id
            WHERE \(filter)
            GROUP BY d.value ORDER BY count(DISTINCT d.article_id) DESC, d.value LIMIT ?
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
            SELECT e.id, e.name, sum(m.count), count(*)
            FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
            WHERE \(filter) AND e.type = ?2
            GROUP BY e.id ORDER BY sum(m.count) DESC, count(*) DESC, e.name LIMIT ?3
            """, day, .text(type), .integer(Int64(Self.topEntities)))
        let titles = try connection.prepare(
            """
            SELECT a.title FROM mentions m JOIN articles a ON a.id = m.article_id
            WHERE m.entity_id = ?2 AND \(filter) ORDER BY m.count DESC, a.id LIMIT 3
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

    private func quotes(into digest: inout DailyDigest, filter: String, day: SQLiteValue) throws(SQLiteError) {
        let statement = try connection.prepare(
            """
            SELECT COALESCE(e.name, q.speaker), e.type, q.text, a.title
            FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity_id
            WHERE \(filter) ORDER BY a.id, q.position
            """)
        try statement.bind([day])
        var bySpeaker: [String: SpeakerQuotes] = [:]
        var order: [String] = []
        while try statement.step() {
            guard let speaker = statement.value(at: 0).text else {
                digest.unattributedQuotes += 1
                continue
            }
            let text = statement.value(at: 2).text ?? ""
            let title = statement.value(at: 3).text ?? ""
            if bySpeaker[speaker] == nil {
                order.append(speaker)
                bySpeaker[speaker] = SpeakerQuotes(speaker: speaker, type: statement.value(at: 1).text, total: 0, quotes: [])
            }
            bySpeaker[speaker]!.total += 1
            if bySpeaker[speaker]!.quotes.count < 3 { bySpeaker[speaker]!.quotes.append((text, title)) }
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
                SELECT m.article_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
                JOIN articles a ON a.id = m.article_id
                WHERE \(filter) AND e.type IN ('person', 'organization', 'location')
                ORDER BY m.article_id, m.count DESC, e.name
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
