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

    /// Reads the text form; the `# classes:` comment names the labels.
    package init(text: String) {
        var classes: [String] = []
        var weights: [UInt64: [Float]] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# classes:") {
                classes = line.dropFirst("# classes:".count).split(separator: " ").map(String.init)
                continue
            }
            guard !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let key = UInt64(fields[0], radix: 16) else { continue }
            weights[key] = fields[2].split(separator: " ").compactMap { Float($0) }
        }
        self.init(classes: classes, weights: weights)
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

    /// The index of the best class (the first on a tie).
    package func predict(_ features: [UInt64]) -> Int {
        let s = scores(features)
        var best = 0
        for c in s.indices where s[c] > s[best] { best = c }
        return best
    }
}
