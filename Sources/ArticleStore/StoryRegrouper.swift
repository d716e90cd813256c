import ArticleExtraction
import ArticleLinking

/// Groups a day's stories again from all its articles at once, after a run
/// that added to the day: the online placement of ``ArticleLinker`` sees only
/// the articles that came before, so its stories depend on arrival order;
/// ``DayClustering`` over the whole day does not. Story ids stay stable: each
/// new group keeps the id of the old story it shares most articles with.
/// Runs inside the writer, in its own transaction.
final class StoryRegrouper {
    private let connection: SQLiteConnection
    private let dayArticles, dayCopies, articleWords, articleEntities, dayStories, distinctCount, groupedCount: SQLiteStatement
    private let moveArticle, insertStory, followOriginals, recount, deleteEmpty, markGrouped: SQLiteStatement
    private let waitingDays: SQLiteStatement

    /// A day is grouped again once its distinct articles grew by this share
    /// since it was last grouped (and by one article at least): a busy day is
    /// not regrouped after every file, and no more than a tenth of it waits.
    static let growthShare = 10
    /// Articles that did not make a day due are grouped in at the first run
    /// this long after the day was last grouped: the daemon's periodic rescan
    /// runs even when the inbox is quiet, so a day's last articles never wait for the next day.
    static let waitSeconds = 300

    init(_ c: SQLiteConnection) throws(SQLiteError) {
        connection = c
        // The day's distinct articles, then per article its words and the canonical entities it names
        // (entities that are one canonical entity summed), each read by key. Whatever order the files
        // came in, the grouping reads the same: an article and its same-day near-duplicates are read
        // as the one of them whose text has the least SHA-256 (the first to arrive is the one counted,
        // and copies differ a little), articles come in the order of that SHA-256 and entities in the
        // order of their canonical key, so the grouping's ties and sums run the same way.
        dayArticles = try c.prepare(
            "SELECT d.id, a.sha256 FROM counted_articles d JOIN articles a ON a.id = d.id WHERE d.day = ?1")
        dayCopies = try c.prepare(
            "SELECT near_duplicate_of, id, sha256 FROM articles WHERE ingested_day = ?1 AND near_duplicate_of IS NOT NULL")
        articleWords = try c.prepare("SELECT words FROM article_words WHERE article_id = ?1")
        articleEntities = try c.prepare(
            """
            SELECT e.key, SUM(m.count) FROM mentions m JOIN canonical_entities e ON e.id = m.canonical_id
            WHERE m.article_id = ?1 GROUP BY m.canonical_id ORDER BY e.key
            """)
        dayStories = try c.prepare(
            "SELECT sa.article_id, sa.story_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE s.day = ?1")
        distinctCount = try c.prepare("SELECT COUNT(*) FROM counted_articles WHERE day = ?1")
        groupedCount = try c.prepare(
            """
            SELECT grouped_articles, COALESCE(grouped_at, '') <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?2)
            FROM story_days WHERE day = ?1
            """)
        waitingDays = try c.prepare(
            """
            SELECT c.day FROM (SELECT day, COUNT(*) AS distinct_articles FROM counted_articles GROUP BY day) c
            LEFT JOIN story_days g ON g.day = c.day WHERE c.distinct_articles > COALESCE(g.grouped_articles, 0)
            ORDER BY c.day
            """)
        moveArticle = try c.prepare("UPDATE story_articles SET story_id = ?1, score = NULL WHERE article_id = ?2")
        insertStory = try c.prepare("INSERT INTO stories (day, first_article_id) VALUES (?1, ?2)")
        // A copy of an article of the same day stays in its original's story.
        followOriginals = try c.prepare(
            """
            UPDATE story_articles SET story_id = (SELECT x.story_id FROM story_articles x
                JOIN articles a ON a.id = story_articles.article_id WHERE x.article_id = a.near_duplicate_of)
            WHERE article_id IN (SELECT a.id FROM articles a JOIN articles o ON o.id = a.near_duplicate_of
                WHERE a.ingested_day = ?1 AND o.ingested_day = a.ingested_day)
            """)
        recount = try c.prepare(
            """
            UPDATE stories SET
                articles = (SELECT COUNT(*) FROM story_articles sa WHERE sa.story_id = stories.id),
                distinct_articles = (SELECT COUNT(*) FROM story_articles sa JOIN counted_articles d ON d.id = sa.article_id
                    WHERE sa.story_id = stories.id),
                first_article_id = (SELECT MIN(sa.article_id) FROM story_articles sa WHERE sa.story_id = stories.id)
            WHERE day = ?1
            """)
        deleteEmpty = try c.prepare("DELETE FROM stories WHERE day = ?1 AND articles = 0")
        markGrouped = try c.prepare(
            """
            INSERT INTO story_days (day, grouped_articles, grouped_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ON CONFLICT (day) DO UPDATE SET grouped_articles = excluded.grouped_articles, grouped_at = excluded.grouped_at
            """)
    }

    /// Where a day stands against its last whole grouping.
    enum Standing {
        /// Nothing new since.
        case grouped
        /// New articles that are not yet worth grouping the day again for.
        case waiting
        /// Grown by ``growthShare`` (or one article, on a day never grouped),
        /// or with articles waiting since ``waitSeconds`` or longer.
        case due
    }

