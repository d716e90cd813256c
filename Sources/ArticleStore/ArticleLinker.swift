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
    var entities: [Entity]
    var keywords: [String]
    /// Whether the `mentions` rows exist (a migration); else the linker writes them.
    var mentionsStored = false
}

/// What the near-duplicate search found for a body.
struct NearDuplicateMatch {
    var signature: TextSignature
    /// Similarity to the closest earlier original that shared a band, if any did.
    var similarity: Double? = nil
    /// That original, when the similarity is at or over the threshold.
    var original: Int64? = nil
}

/// Links a newly stored article to what the store already holds: each of its
/// entities to a canonical entity, the article to the one it near-duplicates,
/// and the article to a story of its day. Runs inside the writer's
/// transaction: ``nearDuplicate(of:)`` before the article's row is written,
/// ``link(_:match:)`` after. The decisions are made by ``NameForms``,
/// ``TextSignature``, ``StoryMatching`` and ``DayStoryIndex``.
final class ArticleLinker {
    private let connection: SQLiteConnection
    private let s: Statements
    /// What `canonical_forms` and `day_short_forms` hold, as far as this writer
    /// has read or written them; ``forgetCache()`` after a rollback.
    private var formCache: [String: Int64] = [:]
    private var shortFormCache: [String: Int64?] = [:]
    /// The stories of the latest days touched, for placing articles.
    private var dayIndexes: [String: DayStoryIndex] = [:]
    /// Vote changes per canonical entity not yet written: person, organization, location, group, other.
    private var pendingVotes: [Int64: [Int64]] = [:]
    /// ``NameForms/canonical(_:)`` of names seen, which asks the gazetteer.
    private var canonicalNames: [String: (key: String, name: String)] = [:]

    init(_ connection: SQLiteConnection) throws(SQLiteError) {
        self.connection = connection
        s = try Statements(connection)
    }

    /// Links a stored article: its entities to canonical entities, its bands
    /// into the index when it is an original (`match` says), then its story.
    func link(_ article: LinkableArticle, match: NearDuplicateMatch) throws(SQLiteError) {
        let day = SQLiteValue.text(article.day)
        // A copy of an article of the same day joins its story and counts in no day's tally.
        var sameDayStory: Int64?
        if let original = match.original { sameDayStory = try s.storyOnDay.firstValue(.integer(original), day)?.integer }
        var canonicalIDs: [(id: Int64, type: String, mentions: Int)] = []
        // Full names first, so their short forms are known to the one-word names after them.
        let ordered = article.entities.map { (entity: $0, words: NameForms.words($0.name).count) }
            .sorted { $0.words > $1.words }.map(\.entity)
        for entity in ordered {
            let id = try canonicalID(for: entity, day: article.day, seenAt: article.seenAt)
            if article.mentionsStored {
                try s.setMentionCanonical.run(.integer(id), .integer(article.id), .integer(entity.entityID))
            } else {
                try s.insertMention.run(
                    .integer(article.id), .integer(entity.entityID), SQLiteValue(entity.mentions),
                    .text(ArticleStore.jsonArray(entity.aliases)), .integer(id))
            }
            vote(id, type: entity.type, by: 1)
            try registerForms(of: entity, canonicalID: id, day: article.day, seenAt: article.seenAt)
            canonicalIDs.append((id, entity.type, entity.mentions))
        }
        if sameDayStory == nil {
            for id in Set(canonicalIDs.map(\.id)) { try s.countCanonicalDay.run(day, .integer(id), .integer(1)) }
        }
        if match.original == nil, !match.signature.isEmpty {
            for band in match.signature.bandKeys { try s.insertBand.run(.integer(band), .integer(article.id)) }
        }
        let named = canonicalIDs.filter { ["person", "organization", "location", "group"].contains($0.type) }
            .sorted { $0.mentions > $1.mentions }.map(\.id)
        try placeInStory(article, sameDayStory: sameDayStory, entities: named)
    }

    // MARK: Canonical entities

