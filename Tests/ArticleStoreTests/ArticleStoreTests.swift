import ArticleExtraction
import Foundation
import Testing
import TestSupport

@testable import ArticleStore

/// A fresh store in a temporary directory, removed afterwards.
func withStore(_ body: (ArticleStore, String) throws -> Void) throws {
    let directory = try TestSupport.makeTemporaryDirectory("gleaner-store-")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try ArticleStore(path: directory + "/gleaner.sqlite")
    try body(store, directory)
}

let noon = IngestTime(timestamp: "2024-03-01T12:00:00.000Z", day: "2024-03-01")

func record(_ path: String, _ text: String, sha: String) throws -> IntakeRecord {
    let article = try ArticleExtractor().extract(Array(text.utf8))
    return IntakeRecord(path: path, size: text.utf8.count, tag: nil, content: .article(article, sha256: sha), seen: noon)
}

@Suite("SQLite layer")
struct SQLiteLayerTests {
    @Test func errorsCarryCodeMessageAndSQLButNotTheBoundValues() throws {
        try withStore { store, _ in
            let connection = store.connection
            try connection.execute("CREATE TABLE t (x TEXT NOT NULL UNIQUE)")
            let insert = try connection.prepare("INSERT INTO t (x) VALUES (?)")
            try insert.run("secret value")
            let error = try #require(throws: SQLiteError.self) { try insert.run("secret value") }
            #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.primaryCode == 19)
            #expect(error.description == "SQLite error 2067: UNIQUE constraint failed: t.x - while executing `INSERT INTO t (x) VALUES (?)`")
            #expect(!error.description.contains("secret"))
        }
    }

    @Test func valuesRoundTripIncludingEmptyTextAndNull() throws {
        try withStore { store, _ in
            let row = try store.connection.rows("SELECT ?, ?, ?, ?, ?", 42, 2.5, "", "zürich", nil).first
            #expect(row == [.integer(42), .real(2.5), .text(""), .text("zürich"), .null])
            let blobs = try store.connection.rows("SELECT ?, ?, typeof(?2)", .blob([0, 255, 7]), .blob([])).first
            #expect(blobs == [.blob([0, 255, 7]), .blob([]), .text("blob")])
        }
    }

    @Test func firstValueTellsNoRowFromANullValue() throws {
        try withStore { store, _ in
            let statement = try store.connection.prepare("SELECT value FROM json_each(?)")
            #expect(try statement.firstValue("[]") == Optional<SQLiteValue>.none)
            #expect(try statement.firstValue("[null]") == Optional<SQLiteValue>.some(.null))
            #expect(try statement.firstValue("[7]") == Optional<SQLiteValue>.some(.integer(7)))
        }
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        try withStore { store, _ in
            let c = store.connection
            try c.execute("CREATE TABLE t (x INTEGER)")
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try c.transaction {
                    try c.prepare("INSERT INTO t VALUES (1)").run()
                    throw Stop()
                }
            }
            #expect(try c.scalar("SELECT count(*) FROM t") == 0)
        }
    }
}

@Suite("Article store")
struct ArticleStoreTests {
    @Test func openingSetsWALForeignKeysAndTheSchemaVersion() throws {
        try withStore { store, directory in
            let c = store.connection
            #expect(try c.scalar("PRAGMA journal_mode") == "wal")
            #expect(try c.scalar("PRAGMA foreign_keys") == 1)
            #expect(try c.scalar("PRAGMA synchronous") == 2)  // FULL
            #expect(try c.scalar("PRAGMA user_version") == .integer(Int64(ArticleStore.schemaVersion)))
            // Opening again runs no migration twice.
            let again = try ArticleStore(path: directory + "/gleaner.sqlite")
            #expect(try again.connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'articles'") == 1)
        }
    }

    @Test func aDatabaseFromANewerGleanerIsRefused() throws {
        try withStore { store, directory in
            try store.connection.execute("PRAGMA user_version = 99")
            let error = try #require(throws: SQLiteError.self) { try ArticleStore(path: directory + "/gleaner.sqlite") }
            #expect(error.message.contains("schema version 99"))
        }
    }

    @Test func recordingStoresTheArticleItsFactsAndALedgerRow() throws {
        try withStore { store, _ in
            let run = try store.beginRun(mode: "test", at: noon)
            let text = " date 2024-02-29 Mayor Tomas Berg said \"the ferry will run again\" in Bergen on Monday."
            let outcomes = try store.record([try record("a.txt", text, sha: "aa")], run: run) { _, _ in "archive/x/a.txt" }
            guard case .stored(let id) = outcomes.first else { Issue.record("not stored: \(outcomes)"); return }
            let c = store.connection
            #expect(try c.scalar("SELECT published || ' ' || ingested_day FROM articles WHERE id = ?", .integer(id)) == "2024-02-29 2024-03-01")
            #expect(try c.scalar("SELECT speaker FROM quotes_by_speaker") == "Tomas Berg")
            #expect(try c.scalar("SELECT count(*) FROM entity_mentions_by_day WHERE entity = 'Bergen' AND type = 'location'") == 1)
            #expect(try c.scalar("SELECT value FROM dates WHERE text = 'Monday'") == "2024-03-04")
            #expect(try c.scalar("SELECT outcome || ' ' || moved_to FROM ledger") == "stored archive/x/a.txt")
            #expect(try c.scalar("SELECT rowid FROM article_search WHERE article_search MATCH 'ferry'") == .integer(id))
        }
    }

