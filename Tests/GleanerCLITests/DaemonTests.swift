import ArticleStore
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The datagram socket systemd would listen on, bound by the test.
final class NotifyListener {
    let path: String
    private let fd: Int32
    private(set) var messages: [String] = []
    /// When each message of ``messages`` was received.
    private(set) var receivedAt: [Date] = []

    /// Binds `path`; a leading `@` means the abstract namespace, as in `$NOTIFY_SOCKET`.
    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
        let length = abstract ? MemoryLayout<sa_family_t>.size + bytes.count : MemoryLayout<sockaddr_un>.size
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard fd >= 0, bound == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    deinit { close(fd) }

    /// Waits up to `seconds` for a message containing `text`; keeps every message received.
    @discardableResult
    func wait(for text: String, seconds: Double = 10) -> Bool {
        if messages.contains(where: { $0.contains(text) }) { return true }
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[..<count], as: UTF8.self)
            messages.append(message)
            receivedAt.append(Date())
            if message.contains(text) { return true }
        }
        return false
    }
}

/// A `gleaner run` started as a real process: the daemon, or with `--once` one pass.
final class RunningDaemon {
    let process = Process()
    let logPath: String

    /// Starts `gleaner run` on `state`, with `options` after it (`--once`).
    init(state: StateFixture, environment: [String: String], launcher: [String] = [], options: [String] = []) throws {
        logPath = NSTemporaryDirectory() + "gleaner-daemon-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [GleanerRun.binary, "run", "--state-dir", state.root] + options
        } else {
            process.executableURL = URL(fileURLWithPath: GleanerRun.binary)
            process.arguments = ["run", "--state-dir", state.root] + options
        }
        process.environment = environment
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to exit; `nil` if it is still running after `seconds`.
    func exitStatus(within seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
        if try condition() { return true }
        usleep(20_000)
    } while Date() < deadline
    return false
}

/// A configuration file that is a pipe: `gleaner run` blocks reading it, early
/// in its start, before it traps SIGTERM in its service group or its pass.
struct ConfigurationPipe {
    let path: String

    init(in state: StateFixture) {
        path = state.root + "/gleaner.toml"
        #expect(mkfifo(path, 0o600) == 0)
    }

    /// A writer's end, opened once a gleaner has the pipe open to read (a
    /// non-blocking open succeeds only then); -1 if none did within 10 s.
    func writer() -> Int32 {
        var writer: Int32 = -1
        #expect(eventually(10) {
            writer = open(path, O_WRONLY | O_NONBLOCK)
            return writer >= 0
        })
        return writer
    }

    /// Sends `run` SIGTERM while it waits for its configuration, then gives it one.
    func stopWhileStarting(_ run: RunningDaemon) {
        let writer = writer()
        run.signal(SIGTERM)
        usleep(200_000)
        // A gleaner that the signal ended has closed the pipe: the write fails (EPIPE) rather than end the tests.
        signal(SIGPIPE, SIG_IGN)
        _ = "[intake]\nsettle_seconds = 1\n".withCString { write(writer, $0, strlen($0)) }
        close(writer)
    }
}

@Suite("gleaner run (the daemon), end to end")
struct DaemonTests {
    @Test func aHostileFileNeitherHoldsBackTheOthersNorStopsTheWatchdog() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let listener = try NotifyListener(path: state.root + "/notify.sock")
        let environment = GleanerRun.environment([
            "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "5000000", "GLEANER_INTAKE_MAX_EXTRACT_SECONDS": "1",
        ])
        let daemon = try RunningDaemon(state: state, environment: environment)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(listener.wait(for: "READY=1"), "\(daemon.log)")

