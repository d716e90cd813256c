import Foundation

/// Multinomial logistic regression over binary hashed features with an L2
/// penalty, fitted by full-batch AdaGrad: no random order, so the same
/// examples always give the same weights, and small changes to the
/// candidates move the weights a little rather than reshuffling them.
public struct LogisticRegression {
    public let classCount: Int
    /// The L2 penalty per example (larger: smaller weights, smoother decisions).
    public var l2 = 0.0003
    public var iterations = 300
    public var learningRate = 0.5

    /// One candidate: its feature keys and the index of its true class.
    public struct Example {
        public var features: [UInt64]
        public var label: Int
        public init(features: [UInt64], label: Int) {
            self.features = features
            self.label = label
        }
    }

    public init(classCount: Int) { self.classCount = classCount }

    public func train(_ examples: [Example]) -> [UInt64: [Float]] {
        var index: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        let dense = examples.map { example in
            example.features.map { key -> Int in
                if let i = index[key] { return i }
                index[key] = keys.count
                keys.append(key)
                return keys.count - 1
            }
        }
        let n = classCount
        let count = Double(max(1, examples.count))
        var weights = [Double](repeating: 0, count: keys.count * n)
        var squares = [Double](repeating: 1e-8, count: keys.count * n)
        var gradient = [Double](repeating: 0, count: keys.count * n)
        var p = [Double](repeating: 0, count: n)
        for _ in 0..<iterations {
            for i in gradient.indices { gradient[i] = l2 * weights[i] }
            for (e, x) in dense.enumerated() {
                var top = -Double.infinity
                for c in 0..<n {
                    var s = 0.0
                    for f in x { s += weights[f * n + c] }
                    p[c] = s
                    top = max(top, s)
                }
                var total = 0.0
                for c in 0..<n {
                    p[c] = exp(p[c] - top)
                    total += p[c]
                }
                let truth = examples[e].label
                for c in 0..<n {
                    let g = (p[c] / total - (c == truth ? 1 : 0)) / count
                    if g == 0 { continue }
                    for f in x { gradient[f * n + c] += g }
                }
            }
            for i in weights.indices {
                squares[i] += gradient[i] * gradient[i]
                weights[i] -= learningRate * gradient[i] / squares[i].squareRoot()
            }
        }
        var result: [UInt64: [Float]] = [:]
        for (i, key) in keys.enumerated() {
            let w = (0..<n).map { Float(weights[i * n + $0]) }
            if w.contains(where: { abs($0) >= 0.0005 }) { result[key] = w }
        }
        return result
    }
}
