/// One occurrence of a name in the body.
struct Mention {
    /// Token range of the name itself (titles and sentence-initial words removed).
    var range: Range<Int>
    var surface: String
    var type: EntityType
    /// How sure the rule that typed it is: 0 (a guess) to 3 (a gazetteer or a title).
    var strength: Int
    /// The name the mention is grouped under before aliases are joined
    /// (a gazetteer's canonical name, a demonym's adjective, else the surface).
    var canonical: String
    /// The entity it was resolved to, an index into ``EntitySet/entities``.
    var entity: Int = -1
}

/// Finds names in a document and types them.
///
/// A name is a run of capitalised words, with connectors ("of", "al-",
/// "bin"), initials, hyphens and slashes inside. The type comes from the
/// gazetteers, organisation head words, person titles and given names, and
/// from context (a place after "in" or before "region"); what no rule types
/// is `other`, so that a guess never counts as a person, place or organisation.
struct EntityRecognizer {
    let document: Document
    let gazetteer: Gazetteer

    func mentions() -> [Mention] {
        var result: [Mention] = []
        for sentence in document.sentences {
            for span in candidateSpans(in: sentence) {
                for part in refine(span) {
                    if let mention = classify(part.range, titled: part.titled) { result.append(mention) }
                }
            }
        }
        return result
    }

    // MARK: - Spans

    private var tokens: [Token] { document.tokens }

    private func isCalendarWord(_ t: Token) -> Bool {
        Lexicon.monthKeys[t.key] != nil || Lexicon.weekdayKeys[t.key] != nil
    }

    private func startsName(_ i: Int, _ end: Int) -> Bool {
        let t = tokens[i]
        if t.isCapitalized { return !isCalendarWord(t) }
        return t.isLowercaseWord && Lexicon.hyphenPrefixes.contains(t.key) && i + 2 < end
            && tokens[i + 1].isPunct(0x2D) && !tokens[i + 1].has(Token.spaceBefore) && tokens[i + 2].isCapitalized
    }

    private func candidateSpans(in sentence: Range<Int>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = sentence.lowerBound
        let end = sentence.upperBound
        while i < end {
            guard startsName(i, end) else {
                i += 1
                continue
            }
            var j = i + 1
            if tokens[i].isLowercaseWord { j = i + 3 }  // "al-Qaida"
            while j < end {
                let t = tokens[j]
                if t.isCapitalized && !isCalendarWord(t) {
                    j += 1
                } else if t.isLowercaseWord, j + 1 < end, Lexicon.nameConnectors.contains(t.key),
                    tokens[j + 1].isCapitalized, !isCalendarWord(tokens[j + 1])
                {
                    j += 2
                } else if t.isLowercaseWord, t.key == WordKeys.key("of"), j + 2 < end,
                    tokens[j + 1].key == WordKeys.key("the"), tokens[j + 2].isCapitalized
                {
                    j += 3
                } else if t.isLowercaseWord, Lexicon.hyphenPrefixes.contains(t.key), j + 2 < end,
                    tokens[j + 1].isPunct(0x2D), !tokens[j + 1].has(Token.spaceBefore), tokens[j + 2].isCapitalized
                {
                    j += 3
                } else if t.kind == .punctuation, !t.has(Token.dash), t.symbol == 0x2D || t.symbol == 0x2F || t.symbol == 0x26,
                    j + 1 < end, tokens[j + 1].isCapitalized,
                    t.symbol == 0x26 || (!t.has(Token.spaceBefore) && !tokens[j + 1].has(Token.spaceBefore))
                {
                    j += 2
                } else if t.isPunct(0x2E), !t.has(Token.spaceBefore), tokens[j - 1].length == 1,
                    tokens[j - 1].isCapitalized, j + 1 < end, tokens[j + 1].isCapitalized
                {
                    j += 2  // an initial: "George W. Bush"
                } else if t.kind == .possessive, j + 1 < end, tokens[j + 1].isCapitalized,
                    Lexicon.organizationHeads.contains(tokens[j + 1].key), j + 2 >= end || !tokens[j + 2].isCapitalized
                {
                    j += 2  // "Prosecutor General's Office"
                } else {
                    break
                }
            }
            spans.append(i..<j)
            i = j
        }
        return spans
    }

