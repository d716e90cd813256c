import ArticleLinking

/// One stored article, as the linker needs it.
struct LinkableArticle {
    /// One of the article's entities, with the row `entities` keeps for it.
    struct Entity {
        var entityID: Int64
        var name: String
        var type: String
        var mentions: Int
        var aliases: [String]
    }

    var id: Int64
    var day: String
    var seenAt: String
    var body: String
    var entities: [Entity]
    var keywords: [String]
}

/// Links a newly stored article to what the store already holds: each of its
/// entities to a canonical entity, the article to the one it near-duplicates,
/// and the article to a story of its day. Runs inside the writer's
/// transaction, after the article's rows are written; the decisions are
/// made by ``NameForms``, ``TextSignature`` and ``StoryMatching``.
final class ArticleLinker {
    private let connection: SQLiteConnection
    private let s: Statements

    init(_ connection: SQLiteConnection) throws(SQLiteError) {
        self.connection = connection
        s = try Statements(connection)
    }

    func link(_ article: LinkableArticle) throws(SQLiteError) {
        var canonicalIDs: [(id: Int64, type: String, mentions: Int)] = []
        // Full names first, so their short forms are known to the one-word names after them.
        let ordered = article.entities.sorted { NameForms.words($0.name).count > NameForms.words($1.name).count }
        for entity in ordered {
            let id = try canonicalID(for: entity, day: article.day, seenAt: article.seenAt)
            try s.setMentionCanonical.run(.integer(id), .integer(article.id), .integer(entity.entityID))
            try vote(id, type: entity.type, by: 1)
            try registerForms(of: entity, canonicalID: id, day: article.day, seenAt: article.seenAt)
            canonicalIDs.append((id, entity.type, entity.mentions))
        }
        let nearDuplicate = try findNearDuplicate(article)
        let named = canonicalIDs.filter { ["person", "organization", "location", "group"].contains($0.type) }
            .sorted { $0.mentions > $1.mentions }.map(\.id)
        try placeInStory(article, nearDuplicateOf: nearDuplicate, entities: named)
    }

    // MARK: Canonical entities

    private func canonicalID(for entity: LinkableArticle.Entity, day: String, seenAt: String) throws(SQLiteError) -> Int64 {
        let oneWord = NameForms.words(entity.name).count == 1
        if oneWord, entity.type == "person" || entity.type == "other",
            let full = try s.dayShortForm.firstValue(.text(day), .text(NameForms.key(entity.name)))?.integer
        {
            return full
        }
        let (key, name) = NameForms.canonical(entity.name)
        let id: Int64
        if let known = try s.formLookup.firstValue(.text(key))?.integer {
            id = known
        } else {
            id = try create(key: key, name: name, origin: name == entity.name ? "name" : "place", day: day, seenAt: seenAt)
        }
        // "US" is kept as a form of "United States", so that it finds it too.
        let surface = NameForms.key(entity.name)
        if surface != key { try s.insertFormIfNew.run(.text(surface), .integer(id), .text("place")) }
        return id
    }

    private func create(key: String, name: String, origin: String, day: String, seenAt: String) throws(SQLiteError) -> Int64 {
        try s.insertCanonical.run(.text(key), .text(name), .text(seenAt), .text(day))
        let id = connection.lastInsertRowID
        try s.insertForm.run(.text(key), .integer(id), .text(origin))
        return id
    }

    private func vote(_ id: Int64, type: String, by change: Int64) throws(SQLiteError) {
        try s.vote.run(.integer(change), .text(type), .integer(id))
    }

    /// An acronym the article expands becomes a form of this entity, in every
    /// article: an earlier entity that was only the acronym is merged in. The
    /// first and last word of a person's full name, and its one-word
    /// aliases, stand for it in the other articles of the day.
    private func registerForms(of entity: LinkableArticle.Entity, canonicalID id: Int64, day: String, seenAt: String)
        throws(SQLiteError)
    {
        for alias in entity.aliases where NameForms.isAcronym(alias) && !NameForms.isAcronym(entity.name) {
            let form = NameForms.key(alias)
            if let existing = try s.formLookup.firstValue(.text(form))?.integer {
                if existing != id, try s.canonicalKey.firstValue(.integer(existing))?.text == form {
                    try merge(existing, into: id)
                }
            } else {
                try s.insertForm.run(.text(form), .integer(id), .text("acronym"))
            }
        }
        guard entity.type == "person", NameForms.words(entity.name).count > 1 else { return }
        var words = NameForms.words(entity.name).map(String.init)
        words = [words.first!, words.last!].filter { NameForms.shortForms(ofPerson: entity.name).contains(NameForms.key($0)) }
        words += entity.aliases.filter { NameForms.words($0).count == 1 && !NameForms.isAcronym($0) }
        for word in words { try registerShortForm(word, of: id, day: day, seenAt: seenAt) }
    }

