import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A file the process keeps dying on (kill -9, the watchdog, out of memory)
/// must not be taken again for ever: the third start refuses it.
@Suite("A file Gleaner dies on, end to end")
struct CrashLoopTests {
    /// Names, quotes and numbers on one line: seconds of work in a debug build.
    static func hostileText(words: Int) -> String {
        var parts = [" date 2024-03-15"]
        var n = 0
        while parts.count * 14 < words {
            n += 1
            parts.append("\u{201C}The plan would cost \(n * 37 % 9000) more,\u{201D} Anna Varga\(n % 97) of the Kelso Council said in Marbury on \(n % 28 + 1) March.")
        }
        return parts.joined(separator: " ")
    }

    /// Starts `gleaner run --once` and kills it with SIGKILL as soon as the
    /// in-flight record names `file` and nothing else is left to name.
    static func killWhileInFlight(_ state: StateFixture, _ file: String, alone: Bool) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GleanerRun.binary)
        process.arguments = ["run", "--once", "--state-dir", state.root]
        process.environment = GleanerRun.environment()
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let inFlight = state.database + ".inflight"
        // What the last killed process left: not this one's record (each write has its own generation).
        let left = try? String(contentsOfFile: inFlight, encoding: .utf8)
        try process.run()
        let seen = eventually(60) {
            guard let text = try? String(contentsOfFile: inFlight, encoding: .utf8), text != left else { return false }
            let names = text.split(separator: "\n").filter { !$0.hasPrefix("#") }  // the generation line
            return alone ? names == [Substring(file)] : names.contains(Substring(file))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return seen && process.terminationReason == .uncaughtSignal
    }

    @Test func aFileDuringWhichTheProcessDiedTwiceIsQuarantinedAtTheThirdStart() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("hostile.txt", Self.hostileText(words: 400_000))
        for n in 1...3 { try state.drop("small-\(n).txt", article(n)) }

        // First death: the whole batch was in flight; each file counts one death.
        #expect(try Self.killWhileInFlight(state, "hostile.txt", alone: false))
        #expect(!FileManager.default.fileExists(atPath: state.root + "/gleaner.sqlite.suspects"))
        // Second start: the suspects are read one at a time; it dies again on the hostile file.
        #expect(try Self.killWhileInFlight(state, "hostile.txt", alone: true))

        // Third start: the hostile file goes to failed/ unread, with its reason; the others are stored.
        let started = Date()
        let run = try state.run()
        #expect(Date().timeIntervalSince(started) < 20, "the third start read the file again")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("Gleaner stopped twice while this file was being read"))
        let ledger = try #require(try state.ledger("hostile.txt"))
        #expect(ledger.outcome == "failed" && ledger.stage == "crash")
        #expect(ledger.reason?.contains("Gleaner stopped twice while reading this file") == true)
        #expect(state.entries(in: "failed") == ["hostile.txt", "hostile.txt.error.json"])
        for n in 1...3 { #expect(try state.ledger("small-\(n).txt")?.outcome == "stored") }
        #expect(state.entries(in: "inbox").isEmpty)
        // Nothing is suspected any more: a fixed file dropped again under the name is read afresh.
        #expect(!FileManager.default.fileExists(atPath: state.root + "/gleaner.sqlite.suspects"))
        #expect(!FileManager.default.fileExists(atPath: state.root + "/gleaner.sqlite.inflight"))
    }

    @Test func aFileKilledOnTwiceWhileReadAloneIsFailedAtTheNextStartWithinASecond() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("poison.txt", Self.hostileText(words: 400_000))
        // First death: the file alone is being read.
        #expect(try Self.killWhileInFlight(state, "poison.txt", alone: true))
        for n in 1...3 { try state.drop("small-\(n).txt", article(n)) }
        // Second start: the others are taken; the suspect is read alone, and killed again.
        #expect(try Self.killWhileInFlight(state, "poison.txt", alone: true))
        #expect(try state.ledger("poison.txt") == nil)

        // Third start: refused at once, with its reason; the daemon's work goes on.
        let started = Date()
        let run = try state.run()
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 1, "the third start took \(seconds) s")
        #expect(run.status == 1, "\(run.stderr)")
        let ledger = try #require(try state.ledger("poison.txt"))
        #expect(ledger.outcome == "failed" && ledger.stage == "crash")
        #expect(state.entries(in: "failed") == ["poison.txt", "poison.txt.error.json"])
        for n in 1...3 { #expect(try state.ledger("small-\(n).txt")?.outcome == "stored") }
    }

    @Test func aFileKilledOnTwiceWhoseArticleIsStoredIsArchivedNotFailed() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // The article is stored from one file; a copy of it is alone in flight at two deaths
        // (as a file in a batch whose reading random kills keep landing on would be).
        let text = Self.hostileText(words: 400_000)
        try state.drop("first.txt", text)
        #expect(try state.run().status == 0)
        try state.drop("copy.txt", text)
        #expect(try Self.killWhileInFlight(state, "copy.txt", alone: true))
        #expect(try Self.killWhileInFlight(state, "copy.txt", alone: true))
        let run = try state.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try state.ledger("copy.txt")?.outcome == "duplicate")
        #expect(state.entries(in: "failed").isEmpty)
        #expect(state.entries(in: "inbox").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.root + "/gleaner.sqlite.suspects"))
    }
}