        // The hostile file (names, quotes and numbers on one line) first, then 20 ordinary ones, by rename.
        let staging = try TestSupport.makeTemporaryDirectory("gleaner-staging-")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try Data(CrashLoopTests.hostileText(words: 500_000).utf8).write(to: URL(fileURLWithPath: staging + "/hostile.txt"))
        for n in 1...20 { try Data(article(n).utf8).write(to: URL(fileURLWithPath: staging + "/small-\(n).txt")) }
        let dropped = Date()
        #expect(rename(staging + "/hostile.txt", state.inbox + "/hostile.txt") == 0)
        for n in 1...20 { #expect(rename(staging + "/small-\(n).txt", state.inbox + "/small-\(n).txt") == 0) }

        var smallDone: Date?
        var hostileDone: Date?
        // Watched for at least 8 s, so that the watchdog's pings (every 2.5 s) can be counted.
        while Date().timeIntervalSince(dropped) < 60,
            hostileDone == nil || smallDone == nil || Date().timeIntervalSince(dropped) < 8
        {
            listener.wait(for: "never sent", seconds: 0.2)
            let archived = Set(state.entries(in: "archive").map { ($0 as NSString).lastPathComponent })
            if smallDone == nil, (1...20).allSatisfy({ archived.contains("small-\($0).txt") }) { smallDone = Date() }
            if hostileDone == nil, archived.contains("hostile.txt") || state.entries(in: "failed").contains("hostile.txt") {
                hostileDone = Date()
            }
        }
        let smallSeconds = smallDone.map { $0.timeIntervalSince(dropped) } ?? .infinity
        #expect(smallSeconds < 15, "the 20 ordinary files took \(smallSeconds) s")
        #expect(hostileDone != nil, "\(daemon.log)")
        // Stored with what was found before its budget ran out.
        #expect(try state.scalar("SELECT flags LIKE '%truncated%' FROM articles WHERE source_file = 'hostile.txt'") == 1)
        // The watchdog kept hearing from a daemon that made progress.
        let pings = zip(listener.messages, listener.receivedAt).filter { $0.0.contains("WATCHDOG=1") }.map(\.1)
            .filter { $0 >= dropped }
        let gaps = zip(pings, pings.dropFirst()).map { $1.timeIntervalSince($0) }
        #expect(pings.count >= 2 && (gaps.max() ?? 0) <= 5, "pings \(pings.count), longest gap \(gaps.max() ?? 0) s")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 10) == 0)
    }

