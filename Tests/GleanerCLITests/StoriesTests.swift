import ArticleStore
import Foundation
import Testing

/// The fixture of two days: one person mentioned once on day one and in four
/// articles on day two (rising), a place mentioned steadily, a person new on day two.
let twoDayArticles: [(day: Int, text: String)] = [
    (1, " date 2024-03-01 Mayor Tomas Berg of Bergen opened the new harbour in Oslo on Monday."),
    (1, " date 2024-03-01 Fishermen in Oslo landed a record catch of cod this week, the port office said."),
    (1, " date 2024-03-01 Ferry services from Oslo to Kiel were cancelled because of storms on the coast."),
    (1, " date 2024-03-01 A new museum of ships will open in Oslo next spring, its director announced."),
    (2, " date 2024-03-02 Tomas Berg said the harbour in Oslo would need more money next year."),
    (2, " date 2024-03-02 Hundreds of protesters criticised Tomas Berg outside the town hall in Bergen on Tuesday."),
    (2, " date 2024-03-02 The council backed Tomas Berg in a vote on the budget for schools."),
    (2, " date 2024-03-02 Tomas Berg met Ingrid Dahl to discuss the rail line to Trondheim."),
    (2, " date 2024-03-02 Ice closed the fjord near Oslo and ships waited for a tug."),
    (2, " date 2024-03-02 Prices of flats in Oslo rose again in February, the bank said."),
]