    // MARK: - Refining a span

    private struct Part {
        var range: Range<Int>
        var titled: Bool
    }

    private func isWordLike(_ i: Int) -> Bool { tokens[i].kind == .word }

    private func isConnector(_ i: Int) -> Bool {
        tokens[i].isLowercaseWord || tokens[i].kind == .punctuation || tokens[i].kind == .possessive
    }

    /// Drops sentence-initial common words, determiners and titles; splits a
    /// leading demonym ("Russian President Vladimir Putin") and place pairs ("Iraq-Iran").
    private func refine(_ span: Range<Int>) -> [Part] {
        var lo = span.lowerBound
        let hi = span.upperBound
        var parts: [Part] = []
        func skipConnectors() { while lo < hi, isConnector(lo) { lo += 1 } }

        // A sentence-initial word is part of a name only when it is one.
        if document.isSentenceInitial(lo), tokens[lo].isCapitalized {
            let key = tokens[lo].key
            let known =
                gazetteer.locations[key] != nil || gazetteer.demonyms[key] != nil || Lexicon.groupWords.contains(key)
                || gazetteer.firstNames.contains(key)
            let common =
                Lexicon.stopWords.contains(key) || document.lowercaseKeys.contains(key)
                || (hi - lo == 1 && !known && !seenCapitalizedElsewhere(lo))
            if common && !(known && !Lexicon.stopWords.contains(key)) {
                lo += 1
                skipConnectors()
            }
        }
        // "The Associated Press": the article is not part of the name.
        if lo < hi, tokens[lo].key == WordKeys.key("the") || tokens[lo].key == WordKeys.key("a") {
            lo += 1
        }
        while lo < hi {
            let key = tokens[lo].key
            let isGroup = gazetteer.demonyms[key] != nil || Lexicon.groupWords.contains(key)
            if isGroup, hi - lo > 1, !Lexicon.organizationHeads.contains(tokens[hi - 1].key), !isConnector(lo + 1) {
                parts.append(Part(range: lo..<(lo + 1), titled: false))
                lo += 1
                continue
            }
            break
        }
        // Titles: stripped when what follows is a name, kept when the span is an organisation.
        var titled = false
        if lo < hi, Lexicon.personTitles.contains(tokens[lo].key),
            !Lexicon.organizationHeads.contains(tokens[hi - 1].key)
        {
            var k = lo
            while k < hi, Lexicon.personTitles.contains(tokens[k].key) || tokens[k].isPunct(0x2E) { k += 1 }
            if k < hi, tokens[k].isLowercaseWord {
                // "Minister for Rehabilitation Jayalath Jayawardena": the portfolio ends where the name starts.
                var nameStart: Int?
                for m in (k + 1)..<hi where tokens[m].isCapitalized && gazetteer.firstNames.contains(tokens[m].key) {
                    nameStart = m
                    break
                }
                k = nameStart ?? max(k + 1, hi - 2)
            }
            if k >= hi { return parts }  // a title alone
            titled = true
            lo = k
            skipConnectors()
        }
        guard lo < hi else { return parts }
        // "Iraq-Iran border": two places joined by a hyphen.
        if let hyphen = (lo..<hi).first(where: { tokens[$0].isPunct(0x2D) }), hyphen > lo, hyphen + 1 < hi,
            gazetteer.locations[document.phraseKey(lo..<hyphen)] != nil,
            gazetteer.locations[document.phraseKey((hyphen + 1)..<hi)] != nil
        {
            parts.append(Part(range: lo..<hyphen, titled: false))
            parts.append(Part(range: (hyphen + 1)..<hi, titled: false))
            return parts
        }
        var end = hi
        while end > lo, isConnector(end - 1) { end -= 1 }
        if lo < end { parts.append(Part(range: lo..<end, titled: titled)) }
        return parts
    }

