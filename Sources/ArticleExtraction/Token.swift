/// A 64-bit key of a word: FNV-1a over its ASCII-lower-cased bytes, with
/// apostrophes and periods left out ("U.S." and "US" share a key). Lookups in
/// word lists and gazetteers compare keys, never build strings.
typealias WordKey = UInt64

package enum WordKeys {
    package static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// FNV-1a: `hash` continued with `byte`.
    @inline(__always)
    package static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// The key of `bytes[range]`.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, seed: UInt64 = offset)
        -> UInt64
    {
        var h = seed
        var i = start
        while i < end {
            var b = bytes[i]
            if b == 0x2E || b == 0x27 {
                i += 1
                continue
            }
            if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {  // ’
                i += 3
                continue
            }
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            h = mix(h, b)
            i += 1
        }
        return h
    }

    /// The key of a Swift string (word lists, gazetteer entries of one word).
    static func key(_ text: String) -> UInt64 {
        var t = text
        return t.withUTF8 { key($0, 0, $0.count) }
    }

    /// The key of a phrase: its word and number tokens joined by single spaces,
    /// punctuation skipped. Gazetteer entries and spans of a document are keyed
    /// here alike, so that they match.
    static func phraseKey<S: Sequence>(_ tokens: S, in bytes: UnsafeBufferPointer<UInt8>) -> WordKey
    where S.Element == Token {
        var key: WordKey = offset
        var first = true
        for token in tokens where token.kind == .word || token.kind == .number {
            key = first ? token.key : append(key, wordKeyBytes: bytes, Int(token.start), Int(token.end))
            first = false
        }
        return key
    }

    /// Continues `hash` with a space and the next word: keys of multi-word names.
    @inline(__always)
    static func append(_ hash: UInt64, wordKeyBytes bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> UInt64
    {
        key(bytes, start, end, seed: mix(hash, 0x20))
    }
}

/// What a token is.
enum TokenKind: UInt8 {
    case word
    case number
    case punctuation
    case openQuote
    case closeQuote
    /// `'s` or `’s` after a word.
    case possessive
    /// A line break: the end of a paragraph.
    case paragraph
}

/// One token of the body, with its byte range and what the rules need to know.
struct Token {
    var start: Int32
    var end: Int32
    var kind: TokenKind
    /// For punctuation: the ASCII byte it stands for (dashes are `-`, an ellipsis `.`).
    var symbol: UInt8 = 0
    var flags: UInt8 = 0
    var key: WordKey = 0

    static let capitalized: UInt8 = 1
    static let allCaps: UInt8 = 2
    static let spaceBefore: UInt8 = 4
    /// A dash written as `–`, `—` or ` - `, not a hyphen inside a word.
    static let dash: UInt8 = 8
    /// A single-quote mark (‘ ’), rather than a double one.
    static let singleQuote: UInt8 = 16
    static let hasDigit: UInt8 = 32

    @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
    var isWord: Bool { kind == .word }
    var isCapitalized: Bool { kind == .word && flags & Token.capitalized != 0 }
    var isLowercaseWord: Bool { kind == .word && flags & (Token.capitalized | Token.allCaps) == 0 }
    var length: Int { Int(end - start) }
    func isPunct(_ c: UInt8) -> Bool { kind == .punctuation && symbol == c }
}