    /// Where `day` stands.
    func standing(of day: String) throws(SQLiteError) -> Standing {
        let distinct = Int(try distinctCount.firstValue(.text(day))?.integer ?? 0)
        try groupedCount.bind([.text(day), .text("-\(Self.waitSeconds) seconds")])
        var grouped = 0
        var longAgo = true
        if try groupedCount.step() {
            grouped = Int(groupedCount.value(at: 0).integer ?? 0)
            longAgo = groupedCount.value(at: 1).integer == 1
        }
        let growth = distinct - grouped
        if growth <= 0 { return .grouped }
        return growth >= max(1, grouped / Self.growthShare) || longAgo ? .due : .waiting
    }

    /// Every day with articles its last whole grouping did not see: at open,
    /// the days a run stopped before grouping, that a migration left to be
    /// grouped again, or whose last articles were waiting.
    func daysWaiting() throws(SQLiteError) -> [String] {
        try waitingDays.bind([])
        var days: [String] = []
        while try waitingDays.step() { if let day = waitingDays.value(at: 0).text { days.append(day) } }
        return days
    }

    /// Groups the stories of `day` again.
    func regroup(_ day: String) throws(SQLiteError) {
        let key = SQLiteValue.text(day)
        let ids = try articlesAsRead(day: key)
        // Its words and pairs, and about as many entities as a long article names.
        var day = DayClustering(articles: ids.count, termsPerArticle: ContentWords.limit + ContentWords.pairLimit + 20)
        for (id, read) in ids {
            day.start(article: id)
            try articleWords.bind([.integer(read)])
            if try articleWords.step(), let words = articleWords.value(at: 0).text {
                Self.decode(words) { term, count in
                    let isPair = term.contains(ContentWords.pairSeparator)
                    day.add(article: id, term: term, count: count, weight: isPair ? DayClustering.pairWeight : 1)
                }
            }
            try articleEntities.bind([.integer(read)])
            while try articleEntities.step() {
                guard let entity = articleEntities.value(at: 0).text else { continue }
                day.add(article: id, term: "@" + entity, count: Int(articleEntities.value(at: 1).integer ?? 1))
            }
        }
        var oldStory: [Int64: Int64] = [:]
        try dayStories.bind([key])
        while try dayStories.step() {
            if let article = dayStories.value(at: 0).integer, let story = dayStories.value(at: 1).integer {
                oldStory[article] = story
            }
        }
        let groups = day.stories()
        // Largest groups choose first; each keeps the old story it shares most articles with.
        let bySize = groups.indices.sorted { groups[$0].count != groups[$1].count ? groups[$0].count > groups[$1].count : $0 < $1 }
        var taken: Set<Int64> = []
        for g in bySize {
            var overlap: [Int64: Int] = [:]
            for article in groups[g] { if let story = oldStory[article] { overlap[story, default: 0] += 1 } }
            let kept = overlap.filter { !taken.contains($0.key) }
                .max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            let story: Int64
            if let kept {
                story = kept
            } else {
                try insertStory.run(key, .integer(groups[g][0]))
                story = connection.lastInsertRowID
            }
            taken.insert(story)
            for article in groups[g] where oldStory[article] != story {
                try moveArticle.run(.integer(story), .integer(article))
            }
        }
        try followOriginals.run(key)
        try recount.run(key)
        try deleteEmpty.run(key)
        try markGrouped.run(key, .integer(Int64(day.ids.count)))
    }

    /// The day's counted articles, each with the member of its same-day
    /// near-duplicate family it is read as (the one whose text has the least
    /// SHA-256), in the order of that SHA-256.
    private func articlesAsRead(day key: SQLiteValue) throws(SQLiteError) -> [(counted: Int64, read: Int64)] {
        var read: [Int64: (id: Int64, sha256: String)] = [:]
        try dayArticles.bind([key])
        while try dayArticles.step() {
            if let id = dayArticles.value(at: 0).integer { read[id] = (id, dayArticles.value(at: 1).text ?? "") }
        }
        try dayCopies.bind([key])
        while try dayCopies.step() {
            guard let original = dayCopies.value(at: 0).integer, let copy = dayCopies.value(at: 1).integer,
                let current = read[original], let sha = dayCopies.value(at: 2).text, sha < current.sha256
            else { continue }
            read[original] = (copy, sha)
        }
        return read.sorted { $0.value.sha256 < $1.value.sha256 }.map { ($0.key, $0.value.id) }
    }

    /// The stored form of an article's words: "word 3 other 2".
    static func encode(_ words: [WordCount]) -> String {
        words.map { "\($0.word) \($0.count)" }.joined(separator: " ")
    }

    /// Reads the stored form back, word by word.
    static func decode(_ text: String, _ each: (Substring, Int) -> Void) {
        var word: Substring?
        for part in text.split(separator: " ") {
            if let w = word {
                each(w, Int(part) ?? 1)
                word = nil
            } else {
                word = part
            }
        }
    }

    /// Writes the words of every stored article that has none: what the
    /// migration to schema 4 (stems and word pairs) runs on an existing store.
    static func storeWordsOfExisting(_ connection: SQLiteConnection) throws(SQLiteError) {
        let ids = try connection.rows(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_words) ORDER BY id"
        ).compactMap { $0[0].integer }
        let insert = try connection.prepare("INSERT INTO article_words (article_id, words) VALUES (?, ?)")
        for id in ids {
            guard let body = try connection.rows("SELECT body FROM articles WHERE id = ?", .integer(id)).first?[0].text
            else { continue }
            try insert.run(.integer(id), .text(encode(ContentWords.counts(in: body))))
        }
    }
}
