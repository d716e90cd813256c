import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The repository's `seeds/` articles.
var seedFiles: [String] {
    let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: seeds)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        .map { seeds + "/" + $0 }
}

/// Compares `text` with the fixture `name`; `GLEANER_UPDATE_SNAPSHOTS=1` rewrites the fixture instead.
func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
    if ProcessInfo.processInfo.environment["GLEANER_UPDATE_SNAPSHOTS"] == "1" {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    if text != expected {
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record(
            "\(name) differs from the snapshot at line \(line + 1):\n got: \(line < a.count ? String(a[line]) : "(end)")\nwant: \(line < b.count ? String(b[line]) : "(end)")\n(GLEANER_UPDATE_SNAPSHOTS=1 rewrites it)",
            sourceLocation: sourceLocation)
    }
}

@Suite("Digests and queries, end to end")
struct DigestTests {
    /// A state with the seeds taken in by `gleaner run --once`, plus one bad file.
    static func seededState() throws -> (StateFixture, day: String) {
        let state = try StateFixture()
        for path in seedFiles {
            try state.drop((path as NSString).lastPathComponent, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        try state.drop("broken.txt.gz", [0x1F, 0x8B, 0x08, 0x00, 0x01])
        let run = try state.run()
        #expect(run.status == 1, "\(run.stderr)")
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        return (state, day)
    }

    /// Today's day and the run's times replaced by placeholders, so the snapshot holds on any day.
    static func normalized(_ text: String, day: String) -> String {
        // 2026-11-25T14:35:35.529Z → TIME, then the day.
        let pattern = try! NSRegularExpression(pattern: "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")
        let timeless = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "TIME")
        return timeless.replacingOccurrences(of: day, with: "DAY")
    }

    @Test func theSeedsDigestsMatchTheirSnapshots() throws {
        let (state, day) = try Self.seededState()
        defer { state.remove() }
        let daily = state.root + "/digests/daily/" + day
        for suffix in [".md", "-articles.md", ".json", ".html"] {
            #expect(FileManager.default.fileExists(atPath: daily + suffix), "daily \(suffix) not written")
        }
        try expectSnapshot(Self.normalized(try String(contentsOfFile: daily + ".md", encoding: .utf8), day: day), "seeds-daily.md")
        try expectSnapshot(Self.normalized(try String(contentsOfFile: daily + ".json", encoding: .utf8), day: day), "seeds-daily.json")
        try expectSnapshot(
            Self.normalized(try String(contentsOfFile: daily + "-articles.md", encoding: .utf8), day: day), "seeds-articles.md")
        let runs = state.entries(in: "digests/runs")
        #expect(runs.count == 2 && runs.allSatisfy { $0.hasSuffix("-1.md") || $0.hasSuffix("-1.json") }, "\(runs)")
        let runMarkdown = try String(contentsOfFile: state.root + "/digests/runs/" + runs.first { $0.hasSuffix(".md") }!, encoding: .utf8)
        try expectSnapshot(Self.normalized(runMarkdown, day: day), "seeds-run.md")
        // The command prints what the run wrote.
        let printed = try GleanerRun(["digest", "--state-dir", state.root, "--day", day])
        #expect(printed.status == 0)
        #expect(printed.stdout == (try String(contentsOfFile: daily + ".md", encoding: .utf8)))
        // The JSON is JSON, and the HTML is one file that loads nothing.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: daily + ".json"))) as? [String: Any])
        #expect((json["articles"] as? [Any])?.count == 6)
        let html = try String(contentsOfFile: daily + ".html", encoding: .utf8)
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("<section id=\"stories\">") && html.contains("<details><summary>Every article of the day"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        // The Markdown opens with the day at a glance and the stories; the article list is its own file.
        let markdown = try String(contentsOfFile: daily + ".md", encoding: .utf8)
        #expect(markdown.split(separator: "\n")[1] == "6 articles, 6 distinct, in 6 stories.", "\(markdown.prefix(300))")
        #expect(markdown.split(separator: "\n").first { $0.hasPrefix("## ") } == "## Top stories")
        #expect(!markdown.contains("## Articles"))
    }

    @Test func theDailyDigestHoldsEveryRunOfTheDayAndNewEntitiesOnlyOnTheirFirstDay() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // Run 1 on the earliest calendar day on Earth, run 2 on the latest: always two different days.
        func run(_ zone: String) throws -> String {
            let result = try state.run(environment: GleanerRun.environment(["GLEANER_TIME_ZONE": zone]))
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try state.scalar("SELECT ingested_day FROM articles ORDER BY id DESC LIMIT 1").text)
        }
        try state.drop("first.txt", " date 2024-03-01 Mayor Tomas Berg of Bergen opened the harbour.")
        let day1 = try run("Etc/GMT+12")
        try state.drop("second.txt", " date 2024-03-02 Tomas Berg met Ingrid Dahl in Oslo.")
        let day2 = try run("Pacific/Kiritimati")
        #expect(day1 < day2)
        try state.drop("third.txt", " date 2024-03-03 Ingrid Dahl later spoke in Trondheim.")
        #expect(try run("Pacific/Kiritimati") == day2)

        let digest = try GleanerRun(["digest", "--state-dir", state.root, "--day", day2, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(digest.stdout.utf8)) as? [String: Any])
        let titles = (json["articles"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(titles == ["second.txt", "third.txt"], "both runs of the day")
        #expect((json["counts"] as? [String: Any])?["runs"] as? Int == 2)
        let fresh = ((json["first_seen"] as? [String: Any])?["entities"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(Set(fresh ?? []) == ["Ingrid Dahl", "Oslo", "Trondheim"], "\(fresh ?? [])")
        // The file on disk was regenerated by the second run of the day, not left from the first.
        let onDisk = try String(contentsOfFile: state.root + "/digests/daily/\(day2).json", encoding: .utf8)
        #expect(onDisk.contains("third.txt") && onDisk.contains("second.txt"))
    }

    @Test func whoSaidWhatShowsASpeakersSpeechBeforeTheirOneWordFragments() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop(
            "harbour.txt",
            """
            date: 2024-03-01

            Ramenu 'proud' of the harbour

            Mayor Tavi Ramenu said the harbour had its best year. "Tough," Ramenu said of the winter. \
            "We moved more ferries than in any year before," he said. "The new quay opened on time and on budget," \
            he said. "Next year we will build the second pier," he added.
            """)
        #expect(try state.run().status == 0)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles").text)
        let markdown = try String(contentsOfFile: state.root + "/digests/daily/\(day).md", encoding: .utf8)
        let section = try #require(markdown.components(separatedBy: "## Who said what").last)
        let shown = section.split(separator: "\n").filter { $0.hasPrefix("> “") }
        #expect(shown.count == 3, "\(section)")
        #expect(shown.allSatisfy { !$0.contains("“Tough”") && !$0.contains("“proud”") }, "\(section)")
        #expect(section.contains("We moved more ferries") && section.contains("second pier"))
    }

    @Test func articleTextCannotAddMarkupScriptOrSections() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop(
            "hostile.txt",
            """
            title: <script>alert(1)</script> # Failed files
            date: 2024-03-01

            Mayor Tomas Berg said "<img src=x onerror=alert(2)> [click](http://evil.example) **bold**" in Bergen.
            """)
        #expect(try state.run().status == 0)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles").text)
        let html = try String(contentsOfFile: state.root + "/digests/daily/\(day).html", encoding: .utf8)
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let markdown = try String(contentsOfFile: state.root + "/digests/daily/\(day).md", encoding: .utf8)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(!headings.contains { $0.hasPrefix("## Failed files") }, "an article forged a section")
        #expect(!markdown.contains("[click](") && !markdown.contains("**bold**"))
        #expect(markdown.contains("\\[click\\]"))
    }

    @Test func shellCompletionsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try GleanerRun(["--generate-completion-script", shell])
            #expect(run.status == 0)
            #expect(run.stdout.contains("digest") && run.stdout.contains("search") && run.stdout.contains("entity"))
        }
    }

