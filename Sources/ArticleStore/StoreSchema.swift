/// The store's schema, as an ordered list of migrations.
///
/// `PRAGMA user_version` holds the number of migrations applied; at open, the
/// missing ones run in one transaction each. A migration is never edited once
/// shipped: a change is a new migration appended to the list. The tables are
/// described for users in `docs/schema.md`.
enum StoreSchema {
    /// Migration `i` brings the schema from version `i` to `i + 1`.
    static let migrations: [String] = [version1]

    /// The version a store has after every migration ran.
    static var currentVersion: Int { migrations.count }

    static let version1 = """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            mode TEXT NOT NULL,
            files_seen INTEGER NOT NULL DEFAULT 0,
            stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            deferred INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            published TEXT,
            title TEXT NOT NULL,
            language TEXT NOT NULL,
            words INTEGER NOT NULL,
            summary TEXT NOT NULL,
            body TEXT NOT NULL,
            source_file TEXT NOT NULL,
            tag TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            header TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL,
            ingested_day TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id)
        );
        CREATE INDEX articles_by_ingested_day ON articles(ingested_day);
        CREATE INDEX articles_by_published ON articles(published);

        CREATE TABLE ledger (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            seen_at TEXT NOT NULL,
            seen_day TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER,
            sha256 TEXT,
            outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'failed')),
            article_id INTEGER REFERENCES articles(id),
            stage TEXT,
            reason TEXT,
            moved_to TEXT
        );
        CREATE INDEX ledger_by_run ON ledger(run_id);
        CREATE INDEX ledger_by_sha256 ON ledger(sha256);
        CREATE INDEX ledger_by_seen_day ON ledger(seen_day);

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'location', 'group', 'other')),
            first_seen_at TEXT NOT NULL,
            first_seen_day TEXT NOT NULL,
            first_article_id INTEGER REFERENCES articles(id),
            UNIQUE (name, type)
        );

        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            count INTEGER NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_by_entity ON mentions(entity_id);

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_entity_id INTEGER REFERENCES entities(id)
        );
        CREATE INDEX quotes_by_article ON quotes(article_id);
        CREATE INDEX quotes_by_speaker_entity ON quotes(speaker_entity_id);

        CREATE TABLE dates (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT NOT NULL
        );
        CREATE INDEX dates_by_article ON dates(article_id);
        CREATE INDEX dates_by_value ON dates(value);

        CREATE TABLE amounts (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL NOT NULL,
            about TEXT
        );
        CREATE INDEX amounts_by_article ON amounts(article_id);

        CREATE TABLE keywords (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            keyword TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX keywords_by_keyword ON keywords(keyword);

        -- Full-text index over title and body; the text itself stays in articles.
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, body, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
            INSERT INTO article_search(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
            INSERT INTO article_search(article_search, rowid, title, body)
                VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER articles_search_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO article_search(article_search, rowid, title, body)
                VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO article_search(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;

        -- How often each entity appears, per day of ingestion.
        CREATE VIEW entity_mentions_by_day AS
            SELECT a.ingested_day AS day, e.id AS entity_id, e.name AS entity, e.type AS type,
                   COUNT(*) AS articles, SUM(m.count) AS mentions
            FROM mentions m
            JOIN entities e ON e.id = m.entity_id
            JOIN articles a ON a.id = m.article_id
            GROUP BY a.ingested_day, e.id;

        -- Every quote with its speaker and the article it comes from.
        CREATE VIEW quotes_by_speaker AS
            SELECT COALESCE(e.name, q.speaker) AS speaker, e.type AS speaker_type,
                   q.text AS quote, a.id AS article_id, a.title AS title,
                   a.published AS published, a.ingested_day AS day
            FROM quotes q
            JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities e ON e.id = q.speaker_entity_id;

        -- What each day's runs did with the files they saw.
        CREATE VIEW intake_by_day AS
            SELECT seen_day AS day,
                   SUM(outcome = 'stored') AS stored,
                   SUM(outcome = 'duplicate') AS duplicates,
                   SUM(outcome = 'failed') AS failed
            FROM ledger
            GROUP BY seen_day;

        -- Failed files with their reasons and where they were moved.
        CREATE VIEW failed_files AS
            SELECT l.seen_at, l.path, l.stage, l.reason, l.moved_to, l.run_id
            FROM ledger l
            WHERE l.outcome = 'failed';
        """
}
