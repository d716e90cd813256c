/// The words an article is about, for telling which articles tell one story:
/// its most frequent words, lower-cased, without function words, reporting
/// verbs or words under three letters. Names count as the words they are made of.
public enum ContentWords {
    /// How many distinct words an article is described by.
    public static let limit = 50

    /// The most frequent content words of `body`, as ``ExtractedArticle/contentWords``
    /// gives them for an article: for text stored before that field existed.
    public static func counts(in body: String) -> [WordCount] {
        var body = body
        return body.withUTF8 { counts(of: Tokenizer.tokenize($0), in: $0) }
    }

    /// The most frequent content words among `tokens` of `text` with their
    /// counts, most frequent first (ties in the byte order of the lower-cased
    /// words), at most ``limit``. Counted by key; only the words kept become strings.
    static func counts(of tokens: [Token], in text: UnsafeBufferPointer<UInt8>) -> [WordCount] {
        var index = KeyMap<Int32>(capacity: 256)
        var words: [(start: Int32, end: Int32, count: Int32)] = []
        for token in tokens where token.kind == .word && token.length >= 3 {
            guard !token.has(Token.hasDigit), !Lexicon.stopWords.contains(token.key) else { continue }
            if let at = index[token.key] {
                words[Int(at)].count += 1
            } else {
                index[token.key] = Int32(words.count)
                words.append((token.start, token.end, 1))
            }
        }
        if words.count > limit {
            // Only words as frequent as the limit-th most frequent can be kept: sort those alone.
            var atCount = [Int](repeating: 0, count: Int(words.lazy.map(\.count).max() ?? 0) + 1)
            for word in words { atCount[Int(word.count)] += 1 }
            var least = atCount.count - 1
            var kept = atCount[least]
            while kept < limit, least > 1 {
                least -= 1
                kept += atCount[least]
            }
            words.removeAll { $0.count < Int32(least) }
        }
        words.sort { $0.count != $1.count ? $0.count > $1.count : lowercasedPrecedes(text, $0, $1) }
        return words.prefix(limit).map { word in
            WordCount(word: lowercased(text[Int(word.start)..<Int(word.end)]), count: Int(word.count))
        }
    }

    /// The word lower-cased: ASCII folded byte by byte, anything else by `String.lowercased()`.
    private static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { target in
            for (k, c) in bytes.enumerated() { target[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            return bytes.count
        }
    }

    /// Whether word `a` comes before word `b` once both are lower-cased, in
    /// byte order: compared in place up to their first difference while the
    /// bytes are ASCII, as lower-cased strings once a byte is not.
    private static func lowercasedPrecedes(
        _ text: UnsafeBufferPointer<UInt8>, _ a: (start: Int32, end: Int32, count: Int32),
        _ b: (start: Int32, end: Int32, count: Int32)
    ) -> Bool {
        var i = Int(a.start), j = Int(b.start)
        while i < Int(a.end), j < Int(b.end) {
            var x = text[i], y = text[j]
            if x >= 0x80 || y >= 0x80 {
                return String(decoding: text[Int(a.start)..<Int(a.end)], as: UTF8.self).lowercased().utf8
                    .lexicographicallyPrecedes(String(decoding: text[Int(b.start)..<Int(b.end)], as: UTF8.self).lowercased().utf8)
            }
            if x >= 0x41 && x <= 0x5A { x |= 0x20 }
            if y >= 0x41 && y <= 0x5A { y |= 0x20 }
            if x != y { return x < y }
            i += 1
            j += 1
        }
        return i == Int(a.end) && j < Int(b.end)
    }
}

/// A word and how many times an article uses it.
public struct WordCount: Sendable, Equatable {
    public var word: String
    public var count: Int

    public init(word: String, count: Int) {
        self.word = word
        self.count = count
    }
}
