#if canImport(Glibc)
    import Glibc
#endif

/// What standard output is: a terminal (with its width) or not, and whether colour may be used.
struct Terminal {
    let isTTY: Bool
    let width: Int
    let colour: Bool

    init(environment: [String: String]) {
        isTTY = isatty(1) == 1
        var size = winsize()
        width = isTTY && ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
        colour = isTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
    func highlight(_ text: String) -> String { colour ? "\u{1B}[1;33m" + text + "\u{1B}[0m" : "[" + text + "]" }

    /// `text` cut to `width` characters with an ellipsis.
    func fit(_ text: String, _ limit: Int? = nil) -> String {
        let limit = limit ?? width
        return text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// `text` wrapped at word boundaries to lines of at most `width - indent`, each indented.
    func wrap(_ text: String, indent: Int) -> String {
        let room = max(20, width - indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > room {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let pad = String(repeating: " ", count: indent)
        return lines.map { pad + $0 }.joined(separator: "\n")
    }
}

/// Text with control characters (escape sequences from an article) removed, for a terminal.
func printable(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
}
