/// Up to ten key terms of an article, most characteristic first, lower case.
///
/// YAKE-like: candidates are runs of one to three content words inside a
/// sentence (no function word at either end, no numbers); each is scored by
/// how often it occurs, how early it first occurs, how many sentences it is
/// spread over, and whether it is written capitalised mid-sentence.
struct KeywordExtractor {
    let document: Document
    /// Keywords are read from the sentences that start within this many
    /// tokens (some 80,000 words, ten times a long feature): what
    /// characterises an article shows by then, and a multi-megabyte dump
    /// does not fill the candidate table with millions of one-off phrases.
    static let window = 100_000

    func keywords(limit: Int = 10) -> [String] {
        struct Candidate {
            var count = 0
            var firstSentence = Int.max
            var lastSentence = -1
            var sentenceCount = 0
            var capitalized = 0
            var words = 1
            /// From its first word to its last; the hyphens between are not words.
            var tokens: Range<Int>
        }
        let tokens = document.tokens
        /// The word tokens of a candidate, as its run held them.
        func words(_ c: Candidate) -> [Int] { c.tokens.filter { tokens[$0].kind == .word } }
        var index = KeyMap<Int>(capacity: 256)
        var candidates: [Candidate] = []
        let sentenceCount = max(1, document.sentences.count)
        var run: [Int] = []
        for (s, sentence) in document.sentences.enumerated() where sentence.lowerBound < Self.window {
            func flush() {
                guard !run.isEmpty else { return }
                let content = run.map { isContent($0) }
                for start in run.indices where content[start] {
                    var key: WordKey = WordKeys.offset
                    for length in 1...3 where start + length <= run.count {
                        let last = run[start + length - 1]
                        key = (WordKeys.mix(key, 0x20) ^ tokens[last].key) &* WordKeys.prime
                        guard content[start + length - 1] else { continue }
                        let c: Int
                        if let known = index[key] {
                            c = known
                        } else {
                            c = candidates.count
                            index[key] = c
                            candidates.append(
                                Candidate(words: length, tokens: run[start]..<(last + 1)))
                        }
                        candidates[c].count += 1
                        candidates[c].firstSentence = min(candidates[c].firstSentence, s)
                        if candidates[c].lastSentence != s {
                            candidates[c].lastSentence = s
                            candidates[c].sentenceCount += 1
                        }
                        if tokens[run[start]].isCapitalized, !document.isSentenceInitial(run[start]) {
                            candidates[c].capitalized += 1
                        }
                    }
                }
                run.removeAll(keepingCapacity: true)
            }
            for t in sentence {
                let token = tokens[t]
                if token.kind == .word, token.length > 1, !token.has(Token.hasDigit) {
                    run.append(t)
                } else if !(token.isPunct(0x2D) && !token.has(Token.dash)) {
                    flush()
                }
            }
            flush()
        }
        // A word counts on its own only where it is not part of a repeated phrase.
        var inPhrases = [Int](repeating: 0, count: candidates.count)
        for c in candidates where c.words > 1 && c.count >= 2 {
            for t in words(c) {
                if let single = index[(WordKeys.mix(WordKeys.offset, 0x20) ^ tokens[t].key) &* WordKeys.prime] {
                    inPhrases[single] += c.count
                }
            }
        }
        var scored: [(Double, Int)] = []
        for (k, c) in candidates.enumerated() {
            let own = c.count - inPhrases[k]
            guard own >= 2 || (c.capitalized > 0 && c.words == 1 && own >= 1) else { continue }
            let frequency = Double(own)
            let position = 1.0 / (1.0 + Double(c.firstSentence) / Double(sentenceCount) * 2)
            let spread = Double(c.sentenceCount) / Double(sentenceCount)
            let casing = c.capitalized > 0 ? 1.2 : 1.0
            let length = c.words > 1 ? 1.3 : 1.0
            scored.append(((frequency + spread) * position * casing * length, k))
        }
        scored.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 > $1.0 }
        // Candidates are distinct by key; skip a word already inside a chosen phrase.
        var chosen: [Int] = []
        var chosenWords = KeySet()
        for (_, k) in scored {
            let slice = words(candidates[k])
            if slice.count == 1, chosenWords.contains(tokens[slice[0]].key) { continue }
            chosen.append(k)
            for t in slice { chosenWords.insert(tokens[t].key) }
            if chosen.count == limit { break }
        }
        return chosen.map { k in
            words(candidates[k]).map { document.string($0).lowercased() }.joined(separator: " ")
        }
    }

    private func isContent(_ t: Int) -> Bool {
        let token = document.tokens[t]
        return !Lexicon.stopWords.contains(token.key) && Lexicon.monthKeys[token.key] == nil
            && Lexicon.weekdayKeys[token.key] == nil && Lexicon.smallNumbers[token.key] == nil
            && !Lexicon.speechVerbs.contains(token.key) && token.length > 2
    }
}

/// The gist of an article in its own sentences.
///
/// Lead-based: the first sentence, then the next ones in order while the
/// summary stays short (at most three sentences, about 60 words), skipping a
/// sentence that opens with a pronoun whose referent would be missing.
enum Summarizer {
    static let danglingOpeners = WordSet("he she it they this these those his her their its such")

    static func summary(of document: Document) -> String {
        var chosen: [String] = []
        var words = 0
        for (n, sentence) in document.sentences.enumerated() {
            guard let first = sentence.first(where: { document.tokens[$0].kind == .word }) else { continue }
            let wordCount = sentence.filter { document.tokens[$0].kind == .word }.count
            if wordCount < 4 { continue }
            if n > 0 || !chosen.isEmpty, danglingOpeners.contains(document.tokens[first].key) { continue }
            if !chosen.isEmpty, words + wordCount > 60 { break }
            chosen.append(document.string(sentence))
            words += wordCount
            if chosen.count == 3 || words >= 40 { break }
        }
        return chosen.joined(separator: " ")
    }

