#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd how the service is doing (`sd_notify` without libsystemd):
/// one datagram per message to the `AF_UNIX` socket named by `$NOTIFY_SOCKET`
/// (a leading `@` is the abstract namespace). Without `$NOTIFY_SOCKET`,
/// or when the socket cannot be reached, it is silent.
public final class SystemdNotifier: Sendable {
    private let fd: Int32
    private let address: [UInt8]

    /// Reads `$NOTIFY_SOCKET` from `environment`.
    public init(environment: [String: String]) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty, path.utf8.count < 108,
            path.hasPrefix("/") || path.hasPrefix("@")
        else {
            fd = -1
            address = []
            return
        }
        var bytes = Array(path.utf8)
        if bytes[0] == UInt8(ascii: "@") { bytes[0] = 0 }
        address = bytes
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Sends `message` (`READY=1`, `STATUS=...`, newline-separated assignments).
    /// A message the socket cannot take at once is dropped, never waited for.
    public func notify(_ message: String) {
        guard fd >= 0 else { return }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { path in
            for (i, byte) in address.enumerated() { path[i] = byte }
        }
        // An abstract address's length counts its bytes exactly; a path's includes the NUL.
        let length = MemoryLayout<sa_family_t>.size + address.count + (address[0] == 0 ? 0 : 1)
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                // Never wait: a listener that stops reading must not stall intake
                // (a datagram socket's queue holds only a few messages).
                bytes.withUnsafeBytes {
                    sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), socketAddress, socklen_t(length))
                }
            }
        }
    }

    /// The watchdog interval systemd asked for (`$WATCHDOG_USEC`, for this
    /// process when `$WATCHDOG_PID` is set), in microseconds.
    public static func watchdogMicroseconds(environment: [String: String]) -> UInt64? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], let value = Int32(pid), value != getpid() { return nil }
        return usec
    }
}
