/// The words an article is about, for telling which articles tell one story:
/// its most frequent words, lower-cased, without function words, reporting
/// verbs or words under three letters, a plural counted as its singular
/// ("fires" as "fire"); and its most frequent pairs of such words that follow
/// each other within a clause ("hume_highway"), which tell stories apart
/// where single words are shared. Names count as the words they are made of.
public enum ContentWords {
    /// How many distinct words an article is described by.
    public static let limit = 50
    /// How many distinct word pairs an article is described by, beside its words.
    public static let pairLimit = 50
    /// What joins the two words of a pair ("hume_highway"); never inside a word.
    public static let pairSeparator: Character = "_"

    /// The most frequent content words of `body`, then its most frequent word
    /// pairs, as ``ExtractedArticle/contentWords`` gives them for an article:
    /// for text stored before that field existed.
    public static func counts(in body: String) -> [WordCount] {
        var body = body
        return body.withUTF8 { counts(of: Tokenizer.tokenize($0), in: $0) }
    }

    /// A content word: its stem's byte range, whether the stem ends in a "y"
    /// the text does not have ("cities" is "city"), and its key.
    private struct Stem {
        var start: Int32
        var end: Int32
        var addsY: Bool
        var key: WordKey
        var count: Int32 = 1
    }

    /// Two content words that follow each other, as indices into the words.
    private struct Pair {
        var first: Int32
        var second: Int32
        var count: Int32 = 1
    }

    /// The most frequent content words among `tokens` of `text` with their
    /// counts, most frequent first (ties in order of first use), at most
    /// ``limit``; then the most frequent pairs the same way, at most
    /// ``pairLimit``. A pair is two content words with no punctuation between
    /// them (function words and numbers may be). Counted by key; only what is
    /// kept becomes a string.
    static func counts(of tokens: [Token], in text: UnsafeBufferPointer<UInt8>) -> [WordCount] {
        var wordIndex = KeyMap<Int32>(capacity: 256)
        var pairIndex = KeyMap<Int32>(capacity: 256)
        var words: [Stem] = []
        var pairs: [Pair] = []
        var previous: Int32 = -1
        for token in tokens {
            switch token.kind {
            case .word:
                guard token.length >= 3, !token.has(Token.hasDigit), !Lexicon.stopWords.contains(token.key) else { continue }
                let stem = Self.stem(token, in: text)
                let at: Int32
                if let known = wordIndex[stem.key] {
                    at = known
                    words[Int(at)].count += 1
                } else {
                    at = Int32(words.count)
                    wordIndex[stem.key] = at
                    words.append(stem)
                }
                if previous >= 0 {
                    let key = (words[Int(previous)].key &* WordKeys.prime) ^ (stem.key &+ 0x9E37_79B9_7F4A_7C15)
                    if let known = pairIndex[key] {
                        pairs[Int(known)].count += 1
                    } else {
                        pairIndex[key] = Int32(pairs.count)
                        pairs.append(Pair(first: previous, second: at))
                    }
                }
                previous = at
            case .number, .possessive:
                continue
            case .punctuation, .openQuote, .closeQuote, .paragraph:
                previous = -1
            }
        }
        let kept = mostFrequent(words.indices.map { (Int32($0), words[$0].count) }, limit: limit)
        let keptPairs = mostFrequent(pairs.indices.map { (Int32($0), pairs[$0].count) }, limit: pairLimit)
        return kept.map { WordCount(word: term(words[Int($0)], nil, in: text), count: Int(words[Int($0)].count)) }
            + keptPairs.map { p in
                let pair = pairs[Int(p)]
                return WordCount(word: term(words[Int(pair.first)], words[Int(pair.second)], in: text), count: Int(pair.count))
            }
    }

    /// A word's stem, or a pair of stems joined by ``pairSeparator``, lower-cased:
    /// written into the string in one pass while the bytes are ASCII.
    private static func term(_ first: Stem, _ second: Stem?, in text: UnsafeBufferPointer<UInt8>) -> String {
        let firstBytes = text[Int(first.start)..<Int(first.end)]
        let secondBytes = second.map { text[Int($0.start)..<Int($0.end)] }
        guard firstBytes.allSatisfy({ $0 < 0x80 }), secondBytes?.allSatisfy({ $0 < 0x80 }) ?? true else {
            func word(_ stem: Stem) -> String {
                String(decoding: text[Int(stem.start)..<Int(stem.end)], as: UTF8.self).lowercased() + (stem.addsY ? "y" : "")
            }
            return second.map { word(first) + String(pairSeparator) + word($0) } ?? word(first)
        }
        var length = firstBytes.count + (first.addsY ? 1 : 0)
        if let second, let secondBytes { length += 1 + secondBytes.count + (second.addsY ? 1 : 0) }
        return String(unsafeUninitializedCapacity: length) { target in
            var at = 0
            func put(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ addsY: Bool) {
                for c in bytes {
                    target[at] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                    at += 1
                }
                if addsY {
                    target[at] = 0x79
                    at += 1
                }
            }
            put(firstBytes, first.addsY)
            if let second, let secondBytes {
                target[at] = pairSeparator.asciiValue!
                at += 1
                put(secondBytes, second.addsY)
            }
            return at
        }
    }

    /// The indices of the `limit` most frequent items, most frequent first,
    /// ties in index order (the order `items` come in). Linear in the items:
    /// only those more frequent than the limit-th are sorted (fewer than
    /// `limit`), and those as frequent as it are taken in the order they come.
    private static func mostFrequent(_ items: [(index: Int32, count: Int32)], limit: Int) -> [Int32] {
        func precedes(_ a: (index: Int32, count: Int32), _ b: (index: Int32, count: Int32)) -> Bool {
            a.count != b.count ? a.count > b.count : a.index < b.index
        }
        guard items.count > limit else { return items.sorted(by: precedes).map(\.index) }
        var atCount = [Int](repeating: 0, count: Int(items.lazy.map(\.count).max() ?? 0) + 1)
        for item in items { atCount[Int(item.count)] += 1 }
        var least = atCount.count - 1
        var atLeast = atCount[least]
        while atLeast < limit, least > 1 {
            least -= 1
            atLeast += atCount[least]
        }
        var kept = items.filter { $0.count > Int32(least) }.sorted(by: precedes)
        for item in items where item.count == Int32(least) {
            guard kept.count < limit else { break }
            kept.append(item)
        }
        return kept.map(\.index)
    }

    /// The stem of a word token: a plural's singular by its spelling alone
    /// ("cities" to "city", "fires" to "fire"; "press", "virus", "crisis" stay).
    private static func stem(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Stem {
        let start = Int(token.start), end = Int(token.end)
        @inline(__always) func lower(_ i: Int) -> UInt8 { text[i] | 0x20 }
        let length = end - start
        if length > 4, lower(end - 1) == 0x73, lower(end - 2) == 0x65, lower(end - 3) == 0x69 {  // -ies
            let key = WordKeys.mix(WordKeys.key(text, start, end - 3), 0x79)
            return Stem(start: token.start, end: token.end - 3, addsY: true, key: key)
        }
        if length > 3, lower(end - 1) == 0x73, ![0x73, 0x75, 0x69].contains(lower(end - 2)) {  // -s, not -ss -us -is
            return Stem(start: token.start, end: token.end - 1, addsY: false, key: WordKeys.key(text, start, end - 1))
        }
        return Stem(start: token.start, end: token.end, addsY: false, key: token.key)
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