    /// The lead sentence cut at a word boundary to at most `limit` characters.
    /// The lead sentence; one longer than `limit` characters is shortened at
    /// its last clause boundary (a comma, semicolon, colon or dash) that keeps
    /// at least half of it, else at a word boundary before a word that does
    /// not end a phrase ("and", "of", "several"), and ends with an ellipsis:
    /// never cut mid-phrase.
    static func title(of document: Document, limit: Int = 120) -> String {
        guard let lead = document.sentences.first else { return "" }
        var text = document.string(lead)
        while text.utf8.last == UInt8(ascii: ".") { text.removeLast() }
        if text.utf8.count <= limit || text.count <= limit { return text }
        // Scalars, not characters: as many or more than the characters, so the
        // limit still holds, and far cheaper to cut and compare.
        let room = Array(text.unicodeScalars.prefix(limit - 1))  // the ellipsis takes the last character
        var cut = room.count
        // A clause boundary: the mark stays out, the clause before it reads whole.
        if let clause = room.indices.last(where: { i in
            i >= limit / 2 && i + 1 < room.count && room[i + 1] == " " && Self.clauseMarks.contains(room[i])
                || i >= limit / 2 && i > 0 && room[i - 1] == " " && Self.dashes.contains(room[i])
        }) {
            cut = clause
        } else if let space = room.lastIndex(of: " ") {
            cut = space
        }
        var words = room[..<cut].split(separator: " ")
        // Never inside a quotation: a word that opens one the cut leaves open goes, with what follows.
        if let open = Self.unclosedQuote(in: words), open > 0 { words.removeLast(words.count - open) }
        while words.count > 1, let last = words.last,
            Self.phraseOpeners.contains(WordKeys.key(Self.string(last).lowercased()))
                || last.allSatisfy({ !$0.properties.isAlphabetic && $0.properties.numericType == nil })
        {
            words.removeLast()
        }
        var shortened = String.UnicodeScalarView()
        for (i, word) in words.enumerated() {
            if i > 0 { shortened.append(" ") }
            shortened.append(contentsOf: word)
        }
        while let last = shortened.last, Self.clauseMarks.contains(last) || Self.dashes.contains(last) {
            shortened.removeLast()
        }
        return String(shortened) + "…"
    }

    private static let clauseMarks: [Unicode.Scalar] = [",", ";", ":"]
    private static let dashes: [Unicode.Scalar] = ["-", "\u{2013}", "\u{2014}"]

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The index of the word that opens a quotation still open at the end of `words`, if any.
    private static func unclosedQuote(in words: [ArraySlice<Unicode.Scalar>]) -> Int? {
        var open: Int?
        for (i, word) in words.enumerated() {
            for c in word {
                switch c {
                case "\u{201C}": open = i
                case "\u{201D}": open = nil
                case "\"": open = open == nil ? i : nil
                default: break
                }
            }
        }
        return open
    }

    /// Words after which a phrase goes on: a title never ends on one.
    private static let phraseOpeners = WordSet(
        """
        a an the and or but nor of to in on at by for from with into onto over under about after before as than
        that which who whom whose where when while if because although though several some many most few all
        both each every this these those his her its their our my your is are was were be been being has have had
        will would can could may might must should not no its
        """)
}

/// Tells the language of a body from its function words: `en`, another
/// ISO 639-1 code when one profile clearly wins, else `und`.
enum LanguageIdentifier {
    private static let profiles: [(String, String)] = [
        ("en", "the and of to in is that for it was on with as are by this be at from have has not were which"),
        ("it", "il la di che e per un una sono del della non con si gli le nel anche dei alla ha"),
        ("fr", "le la les des et est un une du que pour dans qui sur pas au avec ce sont il elle"),
        ("de", "der die und das ist nicht ein eine den mit von zu im sich auf dem des auch es für"),
        ("es", "el la los las de que y en un una por con para es del se al su lo como más"),
        ("pt", "o a os as de que e em um uma para com não do da dos das por se ao mais"),
        ("nl", "de het een en van is dat in op te zijn met voor niet aan er ook als bij"),
    ]

    /// For each profile word, a bit for every language whose profile has it: one lookup a word.
    private static let languagesOfWord: KeyMap<UInt8> = {
        var table = KeyMap<UInt8>()
        for (k, profile) in profiles.enumerated() {
            for word in profile.1.split(separator: " ") {
                let key = WordKeys.key(String(word))
                table[key] = (table[key] ?? 0) | UInt8(1 << k)
            }
        }
        return table
    }()

    static func identify(_ document: Document) -> String {
        var counts = [Int](repeating: 0, count: profiles.count)
        var words = 0
        let table = languagesOfWord
        for token in document.tokens where token.kind == .word {
            words += 1
            if words > 400 { break }
            guard var bits = table[token.key] else { continue }
            while bits != 0 {
                counts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        guard words > 0 else { return "und" }
        let ranked = counts.enumerated().sorted { $0.element > $1.element }
        let best = ranked[0]
        let second = ranked[1].element
        let enough = best.element >= 3 && Double(best.element) >= 0.12 * Double(min(words, 400))
        return enough && Double(best.element) >= 1.4 * Double(second) ? profiles[best.offset].0 : "und"
    }
}
