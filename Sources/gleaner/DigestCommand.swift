import StateFiles
import ArgumentParser
import ArticleExtraction
import ArticleStore
import Configuration
import Digest
import Intake

/// `gleaner digest`: a day's digest on standard output.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the digest of a day: stories, who is new and rising, quotes, dates, figures, failed files.",
        discussion: """
            The day is the day articles were taken in (in the configured time_zone); with --by published \
            it is the day they were published. Empty sections are left out. --format articles prints the \
            list of every article of the day (digests/daily/DAY-articles.md); the JSON and HTML hold it \
            too. --write also rewrites digests/daily/DAY.md, DAY-articles.md, .json and .html, as every \
            run does for its own day.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, articles, json, html }
    enum By: String, ExpressibleByArgument, CaseIterable { case ingested, published }

    @OptionGroup var state: StateOptions

    @Option(name: .long, help: "The day, YYYY-MM-DD (default: today).")
    var day: String?

    @Option(name: .long, help: "md, articles (the list of every article, Markdown), json or html.")
    var format: Format = .md

    @Option(name: .long, help: "ingested (default) or published: which date chooses the articles.")
    var by: By = .ingested

    @Flag(name: .long, help: "Also rewrite the day's files in digests/daily/.")
    var write = false

    func validate() throws {
        if let day, CalendarDay(iso: day) == nil {
            throw ValidationError("--day takes a date written YYYY-MM-DD, such as 2026-11-25.")
        }
        if write && by == .published {
            throw ValidationError("--write rewrites the daily digest, which is by day of intake: leave out --by published.")
        }
    }

    func run() throws {
        let (settings, layout, connection) = try state.openStore()
        let day = self.day ?? IngestClock.now().day
        let backlog = InboxCount.count(layout.inbox)
        do {
            let query = DigestQuery(connection: connection)
            let digest = try query.daily(day: day, byPublished: by == .published, backlog: backlog)
            let articles = query.articles(day: day, byPublished: by == .published)
            var output = StandardOutput()
            switch format {
            case .md: try MarkdownRenderer.render(digest, to: &output)
            case .articles: try MarkdownRenderer.renderArticles(digest, articles: articles, to: &output)
            case .json: try JSONRenderer.render(digest, articles: articles, to: &output)
            case .html: try HTMLRenderer.render(digest, articles: articles, to: &output)
            }
            output.flush()
            if write {
                _ = try DigestWriter(directory: layout.digests, connection: connection, keepRunDays: settings.keepRunDigestDays)
                    .writeDaily(day: day, backlog: backlog)
            }
        } catch {
            StandardError.write("gleaner: \(error)")
            throw ExitCode(74)
        }
    }
}

extension StandardOutput: DigestSink {}

/// Files waiting in the inbox (all names, temporary ones included).
enum InboxCount {
    /// The files waiting in the inbox, the files in folders too deep to read
    /// included, or nil when the inbox cannot be read.
    static func count(_ inbox: String) -> Int? { walk(inbox)?.files }

    /// The walk's count and the folders it could not read, with why.
    static func walk(_ inbox: String) -> (files: Int, unreadFolders: [(path: String, reason: String)])? {
        let scanner = InboxScanner(inbox: inbox)
        var count = 0
        do {
            while try scanner.next() != nil { count += 1 }
        } catch {
            return nil
        }
        return (count + scanner.skippedFiles.count + scanner.filesInSkippedFolders, scanner.skippedFolders)
    }
}
