/// A MinHash signature of an article body's word shingles, for finding the
/// same article republished with small edits.
///
/// One permutation hashing: every shingle (three consecutive words, lower
/// case) is hashed once, its hash picks one of ``binCount`` bins and the bin
/// keeps the smallest value; empty bins borrow from the next full one. The
/// share of bins two signatures agree on estimates the Jaccard similarity of
/// their shingle sets. One pass over the bytes, no allocation per word.
public struct TextSignature: Sendable, Equatable {
    /// Bins in a signature; 128 gives a standard error of about 0.04 at similarity 0.5.
    public static let binCount = 128
    /// Bins per locality-sensitive band: two bodies become candidates when all
    /// bins of one band agree. 42 bands of 3 find a pair of similarity 0.5
    /// with probability 0.996 and a pair of 0.2 with 0.29.
    public static let bandWidth = 3
    public static var bandCount: Int { binCount / bandWidth }

    /// The minimum of each bin.
    public private(set) var bins: [UInt32]

    /// The signature of `text`'s words.
    public init(_ text: String) {
        var minima = [UInt64](repeating: .max, count: Self.binCount)
        var text = text
        text.withUTF8 { bytes in
            var previous: (UInt64, UInt64) = (0, 0)
            var words = 0
            var hash: UInt64 = 0
            var inWord = false
            func endWord() {
                words += 1
                if words >= 3 {
                    let shingle = Self.mix(previous.0 &* 0x9E37_79B9_7F4A_7C15 ^ previous.1 &* 0xC2B2_AE3D_27D4_EB4F ^ hash)
                    let bin = Int(shingle % UInt64(Self.binCount))
                    let value = shingle >> 7
                    if value < minima[bin] { minima[bin] = value }
                }
                previous = (previous.1, hash)
            }
            for byte in bytes {
                let isWordByte = (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte >= 128
                if isWordByte {
                    if !inWord { hash = 0xCBF2_9CE4_8422_2325; inWord = true }
                    let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                    hash = (hash ^ UInt64(lower)) &* 0x0000_0100_0000_01B3
                } else if inWord {
                    inWord = false
                    endWord()
                }
            }
            if inWord { endWord() }
        }
        // Empty bins take the value of the next full bin, moved by their distance.
        var bins = [UInt32](repeating: 0, count: Self.binCount)
        if minima.contains(where: { $0 != .max }) {
            for index in 0..<Self.binCount {
                var source = index, distance: UInt64 = 0
                while minima[source] == .max {
                    source = (source + 1) % Self.binCount
                    distance += 1
                }
                bins[index] = UInt32(truncatingIfNeeded: Self.mix(minima[source] &+ distance &* 0x9E37_79B9) >> 32)
            }
        }
        self.bins = bins
    }

    /// A signature read back from its ``bytes``; `nil` when they are not one.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.binCount * 4 else { return nil }
        var bins = [UInt32](repeating: 0, count: Self.binCount)
        bins.withUnsafeMutableBytes { target in bytes.withUnsafeBytes { target.copyMemory(from: $0) } }
        self.bins = bins.map { UInt32(littleEndian: $0) }
    }

    /// The bins as 4 little-endian bytes each, as the store keeps them (512 bytes).
    public var bytes: [UInt8] {
        bins.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    /// Whether the text had no words (every bin is then zero).
    public var isEmpty: Bool { bins.allSatisfy { $0 == 0 } }

    /// The estimated Jaccard similarity of the two shingle sets, 0...1.
    public func similarity(to other: TextSignature) -> Double {
        var same = 0
        for index in 0..<Self.binCount where bins[index] == other.bins[index] { same += 1 }
        return Double(same) / Double(Self.binCount)
    }

    /// One key per band, as a signed 64-bit number for the store's index.
    public var bandKeys: [Int64] {
        (0..<Self.bandCount).map { band in
            var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for bin in bins[band * Self.bandWidth..<(band + 1) * Self.bandWidth] { hash = Self.mix(hash ^ UInt64(bin)) }
            return Int64(bitPattern: hash)
        }
    }

    /// splitmix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