    private func seenCapitalizedElsewhere(_ index: Int) -> Bool {
        let key = tokens[index].key
        for (k, t) in tokens.enumerated() where k != index && t.key == key && t.isCapitalized {
            if !document.isSentenceInitial(k) { return true }
        }
        return false
    }

    // MARK: - Typing

    private func classify(_ range: Range<Int>, titled: Bool) -> Mention? {
        let count = range.count
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        let key = document.phraseKey(range)
        let surface = document.string(range)
        func mention(_ type: EntityType, _ strength: Int, _ canonical: String? = nil) -> Mention {
            Mention(range: range, surface: surface, type: type, strength: strength, canonical: canonical ?? surface)
        }
        if count == 1, first.isLowercaseWord { return nil }
        if count == 1, Lexicon.stopWords.contains(first.key) || Lexicon.personTitles.contains(first.key) {
            return nil
        }
        if let place = gazetteer.locations[key], !titled { return mention(.location, 3, place) }
        if count == 1, let demonym = gazetteer.demonyms[key] { return mention(.group, 3, demonym.adjective) }
        if count == 1, Lexicon.groupWords.contains(key) { return mention(.group, 3, surface) }
        if count == 1, first.has(Token.allCaps), Lexicon.organizationAcronyms.contains(key) {
            return mention(.organization, 3)
        }
        if Lexicon.organizationHeads.contains(last.key) && (count > 1 || isKnownSingleOrganization(last)) {
            return mention(.organization, 3)
        }
        if count > 2, Lexicon.organizationLeads.contains(first.key),
            range.contains(where: { tokens[$0].key == WordKeys.key("of") })
        {
            return mention(.organization, 3)
        }
        if titled { return mention(.person, 3) }
        let nameLike = range.allSatisfy { tokens[$0].isCapitalized && !tokens[$0].has(Token.allCaps) }
            || range.allSatisfy { tokens[$0].isCapitalized || tokens[$0].isPunct(0x2E) }
        if count >= 2, nameLike, gazetteer.firstNames.contains(first.key) { return mention(.person, 3) }
        if count >= 2, nameLike, gazetteer.surnames.contains(last.key) { return mention(.person, 2) }
        if count >= 2, count <= 3, nameLike { return mention(.person, 1) }
        if count == 1, first.has(Token.allCaps), first.length <= 6 { return mention(.organization, 2) }
        // Context: "the Donetsk region", "in Bakhmut".
        let after = range.upperBound < tokens.count ? tokens[range.upperBound] : nil
        if let after, after.isLowercaseWord, Lexicon.locationHeads.contains(after.key) {
            return mention(.location, 2)
        }
        if let previous = document.previousWord(range.lowerBound), tokens[previous].isLowercaseWord,
            Lexicon.locationPrepositions.contains(tokens[previous].key), count <= 2
        {
            return mention(.location, 1)
        }
        if count == 1, isNextToSpeechVerb(range) { return mention(.person, 1) }
        return mention(.other, 0)
    }

    private func isKnownSingleOrganization(_ token: Token) -> Bool {
        token.key == WordKeys.key("taliban") || token.key == WordKeys.key("reuters")
    }

    private func isNextToSpeechVerb(_ range: Range<Int>) -> Bool {
        if range.upperBound < tokens.count, tokens[range.upperBound].isWord,
            Lexicon.speechVerbs.contains(tokens[range.upperBound].key)
        {
            return true
        }
        if let previous = document.previousWord(range.lowerBound), range.lowerBound - previous == 1,
            Lexicon.speechVerbs.contains(tokens[previous].key)
        {
            return true
        }
        return false
    }
}
