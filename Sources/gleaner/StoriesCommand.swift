import ArgumentParser
import ArticleExtraction
import ArticleStore
import Digest
import StateFiles

/// `gleaner stories`: the day's articles grouped into stories.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List the stories of a day: articles grouped by what they are about.",
        discussion: """
            A story is the articles of a day that report one thing: an article and its near-duplicates \
            (the same text republished with small edits), and other articles that share its main \
            people, organisations, places and keywords. Stories are ranked by size (near-duplicates \
            counted once) and novelty (main entities no article of the previous seven days named). \
            Each shows the title of its most central article, its article counts, its main names, up \
            to two quotes and the dates it mentions.
            """
    )

    @OptionGroup var state: StateOptions

    @Option(name: .long, help: "The day, YYYY-MM-DD (default: today).")
    var day: String?

    @Option(name: .long, help: "Show at most this many stories; 0 shows every story of the day.")
    var limit = 20

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if let day, CalendarDay(iso: day) == nil {
            throw ValidationError("--day takes a date written YYYY-MM-DD, such as 2026-11-25.")
        }
        if limit < 0 { throw ValidationError("--limit takes a number of stories, or 0 for all of them.") }
    }

    func run() throws {
        let (_, layout, connection) = try state.openStore()
        let day = self.day ?? IngestClock.now().day
        let (count, stories): (Int, [Story])
        var members: [Int64: [StoryMember]] = [:]
        do {
            let query = DigestQuery(connection: connection)
            let found = try query.stories(day: day, inFull: limit == 0 ? Int.max / 2 : limit, listed: 0)
            (count, stories) = (found.count, found.full)
            if json {
                for story in stories { members[story.id] = try query.storyMembers(story.id) }
            }
        } catch {
            StandardError.write("gleaner: Database '\(layout.database)': \(error.description)")
            throw ExitCode(74)
        }
        var output = StandardOutput()
        if json {
            var w = JSONWriter(pretty: true)
            w.beginObject()
            w.key("day"); w.string(day)
            w.key("stories"); w.integer(count)
            w.key("shown"); w.beginArray()
            for story in stories { JSONRenderer.story(story, members: members[story.id] ?? [], into: &w) }
            w.endArray()
            w.endObject()
            output.writeLine(w.output)
            output.flush()
            return
        }
        let terminal = Terminal(environment: ConfigurationLoader.environment)
        guard count > 0 else {
            output.writeLine("No stories on \(day): no articles were taken in that day.")
            output.flush()
            return
        }
        output.writeLine(terminal.dim("\(day): \(count) \(count == 1 ? "story" : "stories"), the \(stories.count) largest:"))
        output.writeLine("")
        for (index, story) in stories.enumerated() {
            output.writeLine(terminal.bold(terminal.fit(printable("\(index + 1). \(story.title)"))))
            let size = story.distinctArticles == story.articles
                ? "\(story.articles) articles" : "\(story.articles) articles, \(story.distinctArticles) distinct"
            output.writeLine("  " + terminal.dim(size))
            let names = story.people + story.organizations + story.places
            if !names.isEmpty { output.writeLine(terminal.wrap(printable(names.joined(separator: ", ")), indent: 2)) }
            for quote in story.quotes {
                output.writeLine(terminal.wrap(printable("“\(quote.text)” (\(quote.speaker))"), indent: 2))
            }
            if !story.dates.isEmpty { output.writeLine("  " + terminal.dim("dates: " + story.dates.joined(separator: ", "))) }
            output.writeLine("")
        }
        output.flush()
    }
}