    private func canonicalID(for entity: LinkableArticle.Entity, day: String, seenAt: String) throws(SQLiteError) -> Int64 {
        let oneWord = NameForms.words(entity.name).count == 1
        if oneWord, entity.type == "person" || entity.type == "other",
            let full = try dayShortForm(day: day, form: NameForms.key(entity.name)).canonical
        {
            return full
        }
        // "Labour", "the Tories": a party's short or informal name is filed under the party's.
        let party = entity.type == "organization" ? NameForms.partyName(entity.name) : nil
        let (key, name) = party.map { (NameForms.key($0), $0) } ?? canonicalName(entity.name)
        let origin = party != nil ? "party" : "place"
        let id: Int64
        if let known = try canonicalID(ofForm: key) {
            id = known
        } else {
            id = try create(key: key, name: name, origin: name == entity.name ? "name" : origin, day: day, seenAt: seenAt)
        }
        // "US" is kept as a form of "United States", so that it finds it too.
        let surface = NameForms.key(entity.name)
        if surface != key {
            if let existing = try canonicalID(ofForm: surface) {
                // A party's short name stored on its own before it was filed under the party joins it.
                if party != nil { try mergeIfNamedOnly(existing, by: surface, into: id) }
            } else {
                try addForm(surface, of: id, origin: origin)
            }
        }
        return id
    }

    private func create(key: String, name: String, origin: String, day: String, seenAt: String) throws(SQLiteError) -> Int64 {
        try s.insertCanonical.run(.text(key), .text(name), .text(seenAt), .text(day))
        let id = connection.lastInsertRowID
        try addForm(key, of: id, origin: origin)
        return id
    }

    /// Votes wait in memory until ``flushVotes()``, one update per entity per
    /// transaction: "Australia" is in thousands of articles of a day.
    private func vote(_ id: Int64, type: String, by change: Int64) {
        let column = ["person", "organization", "location", "group"].firstIndex(of: type) ?? 4
        pendingVotes[id, default: [0, 0, 0, 0, 0]][column] += change
    }