    private func registerShortForm(_ word: String, of id: Int64, day: String, seenAt: String) throws(SQLiteError) {
        let form = NameForms.key(word)
        let row = try connection.rows("SELECT canonical_id FROM day_short_forms WHERE day = ? AND form = ?", .text(day), .text(form))
        if row.isEmpty {
            try s.insertDayShortForm.run(.text(day), .text(form), .integer(id))
            try relinkOneWordMentions(word, day: day, seenAt: seenAt, to: id)
        } else if let other = row[0][0].integer, other != id {
            // Two full names of the day share the form: it stands for neither.
            try s.clearDayShortForm.run(.text(day), .text(form))
            let own = try s.formLookup.firstValue(.text(form))?.integer
            try relinkOneWordMentions(word, day: day, seenAt: seenAt, to: own, from: other)
        }
    }

    /// Moves the day's mentions of the one-word entity `word` (typed person
    /// or other) to `target`: the full name, or back to the word's own entity.
    private func relinkOneWordMentions(
        _ word: String, day: String, seenAt: String, to target: Int64?, from source: Int64? = nil
    )
        throws(SQLiteError)
    {
        for type in ["person", "other"] {
            guard let entityID = try s.entityByName.firstValue(.text(word), .text(type))?.integer else { continue }
            let rows = try connection.rows(
                """
                SELECT m.article_id, m.canonical_id FROM mentions m JOIN articles a ON a.id = m.article_id
                WHERE m.entity_id = ? AND a.ingested_day = ? AND m.canonical_id IS NOT NULL
                """, .integer(entityID), .text(day))
            for row in rows {
                guard let article = row[0].integer, let current = row[1].integer, current != target else { continue }
                if let source, current != source { continue }
                let destination: Int64
                if let target {
                    destination = target
                } else {
                    let (key, name) = NameForms.canonical(word)
                    destination = try create(key: key, name: name, origin: "name", day: day, seenAt: seenAt)
                }
                try s.setMentionCanonical.run(.integer(destination), .integer(article), .integer(entityID))
                try vote(current, type: type, by: -1)
                try vote(destination, type: type, by: 1)
            }
        }
    }

