import ArgumentParser

/// The `gleaner` command: the daemon's entry point and its tools.
@main
struct Gleaner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner",
        abstract: "Reads news articles and keeps what they say: people, quotes, dates and figures.",
        discussion: """
            Gleaner turns article files (plain text or gzip) into structured facts. \
            `gleaner extract` prints them as JSON Lines, one object per article.
            """,
        subcommands: [ExtractCommand.self]
    )
}
