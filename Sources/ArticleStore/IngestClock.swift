

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the clock for intake: UTC timestamps for the ledger, and the day
/// in the process's time zone (`TZ`, set from the configuration at start-up)
/// for `archive/` folders and `ingested_day`.
public enum IngestClock {
    /// Now, as an ``IngestTime``.
    public static func now() -> IngestTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var utc = tm()
        gmtime_r(&seconds, &utc)
        var local = tm()
        localtime_r(&seconds, &local)
        let millis = Int(spec.tv_nsec / 1_000_000)
        let timestamp =
            "\(dayText(utc))T\(pad(Int(utc.tm_hour), 2)):\(pad(Int(utc.tm_min), 2)):\(pad(Int(utc.tm_sec), 2))."
            + "\(pad(millis, 3))Z"
        return IngestTime(timestamp: timestamp, day: dayText(local))
    }

    /// `YYYYMMDD` as a number for the UTC day `seconds` ago (for comparing with file-name stamps).
    public static func utcDayNumber(secondsAgo seconds: Int) -> Int {
        var then = time(nil) - seconds
        var utc = tm()
        gmtime_r(&then, &utc)
        return Int(utc.tm_year + 1900) * 10_000 + Int(utc.tm_mon + 1) * 100 + Int(utc.tm_mday)
    }

    /// Nanoseconds since the epoch (for settle times, compared with file modification times).
    package static func nanosecondsSinceEpoch() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// A monotonic reading in nanoseconds, for durations.
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    private static func dayText(_ t: tm) -> String {
        "\(pad(Int(t.tm_year) + 1900, 4))-\(pad(Int(t.tm_mon) + 1, 2))-\(pad(Int(t.tm_mday), 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
