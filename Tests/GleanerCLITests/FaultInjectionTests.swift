import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Faults injected under a running daemon. Each test counts the files that
/// went in and checks every one is accounted for afterwards: stored and
/// archived, or in failed/, or (while the fault lasts) still in the inbox.
@Suite("Fault injection on the daemon", .serialized)
struct FaultInjectionTests {
    /// Files in archive/ and failed/ (not their .error.json) plus files in the inbox.
    static func accounted(_ state: StateFixture) -> Int {
        state.entries(in: "archive").count + state.entries(in: "failed").filter { !$0.hasSuffix(".error.json") }.count
            + state.entries(in: "inbox").count
    }

    static func articles(_ state: StateFixture) -> Int {
        Int(((try? state.scalar("SELECT count(*) FROM articles").integer) ?? nil) ?? -1)
    }

    static func drop(_ state: StateFixture, _ range: Range<Int>, prefix: String) throws {
        for n in range {
            let staging = state.root + "/.\(prefix)\(n).tmp"
            try Data(article(n).utf8).write(to: URL(fileURLWithPath: staging))
            #expect(rename(staging, state.inbox + "/\(prefix)\(n).txt") == 0)
        }
    }

    static var isRoot: Bool { getuid() == 0 }

    @Test func aFullDiskPausesIntakeWhichResumesWhenSpaceComesBack() throws {
        guard Self.isRoot else {
            print("full-disk test skipped: mounting a small tmpfs needs root")
            return
        }
        let state = try StateFixture()
        defer { state.remove() }
        // The whole state on a 2 MiB tmpfs.
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", state.root]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            print("full-disk test skipped: this machine does not allow mounting a tmpfs")
            return
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [state.root]
            try? umount.run()
            umount.waitUntilExit()
        }
        try FileManager.default.createDirectory(atPath: state.inbox, withIntermediateDirectories: true)
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment())
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(eventually(10) { daemon.log.contains("ready") }, "\(daemon.log)")
        // 30 files under temporary names (left alone), then the disk fills up, then they are
        // renamed into place: renaming needs no space, storing them does.
        for n in 0..<30 { try Data(article(n).utf8).write(to: URL(fileURLWithPath: state.inbox + "/.a\(n).part")) }
        let ballast = state.root + "/ballast"
        let fd = open(ballast, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0x61, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
        for n in 0..<30 { #expect(rename(state.inbox + "/.a\(n).part", state.inbox + "/a\(n).txt") == 0) }

        #expect(eventually(15) { daemon.log.contains("run failed; the files stay in the inbox") }, "\(daemon.log)")
        #expect(daemon.process.isRunning, "the daemon keeps running")
        #expect(state.entries(in: "inbox").count == 30, "nothing left the inbox while the disk was full")

        unlink(ballast)
        #expect(eventually(70) { state.entries(in: "inbox").isEmpty }, "\(daemon.log.suffix(2000))")
        #expect(Self.articles(state) == 30)
        #expect(state.entries(in: "archive").count == 30)
        // Said once the run returns, after the last file has moved and the day's stories are grouped.
        #expect(eventually(10) { daemon.log.contains("runs resumed") }, "\(daemon.log.suffix(2000))")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func aDatabaseLockedByAnotherProcessFor10SecondsDelaysButLosesNothing() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment())
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(eventually(10) { FileManager.default.fileExists(atPath: state.database) && daemon.log.contains("ready") })

        // Another process holds the write lock for 10 s.
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        locker.arguments = [
            "-c",
            "import sqlite3, time, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                + "c.execute('BEGIN EXCLUSIVE'); time.sleep(10); c.execute('COMMIT')",
            state.database,
        ]
        try locker.run()
        usleep(500_000)
        try Self.drop(state, 0..<20, prefix: "l")
        #expect(eventually(12) { daemon.log.contains("run failed") }, "\(daemon.log.suffix(1500))")
        #expect(state.entries(in: "inbox").count == 20, "nothing left the inbox while the database was locked")
        locker.waitUntilExit()
        #expect(eventually(60) { state.entries(in: "inbox").isEmpty }, "\(daemon.log.suffix(1500))")
        #expect(Self.articles(state) == 20)
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func anArchiveMadeReadOnlyUnderTheDaemonKeepsFilesInTheInboxUntilItIsWritable() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // As root, permissions only bind without CAP_DAC_OVERRIDE.
        let launcher = Self.isRoot ? ["/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] : []
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment(), launcher: launcher)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(eventually(10) { daemon.log.contains("ready") }, "\(daemon.log)")
        try Self.drop(state, 0..<3, prefix: "p")
        #expect(eventually(10) { state.entries(in: "archive").count == 3 })
        let archive = state.root + "/archive"
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: archive).first)
        #expect(chmod(archive, 0o555) == 0 && chmod(archive + "/" + day, 0o555) == 0)

        try Self.drop(state, 3..<13, prefix: "p")
        #expect(eventually(10) { daemon.log.contains("file not moved out of the inbox") }, "\(daemon.log.suffix(1500))")
        #expect(state.entries(in: "inbox").count == 10, "files that cannot be moved stay in the inbox")
        #expect(Self.articles(state) == 13, "their content is stored")

        #expect(chmod(archive, 0o755) == 0 && chmod(archive + "/" + day, 0o755) == 0)
        try Self.drop(state, 13..<14, prefix: "p")  // any event; the periodic rescan would do it too
        #expect(eventually(10) { state.entries(in: "inbox").isEmpty }, "\(daemon.log.suffix(1500))")
        #expect(state.entries(in: "archive").count == 14)
        #expect(Self.articles(state) == 14)
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func anInboxDeletedAndRecreatedIsWatchedAgain() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment())
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(eventually(10) { daemon.log.contains("ready") })
        try FileManager.default.removeItem(atPath: state.inbox)
        #expect(eventually(10) { daemon.log.contains("the inbox was deleted or moved") }, "\(daemon.log)")
        // The daemon makes it again or the user does; either way it is watched again.
        #expect(eventually(10) { daemon.log.contains("the inbox is back") }, "\(daemon.log)")
        try? FileManager.default.createDirectory(atPath: state.inbox, withIntermediateDirectories: true)
        try Self.drop(state, 0..<5, prefix: "r")
        #expect(eventually(10) { Self.articles(state) == 5 }, "\(daemon.log.suffix(1500))")
        #expect(daemon.process.isRunning)
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func aFileReplacedWhileItIsReadIsNeverArchivedUnread() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // Large files, replaced again and again (by rename, as editors do) while runs read them.
        @Sendable func body(_ name: Int, _ version: Int) -> Data {
            let sentence = "Mayor Ana Lopez said the bridge over the river would open in spring. "
            return Data((" date 2024-03-01 File \(name) version \(version). " + String(repeating: sentence, count: 3_000)).utf8)
        }
        for n in 0..<12 { try body(n, 0).write(to: URL(fileURLWithPath: state.inbox + "/big\(n).txt")) }
        let stop = ManagedAtomicFlag()
        let replacer = Thread {
            var version = 1
            while !stop.isSet {
                for n in 0..<12 {
                    let staging = state.root + "/.staging\(n)"
                    try? body(n, version).write(to: URL(fileURLWithPath: staging))
                    rename(staging, state.inbox + "/big\(n).txt")
                }
                version += 1
                usleep(2_000)
            }
        }
        replacer.start()
        for _ in 0..<4 { _ = try state.run(environment: GleanerRun.environment(["GLEANER_INTAKE_SETTLE_SECONDS": "0"])) }
        stop.set()
        usleep(100_000)
        _ = try state.run(environment: GleanerRun.environment(["GLEANER_INTAKE_SETTLE_SECONDS": "0"]))
        #expect(state.entries(in: "inbox").isEmpty)
        // Every file in the archive holds content that is in the store.
        let stored = Set(try state.query("SELECT body FROM articles").compactMap { $0[0].text })
        for path in state.entries(in: "archive") {
            let text = try String(contentsOfFile: state.root + "/archive/" + path, encoding: .utf8)
            let version = text.split(separator: ".").first.map(String.init) ?? ""
            #expect(stored.contains { $0.hasPrefix(String(version.dropFirst(" date 2024-03-01 ".count))) },
                "\(path) (\(version)) was archived but its content is not stored; stored: \(stored.map { String($0.prefix(22)) }.sorted())")
        }
    }

    @Test func aRunReceiptHalfWrittenWhenTheDaemonStoppedIsWrittenWholeAtTheNextStart() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try Self.drop(state, 0..<3, prefix: "h")
        #expect(try state.run().status == 0)
        // A stop between the receipt's two files: the Markdown is there, the JSON is not.
        let json = try #require(state.entries(in: "digests/runs").first { $0.hasSuffix(".json") })
        try FileManager.default.removeItem(atPath: state.root + "/digests/runs/" + json)
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment())
        #expect(eventually(10) { state.entries(in: "digests/runs").contains(json) }, "\(daemon.log)")
        // A stop is graceful once the daemon is up (before, SIGTERM's default ends it).
        #expect(eventually(10) { daemon.log.contains("ready") }, "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func killedWhileWritingDigestsTheyAreTheOldFileOrTheNewNeverHalf() throws {
        let state = try StateFixture()
        defer { state.remove() }
        var dropped = 0
        for round in 0..<8 {
            let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment())
            #expect(eventually(10) { daemon.log.contains("ready") })
            try Self.drop(state, dropped..<(dropped + 40), prefix: "k")
            dropped += 40
            usleep(UInt32(50_000 + round * 40_000))
            daemon.signal(SIGKILL)
            _ = daemon.exitStatus(within: 5)
            for path in state.entries(in: "digests") where path.hasSuffix(".json") && !path.contains(".gleaner-partial-") {
                let data = try Data(contentsOf: URL(fileURLWithPath: state.root + "/digests/" + path))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is not whole JSON after a kill")
            }
        }
        // A last clean start takes the rest, writes the receipts it owes, and clears the temporaries.
        let last = try RunningDaemon(state: state, environment: GleanerRun.environment())
        // The kills may have left nothing to take: wait until it is up, so that the stop below is graceful.
        #expect(eventually(30) { last.log.contains("ready") }, "\(last.log)")
        // A file in flight at two of the kills is refused unread (stage 'crash'), as designed.
        func quarantined() -> Int {
            Int(((try? state.scalar("SELECT count(DISTINCT path) FROM ledger WHERE stage = 'crash'").integer) ?? nil) ?? 0)
        }
        #expect(eventually(30) { state.entries(in: "inbox").isEmpty && Self.articles(state) + quarantined() == dropped },
            "\(Self.articles(state)) stored, \(quarantined()) quarantined, \(state.entries(in: "inbox").count) in the inbox")
        #expect(quarantined() <= 5)
        usleep(500_000)
        last.signal(SIGTERM)
        #expect(last.exitStatus(within: 5) == 0)
        #expect(Self.accounted(state) == dropped)
        #expect(!state.entries(in: "digests").contains { $0.contains(".gleaner-partial-") })
        // Every run that saw files has its receipt; one that saw none (a rescan of an empty inbox,
        // a start that only grouped a day again) has none, whether it ran before a kill or after.
        let runs = Int(
            try state.scalar("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL AND (files_seen > 0 OR deferred > 0)")
                .integer ?? 0)
        let receipts = state.entries(in: "digests/runs").filter { $0.hasSuffix(".json") }
        let runIDs = try state.query(
            "SELECT id, files_seen, deferred FROM runs WHERE finished_at IS NOT NULL AND (files_seen > 0 OR deferred > 0)")
        #expect(receipts.count >= min(runs, 20) && receipts.count <= runs,
            "\(receipts.count) receipts for \(runs) runs that saw files: \(receipts.sorted()) for \(runIDs)")
    }
}

/// A flag set once by one thread and read by another.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
