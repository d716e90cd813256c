import ArticleStore
import StateFiles
import ArticleFile
import CLinux
import Intake
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// When to start a run: a batch of file events that has gone quiet, or a
/// periodic rescan. Events are only hints: every run rescans the whole inbox.
public struct WatchTrigger: Sendable, Equatable {
    /// Inbox-relative paths seen closed after writing or moved in (they skip the settle time).
    public var closed: Set<String>
    /// Why the run starts: `files`, `rescan`, `overflow`, `new folder`, `poll`.
    public var reason: String
}

/// Watches the inbox and its subfolders with inotify (`IN_CLOSE_WRITE`,
/// `IN_MOVED_TO`, new folders watched as they appear, `IN_Q_OVERFLOW`
/// answered with a rescan), or polls it when it is on a network file system
/// where inotify misses other machines' writes.
///
/// A thread of its own waits in `poll(2)` and turns events into
/// ``WatchTrigger``s: after a quiet period, at most a maximum delay after the
/// first event or at a maximum count of files, and at least every rescan interval.
public final class InboxWatcher: Sendable {
    /// Timing of triggers, in milliseconds.
    public struct Timing: Sendable {
        public var quietMilliseconds = 100
        public var maximumDelayMilliseconds = 2_000
        public var maximumFiles = 500
        public var rescanMilliseconds = 60_000
        /// Polling interval on a network file system.
        public var pollMilliseconds = 2_000
        public init() {}
    }

