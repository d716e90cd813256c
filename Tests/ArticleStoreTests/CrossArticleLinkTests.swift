import ArticleExtraction
import Foundation
import Testing
import TestSupport

@testable import ArticleStore

/// An article taken in on `day` at noon.
func record(_ path: String, _ text: String, day: String) throws -> IntakeRecord {
    let article = try ArticleExtractor().extract(Array(text.utf8))
    let sha = String(path.utf8.reduce(into: UInt64(1469598103934665603)) { $0 = ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 16)
    return IntakeRecord(
        path: path, size: text.utf8.count, tag: nil, content: .article(article, sha256: sha),
        seen: IngestTime(timestamp: day + "T12:00:00.000Z", day: day))
}

extension ArticleStore {
    /// Stores `records` in one run, as intake does.
    func store(_ records: [IntakeRecord]) throws {
        let run = try beginRun(mode: "once", at: records[0].seen)
        _ = try record(records, run: run) { _, _ in nil }
    }

    /// The canonical entity an article's mention of `name` links to: (canonical name, type).
    func canonical(of name: String, inArticleFrom path: String) throws -> (String, String)? {
        let row = try connection.rows(
            """
            SELECT c.name, c.type FROM mentions m JOIN entities e ON e.id = m.entity_id
            JOIN canonical_entities c ON c.id = m.canonical_id JOIN articles a ON a.id = m.article_id
            WHERE e.name = ? AND a.source_file = ?
            """, .text(name), .text(path)
        ).first
        return row.map { ($0[0].text ?? "", $0[1].text ?? "") }
    }
}

/// The day tallies agree with the mentions they summarise, whatever relinks happened.
func expectDayTalliesMatchMentions(_ store: ArticleStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let kept = try store.connection.rows("SELECT day, canonical_id, articles FROM canonical_days WHERE articles != 0 ORDER BY 1, 2")
    let truth = try store.connection.rows(
        """
        SELECT a.ingested_day, m.canonical_id, count(DISTINCT a.id) FROM mentions m JOIN articles a ON a.id = m.article_id
        LEFT JOIN articles o ON o.id = a.near_duplicate_of
        WHERE a.near_duplicate_of IS NULL OR o.ingested_day IS NOT a.ingested_day
        GROUP BY 1, 2 ORDER BY 1, 2
        """)
    #expect(kept == truth, sourceLocation: sourceLocation)
}

/// Every story's counts agree with its articles, and every article of a day is in one story of that day.
func expectStoriesConsistent(_ store: ArticleStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let wrong = try store.connection.rows(
        """
        SELECT s.id FROM stories s
        WHERE s.articles != (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id)
           OR s.distinct_articles != (SELECT count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                                      LEFT JOIN articles o ON o.id = a.near_duplicate_of
                                      WHERE sa.story_id = s.id AND (a.near_duplicate_of IS NULL OR o.ingested_day IS NOT a.ingested_day))
        """)
    #expect(wrong.isEmpty, "stories whose counts disagree: \(wrong)", sourceLocation: sourceLocation)
    let unplaced = try store.connection.scalar(
        """
        SELECT count(*) FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id LEFT JOIN stories s ON s.id = sa.story_id
        WHERE s.id IS NULL OR s.day != a.ingested_day
        """)
    #expect(unplaced == 0, sourceLocation: sourceLocation)
}

let fisheries = """
     date 2024-03-01 The National Fisheries Authority (NFA) closed the Brenna river on Monday. The NFA said the fish \
    were sick. President Harold Quimby said the river would reopen soon, and US officials agreed.
    """
let reopening = """
     date 2024-03-01 The NFA reopened the Brenna river on Tuesday, the NFA said in a statement. Mr Quimby told \
    reporters in Geneva the water was clean. "It is safe," Quimby said. Officials in the United States welcomed the news.
    """

@Suite("Links across articles: canonical entities, near-duplicates, stories")
struct CrossArticleLinkTests {
    @Test func knownFormsOfAPlaceAreOneEntity() throws {
        try withStore { store, _ in
            try store.store([try record("a.txt", fisheries, day: "2024-03-01"), try record("b.txt", reopening, day: "2024-03-01")])
            let us = try store.canonical(of: "US", inArticleFrom: "a.txt")
            let unitedStates = try store.canonical(of: "United States", inArticleFrom: "b.txt")
            #expect(us?.0 == "United States" && unitedStates?.0 == "United States")
            #expect(try store.connection.scalar("SELECT count(*) FROM canonical_entities WHERE key = 'united states'") == 1)
        }
    }

    @Test func anAcronymExpandedLaterMergesTheEntityThatWasOnlyTheAcronym() throws {
        try withStore { store, _ in
            // The bare acronym first, its expansion after: one entity, under the full name.
            try store.store([try record("b.txt", reopening, day: "2024-03-01")])
            #expect(try store.canonical(of: "NFA", inArticleFrom: "b.txt")?.0 == "NFA")
            try store.store([try record("a.txt", fisheries, day: "2024-03-02")])
            #expect(try store.canonical(of: "NFA", inArticleFrom: "b.txt")?.0 == "National Fisheries Authority")
            #expect(try store.connection.scalar("SELECT count(*) FROM canonical_entities WHERE name = 'NFA'") == 0)
            // The story features name the merged entity, never the removed one.
            for table in ["article_features"] {
                let dangling = try store.connection.rows(
                    "SELECT feature FROM \(table) WHERE feature LIKE 'e:%' AND CAST(substr(feature, 3) AS INTEGER) NOT IN (SELECT id FROM canonical_entities)")
                #expect(dangling.isEmpty, "\(table): \(dangling)")
            }
            let merged = try store.connection.scalar(
                "SELECT count(*) FROM article_features f JOIN articles a ON a.id = f.article_id WHERE a.source_file = 'b.txt' AND f.feature = 'e:' || (SELECT canonical_id FROM canonical_forms WHERE form = 'nfa')")
            #expect(merged == 1)
            // And in any later article.
            try store.store([try record("c.txt", reopening.replacingOccurrences(of: "Tuesday", with: "Friday"), day: "2024-03-09")])
            #expect(try store.canonical(of: "NFA", inArticleFrom: "c.txt")?.0 == "National Fisheries Authority")
        }
    }

    @Test func aPartysShortAndInformalNamesAreTheParty() throws {
        let first = " date 2024-03-01 Labour said the vote in Kettering was close. The Tories disagreed on Monday, "
            + "and the Lib Dems stayed silent."
        let second = " date 2024-03-01 The Labour Party won Kettering, the Conservatives came second "
            + "and the Liberal Democrats third."
        try withStore { store, _ in
            try store.store([try record("a.txt", first, day: "2024-03-01")])
            try store.store([try record("b.txt", second, day: "2024-03-01")])
            #expect(try store.canonical(of: "Labour", inArticleFrom: "a.txt")?.0 == "Labour Party")
            #expect(try store.canonical(of: "Labour Party", inArticleFrom: "b.txt")?.0 == "Labour Party")
            #expect(try store.canonical(of: "Tories", inArticleFrom: "a.txt")?.0 == "Conservative Party")
            #expect(try store.canonical(of: "Conservatives", inArticleFrom: "b.txt")?.0 == "Conservative Party")
            #expect(try store.canonical(of: "Lib Dems", inArticleFrom: "a.txt")?.0 == "Liberal Democrats")
            #expect(try store.canonical(of: "Liberal Democrats", inArticleFrom: "b.txt")?.0 == "Liberal Democrats")
            #expect(try store.connection.scalar(
                "SELECT count(*) FROM canonical_entities WHERE name IN ('Labour Party', 'Conservative Party', 'Liberal Democrats', 'Lib Dems', 'Tories', 'Labour')") == 3)
            try expectDayTalliesMatchMentions(store)
        }
    }

    @Test func aPartyStoredUnderItsShortNameBeforeJoinsThePartyAtItsNextMention() throws {
        try withStore { store, _ in
            // As a store written before parties were filed under their full names holds it.
            try store.connection.execute(
                """
                INSERT INTO canonical_entities (key, name, first_seen_at, first_seen_day)
                    VALUES ('labour', 'Labour', '2024-02-01T12:00:00.000Z', '2024-02-01');
                INSERT INTO canonical_forms (form, canonical_id, origin) VALUES ('labour', last_insert_rowid(), 'name');
                """)
            try store.store([try record("a.txt", " date 2024-03-01 Labour said the vote in Kettering was close.", day: "2024-03-01")])
            #expect(try store.canonical(of: "Labour", inArticleFrom: "a.txt")?.0 == "Labour Party")
            #expect(try store.connection.scalar("SELECT count(*) FROM canonical_entities WHERE key = 'labour'") == 0)
            #expect(try store.connection.scalar("SELECT origin FROM canonical_forms WHERE form = 'labour'") == .text("name"))
        }
    }

    @Test func aSurnameAloneLinksToTheDaysOneFullNameInEitherOrder() throws {
        try withStore { store, _ in
            // The surname's article comes first; the full name arrives after and takes it over.
            try store.store([try record("b.txt", reopening, day: "2024-03-01")])
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.0 == "Quimby")
            try store.store([try record("a.txt", fisheries, day: "2024-03-01")])
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.0 == "Harold Quimby")
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.1 == "person")
            // The quote's speaker is the full name too.
            let speaker = try store.connection.scalar(
                """
                SELECT c.name FROM quotes q JOIN mentions m ON m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id
                JOIN canonical_entities c ON c.id = m.canonical_id
                """)
            #expect(speaker == "Harold Quimby")
            try expectDayTalliesMatchMentions(store)
        }
    }

    @Test func aSurnameTwoFullNamesOfTheDayShareStandsForNeither() throws {
        try withStore { store, _ in
            let other = """
                 date 2024-03-01 Minister Agnes Quimby opened a school in Tarlow on Monday. "It is a good day," \
                Agnes Quimby said.
                """
            try store.store([
                try record("a.txt", fisheries, day: "2024-03-01"), try record("b.txt", reopening, day: "2024-03-01"),
                try record("b2.txt", reopening.replacingOccurrences(of: "Tuesday", with: "Thursday"), day: "2024-03-01"),
            ])
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.0 == "Harold Quimby")
            try store.store([try record("c.txt", other, day: "2024-03-01")])
            // Both articles that wrote the surname alone go back to it: one entity, made once.
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.0 == "Quimby")
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "b2.txt")?.0 == "Quimby")
            #expect(try store.connection.scalar("SELECT count(*) FROM ledger WHERE outcome = 'failed'") == 0)
            // On another day, the surname is free again.
            try store.store([try record("d.txt", reopening.replacingOccurrences(of: "Tuesday", with: "Friday"), day: "2024-03-02")])
            #expect(try store.canonical(of: "Quimby", inArticleFrom: "d.txt")?.0 == "Quimby")
            try expectDayTalliesMatchMentions(store)
        }
    }

    @Test func theTypeIsTheVoteOfEveryArticle() throws {
        try withStore { store, _ in
            try store.connection.execute(
                """
                INSERT INTO canonical_entities (key, name, person_votes, organization_votes, first_seen_at, first_seen_day)
                VALUES ('x', 'X', 1, 10, '', ''), ('y', 'Y', 3, 3, '', '');
                """)
            #expect(try store.connection.scalar("SELECT type FROM canonical_entities WHERE key = 'x'") == "organization")
            #expect(try store.connection.scalar("SELECT type FROM canonical_entities WHERE key = 'y'") == "person")
        }
    }

    @Test func anEditedCopyIsANearDuplicateOfTheOriginalAndShareItsStory() throws {
        try withStore { store, _ in
            let body = """
                 date 2024-03-01 Flood water reached the centre of Tarlow on Monday after three days of rain, and the \
                council moved two hundred families to the sports hall by the station. The river rose faster than in any \
                year since the records began, the council said, and the old bridge was closed to cars and walkers. \
                Volunteers filled sandbags through the night while the fire brigade pumped water out of the school. \
                Farmers to the north said their fields would stay under water for weeks. The weather office expects \
                the rain to ease on Wednesday, but warned that the river could rise again at the weekend.
                """
            let edited = " date 2024-03-02 LATEST: FLOODS IN TARLOW. " + body.dropFirst(17).replacingOccurrences(
                of: " The weather office expects the rain to ease on Wednesday, but warned that the river could rise again at the weekend.",
                with: " Schools will stay closed on Tuesday.")
            try store.store([
                try record("original.txt", body, day: "2024-03-01"), try record("distinct.txt", fisheries, day: "2024-03-01"),
                try record("copy.txt", edited, day: "2024-03-01"),
            ])
            let rows = try store.connection.rows(
                "SELECT a.source_file, a.near_duplicate_of, a.similarity, sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.id")
            #expect(rows[2][1] == .integer(1), "the copy points to the original")
            #expect((rows[2][2].real ?? 0) >= 0.3)
            #expect(rows[1][1] == .null, "a distinct article is not a near-duplicate")
            #expect(rows[2][3] == rows[0][3], "near-duplicates share a story")
            #expect(rows[1][3] != rows[0][3])
            #expect(try store.connection.scalar("SELECT articles || '/' || distinct_articles FROM stories WHERE id = ?", rows[0][3]) == "2/1")
            try expectDayTalliesMatchMentions(store)
            try expectStoriesConsistent(store)
        }
    }

    /// Reports of two events of one day and one of neither, in invented words.
    static let dayOfTwoStories = [
        ("flood-1.txt", "Flood water from the Tarlow river reached the market square, and volunteers filled sandbags by the flooded bridge."),
        ("vote-1.txt", "Velmora counted its ballots overnight: the ballot boxes came by boat, and the candidates waited for the turnout figures."),
        ("flood-2.txt", "The Tarlow river flood closed the bridge again, and volunteers with sandbags kept the water from the market square."),
        ("concert.txt", "The orchestra sold every ticket for its winter concert in the old hall, and added a matinee."),
        ("vote-2.txt", "Ballot boxes from the islands reached Velmora by boat, and the candidates said the turnout figures were the highest yet."),
        ("flood-3.txt", "Sandbags and volunteers held the Tarlow river back from the market square overnight, though the bridge stayed closed."),
    ]

    /// The day's stories as sets of source files.
    func stories(of store: ArticleStore) throws -> Set<Set<String>> {
        var groups: [Int64: Set<String>] = [:]
        for row in try store.connection.rows(
            "SELECT sa.story_id, a.source_file FROM story_articles sa JOIN articles a ON a.id = sa.article_id")
        {
            groups[row[0].integer ?? 0, default: []].insert(row[1].text ?? "")
        }
        return Set(groups.values)
    }

    @Test func aRunEndsWithTheDaysStoriesGroupedWholeTheSameInAnyOrder() throws {
        var found: [Set<Set<String>>] = []
        for order in [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [3, 1, 5, 0, 4, 2]] {
            try withStore { store, _ in
                // One article a run, as a daemon sees a trickle; each run ends by grouping the day again.
                for i in order {
                    let (path, text) = Self.dayOfTwoStories[i]
                    try store.store([try record(path, " date 2024-03-01 " + text, day: "2024-03-01")])
                    try store.regroupStories()
                }
                try expectStoriesConsistent(store)
                found.append(try stories(of: store))
            }
        }
        #expect(found[0] == [["flood-1.txt", "flood-2.txt", "flood-3.txt"], ["vote-1.txt", "vote-2.txt"], ["concert.txt"]])
        #expect(found[1] == found[0] && found[2] == found[0])
    }

    @Test func aNearDuplicateFamilyIsGroupedTheSameWhicheverCopyCameFirst() throws {
        // The copy adds a paragraph on the vote: read as the family's counted article it pulls the
        // family towards the vote's story. The first copy to arrive is the one counted; the grouping
        // reads the same member of the family in either order.
        let flood = """
            Flood water reached the centre of Tarlow on Monday after three days of rain, and the council moved two \
            hundred families to the sports hall by the station. The river rose faster than in any year since the \
            records began, the council said, and the old bridge was closed to cars and walkers. Volunteers filled \
            sandbags through the night while the fire brigade pumped water out of the school.
            """
        let copy = flood + " Velmora counted its ballots overnight: ballot boxes came by boat, and the candidates " +
            "waited for the turnout figures, the highest turnout yet."
        let others = [("vote-1.txt", Self.dayOfTwoStories[1].1), ("vote-2.txt", Self.dayOfTwoStories[4].1),
                      ("concert.txt", Self.dayOfTwoStories[3].1)]
        var found: [Set<Set<String>>] = []
        for family in [[("flood.txt", flood), ("flood-copy.txt", copy)], [("flood-copy.txt", copy), ("flood.txt", flood)]] {
            try withStore { store, _ in
                try store.store(try (family + others).map { try record($0.0, " date 2024-03-01 " + $0.1, day: "2024-03-01") })
                try store.regroupStories()
                let nearDuplicates = try store.connection.scalar("SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL")
                #expect(nearDuplicates == 1, "the copy is a near-duplicate of whichever came first")
                try expectStoriesConsistent(store)
                found.append(try stories(of: store))
            }
        }
        #expect(found[0] == found[1])
    }

    @Test func storiesKeepTheirIdsWhenTheDayIsGroupedAgain() throws {
        try withStore { store, _ in
            let first = try Self.dayOfTwoStories.prefix(4).map { try record($0.0, " date 2024-03-01 " + $0.1, day: "2024-03-01") }
            try store.store(first)
            #expect(try store.regroupStories() == ["2024-03-01"])
            let floodStory = try store.connection.scalar(
                "SELECT story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.source_file = 'flood-1.txt'")
            #expect(try store.regroupStories().isEmpty, "nothing new: nothing to group")
            try store.store([try record("flood-3.txt", " date 2024-03-01 " + Self.dayOfTwoStories[5].1, day: "2024-03-01")])
            #expect(try store.regroupStories() == ["2024-03-01"])
            let after = try store.connection.rows(
                "SELECT DISTINCT story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.source_file LIKE 'flood-%'")
            #expect(after == [[floodStory]], "the flood story keeps its id and gains the new report")
            try expectStoriesConsistent(store)
        }
    }

    @Test func aDayLeftUngroupedWhenTheWriterStoppedIsGroupedAtTheNextRun() throws {
        try withStore { store, directory in
            // A run stored the day and stopped before its end: nothing grouped the day whole.
            try store.store(try Self.dayOfTwoStories.map { try record($0.0, " date 2024-03-01 " + $0.1, day: "2024-03-01") })
            let reopened = try ArticleStore(path: directory + "/gleaner.sqlite")
            #expect(try reopened.regroupStories() == ["2024-03-01"], "the next run groups the day with no new article")
            #expect(try stories(of: reopened) == [["flood-1.txt", "flood-2.txt", "flood-3.txt"], ["vote-1.txt", "vote-2.txt"], ["concert.txt"]])
            #expect(try ArticleStore(path: directory + "/gleaner.sqlite").regroupStories().isEmpty, "a grouped day is not grouped again")
        }
    }

    @Test func aDaysLastArticlesThatDoNotMakeItDueAreGroupedInAfterFiveMinutes() throws {
        try withStore { store, _ in
            // Twenty articles of invented words, no two alike: the day is grouped again once it grows
            // by two, or by one that has waited.
            let syllables = ["ka", "lo", "mi", "ren", "tas", "vul", "dor", "pen", "sif", "gar"]
            func word(_ n: Int) -> String { syllables[n % 10] + syllables[n / 10 % 10] + syllables[n / 100 % 10] }
            func text(_ article: Int) -> String {
                " date 2024-03-01 " + (0..<3).map { sentence in
                    "The " + (0..<6).map { word(article * 37 + sentence * 6 + $0) }.joined(separator: " ") + " said."
                }.joined(separator: " ")
            }
            let day = try (0..<20).map { try record("article-\($0).txt", text($0), day: "2024-03-01") }
            try store.store(day)
            #expect(try store.connection.scalar("SELECT COUNT(*) FROM counted_articles") == 20)
            #expect(try store.regroupStories() == ["2024-03-01"])
            // A later report that shares one sentence's words with the first article: not a copy of it.
            let late = text(0).split(separator: ".")[0] + ". " + text(100).split(separator: ".").dropFirst().joined(separator: ".")
            try store.store([try record("late.txt", String(late), day: "2024-03-01")])
            #expect(try store.connection.scalar("SELECT COUNT(*) FROM counted_articles") == 21)
            #expect(try store.regroupStories().isEmpty, "one article is a twentieth of the day: it waits")
            #expect(try store.regroupStories().isEmpty, "and keeps waiting while five minutes have not passed")
            try store.connection.execute("UPDATE story_days SET grouped_at = '2024-03-01T12:00:00.000Z'")
            #expect(try store.regroupStories() == ["2024-03-01"], "five minutes on, the next run groups it in")
            let stories = try store.connection.rows(
                "SELECT DISTINCT story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.source_file IN ('article-0.txt', 'late.txt')")
            #expect(stories.count == 1, "the late report is in the story of the article it follows")
            #expect(try store.regroupStories().isEmpty)
            try expectStoriesConsistent(store)
        }
    }

    @Test func migratingAVersion1StoreLinksItsArticles() throws {
        let directory = try TestSupport.makeTemporaryDirectory("gleaner-migrate-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/gleaner.sqlite"
        do {
            // A store as Gleaner wrote it before schema 2, with two articles in it.
            let connection = try SQLiteConnection(path: path)
            try connection.execute(StoreSchema.version1 + "; PRAGMA user_version = 1;")
            try connection.execute(
                """
                INSERT INTO runs (id, started_at, mode) VALUES (1, '2024-03-01T12:00:00.000Z', 'once');
                INSERT INTO articles (id, sha256, title, language, words, summary, body, source_file, ingested_at, ingested_day, run_id)
                VALUES (1, 'a', 'A', 'en', 5, '', 'US officials met Harold Quimby in Geneva on Monday.', 'a.txt', 't', '2024-03-01', 1),
                       (2, 'b', 'B', 'en', 5, '', 'Quimby spoke in the United States on Tuesday.', 'b.txt', 't', '2024-03-01', 1);
                INSERT INTO entities (id, name, type, first_seen_at, first_seen_day) VALUES
                    (1, 'US', 'location', 't', '2024-03-01'), (2, 'Harold Quimby', 'person', 't', '2024-03-01'),
                    (3, 'Quimby', 'person', 't', '2024-03-01'), (4, 'United States', 'location', 't', '2024-03-01'),
                    (5, 'National Fisheries Authority', 'organization', 't', '2024-03-01'),
                    (6, 'NFA', 'organization', 't', '2024-03-01');
                INSERT INTO mentions (article_id, entity_id, count, aliases) VALUES (1, 1, 1, '[]'), (1, 2, 1, '[]'),
                    (1, 5, 2, '["NFA"]'), (2, 3, 1, '[]'), (2, 4, 1, '[]'), (2, 6, 1, '[]');
                """)
        }
        let store = try ArticleStore(path: path)
        #expect(try store.connection.scalar("PRAGMA user_version") == .integer(Int64(ArticleStore.schemaVersion)))
        #expect(try store.canonical(of: "US", inArticleFrom: "a.txt")?.0 == "United States")
        #expect(try store.canonical(of: "United States", inArticleFrom: "b.txt")?.0 == "United States")
        #expect(try store.canonical(of: "Quimby", inArticleFrom: "b.txt")?.0 == "Harold Quimby")
        #expect(try store.canonical(of: "NFA", inArticleFrom: "b.txt")?.0 == "National Fisheries Authority", "the stored alias")
        #expect(try store.connection.scalar("SELECT count(*) FROM story_articles") == 2)
        #expect(try store.connection.scalar("SELECT count(*) FROM articles WHERE signature IS NULL") == 0)
        #expect(
            try store.connection.scalar("SELECT words FROM article_words WHERE article_id = 2")
                == "quimby 1 spoke 1 united 1 state 1 tuesday 1 quimby_spoke 1 spoke_united 1 united_state 1 state_tuesday 1",
            "the words and word pairs a day's stories are grouped by, from the stored body")
        #expect(try store.regroupStories() == ["2024-03-01"], "the migrated day is grouped whole at the first run, with no new article")
        #expect(try store.regroupStories().isEmpty)
        try expectDayTalliesMatchMentions(store)
    }
}
