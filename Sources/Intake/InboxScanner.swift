import StateFiles
import ArticleFile

#if canImport(Glibc)
    import Glibc
#endif

/// One name found in the inbox that intake must account for.
public struct InboxEntry: Sendable, Equatable {
    /// Path relative to the inbox: `name.txt` or `tag/name.txt`.
    public let relativePath: String
    /// The inbox subfolder (`tag` or `tag/sub`), `nil` at the top level.
    public let tag: String?
    /// Size on disk from `lstat`, 0 for what is not a regular file.
    public let size: Int
    /// Modification time in nanoseconds since the epoch, from `lstat`.
    public let modified: Int64
    /// Why intake refuses it without reading it, if it does: anything but a
    /// regular file (a symlink, FIFO, socket, device, a directory named like
    /// an article), a file with other hard links, or a name that is not an
    /// article's.
    public let refusal: Refusal?
    /// The path's bytes when its last name is not valid UTF-8 (``relativePath``
    /// then shows those bytes as `\xNN`): the file is moved by these bytes.
    public var rawRelativePath: [UInt8]? = nil
    /// The SHA-256 of its content when the store already holds that content:
    /// it is recorded by that hash and not extracted again.
    public var storedAs: String? = nil

    /// The same entry, refused unread for `reason`.
    public func refused(stage: String, reason: String) -> InboxEntry {
        var entry = InboxEntry(
            relativePath: relativePath, tag: tag, size: size, modified: modified,
            refusal: Refusal(stage: stage, reason: reason))
        entry.rawRelativePath = rawRelativePath
        return entry
    }

    /// A reason to refuse an entry, and the stage (`open` or `name`) it belongs to.
    public struct Refusal: Sendable, Equatable {
        public let stage: String
        public let reason: String
    }
}

/// Walks the inbox and its subfolders one entry at a time, so memory does not
/// grow with the backlog. Dotfiles and the temporary names of downloads and
/// editors are skipped (they are files still being written); a subfolder is
/// entered unless it is named like an article file.
///
/// Entries come in directory order, not sorted. Not thread-safe: one run walks it.
public final class InboxScanner {
    /// How deep subfolders are entered: `tag/sub/.../name`.
    public static let maximumDepth = 8

    private let inbox: String
    private var stack: [(handle: OpaquePointer, relative: String)] = []
    private var opened = false
    /// Files the walk leaves alone (temporary names), with their modification
    /// times: they still count as waiting in the inbox.
    public private(set) var skippedFiles: [(path: String, modified: Int64)] = []

    /// Subfolders the walk could not enter, with why (too deep, unreadable).
    public private(set) var skippedFolders: [(path: String, reason: String)] = []
    /// Files inside the folders too deep to enter (counted, not read): they wait in the inbox.
    public private(set) var filesInSkippedFolders = 0

    public init(inbox: String) {
        self.inbox = inbox
    }

    deinit {
        for level in stack { closedir(level.handle) }
    }

    /// Whether intake leaves a name alone: dotfiles and temporary names.
    public static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
            || name.hasSuffix(".crdownload") || name.hasSuffix(".swp")
    }

    /// The files below `directory`, however deep, looking at no more than
    /// `budget` entries (a hostile tree cannot make the count run long).
    static func countFiles(_ directory: String, budget: Int) -> Int {
        var files = 0
        var seen = 0
        var pending = [directory]
        while let folder = pending.popLast(), seen < budget {
            guard let handle = opendir(folder) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle), seen < budget {
                let name = ArticleDirectory.name(of: entry)
                if name == "." || name == ".." { continue }
                seen += 1
                let path = folder + "/" + name
                if let status = try? FileSystem.status(path), status.isDirectory {
                    pending.append(path)
                } else {
                    files += 1
                }
            }
        }
        return files
    }

    /// The next entry, or `nil` when the walk is over.
    /// - Throws: ``FileSystemError`` when the inbox itself cannot be read.
    public func next() throws(FileSystemError) -> InboxEntry? {
        if !opened {
            opened = true
            guard let handle = opendir(inbox) else { throw FileSystemError(call: "opendir", path: inbox, errno: errno) }
            stack.append((handle, ""))
        }
        while let level = stack.last {
            errno = 0
            guard let entry = readdir(level.handle) else {
                closedir(level.handle)
                stack.removeLast()
                continue
            }
            let nameBytes = ArticleDirectory.nameBytes(of: entry)
            if let escaped = ArticleDirectory.escapedName(nameBytes) {
                // "caf\xe9-news.txt": not a name Gleaner can read or record as it is;
                // refused, with a readable form, and moved by its own bytes.
                let prefix = level.relative.isEmpty ? [] : Array((level.relative + "/").utf8)
                let relative = (level.relative.isEmpty ? "" : level.relative + "/") + escaped
                let raw = BytePath(bytes: Array((inbox + "/").utf8) + prefix + nameBytes, shown: inbox + "/" + relative)
                guard let status = try? FileSystem.status(raw) else { continue }
                var refused = InboxEntry(
                    relativePath: relative, tag: level.relative.isEmpty ? nil : level.relative,
                    size: status.isRegularFile ? status.size : 0, modified: status.modified,
                    refusal: .init(
                        stage: "name",
                        reason: "the file name is not valid UTF-8 (shown here with \\xNN for its other bytes); "
                            + "the file is kept in failed/ under its own name: rename it in UTF-8 and move it back"))
                refused.rawRelativePath = prefix + nameBytes
                return refused
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if name == "." || name == ".." { continue }
            let relative = level.relative.isEmpty ? name : level.relative + "/" + name
            if Self.isSkipped(name) {
                if let status = try? FileSystem.status(inbox + "/" + relative), !status.isDirectory {
                    skippedFiles.append((relative, status.modified))
                }
                continue
            }
            let tag = level.relative.isEmpty ? nil : level.relative
            // Removed between readdir and lstat: someone took it back; nothing to account for.
            guard let status = try? FileSystem.status(inbox + "/" + relative) else { continue }
            if status.isDirectory && !ArticleDirectory.isArticleName(name) {
                if stack.count > Self.maximumDepth {
                    skippedFolders.append((relative, "more than \(Self.maximumDepth) folders deep"))
                    filesInSkippedFolders += Self.countFiles(inbox + "/" + relative, budget: 100_000)
                } else if let handle = opendir(inbox + "/" + relative) {
                    stack.append((handle, relative))
                } else {
                    skippedFolders.append((relative, SystemCall.errnoText(errno)))
                }
                continue
            }
            var refusal: InboxEntry.Refusal?
            if status.isDirectory {
                refusal = .init(
                    stage: "open",
                    reason: "a directory named like an article file; a subfolder's name must not end in .txt or .gz")
            } else if !status.isRegularFile {
                refusal = .init(
                    stage: "open",
                    reason: status.kind == S_IFLNK
                        ? "it is a symbolic link, which is never followed"
                        : "not a regular file (\(SystemCall.fileKindName(status.kind)))")
            } else if status.linkCount > 1 {
                refusal = .init(stage: "open", reason: "it has \(status.linkCount) hard links; only a file of its own is read")
            } else if !ArticleDirectory.isArticleName(name) {
                refusal = .init(
                    stage: "name", reason: "not an article file name: Gleaner reads names ending in .txt, .txt.gz or .gz")
            }
            return InboxEntry(
                relativePath: relative, tag: tag, size: status.isRegularFile ? status.size : 0,
                modified: status.modified, refusal: refusal)
        }
        return nil
    }
}
