/// The store's schema, as an ordered list of migrations.
///
/// `PRAGMA user_version` holds the number of migrations applied; at open, the
/// missing ones run in one transaction each. A migration is never edited once
/// shipped: a change is a new migration appended to the list. The tables are
/// described for users in `docs/schema.md`.
enum StoreSchema {
    /// Migration `i` brings the schema from version `i` to `i + 1`.
    static let migrations: [String] = [version1, version2, version3, version4, version5]

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

    /// Links across articles: canonical entities, near-duplicates, stories.
    /// Existing articles are linked by ``ArticleLinker`` in the same transaction.
    static let version2 = """
        -- One entity per real thing, across articles. The type is the vote of
        -- every mention row (one per article) by the type that article gave it.
        CREATE TABLE canonical_entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            person_votes INTEGER NOT NULL DEFAULT 0,
            organization_votes INTEGER NOT NULL DEFAULT 0,
            location_votes INTEGER NOT NULL DEFAULT 0,
            group_votes INTEGER NOT NULL DEFAULT 0,
            other_votes INTEGER NOT NULL DEFAULT 0,
            type TEXT GENERATED ALWAYS AS (CASE
                WHEN person_votes >= max(organization_votes, location_votes, group_votes, other_votes) THEN 'person'
                WHEN organization_votes >= max(location_votes, group_votes, other_votes) THEN 'organization'
                WHEN location_votes >= max(group_votes, other_votes) THEN 'location'
                WHEN group_votes >= other_votes THEN 'group'
                ELSE 'other' END) VIRTUAL,
            first_seen_at TEXT NOT NULL,
            first_seen_day TEXT NOT NULL
        );
        CREATE INDEX canonical_entities_by_first_seen_day ON canonical_entities(first_seen_day);

        -- Every known form of a canonical entity, by key (lower case, no dots).
        CREATE TABLE canonical_forms (
            form TEXT PRIMARY KEY,
            canonical_id INTEGER NOT NULL REFERENCES canonical_entities(id),
            origin TEXT NOT NULL CHECK (origin IN ('name', 'place', 'acronym'))
        ) WITHOUT ROWID;

        -- One-word forms of a day's full person names; canonical_id is NULL
        -- when two full names of the day share the form.
        CREATE TABLE day_short_forms (
            day TEXT NOT NULL,
            form TEXT NOT NULL,
            canonical_id INTEGER REFERENCES canonical_entities(id),
            PRIMARY KEY (day, form)
        ) WITHOUT ROWID;

        -- Distinct articles naming each canonical entity, per day of ingestion
        -- (a copy of an article of the same day is not counted): what "rising"
        -- and a story's novelty compare, without scanning a week of mentions.
        CREATE TABLE canonical_days (
            day TEXT NOT NULL,
            canonical_id INTEGER NOT NULL REFERENCES canonical_entities(id),
            articles INTEGER NOT NULL,
            PRIMARY KEY (day, canonical_id)
        ) WITHOUT ROWID;

        ALTER TABLE mentions ADD COLUMN canonical_id INTEGER REFERENCES canonical_entities(id);
        CREATE INDEX mentions_by_canonical ON mentions(canonical_id);

        -- Near-duplicates: the article republished with small edits.
        ALTER TABLE articles ADD COLUMN signature BLOB;
        ALTER TABLE articles ADD COLUMN similarity REAL;
        ALTER TABLE articles ADD COLUMN near_duplicate_of INTEGER REFERENCES articles(id);
        CREATE INDEX articles_by_near_duplicate_of ON articles(near_duplicate_of);
        CREATE TABLE signature_bands (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;

        -- Stories: a day's articles grouped by what they are about.
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0,
            distinct_articles INTEGER NOT NULL DEFAULT 0,
            first_article_id INTEGER REFERENCES articles(id)
        );
        CREATE INDEX stories_by_day ON stories(day);
        CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL
        );
        CREATE INDEX story_articles_by_story ON story_articles(story_id);
        CREATE TABLE article_features (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            feature TEXT NOT NULL,
            PRIMARY KEY (article_id, feature)
        ) WITHOUT ROWID;

        -- How central each article is to its story: how many of the story's
        -- articles share each of its features, summed.
        CREATE VIEW story_centrality AS
            SELECT sa.story_id, sa.article_id, COALESCE(SUM(f.articles), 0) AS centrality
            FROM story_articles sa
            LEFT JOIN article_features af ON af.article_id = sa.article_id
            LEFT JOIN (SELECT x.story_id, y.feature, COUNT(*) AS articles
                       FROM story_articles x JOIN article_features y ON y.article_id = x.article_id
                       GROUP BY x.story_id, y.feature) f
                ON f.story_id = sa.story_id AND f.feature = af.feature
            GROUP BY sa.story_id, sa.article_id;

        -- Each story with the title of its most central article.
        CREATE VIEW story_titles AS
            SELECT s.id AS story_id, s.day, s.articles, s.distinct_articles, c.article_id, a.title
            FROM stories s
            JOIN (SELECT story_id, article_id, MAX(centrality) AS centrality FROM story_centrality GROUP BY story_id) c
                ON c.story_id = s.id
            JOIN articles a ON a.id = c.article_id;

        -- Every quote with its speaker's canonical entity (one name for every form).
        DROP VIEW quotes_by_speaker;
        CREATE VIEW quotes_by_speaker AS
            SELECT COALESCE(c.name, q.speaker) AS speaker, c.type AS speaker_type,
                   q.text AS quote, a.id AS article_id, a.title AS title,
                   a.published AS published, a.ingested_day AS day
            FROM quotes q
            JOIN articles a ON a.id = q.article_id
            LEFT JOIN mentions m ON m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id
            LEFT JOIN canonical_entities c ON c.id = m.canonical_id;

        -- How often each canonical entity appears, per day of ingestion.
        CREATE VIEW canonical_mentions_by_day AS
            SELECT a.ingested_day AS day, c.id AS canonical_id, c.name AS entity, c.type AS type,
                   COUNT(*) AS articles, SUM(m.count) AS mentions
            FROM mentions m
            JOIN canonical_entities c ON c.id = m.canonical_id
            JOIN articles a ON a.id = m.article_id
            GROUP BY a.ingested_day, c.id;
        """

