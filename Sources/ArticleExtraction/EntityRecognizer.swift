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
    /// Keys of the title words before the name ("pope"), for "the pope said".
    var titles: [WordKey] = []
    /// The text itself says what the name is ("whose nom de guerre is Miami"): its type stands
    /// whatever the type model reads from the lists.
    var stated = false
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
                    if var mention = classify(part.range, titled: part.titled) {
                        mention.titles = part.titles
                        // "Palestinian leader Yasser Arafat": a role in lower case before the name.
                        if let before = document.previousWord(part.range.lowerBound), part.range.lowerBound - before == 1,
                            tokens[before].isLowercaseWord, Lexicon.personTitles.contains(tokens[before].key)
                        {
                            mention.titles.append(tokens[before].key)
                        }
                        result.append(mention)
                    }
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
        if t.isCapitalized { return !isCalendarWord(t) || isNewspaperWeekday(i, end) }
        return t.isLowercaseWord && Lexicon.hyphenPrefixes.contains(t.key) && i + 2 < end
            && tokens[i + 1].isPunct(0x2D) && !tokens[i + 1].has(Token.spaceBefore) && tokens[i + 2].isCapitalized
    }

    /// "Sunday Times", "Sunday Telegraph": a weekday that starts a newspaper's name.
    private func isNewspaperWeekday(_ i: Int, _ end: Int) -> Bool {
        Lexicon.weekdayKeys[tokens[i].key] != nil && i + 1 < end && tokens[i + 1].isCapitalized
            && Lexicon.newspaperTitleWords.contains(tokens[i + 1].key)
    }

    /// Endings of English words, which no syllable of a given name has here ("-linked", "-ist").
    private static let englishEndings = ["ed", "ing", "er", "ly", "ist", "ism", "ian"]

    /// Of those, the endings a Chinese given name's syllable has after one or two consonants ("Wai-ming", "Siu-tian").
    private static let syllableEndings = ["ing", "ian"]

    /// Whether token `index`, which ends in `ending`, has one or two consonants
    /// before it: the "ming", "ching" and "tian" of a Chinese given name, where
    /// an English word after a hyphen has a vowel before its ending ("-being", "-facing").
    private func isSyllableOfConsonants(_ index: Int, before ending: String) -> Bool {
        let t = tokens[index]
        let onset = t.length - ending.utf8.count
        guard onset >= 1, onset <= 2 else { return false }
        return document.text[Int(t.start)..<(Int(t.start) + onset)].allSatisfy { !"aeiouy".utf8.contains($0 | 0x20) }
    }

    /// Whether the hyphen at `j` joins the last word of the name started at
    /// `i` to a short lower-case syllable that ends a given name written the
    /// Korean or Chinese way ("Ban Ki-moon", "Lee Cheuk-yan"): the name has
    /// two words or more before it, and the syllable is no English ending or
    /// function word ("Al Qaeda-linked", "Kremlin-backed", "Blair-style").
    private func isHyphenatedGivenName(_ i: Int, _ j: Int, _ end: Int) -> Bool {
        guard j - i >= 2, j + 1 < end, document.isHyphenedSyllable(j + 1), tokens[j - 1].length <= 6,
            tokens[j - 2].isCapitalized
        else { return false }
        let syllable = tokens[j + 1]
        guard syllable.length <= 6, !Lexicon.stopWords.contains(syllable.key), !Lexicon.hyphenSuffixWords.contains(syllable.key)
        else { return false }
        if let ending = Self.englishEndings.first(where: { document.word(j + 1, endsIn: $0) }),
            !(Self.syllableEndings.contains(ending) && isSyllableOfConsonants(j + 1, before: ending))
        {
            return false
        }
        // What follows the syllable is no word of the name's own joined on: "Ki-moon" ends there.
        return j + 2 >= end || !(tokens[j + 2].isPunct(0x2D) && !tokens[j + 2].has(Token.spaceBefore))
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
                } else if t.isCapitalized, j - i <= 3, gazetteer.organizations[document.phraseKey(i..<(j + 1))] != nil {
                    j += 1  // "Sheffield Wednesday": a weekday or month inside a name the lists know
                } else if t.kind == .number, t.has(Token.spaceBefore), tokens[j - 1].isCapitalized,
                    Lexicon.numberedNameWords.contains(tokens[j - 1].key)
                {
                    j += 1  // "Radio 4", "BBC News 24"
                } else if t.isLowercaseWord, j + 1 < end, Lexicon.nameConnectors.contains(t.key),
                    tokens[j + 1].isCapitalized, !isCalendarWord(tokens[j + 1]),
                    t.key != W.for || !namesSomethingBeforeFor(i, j)
                {
                    j += 2
                } else if t.isLowercaseWord, t.key == W.of, j + 2 < end,
                    tokens[j + 1].key == W.the, tokens[j + 2].isCapitalized
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
                } else if t.isLowercaseWord, t.key == W.on, j + 1 < end, tokens[j + 1].key == W.sunday,
                    Lexicon.newspaperTitleWords.contains(tokens[j - 1].key)
                {
                    j += 2  // "Mail on Sunday", "Independent on Sunday"
                } else if t.isLowercaseWord, t.key == W.into, tokens[j - 1].isCapitalized, Lexicon.inquiryHeads.contains(tokens[j - 1].key),
                    let subject = [j + 1, j + 2].first(where: { $0 < end && tokens[$0].isCapitalized }),
                    subject == j + 1 || tokens[j + 1].key == W.the
                {
                    j = subject + 1  // "Royal Commission into HIH", "Royal Commission into the Building Industry"
                } else if t.isLowercaseWord, t.key == W.and, let joined = organizationAfterAnd(i, j, end) {
                    j = joined  // "Securities and Exchange Commission", "Department of Work and Pensions"
                } else if t.kind == .possessive, let joined = nameAfterPossessive(i, j, end) {
                    j = joined  // "Prosecutor General's Office", "Women's Tennis Association"
                } else if t.isPunct(0x2D), !t.has(Token.spaceBefore), j + 1 < end, tokens[j + 1].kind == .number,
                    !tokens[j + 1].has(Token.spaceBefore), tokens[j - 1].key == W.under
                {
                    j += 2  // "Wales Under-21"
                } else if isHyphenatedGivenName(i, j, end) {
                    j += 2  // "Ban Ki-moon", "Kim Jong-un", "Lee Cheuk-yan"
                } else {
                    break
                }
            }
            spans.append(i..<j)
            i = j
        }
        return spans
    }

    /// Where a name that goes on past the "and" at `and` ends, when it is one
    /// organisation's: the words after "and" end in an organisation's head word
    /// and those before are not a name of their own ("Australian Competition
    /// and Consumer Commission", not "Israel and Palestinian Authority"), or the
    /// name so far is a head word "of" something and one word follows
    /// ("Department of Work and Pensions"), or the lists know the whole name
    /// ("Ernst and Young"). Nil when the name stops at "and".
    private func organizationAfterAnd(_ start: Int, _ and: Int, _ end: Int) -> Int? {
        var k = and + 1
        while k < end, k - and <= 5, tokens[k].isCapitalized, !isCalendarWord(tokens[k]) { k += 1 }
        let after = and + 1..<k
        guard !after.isEmpty, k - and <= 5, k == end || !tokens[k].isCapitalized else { return nil }
        // "Ernst and Young", "Marks and Spencer": the lists know the whole as an organisation.
        if gazetteer.organizationKind(ofPhrase: document.phraseKey(start..<k), words: k - start) != nil { return k }
        guard !isListedName(after) else { return nil }
        let before = start..<and
        if before.count <= 3, before.allSatisfy({ tokens[$0].isCapitalized }),
            Lexicon.organizationHeads.contains(tokens[k - 1].key),
            !Lexicon.organizationHeads.contains(tokens[and - 1].key) || Lexicon.companyHeads.contains(tokens[and - 1].key)
        {
            let firstIsGivenName = gazetteer.firstNames.contains(tokens[start].key)
            let namesItself = isListedName(before)
                || (before.count == 1 && gazetteer.surnames.contains(tokens[start].key)) || (before.count > 1 && firstIsGivenName)
                || before.contains { tokens[$0].has(Token.allCaps) }
            return namesItself ? nil : k
        }
        if after.count == 1, before.count >= 3, !gazetteer.firstNames.contains(tokens[and + 1].key),
            before.dropLast().contains(where: { tokens[$0 + 1].key == W.of && Lexicon.organizationHeads.contains(tokens[$0].key) })
        {
            return k
        }
        return nil
    }

    /// Where a name that goes on past the possessive at `possessive` ends,
    /// when the possessive is inside one name: one to five capitalised words
    /// follow and end in an organisation's head word ("Prosecutor General's
    /// Office", "Barnard's Retail Consulting Group"), or the possessor is a
    /// plural such as "People's" or "Women's" ("People's Alliance Against
    /// Child Sexual Abuse"). Nil when the possessor is a plain name of two
    /// words or more (a person's: "Abu Nidal's") or names something the lists
    /// know, or the words after are a known name of their own ("Britain's
    /// Labour Party"): then the possessive ends the name.
    private func nameAfterPossessive(_ start: Int, _ possessive: Int, _ end: Int) -> Int? {
        var k = possessive + 1
        while k < end, k - possessive <= 6, tokens[k].isCapitalized, !isCalendarWord(tokens[k]) { k += 1 }
        let after = (possessive + 1)..<k
        guard !after.isEmpty, k - possessive <= 6, tokens[possessive - 1].isCapitalized else { return nil }
        if Lexicon.possessiveNameNouns.contains(tokens[possessive - 1].key) { return k }
        let before = start..<possessive
        if isListedName(before) || gazetteer.demonyms[document.phraseKey(before)] != nil
            || (before.count >= 2 && tokens[start].key != W.st && !before.contains(where: isHeadWord))
            || isListedName(after)
        {
            return nil
        }
        return Lexicon.organizationHeads.contains(tokens[k - 1].key) ? k : nil
    }

    /// Whether the words before a "for" at `forIndex` are a name of their own,
    /// so that "for" ends it: a person's ("Ferenc Horvath for Bahoken"), a
    /// known place's or organisation's, or one a place's player follows ("Rangers
    /// for Scotland captain"); not a body's ("Minister for Health", "Transport for London").
    private func namesSomethingBeforeFor(_ start: Int, _ forIndex: Int) -> Bool {
        if (start..<forIndex).contains(where: isHeadWord) { return false }
        if forIndex - start >= 2, gazetteer.firstNames.contains(tokens[start].key) { return true }
        // "a bid from Rangers for Scotland captain Barry Ferguson": a place after "for" whose
        // player or official comes next is the side someone plays for, no part of the name.
        let after = forIndex + 1
        if after + 1 < tokens.count, tokens[after + 1].isLowercaseWord, Lexicon.personTitles.contains(tokens[after + 1].key),
            gazetteer.locations[tokens[after].key] != nil
        {
            return true
        }
        // "Ferenc Horvath for Bahoken": two or three plain capitalised words, and after "for" one
        // word that ends the run and that the article names elsewhere too, as a person's surname.
        if (2...3).contains(forIndex - start), after + 1 >= tokens.count || !tokens[after + 1].isCapitalized,
            (document.midSentenceCapitalized[tokens[after].key] ?? 0) >= 2,
            (start..<forIndex).allSatisfy({ tokens[$0].isCapitalized && !Lexicon.personTitles.contains(tokens[$0].key) })
        {
            return true
        }
        return isListedName(start..<forIndex)
    }

    /// Whether the lists know `range` as a place or an organisation.
    private func isListedName(_ range: Range<Int>) -> Bool {
        let key = document.phraseKey(range)
        return gazetteer.locations[key] != nil || gazetteer.organizations[key] != nil
    }

    // MARK: - Refining a span

    private struct Part {
        var range: Range<Int>
        var titled: Bool
        /// Keys of the title words that stood before the name ("pope", "minister").
        var titles: [WordKey]
    }

    /// Group words that also name parties ("French Socialists").
    private static let ideologies = WordSet("socialist socialists communist communists")

    /// Whether token `i` reads as a nationality's adjective: a demonym the
    /// lists know, or a capitalised word ending as most do ("Bosnian",
    /// "Kosovan", "Congolese", "Iraqi").
    private func isNationalityAdjective(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.isCapitalized, !t.has(Token.allCaps) else { return false }
        if gazetteer.demonyms[t.key] != nil { return true }
        // "Jonathan Christians", "Ian Turk": a given name is no nationality.
        if gazetteer.firstNames.contains(t.key) || gazetteer.worldGivenNames.contains(t.key) { return false }
        return Self.nationalityEndings.contains { document.word(i, endsIn: $0, keeping: 3) }
    }

    /// How most nationalities' adjectives end ("Bosnian", "Congolese", "Iraqi").
    private static let nationalityEndings = ["an", "ese", "i"]

    /// A single word that is a place, a demonym or a group by itself.
    private func isKnownAlone(_ i: Int) -> Bool {
        let key = tokens[i].key
        return tokens[i].isCapitalized
            && (gazetteer.locations[key] != nil || gazetteer.demonyms[key] != nil || Lexicon.groupWords.contains(key))
    }

    private func isConnector(_ i: Int) -> Bool {
        tokens[i].isLowercaseWord || tokens[i].kind == .punctuation || tokens[i].kind == .possessive
    }

    /// Drops sentence-initial common words, determiners and titles; splits a
    /// leading demonym ("Russian President Vladimir Putin") and place pairs ("Iraq-Iran").
    private func refine(_ span: Range<Int>) -> [Part] {
        var lo = span.lowerBound
        var hi = span.upperBound
        var parts: [Part] = []
        // "Frank Field MP": a letter after the name is not part of it.
        if hi - lo >= 3, tokens[hi - 1].has(Token.allCaps), Lexicon.postNominals.contains(tokens[hi - 1].key) {
            hi -= 1
        }
        // "Washington D.C. Image: United States Navy": a caption's label after a name is not part of it.
        if hi - lo >= 2, hi < tokens.count, tokens[hi].isPunct(0x3A), Lexicon.captionLabels.contains(tokens[hi - 1].key) {
            hi -= 1
        }
        func skipConnectors() { while lo < hi, isConnector(lo) { lo += 1 } }

        // A sentence-initial word is part of a name only when it is one.
        if document.isSentenceInitial(lo), tokens[lo].isCapitalized {
            let key = tokens[lo].key
            let known =
                gazetteer.locations[key] != nil || gazetteer.demonyms[key] != nil || Lexicon.groupWords.contains(key)
                || gazetteer.firstNames.contains(key) || Lexicon.organizationAcronyms.contains(key)
                || ((gazetteer.organizations[key] != nil || (tokens[lo].has(Token.allCaps) && tokens[lo].length >= 2))
                    && !document.lowercaseKeys.contains(key))
            let common =
                Lexicon.stopWords.contains(key) || document.lowercaseKeys.contains(key)
                || (hi - lo == 1 && !known && !seenCapitalizedElsewhere(lo))
                || (hi - lo >= 2 && !known && isParticiple(lo))  // "Analysing Mr Brown", "Striking Latrobe Valley workers"
                // "Three FBI agents", "Hundreds of Tamil Tigers": a count, unless the article writes it capitalised mid-sentence too ("Three Gorges Dam").
                || (hi - lo >= 2 && isCountWord(lo) && !seenCapitalizedElsewhere(lo))
            let title = Lexicon.personTitles.contains(key) && hi - lo > 1
            if common && !title && !(known && !Lexicon.stopWords.contains(key)) {
                lo += 1
                skipConnectors()
            }
        }
        // "The Associated Press": the article is not part of the name.
        if lo < hi, tokens[lo].key == W.the || tokens[lo].key == W.a {
            lo += 1
        }
        // "Liberal Democrats", "General Motors": a name the lists know is not taken apart.
        if hi - lo > 1, hi - lo <= Self.longestName, gazetteer.organizationKind(ofPhrase: document.phraseKey(lo..<hi), words: hi - lo) != nil {
            return [Part(range: lo..<hi, titled: false, titles: [])]
        }
        // "Melbourne Christian school": words each known on their own are separate names.
        if hi - lo > 1, gazetteer.locations[document.phraseKey(lo..<hi)] == nil,
            (lo..<hi).allSatisfy({ isKnownAlone($0) })
        {
            return (lo..<hi).map { Part(range: $0..<($0 + 1), titled: false, titles: []) }
        }
        // "Russian President Vladimir Putin", "U.S. Defense Secretary Donald Rumsfeld": a
        // leading demonym or place before a title, a given name or another place stands alone.
        // "Ho Siu-ming" is a family name and a given name of syllables, whatever else "Ho" is.
        while lo < hi - 1, isKnownAlone(lo), !isConnector(lo + 1),
            !Lexicon.organizationHeads.contains(tokens[hi - 1].key),
            hi - lo != 4 || !isHyphenatedGivenName(lo, hi - 2, hi),
            gazetteer.locations[document.phraseKey(lo..<hi)] == nil  // "Western Australia" stays whole
        {
            let next = tokens[lo + 1].key
            // "Toronto Star", "Edmonton Sun": a place and a newspaper's word are the newspaper.
            if hi - lo == 2, Lexicon.newspaperTitleWords.contains(next) { break }
            // "Montenegrin Dejan Savicevic": a given name of the world's list too, with a surname after it.
            guard Lexicon.personTitles.contains(next) || gazetteer.firstNames.contains(next) || isKnownAlone(lo + 1)
                || (lo + 2 < hi && gazetteer.isWorldGivenName(next, in: document))
            else { break }
            parts.append(Part(range: lo..<(lo + 1), titled: false, titles: []))
            lo += 1
        }
        // "NASA Bill Ingalls", "FBI Director Robert Mueller": a well-known organisation's initials
        // before a title or a given name stand alone.
        if hi - lo >= 3, tokens[lo].has(Token.allCaps), Lexicon.organizationAcronyms.contains(tokens[lo].key),
            Lexicon.personTitles.contains(tokens[lo + 1].key) || gazetteer.firstNames.contains(tokens[lo + 1].key)
                || gazetteer.isWorldGivenName(tokens[lo + 1].key, in: document),
            !Lexicon.organizationHeads.contains(tokens[hi - 1].key), !isConnector(lo + 1)
        {
            parts.append(Part(range: lo..<(lo + 1), titled: false, titles: []))
            lo += 1
        }
        // "United Nations Middle East", "New South Wales Hunter Valley", "Taliban Afghan":
        // two names run together where the article dropped a word between them.
        if let split = runTogetherSplit(lo, hi) {
            parts.append(Part(range: lo..<split, titled: false, titles: []))
            parts.append(Part(range: split..<hi, titled: false, titles: []))
            return parts
        }
        // "Swede Kennet Andersson": a nationality before a name of two or more plain words.
        if hi - lo >= 3, isKnownAlone(lo), gazetteer.locations[tokens[lo].key] == nil,
            ((lo + 1)..<hi).allSatisfy({ tokens[$0].isCapitalized && !tokens[$0].has(Token.allCaps) && !isHeadWord($0) && !isKnownAlone($0) })
        {
            parts.append(Part(range: lo..<(lo + 1), titled: false, titles: []))
            lo += 1
        }
        // "Liberal Party President Shane Stone", "Police Minister David Llewellyn",
        // "Sydney Weather Bureau Ian Robertson": a person's name after a title or
        // an organisation's head word inside the span. The words before stand
        // alone when they name something (an organisation, a place); a portfolio
        // ("Police", "Foreign Affairs") is dropped with the title.
        if let split = innerPersonStart(lo, hi) {
            var titleStart = split
            while titleStart > lo,
                Lexicon.personTitles.contains(tokens[titleStart - 1].key) || tokens[titleStart - 1].key == W.of
                    || (titleStart - 2 >= lo && tokens[titleStart - 2].key == W.of)
            {
                titleStart -= 1
            }
            var firstTitle = (lo..<split).first { Lexicon.personTitles.contains(tokens[$0].key) } ?? split
            if firstTitle < titleStart { firstTitle = titleStart }
            var before = firstTitle
            while before > lo, isConnector(before - 1) { before -= 1 }
            // "CEO of the Refugee Council Enver Solomon": a title "of" the body before the name is the person's.
            var bodyStart = lo
            while bodyStart < before, Lexicon.personTitles.contains(tokens[bodyStart].key) { bodyStart += 1 }
            var leadingTitles: [WordKey] = []
            if bodyStart > lo, bodyStart + 1 < before, tokens[bodyStart].key == W.of {
                leadingTitles = (lo..<bodyStart).map { tokens[$0].key }
                bodyStart += tokens[bodyStart + 1].key == W.the ? 2 : 1
            } else {
                bodyStart = lo
            }
            if before > bodyStart, namesSomething(bodyStart..<before) {
                parts.append(Part(range: bodyStart..<before, titled: false, titles: []))
            }
            let titles = leadingTitles
                + (firstTitle..<split).filter { Lexicon.personTitles.contains(tokens[$0].key) }.map { tokens[$0].key }
            parts.append(Part(range: split..<hi, titled: !titles.isEmpty, titles: titles))
            return parts
        }
        // "Solomon Islands Prime Minister", "Federal Agriculture Minister": a span
        // that ends in a title names a role. What names something before the
        // role (the longest such prefix) stands alone; a portfolio is dropped.
        if hi - lo >= 2, hi - lo <= Self.longestName, Lexicon.personTitles.contains(tokens[hi - 1].key),
            tokens[hi - 1].isCapitalized, !isQualifiedBody(lo..<hi),
            !(lo..<hi).contains(where: { Lexicon.organizationHeads.contains(tokens[$0].key) }),
            !(lo..<hi).contains(where: { tokens[$0].key == W.of })
        {
            let firstTitle = (lo..<hi).first { Lexicon.personTitles.contains(tokens[$0].key) } ?? hi
            var end = firstTitle
            while end > lo, !namesSomething(lo..<end) { end -= 1 }
            if end > lo { parts.append(Part(range: lo..<end, titled: false, titles: [])) }
            return parts
        }
        // Titles: stripped when what follows is a name, kept when the span is an organisation
        // or a place named after someone ("Prince Edward Theatre", "King George Square").
        var titled = false
        var titles: [WordKey] = []
        // "Secretary of State": a title of a head word alone is still a title, not a place.
        // "Chairman of the Harbour Trust": a title of a body is stripped from the body's name.
        if lo < hi, Lexicon.personTitles.contains(tokens[lo].key),
            !Lexicon.organizationHeads.contains(tokens[hi - 1].key) || isTitleOfBody(lo, hi),
            hi - lo < 3 || !Lexicon.locationHeads.contains(tokens[hi - 1].key) || isGivenNameAndSurname((lo + 1)..<hi)
                || (hi - lo == 3 && tokens[lo + 1].key == W.of)
        {
            var k = lo
            while k < hi, Lexicon.personTitles.contains(tokens[k].key) || tokens[k].isPunct(0x2E) {
                if tokens[k].isWord { titles.append(tokens[k].key) }
                k += 1
            }
            if k + 1 < hi, tokens[k].key == W.of, gazetteer.locations[document.phraseKey((k + 1)..<hi)] != nil {
                // "Archbishop of Brisbane": a title of a place names the place, not a person.
                parts.append(Part(range: (k + 1)..<hi, titled: false, titles: []))
                return parts
            }
            if k < hi, tokens[k].isLowercaseWord {
                // "Minister for Rehabilitation Jayalath Jayawardena": the portfolio ends where the name starts.
                var nameStart: Int?
                for m in (k + 1)..<hi where tokens[m].isCapitalized && gazetteer.firstNames.contains(tokens[m].key) {
                    nameStart = m
                    break
                }
                // "Bishop of Tarlow", "Mayor of Velden": what a title is of, where no given name follows, is
                // no person; the place or body it names is typed as any other name.
                if nameStart == nil, tokens[k].key == W.of {
                    // ... without its article ("Chairman of the Australian Centre for ..."), unless it is a head
                    // word alone: "Secretary of State" names an office.
                    let body = k + 2 < hi && tokens[k + 1].key == W.the ? k + 2 : k + 1
                    if hi - body > 1 || !isHeadWord(body) { parts.append(Part(range: body..<hi, titled: false, titles: [])) }
                    return parts
                }
                // "Director of the FBI James Comey": what the title is of names something of its own.
                if let start = nameStart, start + 2 <= hi, tokens[k].key == W.of {
                    let body = k + 1 < start && tokens[k + 1].key == W.the ? k + 2 : k + 1
                    if body < start, namesSomething(body..<start) {
                        parts.append(Part(range: body..<start, titled: false, titles: []))
                    }
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
            parts.append(Part(range: lo..<hyphen, titled: false, titles: []))
            parts.append(Part(range: (hyphen + 1)..<hi, titled: false, titles: []))
            return parts
        }
        // "Ana Lopez of Leeds": a person's name, then the place (or organisation) they are of.
        // "Kofi Annan of Ghana" too: two or more plain capitalised words before "of" a known place.
        // "Amara Essy of the Ivory Coast": the place without its article.
        if let of = (lo..<hi).first(where: { tokens[$0].key == W.of && tokens[$0].isLowercaseWord }), of > lo,
            case let place = of + 1 < hi && tokens[of + 1].key == W.the ? of + 2 : of + 1, place < hi,
            titled || gazetteer.firstNames.contains(tokens[lo].key)
                || (of - lo >= 2 && (lo..<of).allSatisfy {
                    // "Kwong Chun-yu of the Democratic Party": a given name's syllables count with it.
                    (tokens[$0].isCapitalized && !isHeadWord($0)) || isInnerHyphen($0) || document.isHyphenedSyllable($0)
                }),
            !(lo..<of).contains(where: { Lexicon.organizationHeads.contains(tokens[$0].key) }),
            gazetteer.locations[document.phraseKey(place..<hi)] != nil
                // "Ana Lopez of the Green Party": the organisation they are of, known or by its head word.
                || gazetteer.organizationKind(ofPhrase: document.phraseKey(place..<hi), words: hi - place) != nil
                || (hi - place >= 2 && tokens[hi - 1].isCapitalized && Lexicon.organizationHeads.contains(tokens[hi - 1].key))
                // "Shane Bradford of Ballidu", "Nick Rhodes of Duran Duran": a given name and a surname, then
                // one to three words the lists do not know (a town, a band).
                || (of - lo == 2 && hi - of >= 2 && hi - of <= 4 && gazetteer.firstNames.contains(tokens[lo].key)
                    && gazetteer.surnames.contains(tokens[lo + 1].key) && !(lo..<hi).contains(where: isHeadWord))
                // "Wong Kwok-kin of the FTU": a family name and a given name of syllables, then one to four words.
                || (of - lo == 4 && hi - place <= 4 && isHyphenatedGivenName(lo, of - 2, of))
        {
            parts.append(Part(range: lo..<of, titled: titled, titles: titles))
            parts.append(Part(range: place..<hi, titled: false, titles: []))
            return parts
        }
        var end = hi
        while end > lo, isConnector(end - 1) || (end - lo > 1 && Lexicon.neverLastWords.contains(tokens[end - 1].key)),
            !isHyphenatedGivenName(lo, end - 2, end)
        {
            end -= 1
        }
        if lo < end { parts.append(Part(range: lo..<end, titled: titled, titles: titles)) }
        return parts
    }

    /// Where a person's name starts inside `lo..<hi`, after a title or an
    /// organisation's or place's head word: a given name followed by one or
    /// two more capitalised words that end the span ("CEO of the Refugee
    /// Council Enver Solomon").
    private func innerPersonStart(_ lo: Int, _ hi: Int) -> Int? {
        guard hi - lo >= 4 else { return nil }
        for m in max(lo + 2, hi - 5)..<(hi - 1) {
            let before = tokens[m - 1].key
            let nameTokens = m..<hi
            guard tokens[m].isCapitalized,
                nameTokens.allSatisfy({
                    tokens[$0].isCapitalized || tokens[$0].isPunct(0x2E) || isInnerHyphen($0) || document.isHyphenedSyllable($0)
                })
            else { continue }
            let words = nameTokens.filter(document.isNameWord)
            // A given name of the census list, or of the world's with a surname after it ("Enver Solomon").
            let givenNameFirst = gazetteer.firstNames.contains(tokens[m].key)
                || (words.count >= 2 && gazetteer.isWorldGivenName(tokens[m].key, in: document))
            if givenNameFirst,
                Lexicon.personTitles.contains(before) || Lexicon.organizationHeads.contains(before)
                    || Lexicon.locationHeads.contains(before),
                words.count <= 3
            {
                return m
            }
            // Two or three words, none a head word or a name known alone.
            guard words.count >= 2, words.count <= 3, words.allSatisfy({ !isHeadWord($0) && !isKnownAlone($0) })
            else { continue }
            // "the envoy to the United Kingdom Mary Grant", "a student at University of Texas Arlington
            // Amneh Jafari": after a place the lists know, a known given name, or a surname the article
            // uses alone elsewhere ("Jafari said").
            if givenNameFirst || (document.standaloneCapitalized[tokens[hi - 1].key] ?? 0) > 0,
                isKnownAlone(m - 1) || gazetteer.locations[document.phraseKey(lo..<m)] != nil
            {
                return m
            }
            // "Welfare Minister Alwi Shihab", "ECB President Jean-Claude Trichet": after a
            // capitalised role, two or three plain words are a name, known or not.
            if tokens[m - 1].isCapitalized, Lexicon.personRoles.contains(before) {
                return m
            }
        }
        return nil
    }

    /// A hyphen inside a word ("Jean-Claude"), not a dash between words.
    private func isInnerHyphen(_ i: Int) -> Bool {
        tokens[i].isPunct(0x2D) && !tokens[i].has(Token.spaceBefore) && i + 1 < tokens.count
            && !tokens[i + 1].has(Token.spaceBefore)
    }

    /// The most tokens the splitting rules look inside: a longer capitalised run
    /// (a headline, a list) is not one name, and trying every split point of it
    /// would cost the square of its length.
    static let longestName = 10

    /// Whether `lo..<hi` is one or more titles, then "of" and a body of two or
    /// more tokens ("Chairman of the Harbour Trust", "Governor of the Reserve Bank").
    private func isTitleOfBody(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        while k < hi, Lexicon.personTitles.contains(tokens[k].key) { k += 1 }
        return k > lo && k + 2 < hi && tokens[k].key == W.of && tokens[k].isLowercaseWord
    }

    /// Whether token `i` is a word that heads an organisation's, a place's or an event's name.
    private func isHeadWord(_ i: Int) -> Bool {
        let key = tokens[i].key
        return Lexicon.organizationHeads.contains(key) || Lexicon.locationHeads.contains(key)
            || Lexicon.eventHeads.contains(key) || Lexicon.personTitles.contains(key)
    }

    /// Where a second name starts inside `lo..<hi`: the words before it name
    /// something on their own (a known place, an organisation by its head word,
    /// a known acronym) and so do the words from it (a known place of two or
    /// more words, a place by its head word, a demonym or group word alone).
    private func runTogetherSplit(_ lo: Int, _ hi: Int) -> Int? {
        guard hi - lo >= 2, hi - lo <= Self.longestName, gazetteer.locations[document.phraseKey(lo..<hi)] == nil,
            !(lo..<hi).contains(where: { tokens[$0].isLowercaseWord || tokens[$0].kind == .punctuation })
        else { return nil }
        for m in (lo + 1)..<hi {
            let prefix = lo..<m
            let suffix = m..<hi
            let prefixKey = document.phraseKey(prefix)
            let prefixNames = gazetteer.locations[prefixKey] != nil
                || (prefix.count > 1 && Lexicon.organizationHeads.contains(tokens[m - 1].key))
                || (prefix.count == 1 && isKnownSingleOrganization(tokens[lo]))
            guard prefixNames else { continue }
            let suffixKey = document.phraseKey(suffix)
            let suffixNames = (suffix.count > 1 && gazetteer.locations[suffixKey] != nil)
                || (suffix.count > 1 && Lexicon.locationHeads.contains(tokens[hi - 1].key)
                    && gazetteer.locations[prefixKey] != nil)
                || (suffix.count == 1 && (gazetteer.demonyms[suffixKey] != nil || Lexicon.groupWords.contains(suffixKey)))
            if suffixNames { return m }
        }
        return nil
    }

    /// Whether the words before an inner name are a name themselves: a known
    /// place, a demonym, an acronym or an organisation with its head word.
    private func namesSomething(_ range: Range<Int>) -> Bool {
        let key = document.phraseKey(range)
        if gazetteer.locations[key] != nil || gazetteer.demonyms[key] != nil { return true }
        if range.count == 1, isKnownAlone(range.lowerBound) { return true }
        if range.count == 1, tokens[range.lowerBound].has(Token.allCaps) { return true }
        // A head word alone ("Police", "Government") is a common noun, not a name.
        return range.count > 1
            && (range.contains { tokens[$0].isCapitalized && Lexicon.organizationHeads.contains(tokens[$0].key) }
                || Lexicon.locationHeads.contains(tokens[range.upperBound - 1].key))
    }

    /// Whether `range` is a qualifier and a title word that names a body
    /// after it (``Lexicon/qualifiedBodyWords``): "Federal Opposition".
    private func isQualifiedBody(_ range: Range<Int>) -> Bool {
        range.count >= 2 && Lexicon.qualifiedBodyWords.contains(tokens[range.upperBound - 1].key)
            && tokens[range.upperBound - 2].isCapitalized && !Lexicon.personTitles.contains(tokens[range.upperBound - 2].key)
    }

    /// Whether `range` is two words, a given name and one of the place's head
    /// words that are common surnames too (``Lexicon/surnameLocationHeads``):
    /// "Ellen Park", "Ricki Lake", "Geoff Marsh". "Hunter Valley" is a place,
    /// and so is a world given name's after "in" ("in Romney Marsh").
    private func isGivenNameAndSurname(_ range: Range<Int>) -> Bool {
        let given = tokens[range.lowerBound].key
        return range.count == 2
            && (gazetteer.firstNames.contains(given)
                || (gazetteer.isWorldGivenName(given, in: document) && !isAfterPlacePreposition(range.lowerBound, strictly: true)))
            && Lexicon.surnameLocationHeads.contains(tokens[range.upperBound - 1].key)
    }

    /// Whether `range` (phrase key `key`) is a name the club list knows, in an
    /// article about sport, with sport's words anywhere in its sentence ("the
    /// striker ... may return in the tie at Everton") or another club the list
    /// knows ("spells at Arsenal, Real Madrid and Paris St Germain"), and not
    /// after "in" or "near" ("the first Test in Adelaide" is the town).
    private func isClubInSport(_ range: Range<Int>, key: WordKey) -> Bool {
        guard isKnownClub(range, key: key), document.articleTopic == .sport,
            !isAfterPlacePreposition(range.lowerBound, strictly: true)
        else { return false }
        return sentenceHasSportWords(range) || sentenceNamesAnotherClub(besides: range)
    }

    /// Whether the club list knows the name `range` (its phrase key `key`).
    private func isKnownClub(_ range: Range<Int>, key: WordKey) -> Bool {
        gazetteer.organizationKind(ofPhrase: key, words: range.count).map { $0 & Gazetteer.OrganizationKind.club != 0 }
            ?? false
    }

    /// Whether sport's words stand anywhere in the sentence of `range`.
    private func sentenceHasSportWords(_ range: Range<Int>) -> Bool {
        document.topicsAround(range, window: Document.wholeSentence) & (1 << Lexicon.Topic.sport.rawValue) != 0
    }

    /// Whether `range`, a place's name (or a club's) not after "in" or "near", in a sentence with sport's
    /// words in an article about sport, is used as a team: a match or a result before it ("against
    /// Wales", "defeat to Scotland"), the team's people, kit or a plural verb after it ("England
    /// captain", "Wales are"), or a possessive and a team's thing ("France's squad").
    private func isPlaceAsTeam(_ range: Range<Int>, key: WordKey) -> Bool {
        guard gazetteer.locations[key] != nil || isKnownClub(range, key: key), document.articleTopic == .sport,
            sentenceHasSportWords(range), !isAfterPlacePreposition(range.lowerBound, strictly: true)
        else { return false }
        let lo = range.lowerBound
        let hi = range.upperBound
        if lo > 0, tokens[lo - 1].isLowercaseWord {
            let before = tokens[lo - 1].key
            if Lexicon.teamCuesBefore.contains(before) { return true }
            if lo > 1, tokens[lo - 2].isLowercaseWord, Lexicon.teamResultLinks.contains(before),
                Lexicon.teamResultNouns.contains(tokens[lo - 2].key)
            {
                return true
            }
        }
        guard hi < tokens.count else { return false }
        if tokens[hi].isLowercaseWord, Lexicon.teamCuesAfter.contains(tokens[hi].key) { return true }
        return tokens[hi].kind == .possessive && hi + 1 < tokens.count && tokens[hi + 1].isLowercaseWord
            && Lexicon.teamPossessions.contains(tokens[hi + 1].key)
    }

    /// Whether the sentence of `range` names, outside it, a club the list
    /// knows by a name of one to three capitalised words, not after "in" or "near".
    private func sentenceNamesAnotherClub(besides range: Range<Int>) -> Bool {
        let sentence = document.sentences[Int(document.sentenceOfToken[range.lowerBound])]
        for start in sentence
        where !range.contains(start) && tokens[start].isCapitalized && !isAfterPlacePreposition(start, strictly: true) {
            var end = start
            while end < sentence.upperBound, end - start < 3, tokens[end].isCapitalized, !range.contains(end) {
                end += 1
                if let kind = gazetteer.organizationKind(ofPhrase: document.phraseKey(start..<end), words: end - start),
                    kind & Gazetteer.OrganizationKind.club != 0
                {
                    return true
                }
            }
        }
        return false
    }

    /// Whether the word before `index` is a place's preposition ("in", "near", "from"); `strictly`,
    /// one that comes before places only ("in", "near", not "from" or "at").
    private func isAfterPlacePreposition(_ index: Int, strictly: Bool = false) -> Bool {
        guard let previous = document.previousWord(index), tokens[previous].isLowercaseWord else { return false }
        let key = tokens[previous].key
        return Lexicon.locationPrepositions.contains(key) && (!strictly || (key != W.from && key != W.at))
    }

    /// "Miami Dolphins", "Newcastle Falcons", "Kansas City Royals": a place, then
    /// a capitalised plural that is no place, people or place's head word, names a team.
    private func isPlaceThenTeamName(_ range: Range<Int>, titled: Bool) -> Bool {
        let last = range.upperBound - 1
        let plural = tokens[last]
        guard range.count >= 2, !titled, plural.isCapitalized, !plural.has(Token.allCaps), plural.length >= 4,
            document.text[Int(plural.end) - 1] == UInt8(ascii: "s"), gazetteer.locations[plural.key] == nil,
            gazetteer.demonyms[plural.key] == nil, !Lexicon.locationHeads.contains(plural.key),
            !Lexicon.groupWords.contains(plural.key), !gazetteer.firstNames.contains(tokens[range.lowerBound].key)
        else { return false }
        return gazetteer.locations[document.phraseKey(range.lowerBound..<last)] != nil
    }

    /// Whether the word at `index` reads as a verb's "-ing" form: six letters
    /// or more ending in "ing", and no surname the lists know ("Fleming").
    private func isParticiple(_ index: Int) -> Bool {
        !gazetteer.surnames.contains(tokens[index].key) && document.word(index, endsIn: "ing", keeping: 3)
    }

    /// A number word ("Three", "Twenty") or a multiplier ("Hundreds", "Dozens").
    private func isCountWord(_ index: Int) -> Bool {
        Lexicon.smallNumbers[tokens[index].key] != nil || Lexicon.multipliers[tokens[index].key] != nil
    }

    private func seenCapitalizedElsewhere(_ index: Int) -> Bool {
        (document.midSentenceCapitalized[tokens[index].key] ?? 0) > (document.isSentenceInitial(index) ? 0 : 1)
    }

    // MARK: - Typing

    private func classify(_ range: Range<Int>, titled: Bool) -> Mention? {
        let count = range.count
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        let key = document.phraseKey(range)
        let surface = document.string(range)
        func mention(_ type: EntityType, _ strength: Int, _ canonical: String? = nil, stated: Bool = false) -> Mention {
            Mention(range: range, surface: surface, type: type, strength: strength, canonical: canonical ?? surface,
                stated: stated)
        }
        if count == 1, first.isLowercaseWord { return nil }
        if count == 1, !first.has(Token.allCaps),
            Lexicon.stopWords.contains(first.key) || Lexicon.personTitles.contains(first.key)
        {
            return nil
        }
        // "MPs", "DVDs", "CSOs": the plural of an abbreviation is a common noun.
        if count == 1, surface.utf8.count >= 3, surface.utf8.last == UInt8(ascii: "s"),
            surface.utf8.dropLast().allSatisfy({ $0 >= 65 && $0 <= 90 })
        {
            return nil
        }
        if count == 1, Lexicon.partyWords.contains(key) { return mention(.organization, 3, surface) }  // "Labour", "the Tories"
        if count == 1, Lexicon.groupWords.contains(key) { return mention(.group, 3, surface) }
        // "the drama Maria Full of Grace", "the musical Billy Elliot": a work's title, not a person.
        if let previous = wordRightBefore(range.lowerBound), tokens[previous].isLowercaseWord,
            Lexicon.titleNouns.contains(tokens[previous].key)
        {
            return mention(.other, 3, stated: true)
        }
        // "defeat to Wales", "England captain", "Wales are hopeful": in a sports story a place the
        // words around make a team is the team, which the type model does not retype to the place.
        if !titled, count <= 3, isPlaceAsTeam(range, key: key) { return mention(.organization, 3, stated: true) }
        // "Chelsea's equaliser", "the win at Blackburn": a name the club list knows, in a sports
        // article with sport's words around it, is the club, not its town or a person.
        if !titled, isClubInSport(range, key: key) { return mention(.organization, 3) }
        // "whose nom de guerre is Miami", "identified only as Tony": the name a person goes by.
        if count <= 2, isAfterPseudonymCue(range.lowerBound) { return mention(.person, 3, stated: true) }
        if let place = gazetteer.locations[key], !titled { return mention(.location, 3, place) }
        if count == 1, let demonym = gazetteer.demonyms[key] { return mention(.group, 3, demonym.adjective) }
        // "Toronto Star", "Edmonton Sun": a place and a newspaper's word name the newspaper.
        if count == 2, gazetteer.locations[first.key] != nil, Lexicon.newspaperTitleWords.contains(last.key) {
            return mention(.organization, 3)
        }
        // "Southern African", "West Africans": a direction before a nationality.
        if count == 2, Lexicon.directions.contains(first.key), gazetteer.demonyms[last.key] != nil { return mention(.group, 3) }
        // "Bosnian Serbs", "Iraqi Kurds": a nationality's adjective before a people.
        // Not a party: "Australian Democrats", "French Socialists".
        if count == 2, Lexicon.groupWords.contains(last.key), !Lexicon.partyWords.contains(last.key),
            !Self.ideologies.contains(last.key), isNationalityAdjective(range.lowerBound)
        {
            return mention(.group, 3)
        }
        // "Christmas", "Easter Sunday", "Christmas Eve Mass": a feast names a time or an event, not a person.
        if Lexicon.feastWords.contains(first.key) { return mention(.other, 3) }
        // "Eastern Europe", "South Lebanon": a direction before a place.
        if count >= 2, Lexicon.directions.contains(first.key),
            gazetteer.locations[document.phraseKey((range.lowerBound + 1)..<range.upperBound)] != nil
        {
            return mention(.location, 3)
        }
        // "NATO", and "Nato", "Uefa", "Ofsted" as British news writes the longer ones.
        if count == 1, first.has(Token.allCaps) || (first.isCapitalized && first.length >= 4),
            Lexicon.organizationAcronyms.contains(key)
        {
            return mention(.organization, 3)
        }
        // "Manchester City", "Sony Ericsson": a name of two or more words the organisation lists know.
        if count >= 2, !titled, gazetteer.organizationKind(ofPhrase: key, words: count) != nil {
            return mention(.organization, 3)
        }
        let words = range.filter(document.isNameWord)
        // "Guardian First Book Award", "Detroit Motor Show": an event's head word ends the name,
        // whatever organisation's word is inside it.
        if Lexicon.eventHeads.contains(last.key), count > 1, !Lexicon.organizationHeads.contains(last.key) {
            return mention(.other, 2)
        }
        if isQualifiedBody(range) { return mention(.organization, 2) }
        // "Woomera Detention Centre", "Kennedy Space Center": a building's head word ends the name.
        if count >= 2, last.isCapitalized, Lexicon.buildingHeads.contains(last.key), !isGivenNameAndSurname(range) {
            return mention(.location, 3)
        }
        if count > 1, words.contains(where: { tokens[$0].isCapitalized && Lexicon.organizationHeads.contains(tokens[$0].key) }) {
            return mention(.organization, 3)
        }
        if isPlaceThenTeamName(range, titled: titled) { return mention(.organization, 3) }
        if count == 1, Lexicon.organizationHeads.contains(first.key) {
            // "the Guardian", "the Senate": a capitalised institution after "the".
            if isKnownSingleOrganization(first) { return mention(.organization, 3) }
            if let previous = wordRightBefore(range.lowerBound), tokens[previous].key == W.the {
                // "The Times", "The Observer": a capital "The" inside a sentence is part of a title.
                if tokens[previous].isCapitalized, !document.isSentenceInitial(previous) { return mention(.organization, 3) }
                if !document.lowercaseKeys.contains(first.key) { return mention(.organization, 2) }
            }
            return mention(.other, 0)
        }
        // "Meet The Fockers", "Lost In Translation": a capitalised function word inside names a work, not a person.
        if count > 2, words.dropFirst().contains(where: {
            tokens[$0].isCapitalized && Lexicon.stopWords.contains(tokens[$0].key) && !Lexicon.nameConnectors.contains(tokens[$0].key)
        }) {
            return mention(.other, 2)
        }
        if titled { return mention(.person, 3) }
        // "Hunter Valley", "Blue Mountains": a place's head word ends the name.
        if count >= 2, last.isCapitalized, Lexicon.locationHeads.contains(last.key), !isGivenNameAndSurname(range) {
            return mention(.location, 3)
        }
        // "Port Augusta", "Mt Gambier", "Lake Bonney": a place's first word.
        if count >= 2, Lexicon.locationPrefixes.contains(first.key), !words.contains(where: isHeadWord) {
            return mention(.location, 3)
        }
        let nameLike = words.allSatisfy { tokens[$0].isCapitalized && !tokens[$0].has(Token.allCaps)
                || Lexicon.nameConnectors.contains(tokens[$0].key) || tokens[$0].length == 1 }
            && tokens[range.lowerBound].isCapitalized
        let containsKnown = words.contains { isKnownAlone($0) }
        if count >= 2, nameLike, !containsKnown, gazetteer.firstNames.contains(first.key) { return mention(.person, 3) }
        // "Ban Ki-moon", "Lee Cheuk-yan": a given name of syllables joined by a hyphen, the family name
        // first; the family name may be a place's too ("Ho Siu-ming").
        if count >= 4, nameLike, !words.dropFirst().contains(where: { isKnownAlone($0) }), isHyphenatedGivenName(range.lowerBound, range.upperBound - 2, range.upperBound) {
            return mention(.person, 2)
        }
        let quoted = isInsideQuote(range.lowerBound)
        if count >= 2, nameLike, !containsKnown, !quoted, gazetteer.surnames.contains(last.key) {
            return mention(.person, 2)
        }
        if count >= 2, count <= 4, nameLike, !containsKnown, !quoted, hasPersonContext(range) {
            return mention(.person, 2)
        }
        // "Vladimir Putin": a given name of another country, also a town's, then words no list knows;
        // not after "in", "near" and the like ("offices in Khan Yunis"; "from" and "at" come before people too).
        if count >= 2, count <= 4, nameLike, !quoted, gazetteer.isWorldGivenName(first.key, in: document),
            !words.dropFirst().contains(where: { isKnownAlone($0) }), !isAfterPlacePreposition(range.lowerBound, strictly: true)
        {
            return mention(.person, 2)
        }
        // "GMT", "HIV", "DVD", "PR": an everyday abbreviation names nothing.
        if count == 1, first.has(Token.allCaps), Lexicon.everydayAbbreviations.contains(key) { return nil }
        if count == 1, first.has(Token.allCaps), first.length <= 6 { return mention(.organization, 2) }
        // Context: "the Donetsk region", "in Bakhmut", "Tamil Tiger rebels".
        let after = range.upperBound < tokens.count ? tokens[range.upperBound] : nil
        if let after, after.isLowercaseWord, Lexicon.locationHeads.contains(after.key) {
            return mention(.location, 2)
        }
        if let after, after.isLowercaseWord, Lexicon.organizationMembers.contains(after.key) {
            return mention(.organization, 1)
        }
        // "to Sony", "in Labor": a company or party the lists know is not a place for its preposition
        // (a club's short name is its town's: "Berwick").
        if count == 1, (gazetteer.organizations[key] ?? 0) & ~Gazetteer.OrganizationKind.club != 0 {
            return mention(.organization, 1)
        }
        if isAfterPlacePreposition(range.lowerBound), count <= 2, !isInsideQuote(range.lowerBound) {
            return mention(.location, 1)
        }
        if count == 1, isNextToSpeechVerb(range) || gazetteer.firstNames.contains(first.key) {
            return mention(.person, 1)
        }
        let afterThe = wordRightBefore(range.lowerBound).map { tokens[$0].key == W.the } ?? false
        if count >= 2, afterThe { return mention(.organization, 1) }  // "the Ansar al-Islam group"
        if count >= 2, count <= 3, nameLike, !containsKnown, !isInsideQuote(range.lowerBound) {
            return mention(.person, 1)
        }
        return mention(.other, 0)
    }

    /// "whose nom de guerre is Miami", "under the pseudonym Nadia", "identified only as Tony", "gave his
    /// name as Ali": words that introduce the name a person goes by, right before `index`.
    private func isAfterPseudonymCue(_ index: Int) -> Bool {
        guard var cue = document.previousWord(index) else { return false }
        if tokens[cue].key == W.is || tokens[cue].key == W.was, let before = document.previousWord(cue) {
            cue = before
        }
        if Lexicon.pseudonymWords.contains(tokens[cue].key) { return true }
        guard tokens[cue].key == W.as, let before = document.previousWord(cue) else { return false }
        return Lexicon.nameGivenAs.contains(tokens[before].key)
    }

    /// "X said", "X, a spokesman", "X, 32,": what surrounds a person's name.
    private func hasPersonContext(_ range: Range<Int>) -> Bool {
        if isNextToSpeechVerb(range) { return true }
        let after = range.upperBound
        if after + 1 < tokens.count, tokens[after].isPunct(0x2C) {
            let next = tokens[after + 1]
            if next.kind == .number { return true }
            if next.isWord, next.key == W.a || next.key == W.an || next.key == W.the {
                return true
            }
        }
        // The last word used alone elsewhere: a surname ("Yusov said").
        return (document.standaloneCapitalized[tokens[range.upperBound - 1].key] ?? 0) > 0
    }

    private func isInsideQuote(_ index: Int) -> Bool { document.insideQuote[index] }

    private func isKnownSingleOrganization(_ token: Token) -> Bool {
        token.key == W.taliban || token.key == W.reuters
    }

    private func isNextToSpeechVerb(_ range: Range<Int>) -> Bool {
        if range.upperBound < tokens.count, tokens[range.upperBound].isWord,
            Lexicon.speechVerbs.contains(tokens[range.upperBound].key)
        {
            return true
        }
        if let previous = wordRightBefore(range.lowerBound), Lexicon.speechVerbs.contains(tokens[previous].key) {
            return true
        }
        return false
    }

    /// The word or number right before token `index`, with nothing between.
    private func wordRightBefore(_ index: Int) -> Int? {
        document.previousWord(index).flatMap { index - $0 == 1 ? $0 : nil }
    }
}