    @Test func theSameContentTwiceIsOneArticleAndADuplicateThatSaysWhichAndWhy() throws {
        try withStore { store, _ in
            let run = try store.beginRun(mode: "test", at: noon)
            let text = "A short note about the harbour in Bergen."
            let outcomes = try store.record(
                [try record("a.txt", text, sha: "same"), try record("b.txt", text, sha: "same"),
                 try record("a.txt", text, sha: "same")], run: run) { _, _ in nil }
            #expect(outcomes == [.stored(articleID: 1), .duplicate(articleID: 1), .duplicate(articleID: 1)])
            let reasons = try store.connection.rows("SELECT reason FROM ledger WHERE outcome = 'duplicate' ORDER BY id")
            #expect(reasons[0] == [.text("same content as article 1 (a.txt)")])
            #expect(reasons[1] == [.text("already stored from this file (an earlier run stopped before moving it)")])
            #expect(try store.connection.scalar("SELECT count(*) FROM articles") == 1)
        }
    }

    @Test func aRecordSQLiteRefusesFailsAloneAndTheRestOfItsBatchCommits() throws {
        try withStore { store, _ in
            // A trigger stands in for any constraint a record's values could break.
            try store.connection.execute(
                """
                CREATE TRIGGER refuse_poison BEFORE INSERT ON articles WHEN new.body LIKE '%poison%'
                BEGIN SELECT RAISE(ABORT, 'poisoned article'); END
                """)
            let run = try store.beginRun(mode: "test", at: noon)
            var destinations: [String] = []
            let outcomes = try store.record(
                [try record("a.txt", "A note from Bergen.", sha: "1"), try record("b.txt", "A poison pen letter.", sha: "2"),
                 try record("c.txt", "A note from Oslo.", sha: "3")], run: run
            ) { record, _ in
                destinations.append(record.path)
                return record.path
            }
            #expect(outcomes.map(\.name) == ["stored", "failed", "stored"])
            guard case .failed(let stage, let reason) = outcomes[1] else { return }
            #expect(stage == "store" && reason.contains("poisoned article"))
            // The rolled-back first attempt left nothing: one ledger row per file.
            #expect(try store.connection.scalar("SELECT count(*) FROM ledger") == 3)
            #expect(try store.connection.scalar("SELECT count(*) FROM articles") == 2)
            // Destinations are asked again on the retry, so callers must let a later answer replace an earlier one.
            #expect(destinations.count > 3 && Set(destinations) == ["a.txt", "b.txt", "c.txt"])
        }
    }

    @Test func anEntityIsKeptOnceWithTheDayItWasFirstSeen() throws {
        try withStore { store, _ in
            let run = try store.beginRun(mode: "test", at: noon)
            _ = try store.record([try record("a.txt", "Tomas Berg spoke in Bergen.", sha: "1")], run: run) { _, _ in nil }
            let later = IngestTime(timestamp: "2024-03-02T08:00:00.000Z", day: "2024-03-02")
            var second = try record("b.txt", "Later, Tomas Berg left Bergen.", sha: "2")
            second.seen = later
            _ = try store.record([second], run: run) { _, _ in nil }
            let c = store.connection
            #expect(try c.scalar("SELECT count(*) FROM entities WHERE name = 'Bergen'") == 1)
            #expect(try c.scalar("SELECT first_seen_day FROM entities WHERE name = 'Bergen'") == "2024-03-01")
            #expect(try c.scalar("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'Bergen'") == 2)
        }
    }

    @Test func aFailureIsRecordedWithStageAndReasonAndTheRunKeepsItsCounts() throws {
        try withStore { store, _ in
            let run = try store.beginRun(mode: "test", at: noon)
            let failed = IntakeRecord(
                path: "x.gz", size: 10, tag: nil, content: .failure(stage: "gzip", reason: "truncated", sha256: nil), seen: noon)
            let outcomes = try store.record([failed], run: run) { _, _ in "failed/x.gz" }
            #expect(outcomes == [.failed(stage: "gzip", reason: "truncated")])
            var counts = RunCounts()
            counts.add(outcomes[0])
            try store.finishRun(run, counts: counts, at: noon)
            #expect(try store.connection.scalar("SELECT failed || '/' || files_seen FROM runs") == "1/1")
            #expect(try store.connection.scalar("SELECT reason FROM failed_files") == "truncated")
        }
    }
}

@Suite("docs/schema.md")
struct SchemaDocumentationTests {
    @Test func everyTableViewAndColumnIsDocumented() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/schema.md").path
        let documentation = try String(contentsOfFile: path, encoding: .utf8)
        try withStore { store, _ in
            let c = store.connection
            let objects = try c.rows(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                    + "AND name NOT LIKE 'article_search_%'")
            for object in objects.compactMap({ $0[0].text }) {
                #expect(documentation.contains("`\(object)`"), "\(object) is not in docs/schema.md")
                for column in try c.rows("SELECT name FROM pragma_table_info(?)", .text(object)).compactMap({ $0[0].text }) {
                    #expect(documentation.contains("`\(column)`"), "\(object).\(column) is not in docs/schema.md")
                }
            }
        }
    }
}
