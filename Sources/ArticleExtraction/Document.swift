/// The cleaned body of one article with its tokens and sentences: what every
/// extraction rule reads. Built once per article by ``ArticleExtractor``.
final class Document {
    let text: [UInt8]
    let tokens: [Token]
    /// Token index ranges, in order; paragraph tokens are never inside one.
    let sentences: [Range<Int>]
    /// For each token, the index of its sentence (-1 for paragraph tokens).
    let sentenceOfToken: [Int32]
    /// Keys of words seen written in lower case somewhere in the body (a
    /// syllable hyphened to a capitalised word, the "moon" of "Ki-moon", is not counted).
    let lowercaseKeys: KeySet
    /// Keys of capitalised words seen other than at a sentence's start, with their count.
    let midSentenceCapitalized: KeyMap<Int>
    /// Keys of capitalised words seen standing alone (no capitalised neighbour), with their count.
    let standaloneCapitalized: KeyMap<Int>
    /// For each token, whether it lies between double quotation marks in its paragraph.
    let insideQuote: [Bool]
    /// For each sentence, the index of its first word or number token (or its end).
    let firstWordOfSentence: [Int]

    init(text: [UInt8]) {
        self.text = text
        let tokens = text.withUnsafeBufferPointer { Tokenizer.tokenize($0) }
        self.tokens = tokens
        let sentences = SentenceSplitter.split(tokens, text: text)
        self.sentences = sentences
        var owner = [Int32](repeating: -1, count: tokens.count)
        for (index, range) in sentences.enumerated() {
            for t in range { owner[t] = Int32(index) }
        }
        sentenceOfToken = owner
        var lower = KeySet()
        var midSentence = KeyMap<Int>()
        var standalone = KeyMap<Int>()
        var inside = [Bool](repeating: false, count: tokens.count)
        var depth = 0
        var sentenceStarted = false
        var lastSentence: Int32 = -1
        for (k, token) in tokens.enumerated() {
            if owner[k] != lastSentence {
                lastSentence = owner[k]
                sentenceStarted = false
            }
            switch token.kind {
            case .paragraph: depth = 0
            case .openQuote where !token.has(Token.singleQuote):
                // A new quote after a sentence's end closes the open one (texts without line breaks).
                depth = depth > 0 && Document.startsNewQuote(tokens, at: k) ? 1 : depth + 1
            case .closeQuote where !token.has(Token.singleQuote): depth = max(0, depth - 1)
            default: break
            }
            inside[k] = depth > 0
            // A syllable of a given name ("chun" of "Ka-chun") is no word seen written in lower case.
            if token.isLowercaseWord, !Document.isHyphenedSyllable(tokens, k) { lower.insert(token.key) }
            if token.isCapitalized {
                if sentenceStarted { midSentence[token.key, default: 0] += 1 }
                let before = k > 0 && tokens[k - 1].isCapitalized
                let after = k + 1 < tokens.count && tokens[k + 1].isCapitalized
                if !before && !after { standalone[token.key, default: 0] += 1 }
            }
            if token.kind == .word || token.kind == .number { sentenceStarted = true }
        }
        firstWordOfSentence = sentences.map { range in
            range.first { tokens[$0].kind == .word || tokens[$0].kind == .number } ?? range.upperBound
        }
        lowercaseKeys = lower
        midSentenceCapitalized = midSentence
        standaloneCapitalized = standalone
        insideQuote = inside
    }

    /// Whether sentence `index` is a list of names and little else: three or
    /// more commas, and three in four of its words capitalised ("Gordon,
    /// Webster, Miller, Hartley, ...": a team's line-up, a roll of names).
    func isNameList(_ index: Int) -> Bool {
        var words = 0
        var capitalized = 0
        var commas = 0
        for k in sentences[index] {
            let t = tokens[k]
            if t.isPunct(0x2C) { commas += 1 }
            guard t.isWord else { continue }
            words += 1
            if t.isCapitalized { capitalized += 1 }
        }
        return commas >= 3 && capitalized * 4 >= words * 3
    }

