import ArgumentParser

/// The `gleaner` command: the daemon's entry point and its tools.
@main
struct Gleaner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner",
        abstract: "Reads news articles and keeps what they say: people, quotes, dates and figures.",
        discussion: """
            Gleaner turns article files (plain text or gzip) into structured facts. \
            `gleaner run --once` takes the files in the inbox into an SQLite database and archives them; \
            `gleaner extract` prints what it finds in files as JSON Lines, one object per article.
            """,
        subcommands: [
            RunCommand.self, DigestCommand.self, StoriesCommand.self, SearchCommand.self, EntityCommand.self, StatusCommand.self,
            ExtractCommand.self, ConfigCommand.self,
        ]
    )
}
