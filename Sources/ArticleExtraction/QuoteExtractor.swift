/// Finds direct speech between quotation marks and who said it.
///
/// Marks are paired per paragraph (curly and straight, nested pairs belong
/// to the outer quote); a quote left open at a paragraph's end continues in
/// the next and counts once per paragraph. Quoted names and terms ("the
/// machine of truth", a title-case name) are left out. The speaker comes
/// from the sentence: "X said", "said X", "X told", "according to X",
/// "X, a spokesman for Y, said"; a pronoun is the subject of the sentence or
/// of one of the few before it. A description speaks when it reads as one
/// ("a Defra spokesman"), or stands for the entity it names ("the prime
/// minister", "the company"). Where the text does not say who spoke, the
/// speaker is nil: never a piece of the sentence, never the nearest name.
/// A headline's quotes count however short (between plain single marks, as BBC
/// headlines write them); who said them comes from the body or its lead.
struct QuoteExtractor {
    let document: Document
    let entities: EntitySet
    /// For each sentence, the first person it names outside quotes (its
    /// subject, in most news sentences), or -1.
    private let subjectOfSentence: [Int32]
    /// For each sentence, the person that stands at its front ("Russian
    /// President Vladimir Putin …") or right before its speech verb, or -1.
    private let frontSubjectOfSentence: [Int32]
    /// For each sentence, the person right before its first speech verb ("Mr Powell said"), or -1.
    private let speakingSubject: [Int32]
    /// Person entities by the title words seen before their names ("pope") or in apposition.
    private let holdersByTitle: [WordKey: [Int]]
    /// The title words of each entity, as ``holdersByTitle`` reads them.
    private let titlesOfEntity: [Set<WordKey>]

    init(document: Document, entities: EntitySet) {
        self.document = document
        self.entities = entities
        let tokens = document.tokens
        var titlesOf = entities.entities.map { $0.type == .person ? $0.titles : [] }
        // Roles in apposition are titles too: "The Labor leader, Simon Crean, says",
        // "Simon Crean, the Opposition leader, said".
        for mention in entities.mentions where mention.entity >= 0 && entities.entities[mention.entity].type == .person {
            let lo = mention.range.lowerBound
            let hi = mention.range.upperBound
            // "French President Alain Courbet": the people or place a title is of qualifies it.
            var t = lo - 1
            while t >= 0, tokens[t].isWord, tokens[t].isCapitalized, Lexicon.personTitles.contains(tokens[t].key) { t -= 1 }
            if t >= 0, t < lo - 1, let q = entities.entity(atToken: t),
                entities.entities[q].type == .group || entities.entities[q].type == .location
            {
                titlesOf[mention.entity].insert(tokens[t].key)
            }
            if lo >= 2, tokens[lo - 1].isPunct(0x2C), tokens[lo - 2].isWord, Lexicon.personTitles.contains(tokens[lo - 2].key) {
                var k = lo - 2
                while k >= 0, lo - k <= 4, tokens[k].isWord, Lexicon.personTitles.contains(tokens[k].key) {
                    titlesOf[mention.entity].insert(tokens[k].key)
                    k -= 1
                }
            }
            // "The Bishop of Durham, the Rt Rev Dr Tom Wright": a titled phrase in apposition before the name.
            var comma = lo - 1
            while comma >= 0, tokens[comma].isWord, tokens[comma].key == W.the || Lexicon.personTitles.contains(tokens[comma].key) {
                comma -= 1
            }
            if comma >= 2, comma < lo - 1 || !Lexicon.personTitles.contains(tokens[comma - 1].key), tokens[comma].isPunct(0x2C) {
                var k = comma - 1
                var titles: [WordKey] = []
                while k >= 0, comma - k <= 6, tokens[k].isWord, tokens[k].key != W.the, tokens[k].key != W.a {
                    if Lexicon.personTitles.contains(tokens[k].key) { titles.append(tokens[k].key) }
                    k -= 1
                }
                if k >= 0, tokens[k].key == W.the || tokens[k].key == W.a {
                    titlesOf[mention.entity].formUnion(titles)
                }
            }
            if hi + 2 < tokens.count, tokens[hi].isPunct(0x2C), tokens[hi + 1].key == W.the || tokens[hi + 1].key == W.a {
                var k = hi + 2
                while k < tokens.count, k - hi <= 6, tokens[k].isWord { k += 1 }
                if k < tokens.count, tokens[k].isPunct(0x2C) || tokens[k].isPunct(0x2E), k > hi + 2 {
                    for t in (hi + 2)..<k where Lexicon.personTitles.contains(tokens[t].key) {
                        titlesOf[mention.entity].insert(tokens[t].key)
                    }
                }
            }
        }
        var holders: [WordKey: [Int]] = [:]
        for (e, titles) in titlesOf.enumerated() {
            for title in titles { holders[title, default: []].append(e) }
        }
        holdersByTitle = holders
        titlesOfEntity = titlesOf
        var subjects = [Int32](repeating: -1, count: document.sentences.count)
        var front = [Int32](repeating: -1, count: document.sentences.count)
        var speaking = [Int32](repeating: -1, count: document.sentences.count)
        var frontOpen = false  // no lowercase word but titles and determiners yet in this sentence
        var sentenceOfPrevious: Int32 = -1
        for k in document.tokens.indices {
            let token = document.tokens[k]
            if document.sentenceOfToken[k] != sentenceOfPrevious {
                sentenceOfPrevious = document.sentenceOfToken[k]
                frontOpen = true
            }
            guard !document.insideQuote[k], let e = entities.person(atToken: k) else {
                if token.isLowercaseWord, !Lexicon.personTitles.contains(token.key), token.key != W.the, token.key != W.a {
                    frontOpen = false
                }
                continue
            }
            let sentence = Int(document.sentenceOfToken[k])
            // "the Putin regime", "the Bush administration": a name that qualifies a noun is no subject.
            let mentionEnd = entities.mentions[Int(entities.mentionOfToken[k])].range.upperBound
            if mentionEnd < document.tokens.count, document.tokens[mentionEnd].isLowercaseWord,
                Self.qualifiedNouns.contains(document.tokens[mentionEnd].key)
            {
                continue
            }
            // The subject stands at the front ("Russian President Vladimir Putin said …"),
            // not at the end of a clause ("… disagree with Vladimir Putin").
            if sentence >= 0, subjects[sentence] < 0 { subjects[sentence] = Int32(e) }
            if sentence >= 0, front[sentence] < 0, frontOpen { front[sentence] = Int32(e) }
        }
        // "…, Mr Powell said:": the person right before a speech verb is the
        // subject of the sentence, wherever other people stand in it.
        var settled = [Bool](repeating: false, count: document.sentences.count)
        for mention in entities.mentions where mention.entity >= 0 && entities.entities[mention.entity].type == .person {
            let k = mention.range.upperBound
            let sentence = Int(document.sentenceOfToken[mention.range.lowerBound])
            guard k < document.tokens.count, sentence >= 0, !settled[sentence], !document.insideQuote[k],
                document.tokens[k].isWord, Lexicon.speechVerbs.contains(document.tokens[k].key)
            else { continue }
            subjects[sentence] = Int32(mention.entity)
            front[sentence] = Int32(mention.entity)
            speaking[sentence] = Int32(mention.entity)
            settled[sentence] = true
        }
        // "…, according to the Bishop.", "the prime minister said": a title only one
        // person of the article holds, as the speaking subject of its sentence; "The prime
        // minister shrugged off claims from … Michael Howard": at the front, as its subject.
        for (s, range) in document.sentences.enumerated() where !settled[s] {
            let opening = range.first { tokens[$0].isWord && !document.insideQuote[$0] }
            for k in range where tokens[k].key == W.the && !document.insideQuote[k] {
                // "the Lib Dem spokesman": capitalised words that qualify the title, then the title.
                var roleStart = k + 1
                while roleStart < range.upperBound, roleStart - k <= Self.longestTitleQualifier, tokens[roleStart].isCapitalized,
                    !Lexicon.personTitles.contains(tokens[roleStart].key), entities.person(atToken: roleStart) == nil
                {
                    roleStart += 1
                }
                var end = roleStart
                while end < range.upperBound, tokens[end].isWord, Lexicon.personTitles.contains(tokens[end].key) { end += 1 }
                guard end > roleStart, end < range.upperBound else { continue }
                let reporting = tokens[end].isWord && Lexicon.speechVerbs.contains(tokens[end].key)
                    || (k >= 2 && tokens[k - 1].key == W.to && tokens[k - 2].key == W.according)
                var holding = Self.holders(of: (roleStart..<end).map { tokens[$0].key }, byTitle: holders, titles: titlesOf)
                let qualified = holding.filter { e in ((k + 1)..<roleStart).allSatisfy { titlesOf[e].contains(tokens[$0].key) } }
                if !qualified.isEmpty { holding = qualified }
                // "The prime minister's enthusiasm …" is not about the prime minister as subject; "On
                // Friday, the Cardinal will ask", "But the Lib Dem spokesman questioned": an opening
                // phrase and its comma, or a conjunction, may come first.
                let afterOpeningPhrase = opening.map { start in
                    start < k && (tokens[k - 1].isPunct(0x2C) && !(start..<k).contains { entities.person(atToken: $0) != nil }
                        || start == k - 1 && Self.openingConjunctions.contains(tokens[start].key))
                } ?? false
                let fronting = (k == opening || afterOpeningPhrase) && tokens[end].kind != .possessive
                if reporting || fronting, holding.count == 1 {
                    subjects[s] = Int32(holding[0])
                    front[s] = Int32(holding[0])
                    if reporting { speaking[s] = Int32(holding[0]) }
                    settled[s] = true
                    break
                }
            }
        }
        // "He sees Owen as …": a sentence whose subject is "he" or "she" has the
        // subject of the sentence before it (within a few sentences), not the
        // first name it mentions.
        for (s, range) in document.sentences.enumerated() where !settled[s] {
            guard let first = range.first(where: { document.tokens[$0].isWord && !document.insideQuote[$0] }),
                document.tokens[first].key == W.he || document.tokens[first].key == W.she
            else { continue }
            for previous in stride(from: s - 1, through: max(0, s - Self.antecedentSentences), by: -1)
            where subjects[previous] >= 0 {
                subjects[s] = subjects[previous]
                front[s] = subjects[previous]
                break
            }
        }
        subjectOfSentence = subjects
        frontSubjectOfSentence = front
        speakingSubject = speaking
    }

