import ArticleExtraction
import ArticleLinking

/// The SQLite database that keeps every article, what was extracted from it,
/// and a ledger of every file intake saw.
///
/// Opening it sets WAL, `synchronous=FULL` (a commit is on disk when it
/// returns, so a file is moved out of the inbox only after its row is
/// durable), `foreign_keys=ON` and a busy timeout, then runs the missing
/// migrations. One `ArticleStore` is the single writer; readers may open
/// their own ``SQLiteConnection`` at the same time.
public final class ArticleStore {
    /// The underlying connection, for queries (digests, status, tests).
    public let connection: SQLiteConnection
    private let statements: Statements
    private let linker: ArticleLinker
    private let regrouper: StoryRegrouper
    /// Days that gained an article since their stories were last grouped whole.
    private var daysToRegroup: Set<String> = []

    /// Opens or creates the store at `path` and brings its schema up to date.
    /// - Throws: ``SQLiteError`` when the file cannot be opened, is not a
    ///   database, or was written by a newer Gleaner.
    public init(path: String) throws(SQLiteError) {
        connection = try SQLiteConnection(path: path)
        try connection.execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;")
        try Self.migrate(connection)
        statements = try Statements(connection)
        linker = try ArticleLinker(connection)
        regrouper = try StoryRegrouper(connection)
        daysToRegroup = Set(try regrouper.daysWaiting())
    }

    /// The schema version this build writes.
    public static var schemaVersion: Int { StoreSchema.currentVersion }

    static func migrate(_ connection: SQLiteConnection) throws(SQLiteError) {
        let found = Int(try connection.scalar("PRAGMA user_version").integer ?? 0)
        guard found <= StoreSchema.currentVersion else {
            throw SQLiteError(
                code: 0,
                message: "the database has schema version \(found), newer than this Gleaner's "
                    + "\(StoreSchema.currentVersion); use a newer gleaner or another state directory")
        }
        for version in found..<StoreSchema.currentVersion {
            do {
                try connection.transaction {
                    try connection.execute(StoreSchema.migrations[version])
                    // Articles stored before schema 2 are linked as if they had just arrived.
                    if version + 1 == 2 { try ArticleLinker(connection).linkExisting() }
                    // Articles stored before schema 3 get the words their day's stories are grouped by;
                    // schema 4 writes them again, stemmed and with word pairs.
                    if version + 1 == 4 { try StoryRegrouper.storeWordsOfExisting(connection) }
                    try connection.execute("PRAGMA user_version = \(version + 1)")
                }
            } catch let error as SQLiteError {
                throw error
            } catch {
                throw SQLiteError(code: 1, message: "\(error)")
            }
        }
    }

    // MARK: Runs

    /// Records the start of a run and returns its id.
    public func beginRun(mode: String, at time: IngestTime) throws(SQLiteError) -> Int64 {
        try statements.beginRun.run(.text(time.timestamp), .text(mode))
        return connection.lastInsertRowID
    }

    /// Records the end of run `id` with its counts.
    public func finishRun(_ id: Int64, counts: RunCounts, at time: IngestTime) throws(SQLiteError) {
        try statements.finishRun.run(
            .text(time.timestamp), SQLiteValue(counts.filesSeen), SQLiteValue(counts.stored),
            SQLiteValue(counts.duplicates), SQLiteValue(counts.failed), SQLiteValue(counts.deferred),
            .integer(id))
    }

    // MARK: Stories

    /// Groups again, from all their articles at once, the stories of each day
    /// that grew by a tenth (``StoryRegrouper/growthShare``) since it was last
    /// grouped whole, or whose new articles have waited five minutes
    /// (``StoryRegrouper/waitSeconds``); the intake calls it at the end of
    /// each run. Returns the days regrouped. Story ids stay stable.
    @discardableResult
    public func regroupStories() throws -> [String] {
        var done: [String] = []
        for day in daysToRegroup.sorted() {
            let standing = try connection.transaction { () throws -> StoryRegrouper.Standing in
                let standing = try regrouper.standing(of: day)
                if standing == .due { try regrouper.regroup(day) }
                return standing
            }
            if standing != .waiting { daysToRegroup.remove(day) }
            if standing == .due {
                linker.forgetDay(day)
                done.append(day)
            }
        }
        return done
    }

    // MARK: Articles

    /// The id of the stored article with this content digest, if any.
    public func articleID(sha256: String) throws(SQLiteError) -> Int64? {
        try statements.articleBySHA.firstValue(.text(sha256))?.integer
    }