    @Test func aFolderTooDeepToReadIsReportedInStatusWithItsFilesAsWaiting() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop((1...9).map { "d\($0)" }.joined(separator: "/") + "/deep.txt", article(1))
        try state.drop("top.txt", article(2))
        let listener = try NotifyListener(path: state.root + "/notify.sock")
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment(["NOTIFY_SOCKET": listener.path]))
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(listener.wait(for: "READY=1"), "\(daemon.log)")
        #expect(listener.messages.contains {
            $0.contains("waiting in the inbox: 1") && $0.contains("inbox folders not read: 1 (d1/d2/d3/d4/d5/d6/d7/d8/d9: more than 8 folders deep)")
        }, "\(listener.messages)")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 10) == 0)
    }

    @Test func aStopWhileTheDaemonStartsEndsItGracefullyAndLeavesTheInboxForNextTime() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("waiting.txt", article(1))
        // The stop lands before the service group traps SIGTERM (before, its default action ended the daemon there).
        let config = ConfigurationPipe(in: state)
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment(["GLEANER_CONFIG": config.path]))
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        config.stopWhileStarting(daemon)
        #expect(daemon.exitStatus(within: 10) == 0, "\(daemon.log)")
        #expect(daemon.process.terminationReason == .exit, "\(daemon.log)")
        #expect(daemon.log.contains("stop requested while starting"), "\(daemon.log)")
        // Nothing was taken: the file waits in the inbox for the next start.
        #expect(FileManager.default.fileExists(atPath: state.inbox + "/waiting.txt"))

        // A start that hangs can still be ended: a second signal takes the default action.
        let hung = try RunningDaemon(state: state, environment: GleanerRun.environment(["GLEANER_CONFIG": config.path]))
        defer { if hung.process.isRunning { hung.signal(SIGKILL) } }
        let writer = config.writer()
        // Signals sent before the first is handled count once: send until it has ended.
        #expect(eventually(10) {
            hung.signal(SIGTERM)
            return !hung.process.isRunning
        })
        #expect(hung.exitStatus(within: 10) == SIGTERM)
        #expect(hung.process.terminationReason == .uncaughtSignal)
        close(writer)
    }

    @Test func watchesTheInboxReportsToSystemdReloadsAndStopsCleanly() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("while-stopped.txt", article(1))
        let listener = try NotifyListener(path: state.root + "/notify.sock")
        let config = state.root + "/gleaner.toml"
        try "[intake]\nsettle_seconds = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let environment = GleanerRun.environment([
            "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "", "GLEANER_CONFIG": config,
        ])
        let daemon = try RunningDaemon(state: state, environment: environment.filter { $0.key != "WATCHDOG_PID" })
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }

        // READY=1 comes after the first pass: the file dropped while it was down is stored.
        #expect(listener.wait(for: "READY=1"), "\(daemon.log)")
        #expect(try state.ledger("while-stopped.txt")?.outcome == "stored")
        #expect(listener.messages.contains { $0.contains("STATUS=Last run: 1 stored") })
        func stored(_ path: String) throws -> Bool { try eventually(10) { try state.ledger(path)?.outcome == "stored" } }

        // Dropped by atomic rename.
        try Data(article(2).utf8).write(to: URL(fileURLWithPath: state.inbox + "/.renamed.txt.tmp"))
        #expect(rename(state.inbox + "/.renamed.txt.tmp", state.inbox + "/renamed.txt") == 0)
        #expect(try stored("renamed.txt"), "\(daemon.log)")

        // Written slowly: taken whole, once closed.
        let fd = open(state.inbox + "/slow.txt", O_WRONLY | O_CREAT | O_EXCL, 0o644)
        for (index, part) in [" date 2024-03-01 The first half,", " and the second half of a slow article."].enumerated() {
            if index > 0 { usleep(400_000) }
            #expect(part.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, part.utf8.count) } == part.utf8.count)
        }
        close(fd)
        #expect(try stored("slow.txt"), "\(daemon.log)")
        #expect(try state.scalar("SELECT body FROM articles WHERE source_file = 'slow.txt'")
            == "The first half, and the second half of a slow article.")

        // Into a folder made after the daemon started.
        try FileManager.default.createDirectory(atPath: state.inbox + "/late", withIntermediateDirectories: false)
        try Data(article(3).utf8).write(to: URL(fileURLWithPath: state.inbox + "/late/folder.txt"))
        #expect(try stored("late/folder.txt"), "\(daemon.log)")
        #expect(try state.scalar("SELECT tag FROM articles WHERE source_file = 'late/folder.txt'") == "late")

        // The digest service keeps the day's digest current, beside intake.
        let day = try #require(try state.scalar("SELECT ingested_day FROM articles LIMIT 1").text)
        #expect(eventually(10) {
            (try? String(contentsOfFile: state.root + "/digests/daily/\(day)-articles.md", encoding: .utf8))?.contains("late/folder.txt") == true
        }, "\(daemon.log)")
        #expect(state.entries(in: "digests/runs").contains { $0.hasSuffix(".json") })

        // SIGHUP re-reads the configuration, and names what needs a restart.
        try "time_zone = \"UTC\"\n[intake]\nsettle_seconds = 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(listener.wait(for: "RELOADING=1"))
        #expect(eventually(5) { daemon.log.contains("configuration reloaded") })
        #expect(eventually(5) { daemon.log.contains("configuration keys changed that need a restart keys=time_zone") }, "\(daemon.log)")
        #expect(!daemon.log.contains("keys=intake.settle_seconds"))
        #expect(listener.messages.contains { $0.contains("WATCHDOG=1") })

        // SIGTERM in the middle of a run of 400 files: exit 0 within 5 s, nothing lost.
        let batch = try TestSupport.makeTemporaryDirectory("gleaner-batch-")
        defer { try? FileManager.default.removeItem(atPath: batch) }
        for n in 100..<500 { try Data(article(n).utf8).write(to: URL(fileURLWithPath: batch + "/b\(n).txt")) }
        for n in 100..<500 { #expect(rename(batch + "/b\(n).txt", state.inbox + "/b\(n).txt") == 0) }
        #expect(eventually(10) { ((try? state.scalar("SELECT count(*) FROM ledger WHERE path LIKE 'b%'").integer) ?? nil ?? 0) > 0 })
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0, "\(daemon.log)")
        #expect(listener.wait(for: "STOPPING=1", seconds: 1))
        let left = state.entries(in: "inbox").filter { $0.hasPrefix("b") }.count
        let taken = Int(try state.scalar("SELECT count(*) FROM ledger WHERE path LIKE 'b%'").integer ?? 0)
        #expect(left + taken == 400, "left \(left), taken \(taken)")

        // What the stop left behind is taken by the next start.
        let secondListener = try NotifyListener(path: state.root + "/notify-2.sock")
        let again = try RunningDaemon(state: state, environment: GleanerRun.environment(["NOTIFY_SOCKET": secondListener.path]))
        defer { if again.process.isRunning { again.signal(SIGKILL) } }
        #expect(secondListener.wait(for: "READY=1"), "\(again.log)")
        // Some were dropped under a second ago: taken once they have settled.
        #expect(eventually(10) { state.entries(in: "inbox").isEmpty }, "\(state.entries(in: "inbox").count) left")
        again.signal(SIGINT)
        #expect(again.exitStatus(within: 5) == 0, "\(again.log)")
        #expect(try state.scalar("SELECT count(*) FROM articles") == 404)
    }

    @Test func aNotifySocketNobodyReadsDoesNotStallIntake() throws {
        let state = try StateFixture()
        defer { state.remove() }
        // Bound but never read: its queue fills after a few datagrams.
        let silent = try NotifyListener(path: state.root + "/silent.sock")
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment(["NOTIFY_SOCKET": silent.path]))
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        for n in 0..<30 {
            try Data(article(n).utf8).write(to: URL(fileURLWithPath: state.root + "/s\(n).txt"))
            #expect(rename(state.root + "/s\(n).txt", state.inbox + "/s\(n).txt") == 0)
            usleep(150_000)  // one run, and one STATUS datagram, per file
        }
        #expect(eventually(10) { ((try? state.scalar("SELECT count(*) FROM articles").integer) ?? nil) == 30 }, "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func anAbstractNotifySocketIsReached() throws {
        let state = try StateFixture()
        defer { state.remove() }
        let listener = try NotifyListener(path: "@gleaner-test-" + String(getpid()) + "-" + String(Int.random(in: 0..<1_000_000)))
        let daemon = try RunningDaemon(state: state, environment: GleanerRun.environment(["NOTIFY_SOCKET": listener.path]))
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(listener.wait(for: "READY=1"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.exitStatus(within: 5) == 0)
    }

    @Test func underJournaldEachLineCarriesItsSyslogPriority() throws {
        let state = try StateFixture()
        defer { state.remove() }
        try state.drop("good.txt", article(1))
        try state.drop("bad.txt", "")
        let run = try state.run(environment: GleanerRun.environment(["JOURNAL_STREAM": "8:1234"]))
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>info file stored") })
        #expect(lines.contains { $0.hasPrefix("<4>warning file failed") && $0.contains("file.path=bad.txt") })
        #expect(lines.allSatisfy { $0.hasPrefix("<") })
    }
}