    private var tokens: [Token] { document.tokens }

    /// A quote before speaker resolution: its content tokens and marks.
    struct Span {
        var open: Int
        var close: Int  // index of the closing mark, or the paragraph end
        var continuesPrevious: Bool
    }

    func quotes() -> [Quote] {
        var result: [Quote] = []
        var previousSpeaker: String??
        var previousEnd = -10
        let headline = self.headline()
        let spans = self.spans()
        for span in spans where !(headline?.contains(span.open) ?? false) {
            guard let (text, words) = textAndWords(span), !isTerm(span, words: words) else { continue }
            var speaker = findSpeaker(span)
            let sentence = sentenceIndex(span.open + 1)
            // "\"...,\" a militant told a crowd. \"...,\" he said": a "he" right after the next quote, with
            // no one named between the two, is the one who spoke before.
            if let earlier = previousSpeaker, earlier != nil, speaker != earlier, isPronounAttributed(span),
                sentence - sentenceIndex(max(0, previousEnd - 1)) <= Self.quoteRunSentences,
                !((previousEnd + 1)..<max(previousEnd + 1, span.open)).contains(where: {
                    !document.insideQuote[$0] && entities.person(atToken: $0) != nil
                })
            {
                speaker = earlier
            }
            if speaker == nil, !span.continuesPrevious, let introducer = personBeforeColon(span) {
                // "Sunak defended the record: \"We are working …\"": who opens the sentence speaks after its colon.
                speaker = .some(introducer)
            }
            if speaker == nil, !span.continuesPrevious, let introduced = speakerIntroduced(before: sentence) {
                // "Claire Richards says the rain did little. \"The falls were isolated.\""
                speaker = .some(introduced)
            }
            if speaker == nil, let earlier = previousSpeaker, !span.continuesPrevious, span.open - previousEnd > 3,
                let subject = frontSubject(before: span), subject != earlier
            {
                speaker = .some(subject)
            }
            if speaker == nil, let earlier = previousSpeaker,
                span.continuesPrevious || span.open - previousEnd <= 3
                    || sentence - sentenceIndex(max(0, previousEnd - 1)) <= Self.quoteRunSentences
            {
                // A quote with no attribution of its own continues the quoting before it.
                speaker = earlier
            }
            result.append(Quote(text: text, speaker: speaker ?? nil))
            previousSpeaker = speaker
            previousEnd = span.close
        }
        guard let headline else { return result }
        // A headline quotes in a word or two, often between plain single marks, and says who only in the body.
        var quoted: [Quote] = []
        for span in spans.filter({ headline.contains($0.open) }) + singleQuoted(in: headline) {
            guard let (text, words) = textAndWords(span), !isName(span, words: words) else { continue }
            // Quoted again in the body, word for word: one quote, the body's.
            if result.contains(where: { $0.text.utf8.count == text.utf8.count && Self.holdsWords($0.text, text) }) { continue }
            // The body's quote that holds the same words ("End Bush 'denial'" of "a sort of \"state of denial\""), else the lead.
            let again = result.first { $0.speaker != nil && Self.holdsWords($0.text, text) }
            let speaker = again?.speaker ?? headlineSpeaker((span.open + 1)..<span.close, body: headline.upperBound)
            quoted.append(Quote(text: text, speaker: speaker))
        }
        return quoted + result
    }