    /// Decides and records the outcome of each file in one transaction.
    ///
    /// An article whose digest is already stored (earlier, or earlier in this
    /// batch) becomes a duplicate of that article. `destination` is asked,
    /// inside the transaction, where the file will be moved for its outcome;
    /// the answer goes into the ledger's `moved_to`. Nothing is written if
    /// this throws.
    ///
    /// A record SQLite refuses on its own (a constraint, a value too big) is
    /// recorded as failed at stage `store` and the rest still commit; an error
    /// of the database itself (disk full, I/O, locked) is thrown, so the
    /// caller leaves every file of the batch in the inbox.
    public func record(
        _ records: [IntakeRecord], run: Int64,
        destination: (IntakeRecord, IntakeOutcome) -> String?
    ) throws -> [IntakeOutcome] {
        do {
            return try recordInTransactions(records, run: run, destination: destination)
        } catch {
            linker.forgetCache()  // what it cached may have been rolled back
            throw error
        }
    }

    private func recordInTransactions(
        _ records: [IntakeRecord], run: Int64,
        destination: (IntakeRecord, IntakeOutcome) -> String?
    ) throws -> [IntakeOutcome] {
        do {
            return try connection.transaction {
                let outcomes = try records.map { try recordOne($0, run: run, destination: destination) }
                try linker.flushVotes()
                return outcomes
            }
        } catch let error as SQLiteError where Self.isRecordSpecific(error) {
            linker.forgetCache()
            // Find the record at fault: each in its own transaction.
            var outcomes: [IntakeOutcome] = []
            for record in records {
                do {
                    outcomes.append(
                        try connection.transaction {
                            let outcome = try recordOne(record, run: run, destination: destination)
                            try linker.flushVotes()
                            return outcome
                        })
                } catch let error as SQLiteError where Self.isRecordSpecific(error) {
                    linker.forgetCache()
                    var failed = record
                    failed.content = .failure(stage: "store", reason: error.description, sha256: record.sha256)
                    outcomes.append(try connection.transaction { try recordOne(failed, run: run, destination: destination) })
                }
            }
            return outcomes
        }
    }

    /// Errors caused by one record's values rather than by the database.
    static func isRecordSpecific(_ error: SQLiteError) -> Bool {
        let constraint: Int32 = 19, tooBig: Int32 = 18, mismatch: Int32 = 20, range: Int32 = 25
        return [constraint, tooBig, mismatch, range].contains(error.primaryCode)
    }

    private func recordOne(
        _ record: IntakeRecord, run: Int64, destination: (IntakeRecord, IntakeOutcome) -> String?
    ) throws(SQLiteError) -> IntakeOutcome {
        let outcome: IntakeOutcome
        switch record.content {
        case .article(let article, let sha256):
            if let existing = try articleID(sha256: sha256) {
                outcome = .duplicate(articleID: existing)
            } else {
                outcome = .stored(articleID: try insert(article, sha256: sha256, record: record, run: run))
            }
        case .failure(let stage, let reason, _):
            outcome = .failed(stage: stage, reason: reason)
        case .stored(let sha256):
            if let existing = try articleID(sha256: sha256) {
                outcome = .duplicate(articleID: existing)
            } else {
                outcome = .failed(stage: "store", reason: "its content was said to be stored, and is not; drop it again")
            }
        }
        var articleID: SQLiteValue = .null
        var stage: SQLiteValue = .null
        var reason: SQLiteValue = .null
        switch outcome {
        case .stored(let id): articleID = .integer(id)
        case .duplicate(let id):
            articleID = .integer(id)
            let source = try statements.articleSource.firstValue(.integer(id))?.text
            reason = .text(
                source == record.path
                    ? "already stored from this file (an earlier run stopped before moving it)"
                    : "same content as article \(id) (\(source ?? "?"))")
        case .failed(let failedStage, let failedReason):
            stage = .text(failedStage)
            reason = .text(failedReason)
        }
        try statements.ledger.run(
            .integer(run), .text(record.seen.timestamp), .text(record.seen.day), .text(record.path),
            SQLiteValue(record.size), SQLiteValue(record.sha256), .text(outcome.name), articleID, stage, reason,
            SQLiteValue(destination(record, outcome)))
        return outcome
    }

