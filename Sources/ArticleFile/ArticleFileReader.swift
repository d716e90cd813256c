#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of one article file, decompressed, with their digest.
public struct ArticleFileContents: Sendable {
    /// The decompressed bytes.
    public let bytes: [UInt8]
    /// Lower-case hex SHA-256 of `bytes`.
    public let sha256: String
    /// Whether the file was gzip-compressed (by its magic bytes, not its name).
    public let wasGzip: Bool
    /// The size of the file on disk, in bytes.
    public let sizeOnDisk: Int
    /// Device and inode of the file read: whoever moves the file later can
    /// check that the name still refers to this file and not a replacement.
    public let identity: FileIdentity
}

/// What tells one file from another at the same name: device and inode, and,
/// because a freed inode number is soon given to a new file, size and
/// modification time to the nanosecond.
public struct FileIdentity: Sendable, Equatable, Hashable {
    public let device: UInt64
    public let inode: UInt64
    public let size: Int64
    public let modified: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
    }

    /// The identity `fstat`/`lstat` describe.
    public init(_ info: stat) {
        self.init(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}

/// Reads article files safely: regular files only, never through a symlink,
/// with caps on the size on disk and the inflated size.
public struct ArticleFileReader: Sendable {
    /// Default cap on a file's size on disk: 20 MB.
    public static let defaultMaxFileBytes = 20 * 1024 * 1024
    /// Default cap on a file's inflated size: 50 MB.
    public static let defaultMaxInflatedBytes = 50 * 1024 * 1024

    public let maxFileBytes: Int
    public let maxInflatedBytes: Int

    public init(
        maxFileBytes: Int = ArticleFileReader.defaultMaxFileBytes,
        maxInflatedBytes: Int = ArticleFileReader.defaultMaxInflatedBytes
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxInflatedBytes = maxInflatedBytes
    }

    /// Reads, inflates if gzip, and hashes the file at `path`.
    ///
    /// Opens with `O_NOFOLLOW | O_NONBLOCK`, so a symlink is refused and a FIFO
    /// never blocks; anything but a regular file is refused after `fstat`.
    public func read(path: String) throws(ArticleFileError) -> ArticleFileContents {
        let fd = try SystemCall.open(path)
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ArticleFileError(path: path, stage: .open, reason: SystemCall.errnoText(errno))
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw ArticleFileError(
                path: path, stage: .open,
                reason: "not a regular file (\(SystemCall.fileKindName(kind)))")
        }
        let size = Int(info.st_size)
        guard size <= maxFileBytes else {
            throw ArticleFileError(
                path: path, stage: .read,
                reason: "file is \(size) bytes, more than the limit of \(maxFileBytes)")
        }
        let raw = try SystemCall.readAll(fd, path: path, expected: size, limit: maxFileBytes)
        var bytes = raw
        let gzip = GzipInflater.hasGzipMagic(raw)
        if gzip {
            do {
                bytes = try GzipInflater.inflate(raw, limit: maxInflatedBytes)
            } catch {
                throw ArticleFileError(path: path, stage: .gzip, reason: error.description)
            }
        }
        return ArticleFileContents(
            bytes: bytes, sha256: SHA256Digest.hex(of: bytes), wasGzip: gzip, sizeOnDisk: raw.count,
            identity: FileIdentity(info))
    }
}

/// The libc calls this module makes, each retrying `EINTR` and mapping
/// failure to an ``ArticleFileError`` that names the path; and the words
/// Gleaner uses for `errno` values and file kinds, shared with intake.
public enum SystemCall {
    /// The corresponding C function is `open(2)` with `O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC`.
    static func open(_ path: String) throws(ArticleFileError) -> Int32 {
        while true {
            let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd >= 0 { return fd }
            let code = errno
            if code == EINTR { continue }
            let reason = code == ELOOP ? "it is a symbolic link, which is never followed" : errnoText(code)
            throw ArticleFileError(path: path, stage: .open, reason: reason, systemError: code)
        }
    }

    /// The corresponding C function is `read(2)`, looped until end of file.
    static func readAll(_ fd: Int32, path: String, expected: Int, limit: Int) throws(ArticleFileError)
        -> [UInt8]
    {
        var buffer = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        var filled = 0
        while true {
            if filled == buffer.count {
                if filled > limit {
                    throw ArticleFileError(
                        path: path, stage: .read,
                        reason: "file grew past the limit of \(limit) bytes while being read")
                }
                buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, 4096)))
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ArticleFileError(path: path, stage: .read, reason: errnoText(errno))
            }
            filled += count
        }
        if filled > limit {
            throw ArticleFileError(
                path: path, stage: .read, reason: "file is more than the limit of \(limit) bytes")
        }
        buffer.removeSubrange(filled...)
        return buffer
    }

    /// A short lower-case reason for `errno` value `code` ("permission denied").
    public static func errnoText(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// "FIFO", "directory", ... for the `S_IFMT` bits of a mode.
    public static func fileKindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "directory"
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFLNK: "symbolic link"
        default: "unknown kind"
        }
    }
}