    /// The text between a span's marks and how many words and numbers it holds; nil when it holds none.
    private func textAndWords(_ span: Span) -> (text: String, words: Int)? {
        let content = (span.open + 1)..<span.close
        guard !content.isEmpty, let text = quoteText(content) else { return nil }
        let words = content.filter { tokens[$0].kind == .word || tokens[$0].kind == .number }.count
        return words > 0 ? (text, words) : nil
    }

    // MARK: - Pairing

    func spans() -> [Span] {
        var result: [Span] = []
        var stack: [Int] = []
        var carried = false  // the previous paragraph ended inside a quote
        var paragraphStart = 0
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .openQuote:
                if let open = stack.first, Document.startsNewQuote(tokens, at: i) {
                    // '… as far as rain is concerned. "In fact, …': a text without line breaks
                    // reopens the quote for the next paragraph; the open one ends here.
                    result.append(Span(open: open, close: i, continuesPrevious: false))
                    stack = [i]
                    continue
                }
                if token.has(Token.singleQuote), !stack.isEmpty, tokens[stack.last!].has(Token.singleQuote) == false {
                    stack.append(i)  // single marks nested in double ones
                } else if token.has(Token.singleQuote) && !(i + 1 < tokens.count && tokens[i + 1].kind == .word) {
                    continue
                } else {
                    stack.append(i)
                }
            case .closeQuote:
                if token.has(Token.singleQuote) {
                    guard let top = stack.last, tokens[top].has(Token.singleQuote) else { continue }
                }
                guard let open = stack.popLast() else {
                    // A close with no open: the quote began the paragraph, carried from the last.
                    if carried { result.append(Span(open: paragraphStart - 1, close: i, continuesPrevious: true)) }
                    carried = false
                    continue
                }
                if stack.isEmpty { result.append(Span(open: open, close: i, continuesPrevious: false)) }
            case .paragraph:
                if let open = stack.first {
                    result.append(Span(open: open, close: i, continuesPrevious: false))
                    carried = true
                } else {
                    carried = false
                }
                stack.removeAll()
                paragraphStart = i + 1
                if carried, i + 1 < tokens.count, tokens[i + 1].kind == .openQuote {
                    carried = false  // the usual style: the new paragraph reopens the quote
                    result[result.count - 1].close = i
                }
            default:
                break
            }
        }
        if let open = stack.first { result.append(Span(open: open, close: tokens.count, continuesPrevious: false)) }
        // A paragraph that reopens a quote left open continues it.
        for k in result.indices.dropFirst() where !result[k].continuesPrevious {
            let before = result[k - 1]
            if before.close < tokens.count, tokens[before.close].kind == .paragraph, result[k].open == before.close + 1 {
                result[k].continuesPrevious = true
            }
        }
        return result
    }

    /// The text between the marks, white space folded, a trailing `,` or `.` dropped.
    private func quoteText(_ content: Range<Int>) -> String? {
        let from = Int(tokens[content.lowerBound].start)
        let to = Int(tokens[content.upperBound - 1].end)
        guard from < to else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(to - from)
        var space = false
        for b in document.text[from..<to] {
            if b == 0x20 || b == 0x0A || b == 0x09 {
                space = true
            } else {
                if space, !bytes.isEmpty { bytes.append(0x20) }
                space = false
                bytes.append(b)
            }
        }
        while let last = bytes.last, last == 0x2C || last == 0x2E || last == 0x20 || last == 0x3A || last == 0x3B {
            if last == 0x2E, bytes.count >= 3, bytes[bytes.count - 2] == 0x2E { break }  // an ellipsis stays
            bytes.removeLast()
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Names and terms

    /// A quoted name, title or term rather than speech.
    private func isTerm(_ span: Span, words: Int) -> Bool {
        if span.continuesPrevious { return false }
        if isName(span, words: words) { return true }
        let content = (span.open + 1)..<span.close
        // Inside a noun phrase: "the “Freedom to Russia” Legion", "a 'letter'".
        if words <= 4 {
            let after = span.close + 1 < tokens.count ? tokens[span.close + 1] : nil
            let endsClause = content.last.map { tokens[$0].kind == .punctuation } ?? false
            if let after, after.isCapitalized, after.has(Token.spaceBefore), !endsClause { return true }
            if span.open > 0, tokens[span.open - 1].kind == .possessive { return true }
            // A short fragment counts only when the sentence attributes speech, or a verdict
            // ("denounced the war as a \"terrible\" waste", "complain he was \"lewd\"").
            let sentence = sentenceRange(of: span)
            return speechVerb(in: sentence) == nil && verdictSpeaker(before: span) == nil
        }
        return false
    }

    /// A quoted name or title: after a naming cue ("known as", "dubbed"), or in title case.
    private func isName(_ span: Span, words: Int) -> Bool {
        let content = (span.open + 1)..<span.close
        let before = document.previousWord(span.open)
        if let before, Lexicon.namingCues.contains(tokens[before].key) { return true }
        if let before, tokens[before].key == W.as, let cue = document.previousWord(before),
            tokens[cue].key == W.known || Lexicon.namingCues.contains(tokens[cue].key)
        {
            return true
        }
        // Title case: every word capitalised or a connector ("Freedom to Russia").
        let wordTokens = content.filter { tokens[$0].kind == .word }
        let capitalized = wordTokens.filter { tokens[$0].isCapitalized }.count
        if words <= 6, capitalized > 0,
            wordTokens.allSatisfy({ tokens[$0].isCapitalized || tokens[$0].length <= 3 }),
            !content.contains(where: { tokens[$0].isPunct(0x2C) || tokens[$0].isPunct(0x2E) })
        {
            return true
        }
        return false
    }

    // MARK: - Headlines

    /// The most words a headline has.
    static let headlineWords = 15

    /// The article's headline, when its text opens with one: a first paragraph
    /// that is one sentence of at most ``headlineWords`` words, ends in no full
    /// stop ("Blair 'pressing US on climate'") and has a body after it.
    private func headline() -> Range<Int>? {
        guard document.sentences.count > 1, let first = document.sentences.first,
            let paragraph = tokens.firstIndex(where: { $0.kind == .paragraph }),
            paragraph <= first.upperBound, paragraph > first.lowerBound
        else { return nil }
        let line = first.lowerBound..<paragraph
        let words = line.filter { tokens[$0].kind == .word || tokens[$0].kind == .number }.count
        guard words > 0, words <= Self.headlineWords,
            let last = line.last(where: { tokens[$0].kind != .closeQuote }), !tokens[last].isPunct(0x2E)
        else { return nil }
        return line
    }

    /// Whether `text` holds `words` as whole words, ASCII letters in any case.
    static func holdsWords(_ text: String, _ words: String) -> Bool {
        func folded(_ s: String) -> [UInt8] { s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        func isWordByte(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b >= 0x80 }
        let hay = folded(text), needle = folded(words)
        guard !needle.isEmpty, needle.count <= hay.count else { return false }
        for start in 0...(hay.count - needle.count) where start == 0 || !isWordByte(hay[start - 1]) {
            let end = start + needle.count
            if hay[start..<end].elementsEqual(needle), end == hay.count || !isWordByte(hay[end]) { return true }
        }
        return false
    }

    /// Quotes between plain single marks in `range` ("Blair 'up for it' ahead of
    /// poll"): a mark after a space that a word follows opens, one after a
    /// word that a space or the end follows closes. An apostrophe inside a word
    /// ("world's") is neither.
    private func singleQuoted(in range: Range<Int>) -> [Span] {
        var result: [Span] = []
        var open: Int?
        for i in range where tokens[i].isPunct(0x27) {
            let next = i + 1 < range.upperBound ? tokens[i + 1] : nil
            if open == nil, i == range.lowerBound || tokens[i].has(Token.spaceBefore), let next, next.isWord || next.kind == .number,
                !next.has(Token.spaceBefore)
            {
                open = i
            } else if let start = open, i > start + 1, !tokens[i].has(Token.spaceBefore),
                next == nil || next!.has(Token.spaceBefore) || next!.kind == .punctuation
            {
                result.append(Span(open: start, close: i, continuesPrevious: false))
                open = nil
            }
        }
        return result
    }

    /// Who a headline's quote (its words `content`) is from: the source given by
    /// the first sentence of the body (from `start`) that holds the quote's
    /// words ("Deutsche Boerse set to 'woo' LSE": "According to the FT, … to woo
    /// the London exchange"), else by the lead sentence ("…, Economics Minister
    /// Aburizal Bakrie has said"), else nobody: the person the headline names is
    /// often what the quote is about, not who said it.
    private func headlineSpeaker(_ content: Range<Int>, body start: Int) -> String? {
        let first = sentenceIndex(start)
        guard first >= 0 else { return nil }
        let keys = Set(content.filter { i in
            tokens[i].isWord && tokens[i].length >= 3 && !Lexicon.stopWords.contains(tokens[i].key)
                && !Lexicon.speechVerbs.contains(tokens[i].key)
        }.map { tokens[$0].key })
        if !keys.isEmpty, let restating = document.sentences[first...].first(where: { sentence in
            keys.isSubset(of: Set(sentence.lazy.filter { self.tokens[$0].isWord }.map { self.tokens[$0].key }))
        }), let who = sourceGiven(in: restating) {
            return who
        }
        return sourceGiven(in: document.sentences[first])
    }

    /// The source `sentence` names: "according to X", or a speech verb's subject ("X has said").
    private func sourceGiven(in sentence: Range<Int>) -> String? {
        let words = outsideQuotes(sentence)
        if let who = accordingTo(in: words, limit: sentence.upperBound) { return who }
        guard let verb = words.last(where: { isAttributingVerb($0) }) else { return nil }
        return subjectBefore(verb, limit: sentence.lowerBound)
    }

    // MARK: - Speakers

    /// The person at the front of the quote's sentence, named there before the quote as its
    /// subject: not as an owner ("Mr Sharon's hard words"), not of a passive verb ("Saqr ... was
    /// convicted of \"contacting the enemy\""). "Mr Sharon made a national address, accusing Mr
    /// Arafat of having \"chosen the path of terrorism\"" is Mr Sharon's fragment.
    private func frontSubject(before span: Span) -> String? {
        let s = sentenceIndex(span.open + 1)
        guard s >= 0, frontSubjectOfSentence[s] >= 0 else { return nil }
        let e = Int(frontSubjectOfSentence[s])
        let sentence = document.sentences[s]
        let before = outsideQuotes(sentence.lowerBound..<max(sentence.lowerBound, span.open))
        guard let named = before.first(where: { entities.person(atToken: $0) == e }) else { return nil }
        let end = entities.mentions[Int(entities.mentionOfToken[named])].range.upperBound
        guard end < tokens.count, tokens[end].kind != .possessive else { return nil }
        for (n, k) in before.enumerated() where k >= end && n + 1 < before.count {
            let next = tokens[before[n + 1]]
            if tokens[k].isLowercaseWord, Self.passiveAuxiliaries.contains(tokens[k].key), next.isLowercaseWord,
                document.word(before[n + 1], endsIn: "ed", keeping: 2) || Self.irregularParticiples.contains(next.key)
            {
                return nil
            }
        }
        return entities.entities[e].name
    }

    private static let passiveAuxiliaries = WordSet("was were been being is are be")
    private static let irregularParticiples = WordSet("told found held given taken seen known shown sent brought caught put made")

    /// How many sentences a run of quotes may span and still share the speaker of its first.
    static let quoteRunSentences = 2

    /// The sentence of token `index`, else of the nearest token after it that has one.
    private func sentenceIndex(_ index: Int) -> Int {
        var k = min(max(0, index), tokens.count - 1)
        while k < tokens.count - 1, document.sentenceOfToken[k] < 0 { k += 1 }
        return Int(document.sentenceOfToken[k])
    }

    /// The first person named outside quotes in the quote's sentence before it,
    /// when a colon opens the quote, else nil.
    private func personBeforeColon(_ span: Span) -> String? {
        guard span.open > 0, tokens[span.open - 1].isPunct(0x3A) else { return nil }
        let sentence = Int(document.sentenceOfToken[span.open - 1])
        guard sentence >= 0 else { return nil }
        for k in document.sentences[sentence].lowerBound..<span.open where !document.insideQuote[k] {
            if let e = entities.person(atToken: k) { return entities.entities[e].name }
        }
        return nil
    }

    /// The speaker that the sentence right before `sentence` introduces with a
    /// speech verb outside quotes ("X says …", "… , X said."), if any.
    private func speakerIntroduced(before sentence: Int) -> String? {
        let previous = sentence - 1
        guard previous >= 0, previous < document.sentences.count else { return nil }
        let range = document.sentences[previous]
        // Only sentences that quote nobody themselves: their speaker belongs to their own quote.
        guard !range.contains(where: { tokens[$0].kind == .openQuote && !tokens[$0].has(Token.singleQuote) }) else {
            return nil
        }
        if let verb = speechVerb(in: range), let subject = subjectBefore(verb, limit: range.lowerBound) {
            return subject
        }
        // "French Foreign Minister Hubert Vedrine accused Israel …": the sentence's subject,
        // never a name at its end ("… disagree with Vladimir Putin").
        let subject = frontSubjectOfSentence[previous]
        return subject >= 0 ? entities.entities[Int(subject)].name : nil
    }

    private func sentenceRange(of span: Span) -> Range<Int> {
        let s = Int(document.sentenceOfToken[max(0, min(span.open + 1, tokens.count - 1))])
        let e = span.close < tokens.count ? Int(document.sentenceOfToken[span.close]) : s
        let first = s >= 0 ? document.sentences[s].lowerBound : span.open
        let lastSentence = e >= 0 ? e : s
        let last = lastSentence >= 0 ? document.sentences[lastSentence].upperBound : span.close
        return first..<max(first, last)
    }

    /// Tokens of `range` outside any quote.
    private func outsideQuotes(_ range: Range<Int>) -> [Int] {
        var depth = 0
        var result: [Int] = []
        let lower = max(0, range.lowerBound)
        let upper = min(tokens.count, range.upperBound)
        guard lower < upper else { return [] }
        for i in lower..<upper {
            switch tokens[i].kind {
            case .openQuote where !tokens[i].has(Token.singleQuote): depth += 1
            case .closeQuote where !tokens[i].has(Token.singleQuote): depth = max(0, depth - 1)
            default: if depth == 0 { result.append(i) }
            }
        }
        return result
    }

    private func speechVerb(in range: Range<Int>) -> Int? {
        outsideQuotes(range).first { isAttributingVerb($0) }
    }

    /// A speech verb that attributes: not an infinitive ("to tell him"), not a
    /// noun ("the reports of killings", "his claims").
    private func isAttributingVerb(_ i: Int) -> Bool {
        guard tokens[i].isWord, Lexicon.speechVerbs.contains(tokens[i].key) else { return false }
        if let p = document.previousWord(i), i - p == 1, tokens[p].key == W.to || Self.determiners.contains(tokens[p].key) {
            return false
        }
        if i + 1 < tokens.count, tokens[i + 1].isLowercaseWord, tokens[i + 1].key == W.of { return false }
        return true
    }

    private static let determiners = WordSet("the a an these those his her their its our my your this that")

    /// Verbs of judging or reporting that make a short quoted fragment someone's words:
    /// "The cardinal denounced the war as a \"terrible\" waste", "..., saying they are a \"ludicrous improbability\"".
    private static let verdictVerbs = WordSet(
        """
        denounced condemned slammed criticised criticized praised hailed accused complained attacked dismissed
        rejected chanted branded
        denouncing condemning slamming criticising criticizing praising hailing accusing attacking dismissing branding
        saying claiming insisting warning arguing likened revealed indicated
        """)

    /// Who a verdict verb before the quote, in its sentence, has as its subject.
    private func verdictSpeaker(before span: Span) -> String? {
        let start = sentenceRange(of: span).lowerBound
        return verdictSpeaker(before: span, words: outsideQuotes(start..<max(start, span.open)), from: start)
    }

    /// Who the last verdict verb among `before` (the words of the quote's sentence, from `start`, before
    /// the quote and outside quotes) has as its subject, when that verb comes after token `floor`.
    private func verdictSpeaker(before span: Span, words before: [Int], from start: Int, after floor: Int = -1) -> String? {
        guard let verb = before.last(where: { tokens[$0].isLowercaseWord && Self.verdictVerbs.contains(tokens[$0].key) }),
            verb > floor
        else { return nil }
        // "was hailed by UN envoy Terje Roed-Larsen as \"a turning point\"": a passive's agent judges.
        if let auxiliary = document.previousWord(verb), Self.passiveAuxiliaries.contains(tokens[auxiliary].key) {
            guard let by = before.first(where: { $0 > verb && tokens[$0].isLowercaseWord && tokens[$0].key == W.by }),
                let person = before.lazy.filter({ $0 > by }).compactMap({ self.entities.person(atToken: $0) }).first
            else { return nil }
            return entities.entities[person].name
        }
        if let subject = subjectBefore(verb, limit: start) { return subject }
        // "Mr Ramenu walked out, denouncing the plan as a \"betrayal\"": the clause's subject is the sentence's.
        return document.word(verb, endsIn: "ing", keeping: 3) ? frontSubject(before: span) : nil
    }

    private func findSpeaker(_ span: Span) -> String?? {
        var sentence = sentenceRange(of: span)
        // The attribution may follow in the next sentence of the same paragraph ("…," he said.)
        if span.close < tokens.count, span.close + 1 >= sentence.upperBound,
            sentence.upperBound < tokens.count, tokens[sentence.upperBound].kind != .paragraph,
            speechVerb(in: sentence.lowerBound..<max(sentence.lowerBound, span.open)) == nil
        {
            let next = Int(document.sentenceOfToken[sentence.upperBound])
            if next >= 0, tokens[document.sentences[next].lowerBound].isLowercaseWord {
                sentence = sentence.lowerBound..<document.sentences[next].upperBound
            }
        }
        let after = outsideQuotes(min(span.close + 1, sentence.upperBound)..<sentence.upperBound)
        let before = outsideQuotes(sentence.lowerBound..<max(sentence.lowerBound, span.open))
        for region in [after, before] {
            if let who = accordingTo(in: region, limit: sentence.upperBound) { return .some(who) }
        }
        // The nearest speech verb after the quote, else before it.
        let verbAfter = after.first { isAttributingVerb($0) }
        let verbBefore = before.last { isAttributingVerb($0) }
        var order = [verbAfter, verbBefore].compactMap { $0 }
        if let a = verbAfter, let b = verbBefore, span.open - b < a - span.close { order.reverse() }
        // "An address, in which he said …, was hailed by X as \"a turning point\"": a verdict nearer the quote
        // than the speech verb before it judges the quote.
        if verbAfter == nil, let b = verbBefore,
            let who = verdictSpeaker(before: span, words: before, from: sentence.lowerBound, after: b)
        {
            return .some(who)
        }
        // "Mr Sharon's accusation that Mr Arafat was \"responsible ...\"": the owner of a word for what was
        // said, nearer the quote than any speech verb before it.
        if verbAfter == nil, let owner = speechNounOwner(among: before, after: verbBefore ?? -1) { return .some(owner) }
        for verb in order {
            let lowerLimit = verb == verbAfter ? span.close + 1 : sentence.lowerBound
            if let who = subjectBefore(verb, limit: lowerLimit) { return .some(who) }
            // "X told Channel Nine": who follows "told" is the listener, not the speaker.
            guard !Self.verbsWithListener.contains(tokens[verb].key) else { continue }
            if let who = subjectAfter(verb + 1, limit: sentence.upperBound) { return .some(who) }
        }
        if order.isEmpty, let who = verdictSpeaker(before: span) { return .some(who) }
        return nil
    }

    /// Whether "he" or "she" and a speech verb follow the quote's close (",\" he said").
    private func isPronounAttributed(_ span: Span) -> Bool {
        var k = span.close + 1
        if k < tokens.count, tokens[k].isPunct(0x2C) { k += 1 }
        guard k + 1 < tokens.count, tokens[k].isLowercaseWord, tokens[k].key == W.he || tokens[k].key == W.she else {
            return false
        }
        var verb = k + 1
        while verb < tokens.count, tokens[verb].isLowercaseWord, Self.wordsBeforeVerb.contains(tokens[verb].key) { verb += 1 }
        return verb < tokens.count && isAttributingVerb(verb)
    }

    /// Words for what someone said, whose owner said it: "Mr Sharon's accusation that ...".
    private static let speechNouns = WordSet("""
        accusation accusations claim claims warning warnings insistence assertion assertions allegation
        allegations charge remark remarks comment comments statement pledge promise vow denial admission
        """)

    /// The entity whose possessive stands before the last of ``speechNouns`` among `words` (the quote's
    /// sentence before it), after token `floor` and within ``speechNounReach`` tokens of the quote:
    /// "Mr Sharon's accusation that Mr Arafat was", "Blair's repeated claims that".
    private func speechNounOwner(among words: [Int], after floor: Int) -> String? {
        guard let last = words.last,
            let noun = words.last(where: { tokens[$0].isLowercaseWord && Self.speechNouns.contains(tokens[$0].key) }),
            noun > floor, last - noun < Self.speechNounReach
        else { return nil }
        var j = noun - 1
        while j > noun - 3, j > 0, tokens[j].isLowercaseWord { j -= 1 }  // "repeated", "latest"
        guard j >= 1, tokens[j].kind == .possessive, let e = entities.entity(atToken: j - 1) else { return nil }
        return entities.entities[e].name
    }

    /// How near the quote (in tokens) a speech noun must stand for its owner to have said it.
    static let speechNounReach = 12

    /// Who "according to X" among `region` (tokens outside quotes) names.
    private func accordingTo(in region: [Int], limit: Int) -> String? {
        for (k, i) in region.enumerated() where tokens[i].key == W.according {
            if k + 2 < region.count, tokens[region[k + 1]].key == W.to,
                let who = subjectAfter(region[k + 2], limit: limit)
            {
                return who
            }
        }
        return nil
    }

    /// Who stands right before the verb: a name, a pronoun, "X, a spokesman for Y," or a description.
    private func subjectBefore(_ verb: Int, limit: Int) -> String? {
        var k = verb - 1
        // Skip adverbs, auxiliaries and modals: "X also said", "X has said", "X would only say".
        while k >= limit, tokens[k].isLowercaseWord, Self.wordsBeforeVerb.contains(tokens[k].key) {
            k -= 1
        }
        guard k >= limit else { return nil }
        // "Euronext said any offer …, but added that:": a second verb of the same
        // subject has the subject of the first.
        if tokens[k].isLowercaseWord, tokens[k].key == W.and || tokens[k].key == W.but {
            let sentence = Int(document.sentenceOfToken[k])
            let start = sentence >= 0 ? max(limit, document.sentences[sentence].lowerBound) : limit
            guard let first = outsideQuotes(start..<k).first(where: { isAttributingVerb($0) }) else { return nil }
            return subjectBefore(first, limit: start)
        }
        // "… shared by Rooney, who believes": the person a relative pronoun follows.
        if tokens[k].isLowercaseWord, tokens[k].key == W.who, k - 2 >= limit, tokens[k - 1].isPunct(0x2C),
            let p = entities.person(atToken: k - 2)
        {
            return entities.entities[p].name
        }
        // "X, a spokesman for Y, said": step back over the apposition.
        if tokens[k].isPunct(0x2C) {
            var j = k - 1
            while j >= limit, !tokens[j].isPunct(0x2C), tokens[j].kind != .closeQuote { j -= 1 }
            // "Kenteris's lawyer, Gregory Ioannidis, said", "The Bishop of Durham, the Rt Rev
            // Dr Tom Wright, described": a person named between the commas, titles aside.
            if j >= limit, tokens[j].isPunct(0x2C), k - 1 > j, let p = entities.person(atToken: k - 1) {
                let name = entities.mentions[Int(entities.mentionOfToken[k - 1])].range
                if name.upperBound == k, ((j + 1)..<name.lowerBound).allSatisfy({ i in
                    tokens[i].isPunct(0x2E) || (tokens[i].isWord
                        && (tokens[i].key == W.the || Lexicon.personTitles.contains(tokens[i].key)))
                }) {
                    return entities.entities[p].name
                }
            }
            var end = j - 1
            if end > limit, tokens[end].isPunct(0x29) {  // "X (PUK), which …, claim"
                while end > limit, !tokens[end].isPunct(0x28) { end -= 1 }
                end -= 1
            }
            if j > limit, tokens[j].isPunct(0x2C), let e = entities.entity(atToken: end) {
                return entities.entities[e].name
            }
            // "one dealer, who asked not to be named, told Reuters": a description before a relative clause.
            if j > limit, tokens[j].isPunct(0x2C), tokens[j + 1].isLowercaseWord, tokens[j + 1].key == W.who {
                return description(endingAt: j - 1, limit: limit)
            }
            return nil
        }
        if let e = entities.entity(atToken: k) {
            // "a staff member at X College told": the name ends a longer description.
            var before = entities.mentions[Int(entities.mentionOfToken[k])].range.lowerBound - 1
            while before > limit, Lexicon.personTitles.contains(tokens[before].key) { before -= 1 }
            if before > limit, tokens[before].isLowercaseWord, Self.prepositions.contains(tokens[before].key) {
                // "Nabil Abu Rudeina, an adviser to Mr Arafat said": an apposition whose closing comma is missing.
                if let start = determiner(before: before - 1, limit: limit), start - 2 >= limit,
                    tokens[start - 1].isPunct(0x2C), let p = entities.person(atToken: start - 2)
                {
                    return entities.entities[p].name
                }
                if let described = description(endingAt: k, limit: limit) { return described }
            }
            return entities.entities[e].name
        }
        if tokens[k].isWord, Lexicon.pronounsPerson.contains(tokens[k].key) { return lastPerson(before: k) }
        if tokens[k].isWord, Lexicon.pronounsPlural.contains(tokens[k].key) { return nil }
        if let owned = ownedDescription(endingAt: k, limit: limit) { return owned }
        return description(endingAt: k, limit: limit)
    }

    /// "Mr Blair's spokesman", "Acme's chief executive": a speaker noun after
    /// a named entity's possessive, as the entity's full name and the words
    /// after it ("Tony Blair's spokesman").
    private func ownedDescription(endingAt k: Int, limit: Int) -> String? {
        guard tokens[k].isLowercaseWord, isSpeakerNoun(k) else { return nil }
        var j = k
        while j - 1 >= limit, j > k - 3, tokens[j - 1].isLowercaseWord { j -= 1 }
        guard j - 2 >= limit, tokens[j - 1].kind == .possessive, let e = entities.entity(atToken: j - 2) else { return nil }
        // "Mr Prettejohn, Lloyd's chief executive said": an apposition whose closing comma is missing.
        let owner = entities.mentions[Int(entities.mentionOfToken[j - 2])].range.lowerBound
        if owner - 2 >= limit, tokens[owner - 1].isPunct(0x2C), let p = entities.person(atToken: owner - 2) {
            return entities.entities[p].name
        }
        return entities.entities[e].name + "'s " + document.string(j..<(k + 1))
    }

    /// Who follows the verb: "said X", "said Mr X", "said the minister".
    private func subjectAfter(_ start: Int, limit: Int) -> String? {
        var k = start
        while k < limit, tokens[k].isWord, Lexicon.personTitles.contains(tokens[k].key) || tokens[k].isLowercaseWord,
            entities.entity(atToken: k) == nil, k - start < 4
        {
            if Lexicon.pronounsPerson.contains(tokens[k].key) { return lastPerson(before: k) }
            k += 1
        }
        guard k < limit else { return nil }
        // "said Culture Secretary Tessa Jowell": capitalised role words, then the person.
        if entities.entity(atToken: k) == nil, tokens[k].isCapitalized {
            var j = k
            while j < limit, j - k < 4, tokens[j].isCapitalized, entities.entity(atToken: j) == nil { j += 1 }
            if j < limit, j > k, let p = entities.person(atToken: j),
                (k..<j).contains(where: { Lexicon.personTitles.contains(tokens[$0].key) })
            {
                return entities.entities[p].name
            }
        }
        if let e = entities.entity(atToken: k) {
            // "said chief Palestinian negotiator Saeb Erakat", "said WTO spokesman Keith Rockwell",
            // "says Deutsche Bank's Simon Champion": a demonym, place or organisation that
            // qualifies a role before a person's name is not the speaker.
            if entities.entities[e].type != .person {
                let end = entities.mentions[Int(entities.mentionOfToken[k])].range.upperBound
                var j = end
                while j < limit, j - end <= 4, tokens[j].isWord || tokens[j].kind == .possessive {
                    if let p = entities.person(atToken: j), p != e {
                        return entities.entities[p].name
                    }
                    j += 1
                }
            }
            return entities.entities[e].name
        }
        if k > start, tokens[start].isLowercaseWord {
            return description(from: start, limit: limit)
        }
        return nil
    }

    private static let prepositions = WordSet("at in of from for with on to")
    /// Adverbs, auxiliaries and modals between a speaker and the speech verb: "X also said", "X has
    /// said", "a spokeswoman would only say".
    private static let wordsBeforeVerb = WordSet(
        "also has had have later then once reportedly would will could can may might should only simply just merely")
    /// Speech verbs whose object is the one spoken to.
    private static let verbsWithListener = WordSet("told tells tell warned warns urged urges asked asks")

    /// "the pope", "the minister": the person named with that title, when there is one.
    /// "the Opposition leader", "the Palestinian leader": the last word is the role.
    private func holder(of description: String) -> String {
        let words = description.split(separator: " ")
        guard words.count >= 2, words.count <= 4, words[0].lowercased() == "the", let role = words.last else {
            return description
        }
        let holders = holdersByTitle[WordKeys.key(String(role))] ?? []
        return holders.count == 1 ? entities.entities[holders[0]].name : description
    }

    /// The person a pronoun at `index` stands for: the first person named
    /// outside quotes earlier in its sentence (not one a quote or an opening
    /// clause stands between), else the subject of the nearest of the few
    /// sentences before that names one, else nobody.
    private func lastPerson(before index: Int) -> String? {
        let sentence = Int(document.sentenceOfToken[index])
        if sentence >= 0 {
            for k in document.sentences[sentence].lowerBound..<index where !document.insideQuote[k] {
                if let e = entities.person(atToken: k) {
                    // "Mr Blair has "the same passion …", he said": a person the quote talks
                    // about, before it, is not who "he" is; one who speaks before it is.
                    let quoteBetween = (k..<index).contains { tokens[$0].kind == .openQuote }
                    if quoteBetween, speakingSubject[sentence] != Int32(e) { break }
                    // "Asked if Mr Blunkett could return, he replied", "Commenting on Mr Makarov's case, he
                    // said": a person inside a clause that opens the sentence is not its subject.
                    let opening = document.sentences[sentence].first { tokens[$0].isWord }
                    if let opening, Self.clauseOpeners.contains(tokens[opening].key)
                        || document.word(opening, endsIn: "ing", keeping: 3) && entities.entity(atToken: opening) == nil,
                        (k..<index).contains(where: { tokens[$0].isPunct(0x2C) })
                    {
                        break
                    }
                    return entities.entities[e].name
                }
            }
            for previous in stride(from: sentence - 1, through: max(0, sentence - Self.antecedentSentences), by: -1)
            where subjectOfSentence[previous] >= 0 {
                return entities.entities[Int(subjectOfSentence[previous])].name
            }
        }
        return nil
    }

    /// Nouns a person's name can qualify ("the Putin regime").
    private static let qualifiedNouns = WordSet(
        "regime government administration era years camp campaign presidency premiership team family supporters loyalists")

    /// How many capitalised words may qualify a title after "the" ("the Lib Dem spokesman").
    static let longestTitleQualifier = 3
    /// Conjunctions that may open a sentence before its subject ("But the minister said").
    private static let openingConjunctions = WordSet("but and yet so")

    /// Words that open a subordinate clause at the start of a sentence.
    private static let clauseOpeners = WordSet("asked if when after although though while because as since unless once")

    /// How many sentences back a pronoun looks for a subject.
    static let antecedentSentences = 4

    /// "a government minister", "a staff member at Hillcrest Christian College", "a militant from the group".
    private func description(endingAt end: Int, limit: Int) -> String? {
        guard let start = determiner(before: end, limit: limit) else { return nil }
        // "a militant from the group": the description that a phrase after a preposition belongs to.
        if start - 1 > limit, tokens[start - 1].isLowercaseWord, Self.prepositions.contains(tokens[start - 1].key),
            let outer = determiner(before: start - 2, limit: max(limit, end - Self.longestDescription + 1)),
            outer < start - 1, let whole = speakerDescribed(outer..<(end + 1))
        {
            return whole
        }
        return speakerDescribed(start..<(end + 1))
    }

    /// The nearest determiner ("a", "an", "the", "one") at or before `end`, at `limit` or after and
    /// within ``longestDescription`` tokens, with no mark between.
    private func determiner(before end: Int, limit: Int) -> Int? {
        var k = end
        while k >= limit, end - k < Self.longestDescription {
            let t = tokens[k]
            if t.kind == .punctuation || t.kind == .closeQuote || t.kind == .openQuote { return nil }
            if t.isWord, t.key == W.a || t.key == W.an || t.key == W.the || t.key == W.one { return k }
            k -= 1
        }
        return nil
    }

    /// The most tokens a description that names a speaker may have.
    static let longestDescription = 12

    private func description(from start: Int, limit: Int) -> String? {
        let t = tokens[start]
        guard t.key == W.a || t.key == W.an || t.key == W.the else {
            return nil
        }
        var k = start + 1
        while k < limit, tokens[k].kind == .word, k - start < 8, !Lexicon.stopWords.contains(tokens[k].key) { k += 1 }
        return k > start + 1 ? speakerDescribed(start..<k) : nil
    }

    /// The speaker a description stands for: the entity it names ("the prime
    /// minister" when one person of the article holds that title, "the
    /// company" for the organisation named last), else the description itself
    /// when it reads as one ("a Defra spokesman"); nil for a piece of the
    /// sentence ("the government's first preference and").
    private func speakerDescribed(_ range: Range<Int>) -> String? {
        guard isDescription(range) else { return nil }
        let words = range.filter { tokens[$0].isWord }
        // "a BBC statement", "an agency statement": a document speaks for the body that issued it.
        if let head = words.last, Self.documentNouns.contains(tokens[head].key) {
            if let e = words.lazy.compactMap({ self.entities.entity(atToken: $0) })
                .first(where: { self.entities.entities[$0].type == .organization })
            {
                return entities.entities[e].name
            }
            if words.contains(where: { Self.organizationNouns.contains(tokens[$0].key) }),
                let organization = lastOrganization(before: range.lowerBound)
            {
                return organization
            }
        }
        if tokens[range.lowerBound].key == W.the, let head = words.last {
            if Self.organizationNouns.contains(tokens[head].key), words.count <= 3,
                let organization = lastOrganization(before: range.lowerBound)
            {
                return organization
            }
            if let person = titleHolder(Array(words.dropFirst()), before: range.lowerBound) { return person }
            // "the prime minister said", where the article never gives anyone that title: the person
            // the article is about, when one stands out.
            if Lexicon.personTitles.contains(tokens[head].key), words.count <= 3, let person = mainPerson(before: range.lowerBound) {
                return person
            }
        }
        return holder(of: document.string(range))
    }

    /// A noun phrase that can name who spoke: a determiner, then words that
    /// are neither verbs in the past nor conjunctions, ending in a noun.
    private func isDescription(_ range: Range<Int>) -> Bool {
        let words = range.filter { tokens[$0].isWord }
        guard words.count >= 2, words.count <= 12, let last = words.last else { return false }
        for w in words.dropFirst() where tokens[w].isLowercaseWord {
            let key = tokens[w].key
            if Lexicon.stopWords.contains(key), !Self.descriptionConnectors.contains(key) { return false }
        }
        let lastToken = tokens[last]
        guard lastToken.length >= 3, !Lexicon.stopWords.contains(lastToken.key) else { return false }
        // The noun it ends in names someone who can speak: "a Defra spokesman", "analysts",
        // "the company", "a staff member at Hillcrest College"; not "the anthrax attacks".
        // The head is the last word before a preposition ("member" of "a staff member at …").
        let body = words.dropFirst()
        let preposition = body.firstIndex { tokens[$0].isLowercaseWord && Self.descriptionConnectors.contains(tokens[$0].key) }
        let head = preposition.map { words[max(1, $0 - 1)] } ?? last
        return isSpeakerNoun(head)
    }

    /// A noun for someone who can speak: a title or role, an organisation, a
    /// member of one, a word for people, or an agent noun ("-er", "-ist", "-man").
    private func isSpeakerNoun(_ i: Int) -> Bool {
        let key = tokens[i].key
        if Lexicon.personTitles.contains(key) || Self.organizationNouns.contains(key)
            || Lexicon.organizationMembers.contains(key) || Lexicon.organizationHeads.contains(key)
            || Self.speakerNouns.contains(key)
        {
            return true
        }
        var text = document.string(i).lowercased()
        // A plural's singular: "stories" is "story", no agent "-or".
        if text.hasSuffix("ies") {
            text.removeLast(3)
            text += "y"
        } else if text.hasSuffix("s"), !text.hasSuffix("ss") {
            text.removeLast()
        }
        return Self.agentSuffixes.contains { text.hasSuffix($0) }
    }

    private static let agentSuffixes = ["er", "or", "ist", "ian", "man", "men", "woman", "women", "person", "ant", "ent"]
    /// Words for people and bodies that speak, beyond titles and organisations.
    private static let speakerNouns = WordSet(
        """
        official officials authorities police government source sources family families relative relatives
        witness witnesses resident residents people man woman men women expert experts critic critics
        campaigner campaigners statement report survey poll study colleague colleagues friend friends
        veteran veterans victim victims spokesperson activist activists militant militants student students
        """)

    /// The person whose titles include every role word given ("prime minister",
    /// "French president"): the only one, else the one named last before `index`.
    private func titleHolder(_ words: [Int], before index: Int) -> String? {
        let roles = words.map { tokens[$0].key }.filter { Lexicon.personTitles.contains($0) }
        guard !roles.isEmpty else { return nil }
        var holders = Self.holders(of: roles, byTitle: holdersByTitle, titles: titlesOfEntity)
        // "the French president": the qualifier picks among several presidents.
        let qualifiers = words.filter { tokens[$0].isCapitalized && !Lexicon.personTitles.contains(tokens[$0].key) }
            .map { tokens[$0].key }
        let qualified = holders.filter { e in qualifiers.allSatisfy { titlesOfEntity[e].contains($0) } }
        if !qualifiers.isEmpty, !qualified.isEmpty { holders = qualified }
        if holders.count == 1 { return entities.entities[holders[0]].name }
        guard holders.count > 1 else { return nil }
        return lastEntity(before: index) { holders.contains($0) }
    }

    /// The people who hold every one of `roles` (not empty): those holding the
    /// last, as `byTitle` lists them, whose `titles` hold the others too.
    private static func holders(of roles: [WordKey], byTitle: [WordKey: [Int]], titles: [Set<WordKey>]) -> [Int] {
        (byTitle[roles.last!] ?? []).filter { e in roles.allSatisfy { titles[e].contains($0) } }
    }

    /// The person the article is about: named before `index`, at least
    /// ``mainPersonMentions`` times, more often than anyone else, and given a
    /// title somewhere.
    private func mainPerson(before index: Int) -> String? {
        var counts: [Int: Int] = [:]
        for mention in entities.mentions where mention.entity >= 0 && mention.range.lowerBound < index
            && !document.insideQuote[mention.range.lowerBound] && entities.entities[mention.entity].type == .person
        {
            counts[mention.entity, default: 0] += 1
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        // Someone the article gives a title ("Mr Blair"): a work the model took for a person has none.
        guard let top = ranked.first, top.value >= Self.mainPersonMentions,
            ranked.count == 1 || ranked[1].value < top.value, !entities.entities[top.key].titles.isEmpty
        else { return nil }
        return entities.entities[top.key].name
    }

    /// How often the person an article is about is named before the description stands for them.
    static let mainPersonMentions = 2

    /// How many tokens back a description looks for the entity it stands for:
    /// a long article's worth, so that a text of many quotes stays linear.
    static let lookBack = 3000

    /// The organisation named last before `index`, outside quotes.
    private func lastOrganization(before index: Int) -> String? {
        lastEntity(before: index) { entities.entities[$0].type == .organization }
    }

    /// The name of the entity that `matches` and is named last before `index`,
    /// outside quotes, within ``lookBack`` tokens.
    private func lastEntity(before index: Int, where matches: (Int) -> Bool) -> String? {
        var k = index - 1
        while k >= max(0, index - Self.lookBack) {
            if !document.insideQuote[k], let e = entities.entity(atToken: k), matches(e) {
                return entities.entities[e].name
            }
            k -= 1
        }
        return nil
    }

    /// Documents that speak for whoever issued them ("a BBC statement").
    private static let documentNouns = WordSet("statement statements report letter release website communique")

    /// Words that may stand inside a description of a speaker ("a spokesman for the company").
    private static let descriptionConnectors = WordSet("of for at in on from with the a an")
    /// Nouns that stand for an organisation the article has named ("the company said").
    private static let organizationNouns = WordSet(
        "company firm group organisation organization agency bank exchange retailer carrier airline club party body union charity")
}
