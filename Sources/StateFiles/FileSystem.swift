import ArticleFile
import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// A file-system call that failed: which call, on which path, and why.
public struct FileSystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The C function (`rename`, `fsync`, `mkdir`, ...).
    public let call: String
    public let path: String
    public let errno: Int32

    public init(call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// "Unable to rename 'inbox/a.txt': no space left on device."
    public var description: String {
        "Unable to \(call) '\(path)': \(SystemCall.errnoText(errno))."
    }
}

/// The file-system calls intake and the digest writer make, each retrying
/// `EINTR` and throwing a ``FileSystemError`` that names the path.
public enum FileSystem {
    /// Names of the temporaries files are written under before their rename;
    /// what a killed process left under this prefix is removed at start-up.
    public static let temporaryPrefix = ".gleaner-partial-"

    /// What `lstat(2)` says about a path, never following a symlink.
    package struct Status {
        package let kind: mode_t
        package let size: Int
        /// Modification time, in nanoseconds since the epoch.
        package let modified: Int64
        package let linkCount: Int

        package var isRegularFile: Bool { kind == S_IFREG }
        package var isDirectory: Bool { kind == S_IFDIR }
    }

    /// The corresponding C function is `lstat(2)`; `nil` when the path does not exist.
    package static func status(_ path: String) throws(FileSystemError) -> Status? {
        try status(BytePath(path))
    }

    package static func status(_ path: BytePath) throws(FileSystemError) -> Status? {
        var info = stat()
        while lstat(path.cString, &info) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == ENOENT { return nil }
            throw FileSystemError(call: "lstat", path: path.shown, errno: code)
        }
        return Status(
            kind: info.st_mode & S_IFMT, size: Int(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            linkCount: Int(info.st_nlink))
    }

    /// Device and inode of what `path` names now (not following a symlink), or `nil`.
    package static func identity(_ path: String) -> FileIdentity? { identity(BytePath(path)) }

    package static func identity(_ path: BytePath) -> FileIdentity? {
        var info = stat()
        guard lstat(path.cString, &info) == 0 else { return nil }
        return FileIdentity(info)
    }

    public static func exists(_ path: String) -> Bool { exists(BytePath(path)) }

    package static func exists(_ path: BytePath) -> Bool {
        var info = stat()
        return lstat(path.cString, &info) == 0
    }

    /// Creates `path` and its missing parents (`mkdir -p`), mode 0777 less the umask.
    /// Returns the directories it created, parents first.
    @discardableResult
    public static func makeDirectories(_ path: String) throws(FileSystemError) -> [String] {
        if let existing = try status(path) {
            guard existing.isDirectory else { throw FileSystemError(call: "mkdir", path: path, errno: ENOTDIR) }
            return []
        }
        var created: [String] = []
        let parent = parentDirectory(path)
        if parent != path { created = try makeDirectories(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw FileSystemError(call: "mkdir", path: path, errno: errno)
        }
        created.append(path)
        return created
    }

    /// Renames `from` to `to` without ever replacing an existing `to`
    /// (`renameat2` with `RENAME_NOREPLACE`; a plain `rename` after a check on
    /// a file system that lacks it, which is safe because one Gleaner holds the lock).
    /// - Returns: `false` when `to` already exists.
    package static func renameNoReplace(_ from: String, to: String) throws(FileSystemError) -> Bool {
        try renameNoReplace(BytePath(from), to: BytePath(to))
    }

    package static func renameNoReplace(_ from: BytePath, to: BytePath) throws(FileSystemError) -> Bool {
        while true {
            if gleaner_rename_noreplace(from.cString, to.cString) == 0 { return true }
            switch errno {
            case EINTR: continue
            case EEXIST: return false
            case EINVAL, ENOSYS:
                if exists(to) { return false }
                guard rename(from.cString, to.cString) == 0 else {
                    throw FileSystemError(call: "rename", path: from.shown, errno: errno)
                }
                return true
            default:
                throw FileSystemError(call: "rename", path: from.shown, errno: errno)
            }
        }
    }

    /// Makes a directory's entries durable: the corresponding C function is `fsync(2)` on the directory.
    package static func syncDirectory(_ path: String) throws(FileSystemError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(call: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileSystemError(call: "fsync", path: path, errno: errno) }
    }

    /// Writes `bytes` to `path` whole or not at all: `temporary` (on the same
    /// file system), `fsync`, then `rename` over `path`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, temporary: String) throws(FileSystemError) {
        let file = try AtomicFile(path: path, temporary: temporary)
        try file.append(bytes)
        try file.commit()
    }