    /// inotify, or polling and why.
    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(String)
    }

    public let mode: Mode
    /// The triggers, in order; finishes when the watcher stops.
    public let triggers: AsyncStream<WatchTrigger>
    private let continuation: AsyncStream<WatchTrigger>.Continuation
    private let state: Mutex<WatchState>
    private let stopPipe: (read: Int32, write: Int32)
    private let timing: Timing
    /// A rescan asked for by the daemon (monotonic nanoseconds), for files left to settle.
    private let scheduled = Mutex<UInt64?>(nil)

    /// Sets up the watches; events are read once ``start()`` is called.
    /// - Throws: ``FileSystemError`` when inotify cannot be set up on a local inbox.
    public init(inbox: String, timing: Timing = Timing(), logger: Logger) throws(FileSystemError) {
        self.timing = timing
        (triggers, continuation) = AsyncStream.makeStream(of: WatchTrigger.self)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw FileSystemError(call: "pipe", path: inbox, errno: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        stopPipe = (fds[0], fds[1])
        if let network = Self.networkFileSystem(inbox) {
            mode = .polling("the inbox is on \(network), where inotify does not see other machines' writes")
            state = Mutex(WatchState(inbox: inbox, fd: -1, logger: logger))
            return
        }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw FileSystemError(call: "inotify_init1", path: inbox, errno: errno) }
        var watchState = WatchState(inbox: inbox, fd: fd, logger: logger)
        try watchState.watchTree("")
        mode = .inotify
        state = Mutex(watchState)
    }

    deinit {
        close(stopPipe.read)
        close(stopPipe.write)
    }

    /// Starts the thread that reads events and yields triggers.
    public func start() {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self)
        pthread_create(
            &thread, nil,
            { raw in
                let watcher = Unmanaged<InboxWatcher>.fromOpaque(raw!).takeRetainedValue()
                watcher.loop()
                return nil
            }, box.toOpaque())
        pthread_detach(thread)
    }

    /// Stops the thread and finishes ``triggers``.
    public func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
    }

    /// Asks for a rescan `milliseconds` from now (for files that were still
    /// settling: no event will come for them).
    public func scheduleRescan(inMilliseconds milliseconds: Int) {
        let at = IngestClock.monotonicNanoseconds() + UInt64(milliseconds) * 1_000_000
        scheduled.withLock { $0 = min($0 ?? at, at) }
        var byte: UInt8 = 2
        _ = write(stopPipe.write, &byte, 1)
    }

    private func loop() {
        defer {
            continuation.finish()
            state.withLock { $0.closeDescriptor() }
        }
        let inotifyFD = state.withLock { $0.fd }
        var pending = Set<String>()
        var reason: String?
        var firstEvent: UInt64 = 0
        var lastEvent: UInt64 = 0
        var lastTrigger = IngestClock.monotonicNanoseconds()
        let rescanEvery = UInt64(inotifyFD >= 0 ? timing.rescanMilliseconds : timing.pollMilliseconds) * 1_000_000
        while true {
            let now = IngestClock.monotonicNanoseconds()
            var timeout = Int64(lastTrigger + rescanEvery) - Int64(now)
            let scheduledAt = scheduled.withLock { $0 }
            if let scheduledAt { timeout = min(timeout, Int64(scheduledAt) - Int64(now)) }
            if reason != nil {
                let quietEnd = Int64(lastEvent) + Int64(timing.quietMilliseconds) * 1_000_000 - Int64(now)
                let delayEnd = Int64(firstEvent) + Int64(timing.maximumDelayMilliseconds) * 1_000_000 - Int64(now)
                timeout = min(timeout, quietEnd, delayEnd)
            }
            let rootLost = inotifyFD >= 0 && state.withLock { $0.rootLost }
            if rootLost {
                // The inbox was deleted: look for it again every second.
                timeout = min(timeout, 1_000_000_000)
                if state.withLock({ $0.rewatchRoot() }) {
                    reason = "inbox recreated"
                    firstEvent = IngestClock.monotonicNanoseconds()
                    lastEvent = 0
                }
            }
            var fds = [pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
            if inotifyFD >= 0 { fds.append(pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(max(0, min(timeout / 1_000_000 + 1, 60_000))))
            if ready < 0 && errno != EINTR { break }
            if fds[0].revents != 0 {
                var byte: UInt8 = 0
                if read(stopPipe.read, &byte, 1) != 1 || byte == 1 { break }
            }
            if fds.count > 1, fds[1].revents != 0 {
                let events = state.withLock { $0.readEvents() }
                if !events.isEmpty {
                    let at = IngestClock.monotonicNanoseconds()
                    if reason == nil { firstEvent = at }
                    lastEvent = at
                    for event in events {
                        switch event {
                        case .closed(let path):
                            pending.insert(path)
                            reason = reason ?? "files"
                        case .rescan(let why): reason = why
                        }
                    }
                }
            }
            let at = IngestClock.monotonicNanoseconds()
            let quiet = at >= lastEvent + UInt64(timing.quietMilliseconds) * 1_000_000
            let overdue = at >= firstEvent + UInt64(timing.maximumDelayMilliseconds) * 1_000_000
            if let why = reason, quiet || overdue || pending.count >= timing.maximumFiles {
                continuation.yield(WatchTrigger(closed: pending, reason: why))
                pending.removeAll()
                reason = nil
                lastTrigger = at
            } else if reason == nil, let due = scheduled.withLock({ $0 }), at >= due {
                scheduled.withLock { $0 = nil }
                continuation.yield(WatchTrigger(closed: [], reason: "settled"))
                lastTrigger = at
            } else if reason == nil, at >= lastTrigger + rescanEvery {
                continuation.yield(WatchTrigger(closed: [], reason: inotifyFD >= 0 ? "rescan" : "poll"))
                lastTrigger = at
            }
        }
    }

    /// The name of the network file system `path` is on, or `nil` when it is local.
    static func networkFileSystem(_ path: String) -> String? {
        let type = gleaner_filesystem_type(path)
        guard type != -1 else { return nil }
        switch UInt64(UInt(bitPattern: type)) & 0xFFFF_FFFF {
        case 0x6969: return "NFS"
        case 0xFF53_4D42, 0xFE53_4D42, 0x517B: return "CIFS/SMB"
        case 0x6573_5546: return "a FUSE file system"
        case 0x0102_1997: return "9P"
        default: return nil
        }
    }
}

/// What the watcher thread owns: the inotify descriptor and the folder of each watch.
struct WatchState: ~Copyable {
    enum Event {
        case closed(String)
        case rescan(String)
    }

    let inbox: String
    private(set) var fd: Int32
    let logger: Logger
    private var folders: [Int32: String] = [:]
    /// The inbox itself was deleted or moved away: its watch is gone.
    private(set) var rootLost = false
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(inbox: String, fd: Int32, logger: Logger) {
        self.inbox = inbox
        self.fd = fd
        self.logger = logger
    }

    mutating func closeDescriptor() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Watches `relative` (an inbox folder) and every folder below it.
    mutating func watchTree(_ relative: String) throws(FileSystemError) {
        let path = relative.isEmpty ? inbox : inbox + "/" + relative
        let wd = inotify_add_watch(fd, path, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVE_SELF | IN_DONT_FOLLOW))
        guard wd >= 0 else { throw FileSystemError(call: "inotify_add_watch", path: path, errno: errno) }
        folders[wd] = relative
        guard relative.split(separator: "/").count < InboxScanner.maximumDepth, let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = ArticleDirectory.name(of: entry)
            guard name != ".", name != "..", !InboxScanner.isSkipped(name), entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            try? watchTree(relative.isEmpty ? name : relative + "/" + name)
        }
    }

    /// Watches the inbox again once it exists; `true` when it did.
    mutating func rewatchRoot() -> Bool {
        guard rootLost, (try? watchTree("")) != nil else { return false }
        rootLost = false
        logger.notice("the inbox is back; watching it again", metadata: ["inbox": "\(inbox)"])
        return true
    }

    /// Reads what inotify has queued and says what it means for intake.
    mutating func readEvents() -> [Event] {
        var events: [Event] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            while offset + 16 <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                guard offset + 16 + length <= count else { break }
                let name = String(decoding: buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    events.append(.rescan("overflow"))
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    if folders[wd] == "" {
                        rootLost = true
                        logger.warning("the inbox was deleted or moved; watching for it to come back", metadata: ["inbox": "\(inbox)"])
                        events.append(.rescan("inbox gone"))
                    }
                    folders[wd] = nil
                    continue
                }
                if mask & UInt32(IN_MOVE_SELF) != 0 {
                    // A watched folder moved away: its path is stale. Removing the watch
                    // brings IN_IGNORED; a move within the inbox is watched again by IN_MOVED_TO.
                    inotify_rm_watch(fd, wd)
                    continue
                }
                guard let folder = folders[wd], !name.isEmpty, !InboxScanner.isSkipped(name) else { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 {
                    // Files may have landed in it before its watch existed: rescan.
                    try? watchTree(relative)
                    events.append(.rescan("new folder"))
                } else if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                    events.append(.closed(relative))
                }
            }
        }
        return events
    }
}
