import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Security: hostile names and planted links")
struct SecurityTests {
    @Test func namesWithNewlinesControlCharactersDotsDashesAnd255BytesAreHandledAndLoggedSafely() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let long = String(repeating: "x", count: 251) + ".txt"  // 255 bytes, the longest name allowed
        let names = [
            "line\nbreak.txt", "tab\tand\u{1B}[31mescape.txt", "dots..in...name.txt", "-rf.txt", "--help.txt", long,
            "quote\"and=equals.txt",
        ]
        for (n, name) in names.enumerated() { try state.drop(name, article(n)) }
        let run = try state.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(state.entries(in: "inbox").isEmpty)
        #expect(try state.scalar("SELECT count(*) FROM articles") == .integer(Int64(names.count)))
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        for name in names {
            #expect(FileManager.default.fileExists(atPath: state.root + "/archive/\(day)/" + name), "\(name.debugDescription)")
            #expect(try state.ledger(name)?.outcome == "stored", "\(name.debugDescription)")
        }
        // One event per line: no name can break a line or start a forged one.
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == names.count + 1, "\(lines)")
        #expect(lines.allSatisfy { $0.first?.isNumber == true }, "every line starts with its timestamp")
        #expect(!run.stderr.contains("\u{1B}"), "no terminal escape reaches the log")
        #expect(run.stderr.contains("file.path=\"line\\nbreak.txt\""))
    }

    @Test func aLinkPlantedInTheInboxCannotMakeGleanerReadOrMoveAFileOutsideIt() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let outside = try TestSupport.makeTemporaryDirectory("gleaner-outside-")
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let secret = outside + "/secret.txt"
        try Data(article(99).utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: state.inbox + "/symlink.txt", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: state.inbox + "/linked-folder", withDestinationPath: outside)
        let hard = link(secret, state.inbox + "/hardlink.txt") == 0
        let run = try state.run()
        #expect(run.status == 1)
        // The secret is where it was, unread: no article has its text.
        #expect(FileManager.default.fileExists(atPath: secret))
        #expect(try state.scalar("SELECT count(*) FROM articles") == 0)
        #expect(try state.ledger("symlink.txt")?.reason?.contains("symbolic link") == true)
        #expect(try state.ledger("linked-folder")?.outcome == "failed", "a symlinked folder is not entered")
        if hard { #expect(try state.ledger("hardlink.txt")?.reason?.contains("hard links") == true) }
        var info = stat()
        #expect(lstat(state.root + "/failed/symlink.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link moved, not its target")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == ["secret.txt"])
    }

    @Test func sqlIsWrittenWithBoundParametersOnly() throws {
        // Every SQL text in the sources: interpolation is allowed only for the two
        // fixed filters of the digest queries and the schema version number.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources").path
        let allowed = ["\\(filter)", "\\(fresh)", "\\(version + 1)"]
        let keywords = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", "CREATE ", "WHERE "]
        var offenders: [String] = []
        let walker = FileManager.default.enumerator(atPath: sources)
        while let path = walker?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: sources + "/" + path, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where keywords.contains(where: { line.contains($0) }) || line.contains("?") && line.contains("\\(")
            {
                var rest = Substring(line)
                while let open = rest.range(of: "\\(") {
                    let tail = rest[open.lowerBound...]
                    if !allowed.contains(where: { tail.hasPrefix($0) }) && keywords.contains(where: { line.contains($0) }) {
                        offenders.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                        break
                    }
                    rest = rest[open.upperBound...]
                }
            }
        }
        #expect(offenders.isEmpty, "SQL built with interpolation:\n\(offenders.joined(separator: "\n"))")
    }
}
