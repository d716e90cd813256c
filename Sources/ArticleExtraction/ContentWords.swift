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
    /// counts, most frequent first (ties in byte order), at most ``limit``.
    static func counts(of tokens: [Token], in text: UnsafeBufferPointer<UInt8>) -> [WordCount] {
        var counts: [WordKey: (start: Int, end: Int, count: Int)] = [:]
        for token in tokens where token.kind == .word && token.length >= 3 {
            guard !token.has(Token.hasDigit), !Lexicon.stopWords.contains(token.key) else { continue }
            counts[token.key, default: (Int(token.start), Int(token.end), 0)].count += 1
        }
        var words = counts.values.map { entry in
            WordCount(word: String(decoding: text[entry.start..<entry.end], as: UTF8.self).lowercased(), count: entry.count)
        }
        words.sort { $0.count != $1.count ? $0.count > $1.count : $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }
        return Array(words.prefix(limit))
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
