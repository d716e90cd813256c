import ArgumentParser
import ArticleExtraction
import ArticleStore
import Intake

/// `gleaner search`: full-text search over titles and bodies.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the stored articles (FTS5 syntax) and show where the words are.",
        discussion: """
            QUERY is SQLite FTS5 syntax: words (all must match), "a phrase", OR, NOT, prefix*, \
            NEAR(a b, 5), title:word. Results are ranked by relevance (bm25), each with its title, \
            dates, the people, organisations and places it names most, and a snippet with the matches \
            marked. An article republished with small edits is shown once, with the number of its \
            near-duplicates that match too. --entity keeps the articles that name one person, \
            organisation or place, by any of its forms ("US" finds the articles that say "United States").
            """
    )

    @OptionGroup var state: StateOptions

    @Argument(help: "The query, in FTS5 syntax.")
    var query: String

    @Option(name: .long, help: "Only articles naming this entity, by any form of its name.")
    var entity: String?

    @Option(name: .long, help: "At most this many results.")
    var limit = 20

    @Flag(name: .long, help: "One JSON object per result, one per line.")
    var json = false

    func run() throws {
        let (_, _, connection) = try state.openStore()
        var canonicalID: SQLiteValue = .null
        if let entity {
            guard let id = try EntityCommand.canonicalMatches(entity, in: connection).first?[0].integer else {
                StandardError.write("gleaner: no entity called '\(entity)' in the store; leave out --entity to search the text.")
                throw ExitCode(1)
            }
            canonicalID = .integer(id)
        }
        // Private-use characters mark the matches: no article contains them, and
        // they survive the removal of control characters.
        let open = "\u{E000}", close = "\u{E001}"
        var rows: [[SQLiteValue]] = []
        var copies: [Int64: Int] = [:]  // near-duplicate group -> matching copies not shown
        do {
            // Ranked matches, each near-duplicate group shown once (its best-ranked article).
            let statement = try connection.prepare(
                """
                SELECT a.id, a.title, a.published, a.ingested_day, a.source_file,
                       snippet(article_search, 1, ?2, ?3, '…', 24), coalesce(a.near_duplicate_of, a.id)
                FROM article_search JOIN articles a ON a.id = article_search.rowid
                WHERE article_search MATCH ?1
                  AND (?5 IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.canonical_id = ?5))
                ORDER BY rank LIMIT ?4
                """)
            try statement.bind([.text(query), .text(open), .text(close), .integer(Int64(max(1, limit)) * 50), canonicalID])
            while try statement.step() {
                let group = statement.value(at: 6).integer ?? 0
                if copies[group] != nil {
                    copies[group]! += 1
                } else if rows.count < max(1, limit) {
                    copies[group] = 0
                    rows.append((0..<7).map { statement.value(at: $0) })
                }
            }
        } catch {
            StandardError.write("gleaner: the query is not valid FTS5 (\(error.message)); quote words with \"...\" to search them as written.")
            throw ExitCode(65)
        }
        // The names each result gives most, as canonical entities.
        let names = try connection.prepare(
            """
            SELECT c.name FROM mentions m JOIN canonical_entities c ON c.id = m.canonical_id
            WHERE m.article_id = ? AND c.type IN ('person', 'organization', 'location') ORDER BY m.count DESC, c.name LIMIT 4
            """)
        func namesOf(_ article: SQLiteValue) throws -> [String] {
            try names.bind([article])
            var found: [String] = []
            while try names.step() { found.append(names.value(at: 0).text ?? "") }
            return found
        }
        var output = StandardOutput()
        let terminal = Terminal(environment: ConfigurationLoader.environment)
        for row in rows {
            let snippet = row[5].text ?? ""
            if json {
                var w = JSONWriter()
                w.beginObject()
                w.key("id"); w.integer(Int(row[0].integer ?? 0))
                w.key("title"); w.string(row[1].text ?? "")
                w.key("published"); w.string(row[2].text)
                w.key("ingested"); w.string(row[3].text)
                w.key("file"); w.string(row[4].text)
                w.key("snippet"); w.string(snippet.replacingMarks(open, close, with: "[", "]"))
                w.key("near_duplicates"); w.integer(copies[row[6].integer ?? 0] ?? 0)
                w.key("entities"); w.strings(try namesOf(row[0]))
                w.endObject()
                output.writeLine(w.output)
            } else {
                var dates = "published \(row[2].text ?? "?"), stored \(row[3].text ?? "?"), article \(row[0].integer ?? 0)"
                if let n = copies[row[6].integer ?? 0], n > 0 { dates += ", and \(n) near-duplicate\(n == 1 ? "" : "s")" }
                output.writeLine(terminal.bold(terminal.fit(printable(row[1].text ?? ""))))
                output.writeLine("  " + terminal.dim(dates))
                let named = try namesOf(row[0])
                if !named.isEmpty { output.writeLine("  " + terminal.dim(printable("names: " + named.joined(separator: ", ")))) }
                let wrapped = terminal.wrap(printable(snippet), indent: 2)
                var marked = ""
                var inMark = false
                var current = ""
                for c in wrapped {
                    if String(c) == open || String(c) == close {
                        marked += inMark ? terminal.highlight(current) : current
                        current = ""
                        inMark = String(c) == open
                    } else {
                        current.append(c)
                    }
                }
                marked += inMark ? terminal.highlight(current) : current
                output.writeLine(marked)
                output.writeLine("")
            }
        }
        if rows.isEmpty && !json { output.writeLine("No article matches \(query).") }
        output.flush()
    }
}

extension String {
    /// The snippet's match marks replaced by `start` and `end`.
    func replacingMarks(_ open: String, _ close: String, with start: String, _ end: String) -> String {
        var result = ""
        for c in self {
            if String(c) == open { result += start } else if String(c) == close { result += end } else { result.append(c) }
        }
        return result
    }
}
