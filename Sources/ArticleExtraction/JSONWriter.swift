/// A small streaming JSON writer: RFC 8259 escaping, UTF-8 passed through.
///
/// Used for the contract's lines and by the other modules for the JSON they
/// write (ledger fields, `failed/NAME.error.json`, digests). Call order is the
/// document order: `beginObject()`, `key(_:)`, a value, ..., `endObject()`.
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var output = ""
    private let pretty: Bool
    private var needsComma: [Bool] = []
    private var afterKey = false

    /// Returns what was written since the last call and forgets it, keeping
    /// the writer's place: long documents can be written out in pieces.
    public mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// - Parameter pretty: indent by two spaces, one member per line.
    public init(pretty: Bool = false) { self.pretty = pretty }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = needsComma.last {
            if last { output += "," }
            needsComma[needsComma.count - 1] = true
            if pretty { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        }
    }

    public mutating func beginObject() {
        separate()
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() { close("}") }
    public mutating func endArray() { close("]") }

    private mutating func close(_ mark: String) {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { output += "\n" + String(repeating: "  ", count: needsComma.count) }
        output += mark
    }

    public mutating func beginArray() {
        separate()
        output += "["
        needsComma.append(false)
    }

    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        output += ":" + (pretty ? " " : "")
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    /// An optional string: `null` when absent.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        output += value ? "true" : "false"
    }

    /// `value` as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        var writer = JSONWriter()
        writer.appendQuoted(value)
        return writer.output
    }

    /// Appends `value` quoted, copying the runs that need no escape whole: a
    /// line of the contract is mostly such runs, and appending scalar by
    /// scalar had cost a sixth of a `gleaner extract` run.
    private mutating func appendQuoted(_ value: String) {
        output += "\""
        var text = value
        let escapedAny = text.withUTF8 { bytes -> Bool in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let width: Int
                let escape: String
                switch byte {
                case UInt8(ascii: "\""): (escape, width) = ("\\\"", 1)
                case UInt8(ascii: "\\"): (escape, width) = ("\\\\", 1)
                case UInt8(ascii: "\n"): (escape, width) = ("\\n", 1)
                case UInt8(ascii: "\r"): (escape, width) = ("\\r", 1)
                case UInt8(ascii: "\t"): (escape, width) = ("\\t", 1)
                case 0..<0x20, 0x7F: (escape, width) = (Self.unicodeEscape(UInt32(byte)), 1)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in JavaScript.
                    (escape, width) = (Self.unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029), 3)
                default:
                    index += 1
                    continue
                }
                if runStart < index {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                }
                output += escape
                index += width
                runStart = index
            }
            if runStart > 0, runStart < bytes.count {
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self)
            }
            return runStart > 0
        }
        if !escapedAny { output += value }
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    public mutating func integer(_ value: Int) {
        separate()
        output += String(value)
    }

    public mutating func number(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            output += String(Int64(value))
        } else if value.isFinite {
            output += String(value)
        } else {
            output += "null"
        }
    }

    public mutating func null() {
        separate()
        output += "null"
    }
}
