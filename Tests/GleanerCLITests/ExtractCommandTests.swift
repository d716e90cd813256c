import Foundation
import Testing
import TestSupport

func temporaryDirectory() throws -> String { try TestSupport.makeTemporaryDirectory("gleaner-cli-") }

func gzipped(_ text: String) throws -> Data { Data(try TestSupport.gzip(Array(text.utf8))) }

@Suite("gleaner extract, end to end")
struct ExtractCommandTests {
    @Test func directoryOfArticlesGivesOneContractLineEachInNameOrder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(" date 2023-02-14 Mayor Ana Lopez said \"the bridge opens on Monday\" in Leeds.".utf8)
            .write(to: URL(fileURLWithPath: dir + "/b.txt"))
        try gzipped(" date 2022-10-01 Heavy rain hit Oslo yesterday, closing 40 roads.")
            .write(to: URL(fileURLWithPath: dir + "/a.txt.gz"))
        try Data("not an article".utf8).write(to: URL(fileURLWithPath: dir + "/README.md"))

        let run = try GleanerRun(["extract", dir])
        #expect(run.status == 0)
        let lines = run.lines
        #expect(lines.count == 2)
        #expect((lines[0]["file"] as? String)?.hasSuffix("/a.txt.gz") == true)
        #expect(lines[0]["date"] as? String == "2022-10-01")
        let dates = lines[0]["dates"] as? [[String: Any]]
        #expect(dates?.first?["value"] as? String == "2022-09-30")
        let quotes = lines[1]["quotes"] as? [[String: Any]]
        #expect(quotes?.first?["speaker"] as? String == "Ana Lopez")
        #expect((lines[1]["sha256"] as? String)?.count == 64)
    }

    @Test func badFilesGetErrorLinesAndTheOthersGoOn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data().write(to: URL(fileURLWithPath: dir + "/1-empty.txt"))
        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: URL(fileURLWithPath: dir + "/2-binary.txt"))
        let whole = try gzipped(String(repeating: "The council met again today. ", count: 50))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir + "/3-truncated.gz"))
        try Data(" date 2020-01-01 A good article about Paris.".utf8).write(to: URL(fileURLWithPath: dir + "/4-good.txt"))

        let run = try GleanerRun(["extract", dir, dir + "/missing.txt"])
        #expect(run.status == 1)
        let lines = run.lines
        #expect(lines.count == 5)
        #expect(lines[0]["error"] as? String == "the file is empty")
        #expect(lines[1]["error"] as? String == "the file holds binary data, not text")
        #expect(lines[2]["error"] as? String == "gzip data is truncated")
        #expect(lines[3]["error"] == nil && lines[3]["entities"] != nil)
        #expect(lines[4]["error"] as? String == "no such file")
        #expect(run.stderr.contains("3-truncated.gz"))
    }

    @Test func prettyOutputIsStillOneValidObjectPerArticle() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/a.txt"
        try Data(" date 2020-01-01 A short article about Rome.".utf8).write(to: URL(fileURLWithPath: file))
        let run = try GleanerRun(["extract", "--pretty", file])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["title"] as? String == "A short article about Rome")
    }

    @Test func noPathIsAUsageError() throws {
        let run = try GleanerRun(["extract"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Missing expected argument"))
    }
}
