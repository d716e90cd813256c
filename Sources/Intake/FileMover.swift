import StateFiles
import ArticleExtraction
import ArticleFile
import ArticleStore

#if canImport(Glibc)
    import Glibc
#endif

/// Moves files out of the inbox once their outcome is committed: stored and
/// duplicate files to `archive/DAY/PATH`, failed ones to `failed/PATH` with
/// `PATH.error.json` beside them. A move never overwrites: a taken name gets
/// a `-2`, `-3`, ... before its extensions.
///
/// Destinations are chosen (and reserved) while the store's transaction is
/// open, so the ledger names them; ``moveAll()`` then renames and makes every
/// directory it touched durable with one `fsync` each.
struct FileMover {
    let layout: StateLayout
    private var planned: [(from: BytePath, to: BytePath, errorJSON: [UInt8]?, identity: FileIdentity?, path: String)] = []
    private var reserved: Set<BytePath> = []

    init(layout: StateLayout) {
        self.layout = layout
    }

    /// Chooses where `record`'s file goes for `outcome`; returns the ledger's
    /// `moved_to` (relative to the state directory when inside it).
    /// - Parameter identity: the file that was read; the move is skipped if the
    ///   name now refers to another file (replaced while it was read).
    /// - Parameter rawPath: the bytes of the inbox-relative path when they are
    ///   not UTF-8; the file keeps them in `failed/`.
    mutating func plan(
        _ record: IntakeRecord, outcome: IntakeOutcome, run: Int64, identity: FileIdentity?, rawPath: [UInt8]? = nil
    ) -> String {
        let root: String
        var errorJSON: [UInt8]?
        switch outcome {
        case .stored, .duplicate:
            root = layout.archive + "/" + record.seen.day
        case .failed(let stage, let reason):
            root = layout.failed
            errorJSON = Self.errorDocument(record, stage: stage, reason: reason, run: run)
        }
        // Planned again when the store retried the batch record by record: the
        // earlier plan, whose transaction was rolled back, is replaced.
        if let earlier = planned.firstIndex(where: { $0.path == record.path }) {
            reserved.remove(planned.remove(at: earlier).to)
        }
        func path(_ base: String) -> BytePath {
            guard let rawPath else { return BytePath(base + "/" + record.path) }
            return BytePath(bytes: Array((base + "/").utf8) + rawPath, shown: base + "/" + record.path)
        }
        let destination = freeName(path(root))
        reserved.insert(destination)
        planned.append((path(layout.inbox), destination, errorJSON, identity, record.path))
        return layout.describe(destination.shown)
    }

    /// Performs the planned moves. A file that cannot be moved stays in the
    /// inbox (the next run finds its content stored and archives it then);
    /// its error is returned with the others rather than stopping the rest.
    /// A name that now refers to another file than the one read (replaced
    /// while it was read) is left alone and returned in `replaced`.
    mutating func moveAll() -> (errors: [FileSystemError], replaced: [String]) {
        var errors: [FileSystemError] = []
        var replaced: [String] = []
        var touched: Set<String> = []
        for move in planned {
            if let identity = move.identity, FileSystem.identity(move.from) != identity {
                replaced.append(move.path)
                continue
            }
            do {
                let directory = FileSystem.parentDirectory(move.to.shown)
                for created in try FileSystem.makeDirectories(directory) {
                    touched.insert(FileSystem.parentDirectory(created))
                }
                var target = move.to
                while true {
                    if let errorJSON = move.errorJSON {
                        // The reason first: a crash between the two steps leaves a
                        // reason without its file, never a file without its reason.
                        try FileSystem.writeAtomically(
                            errorJSON, to: target.appending(".error.json"),
                            temporary: layout.failed + "/" + FileSystem.temporaryPrefix + "\(getpid())")
                    }
                    if try FileSystem.renameNoReplace(move.from, to: target) { break }
                    // Taken since it was planned (by someone else): the next free name.
                    target = freeName(target)
                    reserved.insert(target)
                }
                // Replaced between the check above and the rename: what was moved is
                // not what was read. Put it back, under a free name if need be.
                if let identity = move.identity, FileSystem.identity(target) != identity {
                    var back = move.from
                    while try !FileSystem.renameNoReplace(target, to: back) { back = freeName(back) }
                    if move.errorJSON != nil { unlink(target.appending(".error.json").cString) }
                    replaced.append(move.path)
                    touched.insert(FileSystem.parentDirectory(move.from.shown))
                    continue
                }
                touched.insert(directory)
                touched.insert(FileSystem.parentDirectory(move.from.shown))
            } catch {
                errors.append(error)
            }
        }
        for directory in touched.sorted() {
            do { try FileSystem.syncDirectory(directory) } catch { errors.append(error) }
        }
        planned.removeAll()
        reserved.removeAll()
        return (errors, replaced)
    }

    /// `path`, or `path` with `-2`, `-3`, ... before its extensions, whichever is free.
    private func freeName(_ path: BytePath) -> BytePath {
        func free(_ candidate: BytePath) -> Bool {
            !reserved.contains(candidate) && !FileSystem.exists(candidate)
        }
        if free(path) { return path }
        // Split the last name at its first dot after the first byte, in bytes and in the shown form alike.
        func split(_ bytes: [UInt8]) -> (stem: [UInt8], extensions: [UInt8]) {
            let nameStart = (bytes.lastIndex(of: 0x2F) ?? -1) + 1
            let dot = bytes[(nameStart + 1)...].firstIndex(of: 0x2E) ?? bytes.endIndex
            return (Array(bytes[..<dot]), Array(bytes[dot...]))
        }
        let raw = split(path.bytes)
        let shown = split(Array(path.shown.utf8))
        var counter = 2
        while true {
            let suffix = Array("-\(counter)".utf8)
            let candidate = BytePath(
                bytes: raw.stem + suffix + raw.extensions,
                shown: String(decoding: shown.stem + suffix + shown.extensions, as: UTF8.self))
            if free(candidate) { return candidate }
            counter += 1
        }
    }

    /// `failed/NAME.error.json`: what went wrong, when, in which run, and what to do.
    static func errorDocument(_ record: IntakeRecord, stage: String, reason: String, run: Int64) -> [UInt8] {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.key("file"); json.string(record.path)
        json.key("stage"); json.string(stage)
        json.key("reason"); json.string(reason)
        json.key("time"); json.string(record.seen.timestamp)
        json.key("run"); json.integer(Int(run))
        json.key("size"); if let size = record.size { json.integer(size) } else { json.null() }
        json.key("sha256"); json.string(record.sha256)
        json.key("retry")
        json.string("Gleaner does not retry a failed file on its own: fix it, then move it back into the inbox.")
        json.endObject()
        return Array((json.output + "\n").utf8)
    }
}

extension StateLayout {
    /// `path` relative to the state directory when it lies inside it, else as is.
    func describe(_ path: String) -> String {
        let prefix = stateDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
