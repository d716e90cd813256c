import StateFiles
import ArgumentParser
import ArticleExtraction
import ArticleStore
import Intake

#if canImport(Glibc)
    import Glibc
#endif

/// `gleaner status`: what the store holds and what waits.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts, the last run, the inbox backlog, failed files waiting, and the database size."
    )

    @OptionGroup var state: StateOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let (_, layout, connection) = try state.openStore()
        do {
            func count(_ sql: String) throws -> Int { Int(try connection.scalar(sql).integer ?? 0) }
            let articles = try count("SELECT count(*) FROM articles")
            let entities = try count("SELECT count(*) FROM canonical_entities")
            let quotes = try count("SELECT count(*) FROM quotes")
            let runs = try count("SELECT count(*) FROM runs")
            let last = try connection.rows(
                "SELECT id, mode, started_at, finished_at, stored, duplicates, failed, deferred FROM runs ORDER BY id DESC LIMIT 1"
            ).first
            let walk = InboxCount.walk(layout.inbox)
            let backlog = walk?.files
            let unread = walk?.unreadFolders ?? []
            let failedWaiting = Self.failedFiles(layout.failed)
            let bytes = [layout.database, layout.database + "-wal"].reduce(0) { total, path in
                var info = stat()
                return total + (stat(path, &info) == 0 ? Int(info.st_size) : 0)
            }
            var output = StandardOutput()
            if json {
                var w = JSONWriter(pretty: true)
                w.beginObject()
                w.key("state_dir"); w.string(layout.stateDirectory)
                w.key("articles"); w.integer(articles)
                w.key("entities"); w.integer(entities)
                w.key("quotes"); w.integer(quotes)
                w.key("runs"); w.integer(runs)
                w.key("last_run")
                if let last {
                    w.beginObject()
                    w.key("id"); w.integer(Int(last[0].integer ?? 0))
                    w.key("mode"); w.string(last[1].text)
                    w.key("started_at"); w.string(last[2].text)
                    w.key("finished_at"); w.string(last[3].text)
                    w.key("stored"); w.integer(Int(last[4].integer ?? 0))
                    w.key("duplicates"); w.integer(Int(last[5].integer ?? 0))
                    w.key("failed"); w.integer(Int(last[6].integer ?? 0))
                    w.key("deferred"); w.integer(Int(last[7].integer ?? 0))
                    w.endObject()
                } else {
                    w.null()
                }
                w.key("backlog"); if let backlog { w.integer(backlog) } else { w.null() }
                w.key("unread_folders")
                w.beginArray()
                for folder in unread {
                    w.beginObject()
                    w.key("path"); w.string(folder.path)
                    w.key("reason"); w.string(folder.reason)
                    w.endObject()
                }
                w.endArray()
                w.key("failed_waiting"); w.integer(failedWaiting)
                w.key("database_bytes"); w.integer(bytes)
                w.endObject()
                output.writeLine(w.output)
            } else {
                let terminal = Terminal(environment: ConfigurationLoader.environment)
                output.writeLine(terminal.bold("Gleaner") + "  " + terminal.dim(layout.stateDirectory))
                output.writeLine("  stored      \(articles) articles, \(entities) entities, \(quotes) quotes, in \(runs) runs")
                if let last {
                    let finished = last[3].text.map { "finished \($0)" } ?? "did not finish"
                    output.writeLine(
                        "  last run    #\(last[0].integer ?? 0) (\(last[1].text ?? "")) started \(last[2].text ?? ""), \(finished): "
                            + "\(last[4].integer ?? 0) stored, \(last[5].integer ?? 0) duplicates, \(last[6].integer ?? 0) failed")
                }
                output.writeLine("  inbox       \(backlog.map { "\($0) files waiting" } ?? "cannot be read") in \(layout.inbox)")
                for folder in unread {
                    output.writeLine("              folder not read: \(folder.path) (\(folder.reason))")
                }
                output.writeLine(
                    "  failed      \(failedWaiting) files in \(layout.failed)"
                        + (failedWaiting > 0 ? " (each with NAME.error.json; move a fixed file back into the inbox)" : ""))
                output.writeLine("  database    \(Self.megabytes(bytes)) in \(layout.database)")
            }
            output.flush()
        } catch let error as SQLiteError {
            StandardError.write("gleaner: Database '\(layout.database)': \(error.description)")
            throw ExitCode(74)
        }
    }

    /// Files in `failed/` and its subfolders, not counting their `.error.json`.
    static func failedFiles(_ directory: String) -> Int {
        var count = 0
        for name in FileSystem.names(in: directory) where !name.hasPrefix(".") && !name.hasSuffix(".error.json") {
            var info = stat()
            let path = directory + "/" + name
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && !FileSystem.exists(path + ".error.json") {
                count += failedFiles(path)
            } else {
                count += 1
            }
        }
        return count
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
