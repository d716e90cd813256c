/// A value of the configuration file: the scalar kinds of TOML.
public enum ConfigurationValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .integer(let i): String(i)
        case .float(let f): String(f)
        case .boolean(let b): b ? "true" : "false"
        }
    }
}

/// One `key = value` of the file, under its dotted name (`intake.settle_seconds`).
public struct ConfigurationEntry: Sendable, Equatable {
    public let key: String
    public let value: ConfigurationValue
    /// 1-based line number in the file.
    public let line: Int
}

/// A mistake in the configuration, with where it is and what is expected.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file, or the environment variable, the value came from.
    public let source: String
    /// 1-based line, when the value came from a file.
    public let line: Int?
    public let message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `/etc/gleaner/gleaner.toml:12: unknown key 'intake.setle_seconds' ...`
    public var description: String {
        "\(source)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Reads the configuration file format: TOML's tables (`[intake]`), comments
/// and scalar values (strings, integers, floats, booleans), one key per line.
/// Arrays and inline tables are not part of Gleaner's configuration and are
/// refused with the line they are on.
public enum ConfigurationFile {
    /// Parses `text`; `source` names the file in errors.
    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> [ConfigurationEntry] {
        var entries: [ConfigurationEntry] = []
        var table = ""
        var seen: Set<String> = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            func fail(_ message: String) -> ConfigurationError {
                ConfigurationError(source: source, line: lineNumber, message: message)
            }
            let line = stripComment(Substring(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw fail("a table header is written [name]")
                }
                table = String(line.dropFirst().dropLast()).trimmingSpaces
                guard isBareKey(table) else { throw fail("'\(table)' is not a valid table name") }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected `key = value`, found '\(line)'")
            }
            let name = String(line[..<equals]).trimmingSpaces
            guard isBareKey(name) else { throw fail("'\(name)' is not a valid key name") }
            let key = table.isEmpty ? name : table + "." + name
            guard seen.insert(key).inserted else { throw fail("'\(key)' is set twice") }
            let valueText = String(line[line.index(after: equals)...]).trimmingSpaces
            guard let value = parseValue(valueText) else {
                throw fail("'\(key)' has a value that is not a string, number or boolean: \(valueText)")
            }
            entries.append(ConfigurationEntry(key: key, value: value, line: lineNumber))
        }
        return entries
    }

    /// The line without a `#` comment that is outside quotes.
    static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        var escaped = false
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if escaped { escaped = false } else if c == "\\" && open == "\"" { escaped = true } else if c == open {
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                return line[..<index]
            }
        }
        return line
    }

    static func isBareKey(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static func parseValue(_ text: String) -> ConfigurationValue? {
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            let inner = text.dropFirst().dropLast()
            return inner.contains("'") ? nil : .string(String(inner))
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return unescape(text.dropFirst().dropLast()).map { .string($0) }
        }
        let digits = text.replacingUnderscores
        if let integer = Int(digits) { return .integer(integer) }
        if let float = Double(digits), float.isFinite, digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(float)
        }
        return nil
    }

    static func unescape(_ text: Substring) -> String? {
        var result = ""
        var escaped = false
        for c in text {
            if escaped {
                switch c {
                case "\\": result.append("\\")
                case "\"": result.append("\"")
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: return nil
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                return nil
            } else {
                result.append(c)
            }
        }
        return escaped ? nil : result
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