    /// ``writeAtomically(_:to:temporary:)`` to a path given as bytes.
    package static func writeAtomically(_ bytes: [UInt8], to path: BytePath, temporary: String) throws(FileSystemError) {
        guard case .some(let shown) = path.string else {
            // The temporary has a name of ours; only the final rename needs the bytes.
            let staged = temporary + "-staged"
            try writeAtomically(bytes, to: staged, temporary: temporary)
            guard rename(staged, path.cString) == 0 else {
                let code = errno
                unlink(staged)
                throw FileSystemError(call: "rename", path: path.shown, errno: code)
            }
            return
        }
        try writeAtomically(bytes, to: shown, temporary: temporary)
    }

    /// The names in `directory` (not `.` and `..`), unsorted; empty when it cannot be read.
    public static func names(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = ArticleDirectory.name(of: entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the entries of `directory` whose names start with `prefix`
    /// (the temporaries a killed run left); returns how many.
    @discardableResult
    public static func removeEntries(in directory: String, prefix: String) -> Int {
        names(in: directory).filter { $0.hasPrefix(prefix) && unlink(directory + "/" + $0) == 0 }.count
    }

    public static func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// A path as the bytes the kernel sees, for names that are not valid UTF-8
/// (which a Swift `String` cannot hold), with a readable form for messages.
package struct BytePath: Sendable, Hashable {
    /// The path's bytes with a NUL at the end, for C calls.
    package let cString: [CChar]
    /// The path with bytes that are not UTF-8 shown as `\xNN`.
    package let shown: String

    package init(_ path: String) {
        cString = Array(path.utf8CString)
        shown = path
    }

    package init(bytes: [UInt8], shown: String) {
        cString = bytes.map { CChar(bitPattern: $0) } + [0]
        self.shown = shown
    }

    /// The bytes, without the NUL.
    package var bytes: [UInt8] { cString.dropLast().map { UInt8(bitPattern: $0) } }

    /// The path as a `String` when its bytes are valid UTF-8.
    package var string: String? { String(validating: bytes, as: UTF8.self) }

    /// This path followed by `suffix` (".error.json", "-2").
    package func appending(_ suffix: String) -> BytePath {
        BytePath(bytes: bytes + Array(suffix.utf8), shown: shown + suffix)
    }
}

/// A file written in pieces that appears whole or not at all: the pieces go to
/// a temporary name on the same file system; ``commit()`` makes them durable
/// (`fsync`) and renames the file into place. Dropped without a commit, the
/// temporary is removed.
public final class AtomicFile {
    public let path: String
    private let temporary: String
    private var fd: Int32

    /// - Parameter temporary: a name in the same directory (or file system) as `path`.
    public init(path: String, temporary: String) throws(FileSystemError) {
        self.path = path
        self.temporary = temporary
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard fd >= 0 else { throw FileSystemError(call: "open", path: temporary, errno: errno) }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporary)
        }
    }

    /// Appends `bytes`.
    public func append(_ bytes: [UInt8]) throws(FileSystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(call: "write", path: temporary, errno: errno)
            }
            offset += written
        }
    }

    /// `fsync`, close, and rename over `path`.
    public func commit() throws(FileSystemError) {
        guard fsync(fd) == 0 else { throw FileSystemError(call: "fsync", path: temporary, errno: errno) }
        close(fd)
        fd = -1
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(call: "rename", path: temporary, errno: code)
        }
    }
}
