import StateFiles
import ArgumentParser
import ArticleExtraction
import ArticleStore
import Intake

/// `gleaner entity`: what the store knows about one entity.
struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show what the store knows about a person, organisation or place.",
        discussion: """
            NAME is matched without regard to case, against entities' names and the other forms \
            articles used for them (a surname, an acronym). Shows the type, the forms, the articles \
            by day, the quotes by it, and the entities it appears with most.
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
            let matches = try connection.rows(
                """
                SELECT DISTINCT e.id, e.name, e.type, e.first_seen_day FROM entities e
                LEFT JOIN mentions m ON m.entity_id = e.id
                WHERE e.name = ?1 COLLATE NOCASE
                   OR EXISTS (SELECT 1 FROM json_each(m.aliases) WHERE json_each.value = ?1 COLLATE NOCASE)
                ORDER BY (e.name = ?1 COLLATE NOCASE) DESC, e.id LIMIT 5
                """, .text(name))
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
                let aliases = try connection.rows(
                    """
                    SELECT DISTINCT j.value FROM mentions m, json_each(m.aliases) j WHERE m.entity_id = ? ORDER BY j.value
                    """, id
                ).compactMap { $0[0].text }
                let days = try connection.rows(
                    """
                    SELECT a.ingested_day, count(*), sum(m.count) FROM mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.entity_id = ? GROUP BY a.ingested_day ORDER BY a.ingested_day DESC LIMIT 30
                    """, id)
                let articles = try connection.rows(
                    """
                    SELECT a.id, a.title, a.published FROM mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.entity_id = ? ORDER BY a.id DESC LIMIT 10
                    """, id)
                let quotes = try connection.rows(
                    """
                    SELECT q.text, a.title FROM quotes q JOIN articles a ON a.id = q.article_id
                    WHERE q.speaker_entity_id = ? ORDER BY a.id DESC, q.position LIMIT 10
                    """, id)
                let companions = try connection.rows(
                    """
                    SELECT e.name, e.type, count(*) FROM mentions m1
                    JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id
                    JOIN entities e ON e.id = m2.entity_id
                    WHERE m1.entity_id = ? AND e.type IN ('person', 'organization', 'location')
                    GROUP BY e.id ORDER BY count(*) DESC, e.name LIMIT 10
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
}
