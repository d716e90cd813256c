import ArticleExtraction
import ArticleStore
import Intake
import Logging

/// Writes one line per event to standard error:
/// `2026-11-25T13:47:07.120Z info file stored file.path=a.txt article.id=3`.
///
/// Metadata values with spaces, quotes or control characters are quoted and
/// escaped, so a file name cannot break a line or forge a field.
struct StandardErrorLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String

    /// Under journald (`$JOURNAL_STREAM`): no timestamp (the journal keeps
    /// one) and a `<N>` syslog priority prefix, so `journalctl -p` filters work.
    let journal: Bool

    init(label: String, level: Logger.Level, journal: Bool = false) {
        self.label = label
        self.logLevel = level
        self.journal = journal
    }

    /// The syslog priority of a level: 3 error ... 7 debug.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = journal
            ? "<\(Self.priority(event.level))>" + event.level.rawValue + " " + event.message.description
            : IngestClock.now().timestamp + " " + event.level.rawValue + " " + event.message.description
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        for key in merged.keys.sorted() {
            line += " " + key + "=" + Self.escaped("\(merged[key]!)")
        }
        StandardError.write(line)
    }

    /// The value as is when it is one plain word, else as a JSON string
    /// (quotes, `\` and control characters escaped).
    static func escaped(_ value: String) -> String {
        let plain = !value.isEmpty
            && value.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F
                    && $0.value != 0x2028 && $0.value != 0x2029
            }
        return plain ? value : JSONWriter.quoted(value)
    }
}
