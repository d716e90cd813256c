import StateFiles
import ArgumentParser
import ArticleExtraction
import ArticleLinking
import ArticleStore
import Intake

/// `gleaner entity`: what the store knows about one entity.
struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show what the store knows about a person, organisation or place.",
        discussion: """
            NAME is matched without regard to case, against the canonical entities (one per real \
            thing across articles: "US" and "United States" are one place) and the other forms \
            articles used for them (a surname, an acronym). Shows the type its mentions voted for, the \
            forms, the articles by day, the quotes by it, and the entities it appears with most.
            """
    )

    @OptionGroup var state: StateOptions

    @Argument(help: "The entity's name, or another form of it.")
    var name: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let (_, layout, connection) = try state.openStore()
        do {
            let matches = try Self.canonicalMatches(name, in: connection)
            guard !matches.isEmpty else {
                StandardError.write("gleaner: no entity called '\(name)' in the store; try `gleaner search \"\(name)\"`.")
                throw ExitCode(1)
            }
            var output = StandardOutput()
            let terminal = Terminal(environment: ConfigurationLoader.environment)
            var w = JSONWriter(pretty: true)
            if json { w.beginArray() }
            for match in matches {
                let id = SQLiteValue.integer(match[0].integer ?? 0)
                // Every form articles used: the names of the linked entities and their aliases.
                let aliases = try connection.rows(
                    """
                    SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.canonical_id = ?1
                    UNION SELECT DISTINCT j.value FROM mentions m, json_each(m.aliases) j WHERE m.canonical_id = ?1
                    ORDER BY 1
                    """, id
                ).compactMap { $0[0].text }.filter { $0 != match[1].text }
                let days = try connection.rows(
                    """
                    SELECT a.ingested_day, count(*), sum(m.count) FROM mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.canonical_id = ? GROUP BY a.ingested_day ORDER BY a.ingested_day DESC LIMIT 30
                    """, id)
                let articles = try connection.rows(
                    """
                    SELECT a.id, a.title, a.published FROM mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.canonical_id = ? AND a.near_duplicate_of IS NULL ORDER BY a.id DESC LIMIT 10
                    """, id)
                let quotes = try connection.rows(
                    """
                    SELECT q.text, min(a.title) FROM quotes q JOIN articles a ON a.id = q.article_id
                    JOIN mentions m ON m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id
                    WHERE m.canonical_id = ? GROUP BY q.text ORDER BY max(a.id) DESC LIMIT 10
                    """, id)
                let companions = try connection.rows(
                    """
                    SELECT c.name, c.type, count(*) FROM mentions m1
                    JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.canonical_id != m1.canonical_id
                    JOIN canonical_entities c ON c.id = m2.canonical_id
                    WHERE m1.canonical_id = ? AND c.type IN ('person', 'organization', 'location')
                    GROUP BY c.id ORDER BY count(*) DESC, c.name LIMIT 10
                    """, id)
                let entityName = match[1].text ?? "", type = match[2].text ?? ""
                if json {
                    w.beginObject()
                    w.key("name"); w.string(entityName)
                    w.key("type"); w.string(type)
                    w.key("first_seen"); w.string(match[3].text)
                    w.key("aliases"); w.strings(aliases)
                    w.key("days"); w.beginArray()
                    for d in days {
                        w.beginObject(); w.key("day"); w.string(d[0].text); w.key("articles"); w.integer(Int(d[1].integer ?? 0))
                        w.key("mentions"); w.integer(Int(d[2].integer ?? 0)); w.endObject()
                    }
                    w.endArray()
                    w.key("articles"); w.beginArray()
                    for a in articles {
                        w.beginObject(); w.key("id"); w.integer(Int(a[0].integer ?? 0)); w.key("title"); w.string(a[1].text)
                        w.key("published"); w.string(a[2].text); w.endObject()
                    }
                    w.endArray()
                    w.key("quotes"); w.beginArray()
                    for q in quotes {
                        w.beginObject(); w.key("text"); w.string(q[0].text); w.key("title"); w.string(q[1].text); w.endObject()
                    }
                    w.endArray()
                    w.key("appears_with"); w.beginArray()
                    for c in companions {
                        w.beginObject(); w.key("name"); w.string(c[0].text); w.key("type"); w.string(c[1].text)
                        w.key("articles"); w.integer(Int(c[2].integer ?? 0)); w.endObject()
                    }
                    w.endArray()
                    w.endObject()
                    continue
                }
                output.writeLine(terminal.bold(printable(entityName)) + "  " + terminal.dim("\(type), first seen \(match[3].text ?? "?")"))
                if !aliases.isEmpty { output.writeLine("  also written: " + printable(aliases.joined(separator: ", "))) }
                output.writeLine("  articles by day:")
                for d in days {
                    output.writeLine("    \(d[0].text ?? "?")  \(d[1].integer ?? 0) articles, \(d[2].integer ?? 0) mentions")
                }
                output.writeLine("  latest articles:")
                for a in articles {
                    output.writeLine("    " + terminal.fit(printable("\(a[2].text ?? "no date")  \(a[1].text ?? "")"), terminal.width - 4))
                }
                if !quotes.isEmpty {
                    output.writeLine("  quoted:")
                    for q in quotes {
                        output.writeLine(terminal.wrap(printable("“\(q[0].text ?? "")” (\(q[1].text ?? ""))"), indent: 4))
                    }
                }
                if !companions.isEmpty {
                    output.writeLine("  appears with:")
                    output.writeLine(terminal.wrap(
                        printable(companions.map { "\($0[0].text ?? "") (\($0[2].integer ?? 0))" }.joined(separator: ", ")), indent: 4))
                }
                output.writeLine("")
            }
            if json {
                w.endArray()
                output.writeLine(w.output)
            }
            output.flush()
        } catch let error as SQLiteError {
            StandardError.write("gleaner: Database '\(layout.database)': \(error.description)")
            throw ExitCode(74)
        }
    }

    /// The canonical entities `name` can stand for, best first: its known form
    /// (a place's name, an acronym an article expanded), a canonical name, then
    /// any entity an article gave that name or alias.
    static func canonicalMatches(_ name: String, in connection: SQLiteConnection) throws(SQLiteError) -> [[SQLiteValue]] {
        if let row = try connection.rows(
            """
            SELECT c.id, c.name, c.type, c.first_seen_day FROM canonical_forms f
            JOIN canonical_entities c ON c.id = f.canonical_id WHERE f.form IN (?, ?) ORDER BY f.form = ?1 DESC LIMIT 1
            """, .text(NameForms.canonical(name).key), .text(NameForms.key(name))
        ).first {
            return [row]
        }
        return try connection.rows(
            """
            SELECT c.id, c.name, c.type, c.first_seen_day FROM canonical_entities c
            WHERE c.name = ?1 COLLATE NOCASE
               OR c.id IN (SELECT m.canonical_id FROM entities e JOIN mentions m ON m.entity_id = e.id
                           WHERE e.name = ?1 COLLATE NOCASE)
               OR c.id IN (SELECT m.canonical_id FROM mentions m, json_each(m.aliases) j WHERE j.value = ?1 COLLATE NOCASE)
            ORDER BY (c.name = ?1 COLLATE NOCASE) DESC, c.id LIMIT 5
            """, .text(name))
    }
}