    /// Moves everything of canonical entity `old` to `new` and removes `old`.
    private func merge(_ old: Int64, into new: Int64) throws(SQLiteError) {
        let (o, n) = (SQLiteValue.integer(old), SQLiteValue.integer(new))
        try connection.rows(
            """
            UPDATE canonical_entities SET
                person_votes = person_votes + (SELECT person_votes FROM canonical_entities WHERE id = ?1),
                organization_votes = organization_votes + (SELECT organization_votes FROM canonical_entities WHERE id = ?1),
                location_votes = location_votes + (SELECT location_votes FROM canonical_entities WHERE id = ?1),
                group_votes = group_votes + (SELECT group_votes FROM canonical_entities WHERE id = ?1),
                other_votes = other_votes + (SELECT other_votes FROM canonical_entities WHERE id = ?1),
                first_seen_at = min(first_seen_at, (SELECT first_seen_at FROM canonical_entities WHERE id = ?1)),
                first_seen_day = min(first_seen_day, (SELECT first_seen_day FROM canonical_entities WHERE id = ?1))
            WHERE id = ?2
            """, o, n)
        try connection.rows("UPDATE mentions SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        try connection.rows("UPDATE canonical_forms SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        try connection.rows("UPDATE day_short_forms SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        try connection.rows("DELETE FROM canonical_entities WHERE id = ?1", o)
    }

    // MARK: Near-duplicates

    /// Compares the body's signature with those of earlier articles that share
    /// a band; records the best similarity and, at or over the threshold, the
    /// article it near-duplicates. Only originals are indexed: a copy of a
    /// copy is a copy of the original.
    private func findNearDuplicate(_ article: LinkableArticle) throws(SQLiteError) -> Int64? {
        let signature = TextSignature(article.body)
        guard !signature.isEmpty else { return nil }
        let bands = signature.bandKeys
        try s.candidates.bind([.text("[" + bands.map(String.init).joined(separator: ",") + "]")])
        var candidates: [Int64] = []
        while try s.candidates.step() {
            if let id = s.candidates.value(at: 0).integer, id != article.id { candidates.append(id) }
        }
        var best: (id: Int64, similarity: Double)?
        for candidate in candidates {
            guard let hex = try s.signature.firstValue(.integer(candidate))?.text, let other = TextSignature(hex: hex)
            else { continue }
            let similarity = signature.similarity(to: other)
            if best == nil || similarity > best!.similarity || (similarity == best!.similarity && candidate < best!.id) {
                best = (candidate, similarity)
            }
        }
        let duplicateOf = best.flatMap { $0.similarity >= StoryMatching.nearDuplicateThreshold ? $0.id : nil }
        try s.setSignature.run(
            .text(signature.hex), best.map { .real($0.similarity) } ?? .null, SQLiteValue(duplicateOf), .integer(article.id))
        if duplicateOf == nil {
            for band in bands { try s.insertBand.run(.integer(band), .integer(article.id)) }
        }
        return duplicateOf
    }

    // MARK: Stories

    /// A near-duplicate joins its original's story when that is of the same
    /// day; any other article joins the best-scoring story of its day, or
    /// starts one.
    private func placeInStory(_ article: LinkableArticle, nearDuplicateOf original: Int64?, entities: [Int64])
        throws(SQLiteError)
    {
        let day = SQLiteValue.text(article.day)
        if let original, let row = try connection.rows(
            "SELECT s.id FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ? AND s.day = ?",
            .integer(original), day
        ).first, let story = row[0].integer {
            try s.insertStoryArticle.run(.integer(article.id), .integer(story), .real(1))
            try s.countStoryArticle.run(.integer(0), .integer(story))
            return
        }
        let features = StoryMatching.features(entities: entities, keywords: article.keywords)
        var frequency: [String: Int] = [:]
        var candidates: [Int64: StoryMatching.Candidate] = [:]
        for feature in features {
            frequency[feature] = Int(try s.dayFeature.firstValue(day, .text(feature))?.integer ?? 0)
            try s.storiesWithFeature.bind([day, .text(feature)])
            while try s.storiesWithFeature.step() {
                guard let story = s.storiesWithFeature.value(at: 0).integer else { continue }
                let count = Int(s.storiesWithFeature.value(at: 1).integer ?? 0)
                candidates[story, default: StoryMatching.Candidate(storyID: story, articles: 0, featureCounts: [:])]
                    .featureCounts[feature] = count
            }
        }
        for id in candidates.keys {
            candidates[id]!.articles = Int(try s.storyDistinct.firstValue(.integer(id))?.integer ?? 0)
        }
        let dayArticles = Int(try s.dayFeature.firstValue(day, .text(Self.allArticles))?.integer ?? 0)
        let best = StoryMatching.bestStory(
            features: features, documentFrequency: frequency, dayArticles: dayArticles,
            candidates: Array(candidates.values))
        let story: Int64
        if let best {
            story = best.storyID
        } else {
            try s.insertStory.run(day, .integer(article.id))
            story = connection.lastInsertRowID
        }
        try s.insertStoryArticle.run(.integer(article.id), .integer(story), best.map { .real($0.score) } ?? .null)
        try s.countStoryArticle.run(.integer(1), .integer(story))
        for feature in features {
            try s.insertArticleFeature.run(.integer(article.id), .text(feature))
            try s.countStoryFeature.run(day, .text(feature), .integer(story))
            try s.countDayFeature.run(day, .text(feature))
        }
        try s.countDayFeature.run(day, .text(Self.allArticles))
    }

    /// The `day_features` row that counts the day's distinct articles.
    static let allArticles = "*"

    /// Links every stored article that has not been linked, in the order they
    /// were stored: what the migration to schema 2 runs on an existing store.
    func linkExisting() throws(SQLiteError) {
        let articles = try connection.rows(
            "SELECT id, ingested_day, ingested_at, body FROM articles WHERE signature IS NULL ORDER BY id")
        for row in articles {
            let id = SQLiteValue.integer(row[0].integer ?? 0)
            let entities = try connection.rows(
                """
                SELECT e.id, e.name, e.type, m.count, m.aliases FROM mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id = ?
                """, id
            ).map { entity in
                LinkableArticle.Entity(
                    entityID: entity[0].integer ?? 0, name: entity[1].text ?? "", type: entity[2].text ?? "",
                    mentions: Int(entity[3].integer ?? 0), aliases: Self.strings(fromJSONArray: entity[4].text ?? "[]"))
            }
            let keywords = try connection.rows("SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position", id)
                .compactMap { $0[0].text }
            try link(
                LinkableArticle(
                    id: row[0].integer ?? 0, day: row[1].text ?? "", seenAt: row[2].text ?? "", body: row[3].text ?? "",
                    entities: entities, keywords: keywords))
        }
    }

    /// The strings of a JSON array of strings, as the store writes them.
    static func strings(fromJSONArray json: String) -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inString = false, escaped = false
        for byte in json.utf8 {
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true; current = [] }
            } else if escaped {
                switch byte {
                case UInt8(ascii: "n"): current.append(10)
                case UInt8(ascii: "t"): current.append(9)
                default: current.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                strings.append(String(decoding: current, as: UTF8.self))
            } else {
                current.append(byte)
            }
        }
        return strings
    }

