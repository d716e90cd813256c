/// The words an article is about, for telling which articles tell one story:
/// its most frequent words, lower-cased, without function words, reporting
/// verbs or words under three letters. Names count as the words they are made of.
public enum ContentWords {
    /// How many distinct words an article is described by.
    public static let limit = 50

    /// The article's most frequent content words with their counts, most
    /// frequent first (ties in byte order), at most `limit` of them.
    public static func counts(in body: String, limit: Int = ContentWords.limit) -> [(word: String, count: Int)] {
        var body = body
        return body.withUTF8 { text in
            var counts: [WordKey: (start: Int, end: Int, count: Int)] = [:]
            for token in Tokenizer.tokenize(text) where token.kind == .word && token.length >= 3 {
                guard !token.has(Token.hasDigit), !Lexicon.stopWords.contains(token.key) else { continue }
                counts[token.key, default: (Int(token.start), Int(token.end), 0)].count += 1
            }
            var words = counts.values.map { entry in
                (word: String(decoding: text[entry.start..<entry.end], as: UTF8.self).lowercased(), count: entry.count)
            }
            words.sort { $0.count != $1.count ? $0.count > $1.count : $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }
            return Array(words.prefix(limit))
        }
    }
}
