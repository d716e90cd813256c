import ArticleFile
import Foundation
import Testing
import TestSupport

/// A fresh temporary directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = try TestSupport.makeTemporaryDirectory()
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}

func gzip(_ bytes: [UInt8]) throws -> [UInt8] { try TestSupport.gzip(bytes) }

@Suite("Reading article files")
struct ArticleFileReaderTests {
    let text = Array("date 2023-02-14 The council met.\n".utf8)

    @Test func plainFileIsReadAndHashed() throws {
        let dir = try TemporaryDirectory()
        let contents = try ArticleFileReader().read(path: try dir.write("a.txt", Array("abc".utf8)))
        #expect(contents.bytes == Array("abc".utf8))
        #expect(contents.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(!contents.wasGzip)
    }

    @Test func gzipIsRecognisedByMagicBytesNotName() throws {
        let dir = try TemporaryDirectory()
        let contents = try ArticleFileReader().read(path: try dir.write("named-plain.txt", try gzip(text)))
        #expect(contents.bytes == text)
        #expect(contents.wasGzip)
        #expect(contents.sha256 == (try ArticleFileReader().read(path: try dir.write("p.txt", text))).sha256)
    }

    @Test func multiMemberGzipIsReadWhole() throws {
        let dir = try TemporaryDirectory()
        let second = Array("Second member.\n".utf8)
        let contents = try ArticleFileReader().read(path: try dir.write("m.gz", try gzip(text) + gzip(second)))
        #expect(contents.bytes == text + second)
    }

    @Test func truncatedCorruptAndTrailingGzipFail() throws {
        let dir = try TemporaryDirectory()
        let whole = try gzip(Array(String(repeating: "words and more words ", count: 200).utf8))
        #expect(throws: ArticleFileError.self) {
            try ArticleFileReader().read(path: try dir.write("t.gz", Array(whole.prefix(whole.count / 2))))
        }
        var corrupt = whole
        corrupt[corrupt.count - 6] ^= 0xFF  // the CRC
        let error = #expect(throws: ArticleFileError.self) {
            try ArticleFileReader().read(path: try dir.write("c.gz", corrupt))
        }
        #expect(error?.stage == .gzip)
        #expect(throws: ArticleFileError.self) {
            try ArticleFileReader().read(path: try dir.write("g.gz", whole + Array("junk".utf8)))
        }
    }

    @Test func gzipBombStopsAtTheInflateCap() throws {
        let dir = try TemporaryDirectory()
        let bomb = try gzip([UInt8](repeating: 0x41, count: 4_000_000))
        #expect(bomb.count < 10_000)
        let error = #expect(throws: ArticleFileError.self) {
            try ArticleFileReader(maxInflatedBytes: 1_000_000).read(path: try dir.write("bomb.gz", bomb))
        }
        #expect(error?.reason.contains("more than 1000000 bytes") == true)
    }

    @Test func oversizeFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        let error = #expect(throws: ArticleFileError.self) {
            try ArticleFileReader(maxFileBytes: 100).read(path: try dir.write("big.txt", [UInt8](repeating: 0x61, count: 101)))
        }
        #expect(error?.reason.contains("limit of 100") == true)
    }

    @Test func symlinkFifoAndDirectoryAreRefusedWithTheirReason() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("target.txt", text)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.txt", withDestinationPath: target)
        let link = #expect(throws: ArticleFileError.self) { try ArticleFileReader().read(path: dir.path + "/link.txt") }
        #expect(link?.reason.contains("symbolic link") == true)

        #expect(mkfifo(dir.path + "/fifo.txt", 0o600) == 0)
        let fifo = #expect(throws: ArticleFileError.self) { try ArticleFileReader().read(path: dir.path + "/fifo.txt") }
        #expect(fifo?.reason == "not a regular file (FIFO)")

        try FileManager.default.createDirectory(atPath: dir.path + "/dir.txt", withIntermediateDirectories: false)
        let directory = #expect(throws: ArticleFileError.self) { try ArticleFileReader().read(path: dir.path + "/dir.txt") }
        #expect(directory?.reason == "not a regular file (directory)")
        #expect(directory?.description.hasPrefix("Unable to read '\(dir.path)/dir.txt'") == true)
    }

    @Test func missingFileNamesThePath() throws {
        let error = #expect(throws: ArticleFileError.self) { try ArticleFileReader().read(path: "/nonexistent/x.txt") }
        #expect(error?.description == "Unable to read '/nonexistent/x.txt': no such file.")
    }

    @Test func directoryListingKeepsArticleNamesInOrder() throws {
        let dir = try TemporaryDirectory()
        for name in ["b.txt", "a.txt.gz", "c.gz", ".hidden.txt", "README.md", "x.gold.json"] {
            try dir.write(name, text)
        }
        let files = try ArticleDirectory.articleFiles(in: dir.path).map { ($0 as NSString).lastPathComponent }
        #expect(files == ["a.txt.gz", "b.txt", "c.gz"])
    }
}
