/// A multiclass linear model over hashed binary features: each feature key
/// has one weight per class, and the class whose weights sum highest wins.
///
/// The core reads models written by `gleaner-train` as text, one feature a
/// line: `KEY<TAB>NAME<TAB>W1 W2 …` (the key in hex; the name is for people
/// reading the file). Lines starting with `#` are comments.
package struct LinearModel: Sendable {
    /// The class labels, in the order of each feature's weights.
    package let classes: [String]
    /// Feature key to the offset of its weights in ``weights``.
    private let offsets: KeyMap<Int>
    /// Every feature's weights, one run of `classes.count` per feature.
    private let weights: [Float]
    /// How many features have weights.
    package let featureCount: Int

    package init(classes: [String], weights: [UInt64: [Float]]) {
        self.classes = classes
        var table = KeyMap<Int>(capacity: weights.count)
        var flat: [Float] = []
        for key in weights.keys.sorted() {
            guard let w = weights[key], w.count == classes.count else { continue }
            table[key] = flat.count
            flat += w
        }
        offsets = table
        self.weights = flat
        featureCount = table.count
    }

    /// Reads the text form; the `# classes:` comment names the labels. Read
    /// byte by byte (weights are plain decimals), so the shipped model loads
    /// in about a millisecond.
    package init(text: String) {
        var classes: [String] = []
        var weights: [UInt64: [Float]] = [:]
        var source = text
        source.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                var end = i
                while end < n, bytes[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                var k = i
                while k < end, bytes[k] == 0x20 { k += 1 }  // the literal's indentation
                guard k < end else { continue }
                if bytes[k] == 0x23 {  // "#"
                    let line = String(decoding: bytes[k..<end], as: UTF8.self)
                    if line.hasPrefix("# classes:") {
                        classes = line.dropFirst("# classes:".count).split(separator: " ").map(String.init)
                    }
                    continue
                }
                guard let (key, afterKey) = Self.hex(bytes, k, end), afterKey < end, bytes[afterKey] == 0x09 else {
                    continue
                }
                var w = afterKey + 1
                while w < end, bytes[w] != 0x09 { w += 1 }  // the readable name
                var values: [Float] = []
                while w < end {
                    w += 1
                    guard let (value, next) = Self.decimal(bytes, w, end) else { break }
                    values.append(value)
                    w = next
                }
                weights[key] = values
            }
        }
        self.init(classes: classes, weights: weights)
    }

    private static func hex(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, Int)? {
        var value: UInt64 = 0
        var i = start
        while i < end {
            let c = b[i]
            let digit: UInt64
            switch c {
            case 0x30...0x39: digit = UInt64(c - 0x30)
            case 0x61...0x66: digit = UInt64(c - 0x61 + 10)
            default: return i > start ? (value, i) : nil
            }
            value = value << 4 | digit
            i += 1
        }
        return i > start ? (value, i) : nil
    }

    /// "-0.1234": a sign, digits, a point and digits.
    private static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Float, Int)? {
        var i = start
        var negative = false
        if i < end, b[i] == 0x2D {
            negative = true
            i += 1
        }
        var mantissa: Int64 = 0
        var scale: Float = 1
        var seenDigit = false
        var afterPoint = false
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa * 10 + Int64(c - 0x30)
                if afterPoint { scale *= 10 }
                seenDigit = true
            } else if c == 0x2E, !afterPoint {
                afterPoint = true
            } else {
                break
            }
            i += 1
        }
        guard seenDigit else { return nil }
        let value = Float(mantissa) / scale
        return (negative ? -value : value, i)
    }

    /// The score of every class for a set of feature keys.
    package func scores(_ features: [UInt64]) -> [Float] {
        var total = [Float](repeating: 0, count: classes.count)
        weights.withUnsafeBufferPointer { w in
            for key in features {
                guard let offset = offsets[key] else { continue }
                for c in total.indices { total[c] += w[offset + c] }
            }
        }
        return total
    }

    /// The weights of one feature, one per class, or nil when the model has none for it.
    package func weights(of key: UInt64) -> ArraySlice<Float>? {
        guard let offset = offsets[key] else { return nil }
        return weights[offset..<(offset + classes.count)]
    }

    /// The index of the best class (the first on a tie).
    package func predict(_ features: [UInt64]) -> Int {
        let n = classes.count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { total in
            total.initialize(repeating: 0)
            weights.withUnsafeBufferPointer { w in
                for key in features {
                    guard let offset = offsets[key] else { continue }
                    for c in 0..<n { total[c] += w[offset + c] }
                }
            }
            var best = 0
            for c in 0..<n where total[c] > total[best] { best = c }
            return best
        }
    }
}
