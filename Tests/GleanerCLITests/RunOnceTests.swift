import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("gleaner run --once, end to end")
struct RunOnceTests {
    @Test func plainGzipMultiMemberAndTaggedFilesAreStoredOnceAndArchived() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("plain.txt", article(1))
        try state.drop("packed.txt.gz", try TestSupport.gzip(Array(article(2).utf8)))
        let halves = Array(article(3).utf8)
        let multi = try TestSupport.gzip(Array(halves[..<40])) + (try TestSupport.gzip(Array(halves[40...])))
        try state.drop("multi.gz", multi)
        try state.drop("sport/tennis.txt", article(4))
        try state.drop("sport/again.txt", article(1))  // same bytes as plain.txt

        let run = try state.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(state.entries(in: "inbox").isEmpty)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        #expect(
            state.entries(in: "archive") == [
                "\(day)/multi.gz", "\(day)/packed.txt.gz", "\(day)/plain.txt", "\(day)/sport/again.txt",
                "\(day)/sport/tennis.txt",
            ])
        #expect(try state.scalar("SELECT count(*) FROM articles") == 4)
        #expect(try state.scalar("SELECT tag FROM articles WHERE source_file = 'sport/tennis.txt'") == "sport")
        #expect(try state.scalar("SELECT body LIKE '%Article number 3.' FROM articles WHERE source_file = 'multi.gz'") == 1)
        // Same bytes under two names: whichever came first is stored, the other repeats it.
        let outcomes = try state.query(
            "SELECT outcome, article_id FROM ledger WHERE path IN ('plain.txt', 'sport/again.txt') ORDER BY outcome")
        #expect(outcomes.map { $0[0] } == ["duplicate", "stored"])
        #expect(outcomes[0][1] == outcomes[1][1])
        #expect(try state.scalar("SELECT stored || '/' || duplicates || '/' || failed FROM runs") == "4/1/0")
        // What the extraction found is in its tables.
        #expect(try state.scalar("SELECT count(*) FROM entities WHERE name = 'Ana Lopez' AND type = 'person'") == 1)
        #expect(try state.scalar("SELECT count(*) FROM quotes_by_speaker WHERE speaker = 'Ana Lopez'") == 4)
        #expect(try state.scalar("SELECT count(*) FROM article_search WHERE article_search MATCH 'bridge'") == 4)
        #expect(try state.scalar("SELECT value FROM dates WHERE text = 'Monday' LIMIT 1") == "2024-02-26")
    }

    @Test func aSecondRunFindsNothingNewAndAReturnedFileIsADuplicate() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("a.txt", article(1))
        #expect(try state.run().status == 0)
        #expect(try state.run().status == 0)
        #expect(try state.scalar("SELECT count(*) FROM runs") == 2)
        #expect(try state.scalar("SELECT files_seen FROM runs WHERE id = 2") == 0)
        // The same file dropped again: archived under a new name, not overwritten, not stored twice.
        try state.drop("a.txt", article(1))
        #expect(try state.run().status == 0)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles").text)
        #expect(state.entries(in: "archive") == ["\(day)/a-2.txt", "\(day)/a.txt"])
        #expect(try state.scalar("SELECT count(*) FROM articles") == 1)
        #expect(try state.ledger("a.txt")?.outcome == "duplicate")
    }

    @Test func everyKindOfBadInputEndsInFailedWithItsReason() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let outside = try TestSupport.makeTemporaryDirectory("gleaner-outside-")
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try Data(article(9).utf8).write(to: URL(fileURLWithPath: outside + "/secret.txt"))

        try state.drop("empty.txt", "")
        try state.drop("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 64))
        let packed = try TestSupport.gzip(Array(article(5).utf8))
        try state.drop("truncated.txt.gz", Array(packed[..<(packed.count - 12)]))
        var badCRC = packed
        badCRC[badCRC.count - 6] ^= 0xFF
        try state.drop("bad-crc.txt.gz", badCRC)
        try state.drop("bomb.txt.gz", try TestSupport.gzip([UInt8](repeating: 0x61, count: 60 << 20)))
        try state.drop("oversize.txt", [UInt8](repeating: 0x61, count: 21 << 20))
        try FileManager.default.createSymbolicLink(atPath: state.inbox + "/link.txt", withDestinationPath: outside + "/secret.txt")
        #expect(mkfifo(state.inbox + "/pipe.txt", 0o644) == 0)
        try state.drop("locked.txt", article(6))
        #expect(chmod(state.inbox + "/locked.txt", 0) == 0)
        try state.drop("folder.txt/inside.txt", article(7))
        #expect(link(outside + "/secret.txt", state.inbox + "/hardlink.txt") == 0 || errno == EXDEV)
        try state.drop("notes.pdf", "%PDF-1.4 not an article")

        // Root reads a mode-000 file anyway; without CAP_DAC_OVERRIDE it cannot.
        let launcher = getuid() == 0
            ? ["/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] : []
        let run = try state.run(launcher: launcher)
        #expect(run.status == 1, "\(run.stderr)")

        let expected: [(String, String, String)] = [
            ("empty.txt", "decode", "empty"),
            ("binary.txt", "decode", "binary"),
            ("truncated.txt.gz", "gzip", "truncated"),
            ("bad-crc.txt.gz", "gzip", "check"),
            ("bomb.txt.gz", "gzip", "more than 52428800 bytes"),
            ("oversize.txt", "read", "limit"),
            ("link.txt", "open", "symbolic link"),
            ("pipe.txt", "open", "FIFO"),
            ("locked.txt", "open", "permission denied"),
            ("folder.txt", "open", "directory named like an article"),
            ("notes.pdf", "name", "not an article file name"),
        ] + (FileManager.default.fileExists(atPath: state.inbox + "/hardlink.txt") || state.entries(in: "failed").contains("hardlink.txt")
            ? [("hardlink.txt", "open", "hard links")] : [])
        for (name, stage, words) in expected {
            let row = try #require(try state.ledger(name), "\(name) has no ledger row")
            #expect(row.outcome == "failed", "\(name)")
            #expect(row.stage == stage, "\(name): \(row.stage ?? "nil")")
            #expect(row.reason?.contains(words) == true, "\(name): \(row.reason ?? "nil")")
            #expect(row.movedTo == "failed/" + name)
            // The reason is beside the file, and the log names it.
            let json = try #require(FileManager.default.contents(atPath: state.root + "/failed/" + name + ".error.json"))
            let error = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect(error["reason"] as? String == row.reason)
            #expect(error["stage"] as? String == stage)
            #expect(run.stderr.contains("file.path=\(name)"), "\(name) not logged")
        }
        #expect(try state.scalar("SELECT count(*) FROM articles") == 0)
        #expect(state.entries(in: "inbox").isEmpty)
        // Nothing outside the inbox was read or moved, and links stay links.
        #expect(FileManager.default.fileExists(atPath: outside + "/secret.txt"))
        var info = stat()
        #expect(lstat(state.root + "/failed/link.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(state.root + "/failed/pipe.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(state.entries(in: "failed").contains("folder.txt/inside.txt"))
        #expect(try state.scalar("SELECT failed FROM runs") == .integer(Int64(expected.count)))
    }

    @Test func oddTextIsStoredWithWhatWasDoneToIt() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // Latin-1 bytes are not UTF-8: read as Windows-1252 and flagged.
        try state.drop("latin1.txt", Array(" date 2024-05-02 The caf".utf8) + [0xE9] + Array(" in Z".utf8) + [0xFC] + Array("rich opened.".utf8))
        try state.drop("Zürich news – 2. März.txt", article(11))
        let run = try state.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try state.scalar("SELECT flags FROM articles WHERE source_file = 'latin1.txt'") == "[\"decoded-as-windows-1252\"]")
        #expect(try state.scalar("SELECT body LIKE '%café in Zürich%' FROM articles WHERE source_file = 'latin1.txt'") == 1)
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        #expect(state.entries(in: "archive").contains("\(day)/Zürich news – 2. März.txt"))
    }

    @Test func aNameThatIsNotUTF8IsFailedUnderItsOwnBytesWithAReadableNameInItsReason() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // "café-news.txt" as Latin-1 writes it: é is the single byte 0xE9.
        func cPath(_ base: String, _ name: [UInt8]) -> [CChar] {
            (Array((base + "/").utf8) + name).map { CChar(bitPattern: $0) } + [0]
        }
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array("-news.txt".utf8)
        try state.drop("tag/placeholder.txt", article(1))
        let fd = open(cPath(state.inbox, latin1), O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        let body = Array(article(2).utf8)
        #expect(write(fd, body, body.count) == body.count)
        close(fd)
        try state.age(state.inbox + "/tag/placeholder.txt", by: 60)
        var old = [timespec](repeating: timespec(tv_sec: Int(Date().timeIntervalSince1970) - 60, tv_nsec: 0), count: 2)
        #expect(utimensat(AT_FDCWD, cPath(state.inbox, latin1), &old, 0) == 0)

        let run = try state.run()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(state.entries(in: "inbox").isEmpty)
        // Moved by its own bytes, with its reason beside it under the same bytes.
        var info = stat()
        #expect(lstat(cPath(state.root + "/failed", latin1), &info) == 0)
        let errorJSON = cPath(state.root + "/failed", latin1 + Array(".error.json".utf8))
        let handle = open(errorJSON, O_RDONLY)
        #expect(handle >= 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(handle, &buffer, buffer.count)
        close(handle)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(buffer[..<max(0, count)])) as? [String: Any])
        #expect(document["file"] as? String == "caf\\xe9-news.txt")
        #expect((document["reason"] as? String)?.contains("not valid UTF-8") == true)
        let ledger = try #require(try state.ledger("caf\\xe9-news.txt"))
        #expect(ledger.outcome == "failed" && ledger.stage == "name")
        #expect(ledger.movedTo == "failed/caf\\xe9-news.txt")
        #expect(run.stderr.contains("caf\\\\xe9-news.txt"))
        #expect(try state.ledger("tag/placeholder.txt")?.outcome == "stored")
    }

    @Test func foldersTheWalkCannotReadAreCountedAsWaitingWithTheirReason() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let deep = (1...9).map { "d\($0)" }.joined(separator: "/")
        try state.drop("\(deep)/deep-1.txt", article(1))
        try state.drop("\(deep)/deep-2.txt", article(2))
        try state.drop("shut/inside.txt", article(3))
        #expect(chmod(state.inbox + "/shut", 0) == 0)
        try state.drop("top.txt", article(4))
        // Root reads a mode-000 folder anyway; without CAP_DAC_OVERRIDE it cannot.
        let launcher = getuid() == 0
            ? ["/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] : []

        let run = try state.run(launcher: launcher)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("folders_not_read=2"))
        #expect(run.stderr.contains("left=2"))
        #expect(run.stderr.contains("more than 8 folders deep"))
        #expect(try state.ledger("top.txt")?.outcome == "stored")

        let status = try GleanerRun(["status", "--state-dir", state.root], launcher: launcher)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("2 files waiting"))
        #expect(status.stdout.contains("folder not read: d1/d2/d3/d4/d5/d6/d7/d8/d9 (more than 8 folders deep)"))
        #expect(status.stdout.contains("folder not read: shut (permission denied)"))
        let json = try GleanerRun(["status", "--state-dir", state.root, "--json"], launcher: launcher)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["backlog"] as? Int == 2)
        let folders = try #require(object["unread_folders"] as? [[String: String]])
        #expect(Set(folders.compactMap { $0["path"] }) == ["d1/d2/d3/d4/d5/d6/d7/d8/d9", "shut"])
    }

    @Test func filesCopiedJustBeforeRunOnceAreWaitedForAndTaken() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // As `cp seeds/*.txt var/inbox/ && gleaner run --once` does: every file modified this instant.
        for n in 1...5 { try state.drop("fresh-\(n).txt", article(n), age: nil) }
        let run = try state.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(state.entries(in: "inbox").isEmpty)
        #expect(try state.scalar("SELECT stored || '/' || deferred FROM runs") == "5/0")
        #expect(run.stderr.contains("left=0"))
    }

    @Test func filesStillBeingWrittenAndTemporaryNamesAreLeftInTheInbox() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // A settle time well above the writer's interval, so that a writer thread starved
        // for a moment on a loaded machine still counts as writing.
        let environment = GleanerRun.environment(["GLEANER_INTAKE_SETTLE_SECONDS": "4"])
        try state.drop("done.txt", article(1), age: 60)
        try state.drop("growing.txt", " date 2024-03-01 The first half of an article", age: 0)
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: state.inbox + "/growing.txt"))
        defer { try? writer.close() }
        try writer.seekToEnd()
        try state.drop("download.txt.part", article(2))
        try state.drop(".hidden.txt", article(3))
        try state.drop("editor.txt~", article(4))
        // A writer that keeps appending for longer than --once waits.
        let writing = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for _ in 0..<80 {
                if writing.wait(timeout: .now() + .milliseconds(150)) == .success { break }
                try? writer.write(contentsOf: Data(" more".utf8))
            }
            finished.signal()
        }

        let run = try state.run(environment: environment)
        writing.signal()
        finished.wait()
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("files still being written when the run ended were left in the inbox"))
        #expect(run.stderr.contains("growing.txt"))
        #expect(run.stderr.contains("left=4"))
        #expect(state.entries(in: "inbox") == [".hidden.txt", "download.txt.part", "editor.txt~", "growing.txt"])
        #expect(try state.ledger("growing.txt") == nil)
        #expect(try state.scalar("SELECT stored || '/' || deferred FROM runs") == "1/1")

        // Once the writer is done and the file has settled, it is taken.
        try writer.write(contentsOf: Data(" and its second half.".utf8))
        try writer.close()
        try state.age(state.inbox + "/growing.txt", by: 60)
        #expect(try state.run(environment: environment).status == 0)
        #expect(try state.scalar("SELECT body LIKE 'The first half of an article more%its second half.' FROM articles WHERE source_file = 'growing.txt'") == 1)
    }

    @Test func aStopDuringRunOnceEndsItAfterTheBatchInHandAndLeavesTheRestForTheNextRun() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let total = 1_500
        for n in 1...total { try state.drop("a\(n).txt", article(n)) }
        // Small batches: the run is many commits long, and the stop lands between two.
        let environment = GleanerRun.environment(["GLEANER_INTAKE_BATCH_FILES": "10"])
        let run = try RunningDaemon(state: state, environment: environment, options: ["--once"])
        defer { if run.process.isRunning { run.signal(SIGKILL) } }
        #expect(eventually(60) { !state.entries(in: "archive").isEmpty })
        run.signal(SIGTERM)
        // Before, SIGTERM's default action ended the run at once (crash-safe, but no run recorded or digest written).
        #expect(run.exitStatus(within: 60) == 2, "\(run.log)")
        #expect(run.process.terminationReason == .exit)
        #expect(run.log.contains("stop requested; the run ends after the batch in hand"), "\(run.log)")
        let archived = state.entries(in: "archive").filter { $0.hasSuffix(".txt") }.count
        let waiting = state.entries(in: "inbox").count
        #expect(waiting > 0 && archived + waiting == total, "archived \(archived), waiting \(waiting)")
        #expect(run.log.contains("stopped before the inbox was done; what is left waits for the next run left=\(waiting)"))
        #expect(state.entries(in: "failed").isEmpty)
        // The run is recorded as far as it went, and its digest written.
        #expect(try state.scalar("SELECT count(*) FROM articles") == .integer(Int64(archived)))
        #expect(try state.scalar("SELECT stored FROM runs WHERE finished_at IS NOT NULL") == .integer(Int64(archived)))
        #expect(state.entries(in: "digests").contains { $0.hasPrefix("runs/") && $0.hasSuffix("-1.md") })
        // The next run takes the rest.
        #expect(try state.run().status == 0)
        #expect(state.entries(in: "inbox").isEmpty)
        #expect(try state.scalar("SELECT count(*) FROM articles") == .integer(Int64(total)))
    }

    @Test func aStopWhileRunOnceWaitsForAFileToSettleLeavesTheFile() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("fresh.txt", article(1), age: nil)
        let environment = GleanerRun.environment(["GLEANER_INTAKE_SETTLE_SECONDS": "30"])
        let run = try RunningDaemon(state: state, environment: environment, options: ["--once", "--log-level", "debug"])
        defer { if run.process.isRunning { run.signal(SIGKILL) } }
        #expect(eventually(20) { run.log.contains("file still being written, left for a later run") })
        usleep(100_000)
        run.signal(SIGTERM)
        // The wait is cut short, so the file has not been seen still for the settle time: it may be half written.
        #expect(run.exitStatus(within: 10) == 2, "\(run.log)")
        #expect(state.entries(in: "inbox") == ["fresh.txt"])
        #expect(try state.scalar("SELECT count(*) FROM articles") == 0)
    }

    @Test func aStopWhileRunOnceStartsTakesNothingAndSaysSo() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("waiting.txt", article(1))
        // The stop lands before the pass traps SIGTERM, before it takes a file.
        let config = ConfigurationPipe(in: state)
        let run = try RunningDaemon(
            state: state, environment: GleanerRun.environment(["GLEANER_CONFIG": config.path]), options: ["--once"])
        defer { if run.process.isRunning { run.signal(SIGKILL) } }
        config.stopWhileStarting(run)
        #expect(run.exitStatus(within: 10) == 2, "\(run.log)")
        #expect(run.process.terminationReason == .exit)
        #expect(run.log.contains("stop requested"), "\(run.log)")
        #expect(state.entries(in: "inbox") == ["waiting.txt"])
        #expect(try state.scalar("SELECT stored FROM runs WHERE finished_at IS NOT NULL") == 0)
    }

    @Test func aFileWaitingLongerThanTheStaleThresholdIsReported() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("abandoned.txt.part", article(1), age: 11 * 60)
        try state.drop("fresh.txt.part", article(2), age: 60)
        let run = try state.run()
        #expect(run.status == 0)
        let warning = try #require(run.stderr.split(separator: "\n").first { $0.contains("files waiting in the inbox for too long") })
        #expect(warning.contains("files=abandoned.txt.part"))
        #expect(!warning.contains("fresh"))
    }

    @Test func gleanerConfigPrintsEveryKeyWithItsOriginAsAValidFile() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let config = state.root + "/gleaner.toml"
        try "[intake]\nbatch_files = 32\n".write(toFile: config, atomically: true, encoding: .utf8)
        let run = try GleanerRun(["config", "--config", config], environment: GleanerRun.environment(["GLEANER_INTAKE_WORKERS": "2"]))
        #expect(run.status == 0)
        #expect(run.stdout.contains("batch_files = 32  # \(config):2:"))
        #expect(run.stdout.contains("workers = 2  # $GLEANER_INTAKE_WORKERS:"))
        #expect(run.stdout.contains("settle_seconds = 1.0  # default:"))
        // The output reads back as the same configuration.
        try run.stdout.write(toFile: state.root + "/printed.toml", atomically: true, encoding: .utf8)
        let again = try GleanerRun(["config", "--config", state.root + "/printed.toml"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("batch_files = 32  # \(state.root)/printed.toml:"))
        #expect(again.stdout.contains("workers = 2  # \(state.root)/printed.toml:"))
    }

    @Test func aSecondGleanerOnTheSameStateIsRefusedWithExitCode75() throws {
        let state = try StateFixture()
        defer { state.remove() }
        #expect(try state.run().status == 0)
        // Hold the lock as a running gleaner would.
        let fd = open(state.database + ".lock", O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let run = try state.run()
        #expect(run.status == 75)
        #expect(run.stderr.contains("Another gleaner is already running"))
    }

    @Test func configurationSetsPathsAndLimitsAndItsMistakesNameTheLine() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let config = state.root + "/gleaner.toml"
        try """
            # paths relative to the state directory
            inbox_dir = "drop"

            [intake]
            max_file_mib = 1
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: state.root + "/drop", withIntermediateDirectories: true)
        try Data([UInt8](repeating: 0x61, count: 2 << 20)).write(to: URL(fileURLWithPath: state.root + "/drop/big.txt"))
        try state.age(state.root + "/drop/big.txt", by: 30)
        let run = try state.run(["--config", config])
        #expect(run.status == 1)
        #expect(try state.ledger("big.txt")?.reason?.contains("limit of 1048576") == true)

        try "[intake]\nsettle_seconds = 1\nmax_file_mb = 3\n".write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try state.run(["--config", config])
        #expect(bad.status == 78)
        #expect(bad.stderr.hasPrefix("gleaner: \(config):3: unknown key 'intake.max_file_mb'"))

        let badEnvironment = try state.run(environment: GleanerRun.environment(["GLEANER_INTAKE_WORKERS": "many"]))
        #expect(badEnvironment.status == 78)
        #expect(badEnvironment.stderr.contains("$GLEANER_INTAKE_WORKERS"))
    }

    @Test func anUnusableStateDirectoryIsAnIOErrorThatNamesIt() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try "a file, not a directory".write(toFile: state.root + "/archive", atomically: true, encoding: .utf8)
        let run = try state.run()
        #expect(run.status == 74)
        #expect(run.stderr.contains("'\(state.root)/archive'"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