    private func insert(_ article: ExtractedArticle, sha256: String, record: IntakeRecord, run: Int64)
        throws(SQLiteError) -> Int64
    {
        let s = statements
        let match = try linker.nearDuplicate(of: record.signature ?? TextSignature(article.body))
        try s.article.run(
            .text(sha256), SQLiteValue(article.date?.description), .text(article.title), .text(article.language),
            SQLiteValue(article.words), .text(article.summary), .text(article.body), .text(record.path),
            SQLiteValue(record.tag), .text(Self.jsonArray(article.flags)), .text(Self.jsonObject(article.header)),
            .text(record.seen.timestamp), .text(record.seen.day), .integer(run), .blob(match.signature.bytes),
            match.similarity.map { .real($0) } ?? .null, SQLiteValue(match.original))
        let id = connection.lastInsertRowID

        var entityIDs: [String: Int64] = [:]
        var linkable: [LinkableArticle.Entity] = []
        for entity in article.entities {
            let type = SQLiteValue.text(entity.type.rawValue)
            let entityID: Int64
            if let known = try s.entityByName.firstValue(.text(entity.name), type)?.integer {
                entityID = known
            } else {
                try s.entity.run(
                    .text(entity.name), type, .text(record.seen.timestamp), .text(record.seen.day), .integer(id))
                entityID = connection.lastInsertRowID
            }
            entityIDs[entity.name] = entityID
            if let same = linkable.firstIndex(where: { $0.entityID == entityID }) {
                linkable[same].mentions += entity.mentions
            } else {
                linkable.append(
                    LinkableArticle.Entity(
                        entityID: entityID, name: entity.name, type: entity.type.rawValue, mentions: entity.mentions,
                        aliases: entity.aliases))
            }
        }
        for (position, quote) in article.quotes.enumerated() {
            let speakerID = quote.speaker.flatMap { entityIDs[$0] }
            try s.quote.run(
                .integer(id), SQLiteValue(position), .text(quote.text), SQLiteValue(quote.speaker),
                SQLiteValue(speakerID))
        }
        for (position, date) in article.dates.enumerated() {
            try s.date.run(.integer(id), SQLiteValue(position), .text(date.text), .text(date.value))
        }
        for (position, amount) in article.amounts.enumerated() {
            try s.amount.run(
                .integer(id), SQLiteValue(position), .text(amount.text), .real(amount.value), SQLiteValue(amount.about))
        }
        for (position, keyword) in article.keywords.enumerated() {
            try s.keyword.run(.integer(id), SQLiteValue(position), .text(keyword))
        }
        try s.articleWords.run(.integer(id), .text(StoryRegrouper.encode(article.contentWords)))
        daysToRegroup.insert(record.seen.day)
        try linker.link(
            LinkableArticle(
                id: id, day: record.seen.day, seenAt: record.seen.timestamp, entities: linkable,
                keywords: article.keywords),
            match: match)
        return id
    }

    static func jsonArray(_ values: [String]) -> String {
        var writer = JSONWriter()
        writer.strings(values)
        return writer.output
    }

    static func jsonObject(_ fields: [String: String]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        for key in fields.keys.sorted() {
            writer.key(key)
            writer.string(fields[key]!)
        }
        writer.endObject()
        return writer.output
    }

    /// The statements run per file, compiled once.
    private struct Statements {
        let beginRun, finishRun, articleBySHA, articleSource, article, ledger: SQLiteStatement
        let entityByName, entity, quote, date, amount, keyword, articleWords: SQLiteStatement

        init(_ c: SQLiteConnection) throws(SQLiteError) {
            beginRun = try c.prepare("INSERT INTO runs (started_at, mode) VALUES (?, ?)")
            finishRun = try c.prepare(
                """
                UPDATE runs SET finished_at = ?, files_seen = ?, stored = ?, duplicates = ?, failed = ?, deferred = ?
                WHERE id = ?
                """)
            articleBySHA = try c.prepare("SELECT id FROM articles WHERE sha256 = ?")
            articleSource = try c.prepare("SELECT source_file FROM articles WHERE id = ?")
            article = try c.prepare(
                """
                INSERT INTO articles (sha256, published, title, language, words, summary, body, source_file, tag,
                                      flags, header, ingested_at, ingested_day, run_id, signature, similarity,
                                      near_duplicate_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            ledger = try c.prepare(
                """
                INSERT INTO ledger (run_id, seen_at, seen_day, path, size, sha256, outcome, article_id, stage, reason,
                                    moved_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            entityByName = try c.prepare("SELECT id FROM entities WHERE name = ? AND type = ?")
            entity = try c.prepare(
                """
                INSERT INTO entities (name, type, first_seen_at, first_seen_day, first_article_id)
                VALUES (?, ?, ?, ?, ?)
                """)
            quote = try c.prepare(
                "INSERT INTO quotes (article_id, position, text, speaker, speaker_entity_id) VALUES (?, ?, ?, ?, ?)")
            date = try c.prepare("INSERT INTO dates (article_id, position, text, value) VALUES (?, ?, ?, ?)")
            amount = try c.prepare(
                "INSERT INTO amounts (article_id, position, text, value, about) VALUES (?, ?, ?, ?, ?)")
            keyword = try c.prepare("INSERT INTO keywords (article_id, position, keyword) VALUES (?, ?, ?)")
            articleWords = try c.prepare("INSERT INTO article_words (article_id, words) VALUES (?, ?)")
        }
    }
}
