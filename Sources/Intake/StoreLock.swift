import StateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock(2)` on a file beside the database, held while it
/// lives: two Gleaners never work on the same inbox and database at once.
final class StoreLock {
    private let fd: Int32

    /// Takes the lock or throws ``IntakeError/locked(lockFile:)`` at once (never waits).
    init(path: String) throws(IntakeError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .fileSystem(FileSystemError(call: "open", path: path, errno: errno)) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK { throw .locked(lockFile: path) }
            throw .fileSystem(FileSystemError(call: "flock", path: path, errno: code))
        }
        self.fd = fd
    }

    deinit {
        close(fd)
    }
}