    /// Writes the votes counted since the last flush; the writer calls it before each commit.
    func flushVotes() throws(SQLiteError) {
        for (id, votes) in pendingVotes {
            try s.vote.run(
                .integer(votes[0]), .integer(votes[1]), .integer(votes[2]), .integer(votes[3]), .integer(votes[4]), .integer(id))
        }
        pendingVotes.removeAll(keepingCapacity: true)
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
            if let existing = try canonicalID(ofForm: form) {
                try mergeIfNamedOnly(existing, by: form, into: id)
            } else {
                try addForm(form, of: id, origin: "acronym")
            }
        }
        guard entity.type == "person", NameForms.words(entity.name).count > 1 else { return }
        let words = NameForms.shortForms(ofPerson: entity.name)
            + entity.aliases.filter { NameForms.words($0).count == 1 && !NameForms.isAcronym($0) }
        for word in words { try registerShortForm(word, of: id, day: day, seenAt: seenAt) }
    }

    private func registerShortForm(_ word: String, of id: Int64, day: String, seenAt: String) throws(SQLiteError) {
        let form = NameForms.key(word)
        let (known, current) = try dayShortForm(day: day, form: form)
        if !known {
            try s.insertDayShortForm.run(.text(day), .text(form), .integer(id))
            shortFormCache[day + "\u{0}" + form] = .some(id)
            try relinkOneWordMentions(word, day: day, seenAt: seenAt, to: id)
        } else if let other = current, other != id {
            // Two full names of the day share the form: it stands for neither.
            try s.clearDayShortForm.run(.text(day), .text(form))
            shortFormCache[day + "\u{0}" + form] = .some(nil)
            let own = try canonicalID(ofForm: form)
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
            try s.dayMentions.bind([.integer(entityID), .text(day)])
            var rows: [(article: Int64, current: Int64)] = []
            while try s.dayMentions.step() {
                if let article = s.dayMentions.value(at: 0).integer, let current = s.dayMentions.value(at: 1).integer {
                    rows.append((article, current))
                }
            }
            for (article, current) in rows {
                guard current != target else { continue }
                if let source, current != source { continue }
                let destination: Int64
                if let target { destination = target } else { destination = try ownCanonical(of: word, day: day, seenAt: seenAt) }
                try s.setMentionCanonical.run(.integer(destination), .integer(article), .integer(entityID))
                vote(current, type: type, by: -1)
                vote(destination, type: type, by: 1)
                // The day's tallies follow, where the article counts and names no other form of each.
                guard try s.countsInDay.firstValue(.integer(article))?.integer == 1 else { continue }
                for (canonical, change) in [(current, Int64(-1)), (destination, 1)] {
                    let other = try s.otherMention.firstValue(.integer(article), .integer(canonical), .integer(entityID))
                    if other == nil { try s.countCanonicalDay.run(.text(day), .integer(canonical), .integer(change)) }
                }
            }
        }
    }

    /// The canonical entity of a one-word name on its own, made when there is none yet.
    private func ownCanonical(of word: String, day: String, seenAt: String) throws(SQLiteError) -> Int64 {
        let (key, name) = canonicalName(word)
        if let known = try canonicalID(ofForm: key) { return known }
        return try create(key: key, name: name, origin: "name", day: day, seenAt: seenAt)
    }

    /// Moves everything of canonical entity `old` to `new` and removes `old`.
    /// Merges `existing` into `id` when `existing` is an entity of its own
    /// whose key is `form` (the bare acronym, the party's short name), not one
    /// that `form` only leads to.
    private func mergeIfNamedOnly(_ existing: Int64, by form: String, into id: Int64) throws(SQLiteError) {
        if existing != id, try s.canonicalKey.firstValue(.integer(existing))?.text == form {
            try merge(existing, into: id)
        }
    }

    private func merge(_ old: Int64, into new: Int64) throws(SQLiteError) {
        try flushVotes()
        let (o, n) = (SQLiteValue.integer(old), SQLiteValue.integer(new))
        try connection.run(
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
        try connection.run("UPDATE mentions SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        try connection.run("UPDATE canonical_forms SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        try connection.run("UPDATE day_short_forms SET canonical_id = ?2 WHERE canonical_id = ?1", o, n)
        // The stories' entity features follow.
        let (of, nf) = (SQLiteValue.text("e:\(old)"), SQLiteValue.text("e:\(new)"))
        try connection.run(
            "INSERT OR IGNORE INTO article_features SELECT article_id, ?2 FROM article_features WHERE feature = ?1", of, nf)
        // Day tallies add up (an article that named both forms is counted twice that day).
        try connection.run(
            """
            INSERT INTO canonical_days (day, canonical_id, articles)
                SELECT day, ?2, articles FROM canonical_days WHERE canonical_id = ?1 AND true
            ON CONFLICT (day, canonical_id) DO UPDATE SET articles = articles + excluded.articles
            """, o, n)
        try connection.run("DELETE FROM canonical_days WHERE canonical_id = ?1", o)
        try connection.run("DELETE FROM article_features WHERE feature = ?1", of)
        try connection.run("DELETE FROM canonical_entities WHERE id = ?1", o)
        forgetCache()
    }

    private func canonicalName(_ name: String) -> (key: String, name: String) {
        if let known = canonicalNames[name] { return known }
        let canonical = NameForms.canonical(name)
        if canonicalNames.count > 200_000 { canonicalNames.removeAll(keepingCapacity: true) }
        canonicalNames[name] = canonical
        return canonical
    }

    /// The canonical entity `form` leads to, if any.
    private func canonicalID(ofForm form: String) throws(SQLiteError) -> Int64? {
        if let cached = formCache[form] { return cached }
        let id = try s.formLookup.firstValue(.text(form))?.integer
        if let id { remember(form, id) }
        return id
    }

    private func addForm(_ form: String, of id: Int64, origin: String) throws(SQLiteError) {
        try s.insertForm.run(.text(form), .integer(id), .text(origin))
        remember(form, id)
    }

    private func remember(_ form: String, _ id: Int64) {
        if formCache.count > 200_000 { formCache.removeAll(keepingCapacity: true) }
        formCache[form] = id
    }

    /// Whether the day has the short form, and the full name it stands for (`nil` when two share it).
    private func dayShortForm(day: String, form: String) throws(SQLiteError) -> (known: Bool, canonical: Int64?) {
        let key = day + "\u{0}" + form
        if let cached = shortFormCache[key] { return (true, cached) }
        try s.dayShortForm.bind([.text(day), .text(form)])
        let known = try s.dayShortForm.step()
        let canonical = known ? s.dayShortForm.value(at: 0).integer : nil
        try s.dayShortForm.bind([])
        if known {
            if shortFormCache.count > 200_000 { shortFormCache.removeAll(keepingCapacity: true) }
            shortFormCache[key] = .some(canonical)
        }
        return (known, canonical)
    }

    /// Drops what the caches hold: after a transaction that rolled back, or a merge.
    func forgetCache() {
        formCache.removeAll()
        shortFormCache.removeAll()
        pendingVotes.removeAll()
        dayIndexes.removeAll()
    }

    // MARK: Near-duplicates

    /// Compares a body's signature with those of the earlier originals that
    /// share a band with it: the best similarity, and the original it
    /// near-duplicates when that is at or over the threshold. Only originals
    /// are indexed: a copy of a copy is a copy of the original. Runs before
    /// the article's row is written, which then carries the answer.
    func nearDuplicate(of signature: TextSignature) throws(SQLiteError) -> NearDuplicateMatch {
        guard !signature.isEmpty else { return NearDuplicateMatch(signature: signature) }
        try s.candidates.bind(signature.bandKeys.map { .integer($0) })
        var candidates: [Int64] = []
        while try s.candidates.step() {
            if let id = s.candidates.value(at: 0).integer { candidates.append(id) }
        }
        var best: (id: Int64, similarity: Double)?
        for candidate in candidates {
            guard let stored = try s.signature.firstValue(.integer(candidate))?.blob, let other = TextSignature(bytes: stored)
            else { continue }
            let similarity = signature.similarity(to: other)
            if best == nil || similarity > best!.similarity || (similarity == best!.similarity && candidate < best!.id) {
                best = (candidate, similarity)
            }
        }
        return NearDuplicateMatch(
            signature: signature, similarity: best?.similarity,
            original: best.flatMap { $0.similarity >= StoryMatching.nearDuplicateThreshold ? $0.id : nil })
    }

    // MARK: Stories

    /// A near-duplicate joins its original's story when that is of the same
    /// day; any other article joins the best-scoring story of its day, or
    /// starts one.
    private func placeInStory(_ article: LinkableArticle, sameDayStory: Int64?, entities: [Int64])
        throws(SQLiteError)
    {
        let day = SQLiteValue.text(article.day)
        if let story = sameDayStory {
            try s.insertStoryArticle.run(.integer(article.id), .integer(story), .real(1))
            try s.countStoryArticle.run(.integer(0), .integer(story))
            return
        }
        let features = StoryMatching.features(entities: entities, keywords: article.keywords)
        if dayIndexes[article.day] == nil { try loadIndex(of: article.day) }
        let matches = dayIndexes[article.day]!.matches(for: features)
        let best = matches.first
        let story: Int64
        if let best {
            story = best.storyID
            for other in matches.dropFirst() where other.score >= StoryMatching.bridgeThreshold {
                try mergeStory(other.storyID, into: story, day: article.day)
            }
        } else {
            try s.insertStory.run(day, .integer(article.id))
            story = connection.lastInsertRowID
        }
        try s.insertStoryArticle.run(.integer(article.id), .integer(story), best.map { .real($0.score) } ?? .null)
        try s.countStoryArticle.run(.integer(1), .integer(story))
        for feature in features { try s.insertArticleFeature.run(.integer(article.id), .text(feature)) }
        dayIndexes[article.day]!.add(features: features, to: story)
    }

    /// Drops the in-memory index of `day`: its stories were changed in the store.
    func forgetDay(_ day: String) { dayIndexes[day] = nil }

    /// Moves the articles of story `other` into `story` and removes `other`.
    private func mergeStory(_ other: Int64, into story: Int64, day: String) throws(SQLiteError) {
        try s.moveStoryArticles.run(.integer(story), .integer(other))
        try s.addStoryCounts.run(.integer(story), .integer(other))
        try s.deleteStory.run(.integer(other))
        dayIndexes[day]?.merge(other, into: story)
    }

    /// Rebuilds the index of `day` from the store: every distinct article of
    /// the day with its story and features. Keeps the three latest days.
    private func loadIndex(of day: String) throws(SQLiteError) {
        var index = DayStoryIndex()
        try s.dayArticles.bind([.text(day)])
        var current: (article: Int64, story: Int64)?
        var features: [String] = []
        while try s.dayArticles.step() {
            let story = s.dayArticles.value(at: 0).integer ?? 0, article = s.dayArticles.value(at: 1).integer ?? 0
            if let open = current, open.article != article {
                index.add(features: features, to: open.story)
                features.removeAll()
            }
            current = (article, story)
            if let feature = s.dayArticles.value(at: 2).text { features.append(feature) }
        }
        if let open = current { index.add(features: features, to: open.story) }
        if dayIndexes.count >= 3, let oldest = dayIndexes.keys.min() { dayIndexes[oldest] = nil }
        dayIndexes[day] = index
    }


    /// Links every stored article that has not been linked, in the order they
    /// were stored: what the migration to schema 2 runs on an existing store.
    func linkExisting() throws(SQLiteError) {
        // Ids first, each article's text after: a store can hold more bodies than memory.
        let ids = try connection.rows("SELECT id FROM articles WHERE signature IS NULL ORDER BY id").compactMap { $0[0].integer }
        for articleID in ids {
            let id = SQLiteValue.integer(articleID)
            guard let row = try connection.rows("SELECT ingested_day, ingested_at, body FROM articles WHERE id = ?", id).first
            else { continue }
            var aliases: [Int64: [String]] = [:]
            for alias in try connection.rows(
                "SELECT m.entity_id, j.value FROM mentions m, json_each(m.aliases) j WHERE m.article_id = ? ORDER BY m.entity_id, j.key",
                id)
            {
                if let entity = alias[0].integer, let text = alias[1].text { aliases[entity, default: []].append(text) }
            }
            let entities = try connection.rows(
                """
                SELECT e.id, e.name, e.type, m.count FROM mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id = ?
                """, id
            ).map { entity in
                LinkableArticle.Entity(
                    entityID: entity[0].integer ?? 0, name: entity[1].text ?? "", type: entity[2].text ?? "",
                    mentions: Int(entity[3].integer ?? 0), aliases: aliases[entity[0].integer ?? 0] ?? [])
            }
            let keywords = try connection.rows("SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position", id)
                .compactMap { $0[0].text }
            let match = try nearDuplicate(of: TextSignature(row[2].text ?? ""))
            try s.setSignature.run(
                .blob(match.signature.bytes), match.similarity.map { .real($0) } ?? .null, SQLiteValue(match.original), id)
            try link(
                LinkableArticle(
                    id: articleID, day: row[0].text ?? "", seenAt: row[1].text ?? "", entities: entities, keywords: keywords,
                    mentionsStored: true),
                match: match)
        }
        try flushVotes()
    }

    /// The statements run per article, compiled once.
    private struct Statements {
        let setMentionCanonical, dayShortForm, formLookup, insertCanonical, insertForm, canonicalKey: SQLiteStatement
        let insertDayShortForm, clearDayShortForm, entityByName, dayMentions: SQLiteStatement
        let storyOnDay, countCanonicalDay, countsInDay, otherMention: SQLiteStatement
        let vote, insertMention: SQLiteStatement
        let candidates, signature, setSignature, insertBand: SQLiteStatement
        let insertStoryArticle, countStoryArticle, insertStory, insertArticleFeature, dayArticles: SQLiteStatement
        let moveStoryArticles, addStoryCounts, deleteStory: SQLiteStatement

        init(_ c: SQLiteConnection) throws(SQLiteError) {
            setMentionCanonical = try c.prepare("UPDATE mentions SET canonical_id = ? WHERE article_id = ? AND entity_id = ?")
            dayShortForm = try c.prepare("SELECT canonical_id FROM day_short_forms WHERE day = ? AND form = ?")
            formLookup = try c.prepare("SELECT canonical_id FROM canonical_forms WHERE form = ?")
            insertCanonical = try c.prepare(
                "INSERT INTO canonical_entities (key, name, first_seen_at, first_seen_day) VALUES (?, ?, ?, ?)")
            insertForm = try c.prepare("INSERT INTO canonical_forms (form, canonical_id, origin) VALUES (?, ?, ?)")
            canonicalKey = try c.prepare("SELECT key FROM canonical_entities WHERE id = ?")
            dayMentions = try c.prepare(
                """
                SELECT m.article_id, m.canonical_id FROM mentions m JOIN articles a ON a.id = m.article_id
                WHERE m.entity_id = ? AND a.ingested_day = ? AND m.canonical_id IS NOT NULL
                """)
            countCanonicalDay = try c.prepare(
                """
                INSERT INTO canonical_days (day, canonical_id, articles) VALUES (?, ?, ?)
                ON CONFLICT (day, canonical_id) DO UPDATE SET articles = articles + excluded.articles
                """)
            countsInDay = try c.prepare(
                """
                SELECT a.near_duplicate_of IS NULL OR o.ingested_day IS NOT a.ingested_day
                FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of WHERE a.id = ?
                """)
            otherMention = try c.prepare(
                "SELECT 1 FROM mentions WHERE article_id = ? AND canonical_id = ? AND entity_id != ? LIMIT 1")
            storyOnDay = try c.prepare(
                "SELECT s.id FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ? AND s.day = ?")
            insertDayShortForm = try c.prepare("INSERT INTO day_short_forms (day, form, canonical_id) VALUES (?, ?, ?)")
            clearDayShortForm = try c.prepare("UPDATE day_short_forms SET canonical_id = NULL WHERE day = ? AND form = ?")
            entityByName = try c.prepare("SELECT id FROM entities WHERE name = ? AND type = ?")
            vote = try c.prepare(
                """
                UPDATE canonical_entities SET person_votes = person_votes + ?, organization_votes = organization_votes + ?,
                    location_votes = location_votes + ?, group_votes = group_votes + ?, other_votes = other_votes + ?
                WHERE id = ?
                """)
            insertMention = try c.prepare(
                """
                INSERT INTO mentions (article_id, entity_id, count, aliases, canonical_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (article_id, entity_id) DO UPDATE SET count = count + excluded.count
                """)
            // One placeholder per band: a fixed count, not values spliced in.
            // The originals sharing most bands: a copy shares many, an article that
            // quotes one sentence of another shares one at most.
            candidates = try c.prepare(
                "SELECT article_id FROM signature_bands WHERE band IN ("
                    + Array(repeating: "?", count: TextSignature.bandCount).joined(separator: ", ")
                    + ") GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT 24")
            signature = try c.prepare("SELECT signature FROM articles WHERE id = ?")
            setSignature = try c.prepare(
                "UPDATE articles SET signature = ?, similarity = ?, near_duplicate_of = ? WHERE id = ?")
            insertBand = try c.prepare("INSERT OR IGNORE INTO signature_bands (band, article_id) VALUES (?, ?)")
            insertStoryArticle = try c.prepare("INSERT INTO story_articles (article_id, story_id, score) VALUES (?, ?, ?)")
            countStoryArticle = try c.prepare(
                "UPDATE stories SET articles = articles + 1, distinct_articles = distinct_articles + ? WHERE id = ?")
            insertStory = try c.prepare("INSERT INTO stories (day, first_article_id) VALUES (?, ?)")
            insertArticleFeature = try c.prepare(
                "INSERT OR IGNORE INTO article_features (article_id, feature) VALUES (?, ?)")
            moveStoryArticles = try c.prepare("UPDATE story_articles SET story_id = ?1 WHERE story_id = ?2")
            addStoryCounts = try c.prepare(
                """
                UPDATE stories SET articles = articles + (SELECT articles FROM stories WHERE id = ?2),
                    distinct_articles = distinct_articles + (SELECT distinct_articles FROM stories WHERE id = ?2),
                    first_article_id = min(first_article_id, (SELECT first_article_id FROM stories WHERE id = ?2))
                WHERE id = ?1
                """)
            deleteStory = try c.prepare("DELETE FROM stories WHERE id = ?")
            dayArticles = try c.prepare(
                """
                SELECT sa.story_id, sa.article_id, af.feature
                FROM stories s JOIN story_articles sa ON sa.story_id = s.id
                JOIN articles a ON a.id = sa.article_id LEFT JOIN articles o ON o.id = a.near_duplicate_of
                LEFT JOIN article_features af ON af.article_id = sa.article_id
                WHERE s.day = ?1 AND (a.near_duplicate_of IS NULL OR o.ingested_day IS NOT a.ingested_day)
                ORDER BY sa.article_id
                """)
        }
    }
}