    /// Whether the double opening mark at `i`, met while a quote is open, starts
    /// a new quote rather than a nested one: it follows a sentence's end and a
    /// capital or a digit follows it ('… concerned. "In fact, …'), as when a
    /// text without line breaks reopens the quote for its next paragraph.
    static func startsNewQuote(_ tokens: [Token], at i: Int) -> Bool {
        guard tokens[i].kind == .openQuote, !tokens[i].has(Token.singleQuote), i > 0, i + 1 < tokens.count else {
            return false
        }
        let before = tokens[i - 1]
        guard before.kind == .punctuation, before.symbol == 0x2E || before.symbol == 0x21 || before.symbol == 0x3F
        else { return false }
        let next = tokens[i + 1]
        return next.isCapitalized || next.kind == .number
    }

    /// The text of tokens `range` as written, from the first's start to the last's end.
    func string(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: text[Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)], as: UTF8.self)
    }

    func string(_ index: Int) -> String { string(index..<(index + 1)) }

    /// The key of the words and numbers in `range`, joined by single spaces
    /// (punctuation skipped), as ``Gazetteer/phraseKey(_:)`` keys a phrase.
    func phraseKey(_ range: Range<Int>) -> WordKey {
        text.withUnsafeBufferPointer { WordKeys.phraseKey(tokens[range], in: $0) }
    }

    /// Whether token `index` is the first word of its sentence (quotes and brackets before it allowed).
    func isSentenceInitial(_ index: Int) -> Bool {
        let s = sentenceOfToken[index]
        return s >= 0 && firstWordOfSentence[Int(s)] >= index
    }

    /// Whether token `index` is a lower-case syllable hyphened, with no space,
    /// to the capitalised word before it: the "moon" of "Ban Ki-moon". Inside
    /// a name it is part of that word, not a word of its own.
    func isHyphenedSyllable(_ index: Int) -> Bool { Document.isHyphenedSyllable(tokens, index) }

    private static func isHyphenedSyllable(_ tokens: [Token], _ index: Int) -> Bool {
        guard index >= 2, index < tokens.count, tokens[index].isLowercaseWord, !tokens[index].has(Token.spaceBefore)
        else { return false }
        let hyphen = tokens[index - 1]
        return hyphen.isPunct(0x2D) && !hyphen.has(Token.spaceBefore) && tokens[index - 2].isCapitalized
    }

    /// Whether token `index` is a word of a name on its own: a word, and no
    /// syllable hyphened to the word before it ("Ban Ki-moon" has the words "Ban Ki").
    func isNameWord(_ index: Int) -> Bool {
        tokens[index].isWord && !isHyphenedSyllable(index)
    }

    /// Whether token `index` ends in `ending` (lower-case ASCII, compared as
    /// written) after at least `keeping` more bytes: "Bosnian" ends in "an"
    /// keeping 3, "Fleming" in "ing" keeping 3.
    func word(_ index: Int, endsIn ending: String, keeping: Int = 1) -> Bool {
        let t = tokens[index]
        let n = ending.utf8.count
        guard t.length >= n + keeping else { return false }
        return text[(Int(t.end) - n)..<Int(t.end)].elementsEqual(ending.utf8)
    }

    /// What the article is mostly about, by its topic words (``Lexicon/topicCues``):
    /// the topic with the most, when it has at least ``articleTopicMinimum``; nil otherwise.
    lazy var articleTopic: Lexicon.Topic? = {
        var counts = [Int](repeating: 0, count: Lexicon.Topic.allCases.count)
        for token in tokens where token.isLowercaseWord {
            if let topic = Lexicon.topicCues[token.key] { counts[Int(topic.rawValue)] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] }!
        return counts[best] >= Self.articleTopicMinimum ? Lexicon.Topic(rawValue: UInt8(best)) : nil
    }()

    /// How many topic words an article needs before it is said to be about that topic.
    static let articleTopicMinimum = 4
    /// How many tokens either side of a name are read for topic words.
    static let topicWindow = 6
    /// A window that reaches across any sentence: the topics of the whole
    /// sentence (half of `Int.max`, so that adding it to an index cannot overflow).
    static let wholeSentence = Int.max / 2

    /// The topics whose words stand within `window` (default ``topicWindow``)
    /// tokens of `range`, in its sentence, as bits (1 << ``Lexicon/Topic/rawValue``); a score ("2-1") counts as sport.
    func topicsAround(_ range: Range<Int>, window: Int = topicWindow) -> UInt8 {
        let sentence = Int(sentenceOfToken[range.lowerBound])
        let bounds = sentence >= 0 ? sentences[sentence] : range
        var bits: UInt8 = 0
        let lo = max(bounds.lowerBound, range.lowerBound - window)
        let hi = min(bounds.upperBound, range.upperBound + window)
        for k in lo..<hi where !range.contains(k) {
            let t = tokens[k]
            if t.isLowercaseWord, let topic = Lexicon.topicCues[t.key] { bits |= 1 << topic.rawValue }
            if t.kind == .number, k + 2 < hi, tokens[k + 1].isPunct(0x2D), tokens[k + 2].kind == .number,
                !tokens[k + 1].has(Token.spaceBefore)
            {
                bits |= 1 << Lexicon.Topic.sport.rawValue
            }
        }
        return bits
    }

    /// The index of the previous word or number token before `index`, within its sentence.
    func previousWord(_ index: Int) -> Int? {
        var k = index - 1
        while k >= 0, tokens[k].kind != .paragraph {
            if tokens[k].kind == .word || tokens[k].kind == .number { return k }
            if tokens[k].kind == .punctuation && tokens[k].symbol != 0x2D { return nil }
            k -= 1
        }
        return nil
    }
}