@Suite("Stories, new and rising, canonical entities: end to end")
struct StoriesTests {
    /// Runs `gleaner run --once` on the earliest calendar day on Earth, then on the latest: two different days.
    static func twoDays(_ state: StateFixture) throws -> (String, String) {
        var days: [String] = []
        for (day, zone) in [(1, "Etc/GMT+12"), (2, "Pacific/Kiritimati")] {
            for (index, article) in twoDayArticles.enumerated() where article.day == day {
                try state.drop("day\(day)-\(index).txt", article.text)
            }
            let result = try state.run(environment: GleanerRun.environment(["GLEANER_TIME_ZONE": zone]))
            #expect(result.status == 0, "\(result.stderr)")
            days.append(try #require(try state.scalar("SELECT ingested_day FROM articles ORDER BY id DESC LIMIT 1").text))
        }
        return (days[0], days[1])
    }

    @Test func newAndRisingAreRightOnTheSecondDay() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let (day1, day2) = try Self.twoDays(state)
        #expect(day1 < day2)

        let digest = try GleanerRun(["digest", "--state-dir", state.root, "--day", day2, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(digest.stdout.utf8)) as? [String: Any])
        let rising = try #require(json["rising"] as? [String: Any])
        #expect(rising["earlier_days"] as? Int == 1)
        let risingEntities = try #require(rising["entities"] as? [[String: Any]])
        #expect(risingEntities.compactMap { $0["name"] as? String } == ["Tomas Berg"], "Oslo is steady, not rising")
        #expect(risingEntities.first?["today"] as? Int == 4)
        #expect((risingEntities.first?["series"] as? [Int])?.suffix(2) == [1, 4] || (risingEntities.first?["series"] as? [Int])?.suffix(3) == [1, 0, 4])
        let fresh = ((json["first_seen"] as? [String: Any])?["entities"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(fresh.contains("Ingrid Dahl") && fresh.contains("Trondheim"))
        #expect(!fresh.contains("Tomas Berg") && !fresh.contains("Oslo") && !fresh.contains("Bergen"), "\(fresh)")

        let markdown = try GleanerRun(["digest", "--state-dir", state.root, "--day", day2]).stdout
        let risingSection = markdown.components(separatedBy: "## Rising\n\n").last?.components(separatedBy: "\n## ").first ?? ""
        #expect(risingSection.contains("**Tomas Berg** (person): in 4 articles today, against 1 a day over the previous day with articles"), "\(risingSection)")
        let html = try GleanerRun(["digest", "--state-dir", state.root, "--day", day2, "--format", "html"]).stdout
        #expect(html.contains("<svg class=\"spark\""))

        // On the first day there is nothing to compare with, and everything is new.
        let first = try GleanerRun(["digest", "--state-dir", state.root, "--day", day1]).stdout
        #expect(first.contains("No articles in the previous seven days to compare with."))
        #expect(first.contains("Seen for the first time: Oslo (place)"), "\(first)")
    }

    @Test func storiesGroupNearDuplicatesAndTheCommandListsThem() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let report = """
             date 2024-03-01 Flood water reached the centre of Tarlow on Monday after three days of rain, and the \
            council moved two hundred families to the sports hall by the station. The river rose faster than in any \
            year since the records began, Mayor Tomas Berg said, and the old bridge was closed to cars and walkers. \
            Volunteers filled sandbags through the night while the fire brigade pumped water out of the school. \
            "We have never seen the river like this," Tomas Berg said.
            """
        try state.drop("flood.txt", report)
        try state.drop("flood-wire.txt", "LATEST: FLOODS IN TARLOW. " + report.replacingOccurrences(of: "2024-03-01", with: "2024-03-02"))
        try state.drop("flood-cut.txt", report.replacingOccurrences(of: " Volunteers filled sandbags through the night while the fire brigade pumped water out of the school.", with: ""))
        try state.drop("harbour.txt", twoDayArticles[0].text)
        #expect(try state.run().status == 0)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)

        let markdown = try String(contentsOfFile: state.root + "/digests/daily/\(day).md", encoding: .utf8)
        #expect(markdown.contains("4 articles, 2 distinct, in 2 stories."), "\(markdown.prefix(400))")
        #expect(markdown.contains("### 1. Flood water reached the centre of Tarlow"))
        #expect(markdown.contains("3 articles (1 distinct) · People: Tomas Berg · Places: Tarlow"), "\(markdown.prefix(900))")
        #expect(markdown.contains("> “We have never seen the river like this” (Tomas Berg)"))
        // The card's summary: whole sentences of the central article beyond its title, never a clipped one.
        let card = markdown.components(separatedBy: "### 1. ").last?.components(separatedBy: "\n### ").first ?? ""
        let lines = card.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("…") == true, "the title is the shortened lead: \(card)")
        #expect(lines.contains { $0.hasPrefix("Flood water reached the centre of Tarlow") && $0.hasSuffix(".") }, "\(card)")

        let listed = try GleanerRun(["stories", "--state-dir", state.root, "--day", day, "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect(json["stories"] as? Int == 2)
        let shown = try #require(json["shown"] as? [[String: Any]])
        #expect(shown.map { $0["articles"] as? Int } == [3, 1])
        #expect(shown.map { $0["distinct_articles"] as? Int } == [1, 1])
        // Each story lists its articles: the report and its two copies, which name it as their original.
        let members = try #require(shown.first?["members"] as? [[String: Any]])
        #expect(members.count == 3)
        let original = members.first { $0["near_duplicate_of"] is NSNull }
        let originalID = try #require(original?["id"] as? Int)
        #expect(members.filter { $0["near_duplicate_of"] as? Int == originalID }.count == 2)
        #expect(members.allSatisfy { ($0["file"] as? String)?.hasSuffix(".txt") == true && $0["title"] is String })
        let limited = try GleanerRun(["stories", "--state-dir", state.root, "--day", day, "--json", "--limit", "1"])
        let one = try #require(try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [String: Any])
        #expect((one["shown"] as? [Any])?.count == 1)
        let every = try GleanerRun(["stories", "--state-dir", state.root, "--day", day, "--json", "--limit", "0"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(every.stdout.utf8)) as? [String: Any])
        #expect((all["shown"] as? [Any])?.count == 2)
        let text = try GleanerRun(["stories", "--state-dir", state.root, "--day", day]).stdout
        #expect(text.contains("2 stories, the 2 largest") && text.contains("3 articles, 1 distinct"), "\(text)")

        // Search shows the report once, with its near-duplicates counted.
        let search = try GleanerRun(["search", "--state-dir", state.root, "sandbags", "--json"])
        #expect(search.lines.count == 1)
        #expect(search.lines.first?["near_duplicates"] as? Int == 1, "the cut copy has no sandbags")
    }

    @Test func aStorysCardQuotesItsOwnPeopleNotABulletinsOtherItem() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // A bulletin that opens with the flood and goes on to the ferry; it comes first, so it has the lowest id.
        try state.drop("a-bulletin.txt", """
             date 2024-03-01 Flood water reached the centre of Tarlow on Monday after three days of rain, and the \
            council moved two hundred families to the sports hall by the station, Mayor Tomas Berg said. In other \
            news, the ferry to Kiel will run again from May. "The timetable will be the same as last year," harbour \
            master Ilse Varga said.
            """)
        try state.drop("b-report.txt", """
             date 2024-03-01 Flood water in Tarlow rose faster than in any year since the records began after three \
            days of rain, and the council moved more families to the sports hall by the station. Volunteers filled \
            sandbags through the night. "We have never seen the river like this," Mayor Tomas Berg said.
            """)
        try state.drop("c-report.txt", """
             date 2024-03-01 After three days of rain the flood water closed the old bridge in Tarlow, and families \
            the council moved to the sports hall by the station slept there a second night, Mayor Tomas Berg said. \
            The school will stay shut until the water has gone down.
            """)
        // Other news of the day, so that the flood's words are the rare ones.
        for (index, article) in twoDayArticles.enumerated() where article.day == 1 && !article.text.contains("Tomas Berg") {
            try state.drop("other-\(index).txt", article.text)
        }
        #expect(try state.run().status == 0)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        let markdown = try String(contentsOfFile: state.root + "/digests/daily/\(day).md", encoding: .utf8)
        let card = markdown.components(separatedBy: "### 1. ").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        #expect(card.contains("3 articles"), "\(card)")
        #expect(card.contains("> “We have never seen the river like this” (Tomas Berg)"), "\(card)")
        #expect(!card.contains("(Ilse Varga)"), "the ferry is not the flood's story: \(card)")
    }

    @Test func entityAnswersForEveryFormOfAName() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("a.txt", " date 2024-03-01 Officials from the US met Mayor Tomas Berg in Oslo on Monday.")
        try state.drop("b.txt", " date 2024-03-01 Trade between Norway and the United States grew last year, Berg said.")
        try state.drop("c.txt", " date 2024-03-01 A trade delegation from America will visit Bergen in May.")
        try state.drop("d.txt", " date 2024-03-01 Snow closed the roads around Bergen on Sunday, the police said.")
        #expect(try state.run().status == 0)
        // Search keeps the articles naming the entity by any form, and names what each is about.
        let search = try GleanerRun(["search", "--state-dir", state.root, "Bergen OR Oslo OR Norway", "--entity", "U.S.", "--json"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(Set(search.lines.compactMap { $0["file"] as? String }) == ["a.txt", "b.txt", "c.txt"])
        #expect(search.lines.allSatisfy { ($0["entities"] as? [String])?.contains("United States") == true }, "\(search.lines)")
        let unknown = try GleanerRun(["search", "--state-dir", state.root, "Bergen", "--entity", "Atlantis"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no entity called 'Atlantis'"))
        for form in ["US", "America", "United States", "u.s."] {
            let result = try GleanerRun(["entity", "--state-dir", state.root, form, "--json"])
            #expect(result.status == 0, "\(form): \(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(json.count == 1 && json[0]["name"] as? String == "United States" && json[0]["type"] as? String == "location")
            #expect((json[0]["days"] as? [[String: Any]])?.first?["articles"] as? Int == 3, "\(form): \(json)")
        }
        let berg = try GleanerRun(["entity", "--state-dir", state.root, "Berg", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(berg.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["name"] as? String == "Tomas Berg")
        #expect((json.first?["aliases"] as? [String])?.contains("Berg") == true)
    }

    @Test func readOnlyCommandsOnAStoreNotYetMigratedSayHowToMigrateIt() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("a.txt", twoDayArticles[0].text)
        #expect(try state.run().status == 0)
        // As an older Gleaner left it: the version says 1.
        try SQLiteConnection(path: state.root + "/gleaner.sqlite").execute("PRAGMA user_version = 1")
        for command in [["status"], ["stories"], ["entity", "Oslo"], ["digest"]] {
            let result = try GleanerRun(command + ["--state-dir", state.root])
            #expect(result.status == 74, "\(command)")
            #expect(result.stderr.contains("has schema version 1, older than this Gleaner's"), "\(command): \(result.stderr)")
        }
    }
}