    /// The statements run per article, compiled once.
    private struct Statements {
        let setMentionCanonical, dayShortForm, formLookup, insertCanonical, insertForm, canonicalKey: SQLiteStatement
        let insertDayShortForm, clearDayShortForm, entityByName, insertFormIfNew: SQLiteStatement
        let vote: SQLiteStatement
        let candidates, signature, setSignature, insertBand: SQLiteStatement
        let insertStoryArticle, countStoryArticle, dayFeature, storiesWithFeature, storyDistinct, insertStory: SQLiteStatement
        let insertArticleFeature, countStoryFeature, countDayFeature: SQLiteStatement

        init(_ c: SQLiteConnection) throws(SQLiteError) {
            setMentionCanonical = try c.prepare("UPDATE mentions SET canonical_id = ? WHERE article_id = ? AND entity_id = ?")
            dayShortForm = try c.prepare("SELECT canonical_id FROM day_short_forms WHERE day = ? AND form = ?")
            formLookup = try c.prepare("SELECT canonical_id FROM canonical_forms WHERE form = ?")
            insertCanonical = try c.prepare(
                "INSERT INTO canonical_entities (key, name, first_seen_at, first_seen_day) VALUES (?, ?, ?, ?)")
            insertForm = try c.prepare("INSERT INTO canonical_forms (form, canonical_id, origin) VALUES (?, ?, ?)")
            canonicalKey = try c.prepare("SELECT key FROM canonical_entities WHERE id = ?")
            insertFormIfNew = try c.prepare(
                "INSERT OR IGNORE INTO canonical_forms (form, canonical_id, origin) VALUES (?, ?, ?)")
            insertDayShortForm = try c.prepare("INSERT INTO day_short_forms (day, form, canonical_id) VALUES (?, ?, ?)")
            clearDayShortForm = try c.prepare("UPDATE day_short_forms SET canonical_id = NULL WHERE day = ? AND form = ?")
            entityByName = try c.prepare("SELECT id FROM entities WHERE name = ? AND type = ?")
            vote = try c.prepare(
                """
                UPDATE canonical_entities SET
                    person_votes = person_votes + (?2 = 'person') * ?1,
                    organization_votes = organization_votes + (?2 = 'organization') * ?1,
                    location_votes = location_votes + (?2 = 'location') * ?1,
                    group_votes = group_votes + (?2 = 'group') * ?1,
                    other_votes = other_votes + (?2 NOT IN ('person', 'organization', 'location', 'group')) * ?1
                WHERE id = ?3
                """)
            candidates = try c.prepare(
                "SELECT DISTINCT article_id FROM signature_bands WHERE band IN (SELECT value FROM json_each(?)) LIMIT 200")
            signature = try c.prepare("SELECT signature FROM articles WHERE id = ?")
            setSignature = try c.prepare(
                "UPDATE articles SET signature = ?, similarity = ?, near_duplicate_of = ? WHERE id = ?")
            insertBand = try c.prepare("INSERT OR IGNORE INTO signature_bands (band, article_id) VALUES (?, ?)")
            insertStoryArticle = try c.prepare("INSERT INTO story_articles (article_id, story_id, score) VALUES (?, ?, ?)")
            countStoryArticle = try c.prepare(
                "UPDATE stories SET articles = articles + 1, distinct_articles = distinct_articles + ? WHERE id = ?")
            dayFeature = try c.prepare("SELECT articles FROM day_features WHERE day = ? AND feature = ?")
            storiesWithFeature = try c.prepare("SELECT story_id, articles FROM story_features WHERE day = ? AND feature = ?")
            storyDistinct = try c.prepare("SELECT distinct_articles FROM stories WHERE id = ?")
            insertStory = try c.prepare("INSERT INTO stories (day, first_article_id) VALUES (?, ?)")
            insertArticleFeature = try c.prepare(
                "INSERT OR IGNORE INTO article_features (article_id, feature) VALUES (?, ?)")
            countStoryFeature = try c.prepare(
                """
                INSERT INTO story_features (day, feature, story_id, articles) VALUES (?, ?, ?, 1)
                ON CONFLICT (day, feature, story_id) DO UPDATE SET articles = articles + 1
                """)
            countDayFeature = try c.prepare(
                """
                INSERT INTO day_features (day, feature, articles) VALUES (?, ?, 1)
                ON CONFLICT (day, feature) DO UPDATE SET articles = articles + 1
                """)
        }
    }
}