    static let version3 = """
        -- What each article is about, for grouping a whole day's stories again:
        -- its most frequent content words with their counts ("word 3 other 2").
        CREATE TABLE article_words (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            words TEXT NOT NULL
        );

        -- A day's articles and what they copy, without reading their rows (and bodies).
        CREATE INDEX articles_by_day_original ON articles(ingested_day, near_duplicate_of);

        -- Each article that counts in its day: an original, or a copy of an article of another day.
        CREATE VIEW counted_articles AS
            SELECT a.id, a.ingested_day AS day FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of
            WHERE a.near_duplicate_of IS NULL OR o.ingested_day IS NOT a.ingested_day;

        -- How many distinct articles a day had when its stories were last grouped whole.
        CREATE TABLE story_days (
            day TEXT PRIMARY KEY,
            grouped_articles INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    static let version4 = """
        -- Articles are described by stemmed words and word pairs now: their words are
        -- written again from their bodies, and every day is grouped whole again.
        DELETE FROM article_words;
        DELETE FROM story_days;
        -- When each day was last grouped whole: articles that did not make it due wait five minutes at most.
        ALTER TABLE story_days ADD COLUMN grouped_at TEXT;
        """

    static let version5 = """
        -- A party's short or informal name ("Labour", "Tories") is a form of the party's
        -- entity, with its own origin. SQLite cannot change a CHECK: the table is rebuilt.
        -- Entities stored under such a name join the party's at its next mention.
        CREATE TABLE canonical_forms_v5 (
            form TEXT PRIMARY KEY,
            canonical_id INTEGER NOT NULL REFERENCES canonical_entities(id),
            origin TEXT NOT NULL CHECK (origin IN ('name', 'place', 'acronym', 'party'))
        ) WITHOUT ROWID;
        INSERT INTO canonical_forms_v5 (form, canonical_id, origin) SELECT form, canonical_id, origin FROM canonical_forms;
        DROP TABLE canonical_forms;
        ALTER TABLE canonical_forms_v5 RENAME TO canonical_forms;
        """
}