/// Splits tokens into sentences at `.`, `!`, `?` and paragraph breaks, but
/// not after abbreviations ("Mr.", "Jan. 27", "Gen."), initials ("George W.
/// Bush") or "U.S." before a name; closing quotes stay with their sentence.
enum SentenceSplitter {
    /// The most tokens one sentence may hold.
    static let maxSentenceTokens = 400

    static func split(_ tokens: [Token], text: [UInt8]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = tokens.count
        func close(_ end: Int) {
            var lo = start
            while lo < end, tokens[lo].kind == .paragraph { lo += 1 }
            if lo < end { sentences.append(lo..<end) }
            start = end
        }
        while i < n {
            let token = tokens[i]
            if token.kind == .paragraph {
                close(i)
                start = i + 1
                i += 1
                continue
            }
            guard token.kind == .punctuation, token.symbol == 0x2E || token.symbol == 0x21 || token.symbol == 0x3F
            else {
                // Text without sentence marks (a list, a 20 MB line) is cut so that no rule runs long.
                if i - start >= maxSentenceTokens { close(i) }
                i += 1
                continue
            }
            // Take in further terminal marks, closing quotes and brackets.
            var end = i + 1
            while end < n,
                tokens[end].kind == .closeQuote
                    || (tokens[end].kind == .punctuation && !tokens[end].has(Token.spaceBefore)
                        && (tokens[end].symbol == 0x29 || tokens[end].symbol == 0x2E || tokens[end].symbol == 0x21
                            || tokens[end].symbol == 0x3F))
            {
                end += 1
            }
            if end >= n {
                i = end
                continue
            }
            if tokens[end].kind == .paragraph || isBoundary(tokens, at: i, next: end) {
                close(end)
            }
            i = end
        }
        close(n)
        return sentences
    }

    private static func isBoundary(_ tokens: [Token], at period: Int, next: Int) -> Bool {
        let following = tokens[next]
        guard following.has(Token.spaceBefore) else { return false }
        // What starts the next sentence: a capital, a digit, an opening quote or bracket.
        var first = next
        while first < tokens.count, tokens[first].kind == .openQuote
            || (tokens[first].kind == .punctuation && tokens[first].symbol == 0x28)
        {
            first += 1
        }
        guard first < tokens.count else { return true }
        let starter = tokens[first]
        let startsSentence = starter.isCapitalized || starter.kind == .number || first != next
        guard startsSentence else { return false }
        guard tokens[period].symbol == 0x2E, period > 0 else { return true }
        let before = tokens[period - 1]
        guard before.kind == .word, !tokens[period].has(Token.spaceBefore) else { return true }
        if Lexicon.abbreviations.contains(before.key) {
            // "Jan. 27", "Gen. Smith": never a boundary; "Inc. The" is.
            return Lexicon.sentenceStarters.contains(starter.key) && !isTitleLike(before)
        }
        if before.length == 1, before.isCapitalized { return false }  // an initial
        return true
    }

    private static func isTitleLike(_ token: Token) -> Bool { Lexicon.personTitles.contains(token.key) }
}