    @Test func oldRunDigestsAreRemovedAndDailyOnesKept() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try FileManager.default.createDirectory(atPath: state.root + "/digests/runs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: state.root + "/digests/daily", withIntermediateDirectories: true)
        for name in ["runs/20200101T000000Z-7.md", "runs/20200101T000000Z-7.json", "daily/2020-01-01.md"] {
            try "old".write(toFile: state.root + "/digests/" + name, atomically: true, encoding: .utf8)
        }
        try state.drop("a.txt", article(1))
        #expect(try state.run().status == 0)
        let left = state.entries(in: "digests")
        #expect(!left.contains("runs/20200101T000000Z-7.md") && !left.contains("runs/20200101T000000Z-7.json"))
        #expect(left.contains("daily/2020-01-01.md"))
        #expect(left.contains { $0.hasPrefix("runs/") && $0.hasSuffix("-1.md") })
    }

    @Test func searchEntityAndStatusAnswerFromTheStore() throws {
        let (state, day) = try Self.seededState()
        defer { state.remove() }
        let search = try GleanerRun(["search", "--state-dir", state.root, "earthquake richter", "--json"])
        #expect(search.status == 0)
        let hit = try #require(search.lines.first)
        #expect(hit["file"] as? String == "lee-bg-033.txt")
        #expect((hit["snippet"] as? String)?.contains("[Richter]") == true)
        #expect(search.lines.count == 1)
        let plain = try GleanerRun(["search", "--state-dir", state.root, "earthquake"])
        #expect(plain.stdout.contains("[earthquake]") && !plain.stdout.contains("\u{1B}["), "no colour when not a terminal")
        // On a terminal (made with script(1)) matches are coloured, unless NO_COLOR says not to.
        let command = "\(GleanerRun.binary) search --state-dir \(state.root) earthquake"
        func onTerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal(GleanerRun.environment(["TERM": "xterm"]).filter { $0.key != "NO_COLOR" })
        #expect(coloured.contains("\u{1B}[1;33mearthquake"), "\(coloured)")
        let noColour = try onTerminal(GleanerRun.environment(["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(noColour.contains("[earthquake]") && !noColour.contains("\u{1B}["), "\(noColour)")
        let bad = try GleanerRun(["search", "--state-dir", state.root, "\"unclosed"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("not valid FTS5"))

        let entity = try GleanerRun(["entity", "--state-dir", state.root, "putin", "--json"])
        #expect(entity.status == 0, "\(entity.stderr)")
        let found = try #require((try JSONSerialization.jsonObject(with: Data(entity.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(found["name"] as? String == "Vladimir Putin")
        #expect(found["type"] as? String == "person")
        #expect((found["aliases"] as? [String]) == ["Putin"])
        // The seed quotes people who are not named; none of it is credited to the president it mentions.
        #expect(((found["quotes"] as? [[String: Any]])?.count ?? 0) == 0)
        #expect(((found["days"] as? [[String: Any]])?.first?["day"] as? String) == day)
        let speaker = try GleanerRun(["entity", "--state-dir", state.root, "Claire Richards", "--json"])
        let spoke = try #require((try JSONSerialization.jsonObject(with: Data(speaker.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(spoke["name"] as? String == "Claire Richards")
        #expect(((spoke["quotes"] as? [[String: Any]])?.count ?? 0) >= 1)
        let missing = try GleanerRun(["entity", "--state-dir", state.root, "Nobody Atall"])
        #expect(missing.status == 1 && missing.stderr.contains("no entity called 'Nobody Atall'"))

        let status = try GleanerRun(["status", "--state-dir", state.root, "--json"])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(facts["articles"] as? Int == 6)
        #expect(facts["backlog"] as? Int == 0)
        #expect(facts["failed_waiting"] as? Int == 1)
        #expect((facts["last_run"] as? [String: Any])?["failed"] as? Int == 1)
        #expect((facts["database_bytes"] as? Int ?? 0) > 0)
        let noStore = try GleanerRun(["status", "--state-dir", state.root + "/nowhere"])
        #expect(noStore.status == 74 && noStore.stderr.contains("no database at"))
    }
}
