import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A small seeded generator (SplitMix64), so a failing kill schedule can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Crash safety: gleaner killed at random moments")
struct CrashSafetyTests {
    /// 2,000 files: unique articles (plain and gzip), gzip copies of some of
    /// them (duplicates by content, different bytes on disk) and bad files.
    static func fillInbox(_ state: StateFixture) throws -> (files: [String: Data], distinctArticles: Int) {
        var files: [String: Data] = [:]
        var distinct = 0
        for n in 0..<2_000 {
            let name: String
            let bytes: [UInt8]
            switch n % 50 {
            case 0:  // bad: binary
                name = String(format: "%04d-binary.txt", n)
                bytes = [0x00, 0x01, 0x02] + Array(String(n).utf8)
            case 1:  // bad: truncated gzip
                name = String(format: "%04d-truncated.txt.gz", n)
                bytes = Array(try TestSupport.gzip(Array(article(n).utf8)).dropLast(10))
            case 2 where n >= 50, 3 where n >= 50:  // duplicate: article n - 5 again, compressed if it was not and the other way round
                let original = Array(article(n - 5).utf8)
                let originalWasPlain = (n - 5) % 2 == 1
                name = String(format: "%04d-copy.txt", n) + (originalWasPlain ? ".gz" : "")
                bytes = originalWasPlain ? try TestSupport.gzip(original) : original
            default:
                distinct += 1
                if n % 2 == 0 {
                    name = String(format: "%04d.txt.gz", n)
                    bytes = try TestSupport.gzip(Array(article(n).utf8))
                } else {
                    name = String(format: "%04d.txt", n)
                    bytes = Array(article(n).utf8)
                }
            }
            try state.drop(name, bytes)
            files[name] = Data(bytes)
        }
        return (files, distinct)
    }

    @Test func killedTwentyFiveTimesItStillStoresEachArticleOnceAndLosesNoFile() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let (inputs, distinctArticles) = try Self.fillInbox(state)
        #expect(inputs.count == 2_000)
        let seed = UInt64(time(nil))
        var random = SeededGenerator(state: seed)

        // A kill counts as landing mid-run when the run had moved files out
        // of the inbox by then: start-up is not where the danger is.
        var kills = 0
        var killsMidRun = 0
        var attempts = 0
        var left = state.entries(in: "inbox").count
        func ledgerRows() -> Int64 { (try? state.scalar("SELECT count(*) FROM ledger").integer ?? 0) ?? 0 }
        while killsMidRun < 25 && attempts < 300 && left > 0 {
            attempts += 1
            let process = Process()
            process.executableURL = URL(fileURLWithPath: GleanerRun.binary)
            process.arguments = ["run", "--once", "--state-dir", state.root, "--log-level", "error"]
            // Small batches: more commit-then-move boundaries for a kill to land between.
            process.environment = GleanerRun.environment(["GLEANER_INTAKE_BATCH_FILES": "8"])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if attempts % 4 == 0 {
                // Anywhere, start-up included.
                usleep(UInt32.random(in: 1_000...150_000, using: &random))
            } else {
                // Soon after a commit: among the moves, the next batch's reads, the next transaction.
                let rows = ledgerRows()
                var waited = 0
                while process.isRunning && ledgerRows() == rows && waited < 10_000 {
                    usleep(1_000)
                    waited += 1
                }
                usleep(UInt32.random(in: 0...10_000, using: &random))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let now = state.entries(in: "inbox").count
            if process.terminationReason == .uncaughtSignal {
                kills += 1
                if now < left { killsMidRun += 1 }
            }
            left = now
        }
        #expect(killsMidRun >= 20, "only \(killsMidRun) kills landed mid-run (seed \(seed))")
        print("crash test: \(kills) kills (\(killsMidRun) mid-run) in \(attempts) runs, \(left) of 2000 files left, seed \(seed)")

        let final = try state.run(["--log-level", "warning"])
        #expect(final.status == 0 || final.status == 1, "seed \(seed): \(final.stderr.suffix(500))")

        // Every input is in archive/ or failed/ exactly once: same count, same bytes.
        #expect(state.entries(in: "inbox").isEmpty, "seed \(seed)")
        var outputs: [Data: Int] = [:]
        var outputCount = 0
        for directory in ["archive", "failed"] {
            for path in state.entries(in: directory) where !path.hasSuffix(".error.json") {
                outputCount += 1
                let data = try #require(FileManager.default.contents(atPath: state.root + "/" + directory + "/" + path))
                outputs[data, default: 0] += 1
                if directory == "failed" {
                    #expect(FileManager.default.fileExists(atPath: state.root + "/failed/" + path + ".error.json"))
                }
            }
        }
        #expect(outputCount == inputs.count, "seed \(seed)")
        // A death counts against a file only while it is read, and a file whose
        // content is stored is never failed: random kills quarantine nothing.
        let quarantined = try state.query("SELECT DISTINCT path FROM ledger WHERE stage = 'crash'").compactMap { $0[0].text }
        if !quarantined.isEmpty { print("crash test: quarantined after two kills: \(quarantined)") }
        #expect(quarantined.count <= 1, "seed \(seed): \(quarantined)")
        // No file has two outcomes at once: stored (or a duplicate) and failed.
        let both = try state.scalar(
            """
            SELECT count(DISTINCT f.path) FROM ledger f JOIN ledger s ON s.path = f.path
            WHERE f.outcome = 'failed' AND s.outcome IN ('stored', 'duplicate')
            """)
        #expect(both == .integer(0), "seed \(seed)")
        #expect(
            state.entries(in: "failed").filter { !$0.hasSuffix(".error.json") }.count == 80 + quarantined.count,
            "seed \(seed)")
        let inputContents = Set(inputs.values)
        #expect(outputs.keys.filter { !inputContents.contains($0) }.count == 0, "seed \(seed)")
        #expect(outputs.values.filter { $0 != 1 }.count == 0, "seed \(seed)")

        // Each distinct content is stored exactly once (but for one only a quarantined
        // file held), and the database is sound.
        let articles = try #require(try state.scalar("SELECT count(*) FROM articles").integer)
        #expect(articles <= Int64(distinctArticles) && articles >= Int64(distinctArticles - quarantined.count), "seed \(seed)")
        #expect(try state.scalar("PRAGMA integrity_check") == "ok")
        #expect(try state.scalar("SELECT count(*) FROM article_search WHERE article_search MATCH 'bridge'") == .integer(articles))
        // Every file's last word in the ledger matches where it ended.
        #expect(try state.scalar("SELECT count(DISTINCT path) FROM ledger") == 2_000)
    }
}
