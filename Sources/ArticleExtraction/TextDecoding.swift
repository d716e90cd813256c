/// Turns raw article bytes into UTF-8 text.
///
/// Valid UTF-8 is kept (a byte-order mark is dropped); anything else is read
/// as Windows-1252, the usual encoding of text that is not UTF-8, and flagged.
enum TextDecoding {
    /// Why bytes are not an article at all.
    enum Refusal: Error, Equatable {
        case empty
        case binary

        var reason: String {
            switch self {
            case .empty: "the file is empty"
            case .binary: "the file holds binary data, not text"
            }
        }
    }

    /// The decoded text and whether it had to be read as Windows-1252.
    static func decode(_ bytes: [UInt8]) throws(Refusal) -> (text: [UInt8], windows1252: Bool) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw .empty
        }
        // Binary: a NUL byte, or many control bytes, in the first 8 KiB.
        var controls = 0
        let sample = body.prefix(8192)
        for byte in sample {
            if byte == 0 { throw .binary }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                controls += 1
            }
        }
        if controls * 20 > sample.count { throw .binary }

        if isValidUTF8(body) { return (Array(body), false) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            if byte < 0x80 {
                out.append(byte)
            } else {
                appendUTF8(windows1252Scalar(byte), to: &out)
            }
        }
        return (out, true)
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// The Unicode scalar of a Windows-1252 byte of 0x80 or more.
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return byte < 0xA0 ? table[Int(byte - 0x80)] : UInt32(byte)
    }
}
