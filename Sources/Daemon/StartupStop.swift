import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A stop (SIGTERM, SIGINT) that arrives while `gleaner run` starts: before
/// its service group (or, with `--once`, its pass) runs and traps those
/// signals, the default action would end the process on the spot.
/// ``install()`` catches them from the first line of the command; the
/// daemon's service, or the pass, reads ``requested`` when it starts and
/// stops gracefully instead of taking files. Once the service group or the
/// pass traps the signals, its own handlers replace these.
public enum StartupStop {
    private static let flag = Atomic<Bool>(false)

    /// Catches SIGTERM and SIGINT until the service group or the pass traps them. A
    /// second one ends the process as before (a start that hangs can still be
    /// interrupted); `signal` and `raise` are safe in a handler.
    public static func install() {
        _ = flag.load(ordering: .relaxed)  // initialised here, not first in the handler
        for sig in [SIGTERM, SIGINT] {
            signal(sig) { received in
                if StartupStop.flag.exchange(true, ordering: .relaxed) {
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    /// Whether a stop came before the service group or the pass trapped the signals.
    public static var requested: Bool { flag.load(ordering: .relaxed) }
}
