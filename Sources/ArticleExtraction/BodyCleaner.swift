/// Removes what real feeds leave in article text: HTML tags, stray attribute
/// tails (`news-txt">`), HTML entities, non-breaking spaces and carriage returns.
enum BodyCleaner {
    static func clean(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        let end = text.endIndex
        while i < end {
            let byte = text[i]
            switch byte {
            case 0x0D:
                i += 1
            case 0x09:
                out.append(0x20)
                i += 1
            case 0x3C:  // '<': drop a tag that closes on the same line
                if let close = tagEnd(text, from: i) {
                    if out.last != 0x20 { out.append(0x20) }
                    i = close + 1
                } else {
                    out.append(byte)
                    i += 1
                }
            case 0x22, 0x27:  // `">` or `'>`: attribute residue; drop the chunk before it
                if i + 1 < end, text[i + 1] == 0x3E {
                    while let last = out.last, last != 0x20, last != 0x0A { out.removeLast() }
                    i += 2
                } else {
                    out.append(byte)
                    i += 1
                }
            case 0x26:  // '&': an HTML entity
                if let (scalar, next) = entity(text, from: i) {
                    TextDecoding.appendUTF8(scalar, to: &out)
                    i = next
                } else {
                    out.append(byte)
                    i += 1
                }
            case 0xC2 where i + 1 < end && text[i + 1] == 0xA0:  // no-break space
                out.append(0x20)
                i += 2
            default:
                out.append(byte)
                i += 1
            }
        }
        // Trim white space at both ends.
        var lo = 0
        var hi = out.count
        while lo < hi, out[lo] == 0x20 || out[lo] == 0x0A { lo += 1 }
        while hi > lo, out[hi - 1] == 0x20 || out[hi - 1] == 0x0A { hi -= 1 }
        return lo == 0 && hi == out.count ? out : Array(out[lo..<hi])
    }

    /// The index of the `>` that closes a tag starting at `start`, if it looks like one.
    private static func tagEnd(_ text: ArraySlice<UInt8>, from start: Int) -> Int? {
        let next = start + 1
        guard next < text.endIndex else { return nil }
        let c = text[next]
        let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
        guard letter || c == 0x2F || c == 0x21 else { return nil }
        var j = next
        while j < text.endIndex, j - start < 400 {
            if text[j] == 0x3E { return j }
            if text[j] == 0x0A || text[j] == 0x3C { return nil }
            j += 1
        }
        return nil
    }

    private static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0x20,
        "rsquo": 0x2019, "lsquo": 0x2018, "rdquo": 0x201D, "ldquo": 0x201C, "ndash": 0x2013,
        "mdash": 0x2014, "hellip": 0x2026, "laquo": 0xAB, "raquo": 0xBB, "eacute": 0xE9,
        "egrave": 0xE8, "agrave": 0xE0, "ouml": 0xF6, "uuml": 0xFC, "auml": 0xE4, "euro": 0x20AC,
        "pound": 0xA3, "copy": 0xA9, "deg": 0xB0,
    ]

    /// Decodes `&name;`, `&#NNN;` or `&#xHH;` at `start`: the scalar and the index after `;`.
    private static func entity(_ text: ArraySlice<UInt8>, from start: Int) -> (UInt32, Int)? {
        var j = start + 1
        var name: [UInt8] = []
        while j < text.endIndex, j - start <= 10 {
            let c = text[j]
            if c == 0x3B { break }
            guard (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == 0x23
            else { return nil }
            name.append(c)
            j += 1
        }
        guard j < text.endIndex, text[j] == 0x3B, !name.isEmpty else { return nil }
        var scalar: UInt32?
        if name[0] == 0x23 {
            let isHex = name.count > 1 && (name[1] | 0x20) == 0x78
            let digits = String(decoding: name.dropFirst(isHex ? 2 : 1), as: UTF8.self)
            scalar = UInt32(digits, radix: isHex ? 16 : 10)
        } else {
            scalar = named[String(decoding: name, as: UTF8.self)]
        }
        guard let value = scalar, value > 0, value < 0x110000, !(0xD800...0xDFFF).contains(value),
            value == 0x0A || value >= 0x20
        else { return nil }
        return (value == 0xA0 ? 0x20 : value, j + 1)
    }
}
