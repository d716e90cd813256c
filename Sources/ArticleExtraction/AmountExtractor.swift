/// Finds explicit cardinal quantities and the noun they count.
///
/// Digits with separators and decimals, number words ("twenty-five",
/// "four thousand"), scale words and suffixes ("1.5bn", "$2m"), vague
/// multiples at their lower bound ("hundreds of" 100, "several hundred" 200,
/// "a few thousand" 2000), money (`about` "dollars", "cents", "euros",
/// "pounds") and shares (`about` "percent"). Years, dates, times, ordinals
/// and numbers inside names ("Year 10") are not amounts, nor are fractions
/// ("two-thirds", "one quarter"), as "half" is not.
struct AmountExtractor {
    let document: Document
    /// Tokens that belong to a date mention.
    let dateTokens: [Bool]
    /// The year the article is dated, when known: "2005 sales" in an article
    /// of 2004 is the year's sales, where "1500 jobs" counts.
    var articleYear: Int? = nil

    /// How far from the article's own year a number before a plural noun is read as a year.
    static let nearYears = 10
    /// Fractions' words: the number before them is a fraction's, not a count.
    private static let fractionWords = WordSet("third thirds quarter quarters fifth fifths sixth sixths eighth eighths tenth tenths")

    private var tokens: [Token] { document.tokens }

    private func key(_ word: String) -> WordKey { WordKeys.key(word) }
    private func token(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    func amounts() -> [Amount] {
        var result: [Amount] = []
        var seen: Set<String> = []
        var i = 0
        while i < tokens.count {
            if let end = scoreEnd(at: i) ?? ratioEnd(at: i) {
                i = end  // "a 2-1 win", "one in eight": a result or a ratio, not quantities
                continue
            }
            if isSeasonYear(at: i) {
                i += 1  // the "07" of "the 2006/07 season"
                continue
            }
            guard !dateTokens[i], let (value, range, currency) = quantity(at: i) else {
                i += 1
                continue
            }
            var end = range.upperBound
            var about = currency
            // "per cent", "percent", "%"
            if let t = token(end), t.isPunct(0x25) {
                about = "percent"
                end += 1
            } else if let t = token(end), t.key == W.percent {
                about = "percent"
                end += 1
            } else if let t = token(end), t.key == W.per, let c = token(end + 1), c.key == W.cent {
                about = "percent"
                end += 2
            } else if about == nil, isPercentRangeStart(end) {
                about = "percent"  // the "20" of "20-25%": a range's first end has its second's unit
            } else if about == nil, isAge(range) {
                about = "years"
            } else if about == nil {
                let (noun, nounEnd) = countedNoun(after: end)
                about = noun
                if noun != nil { end = nounEnd }
            }
            let text = document.string(range.lowerBound..<end)
            let id = "\(value)|\(about ?? "")"
            if !seen.contains(id) {
                seen.insert(id)
                result.append(Amount(text: text, value: value, about: about))
            }
            i = end
        }
        return result
    }

    private static let determiners = WordSet("the their his her its our your my these those")

    /// Where a ratio ends when one starts at `i`: "one in eight", "1 in 13".
    private func ratioEnd(at i: Int) -> Int? {
        let t = tokens[i]
        let isOne = t.kind == .number ? document.string(i) == "1" : t.key == W.one
        guard isOne, let inWord = token(i + 1), inWord.isLowercaseWord, inWord.key == W.in, let n = token(i + 2),
            n.kind == .number || Lexicon.smallNumbers[n.key] != nil
        else { return nil }
        return i + 3
    }

    /// Whether the whole number in `range` is someone's age: after a name or
    /// a word for a person between commas ("David Hudak, 41, was arrested",
    /// "Kenteris, 31, and Thanou, 30,", "the driver, 32,"), after "aged"
    /// ("died aged 72", "aged between 15 and 24", "aged 18-25", "aged three
    /// and 13"), or after "who is" or "who was".
    private func isAge(_ range: Range<Int>) -> Bool {
        let lo = range.lowerBound
        guard range.count == 1, isAgeNumber(lo), let before = token(lo - 1) else { return false }
        if isAgedAt(lo - 1) { return true }
        if before.key == W.and || before.key == W.to || (before.isPunct(0x2D) && !before.has(Token.spaceBefore)),
            isAgeNumber(lo - 2), isAgedAt(lo - 3)
        {
            return true  // the second end of "aged 18-25", "aged between 15 and 24"
        }
        if before.key == W.is || before.key == W.was, token(lo - 2)?.key == W.who { return true }
        guard before.isPunct(0x2C), let name = token(lo - 2), name.isWord,
            name.isCapitalized && Lexicon.monthKeys[name.key] == nil && Lexicon.weekdayKeys[name.key] == nil
                || name.isLowercaseWord && Lexicon.personNouns.contains(name.key),
            let after = token(range.upperBound)
        else { return false }
        return after.isPunct(0x2C) || (after.isPunct(0x2D) && after.has(Token.spaceBefore)) || after.key == W.and
    }

    /// Whether token `i` is a whole number of up to three digits or a number word.
    private func isAgeNumber(_ i: Int) -> Bool {
        guard let t = token(i) else { return false }
        return isWholeNumber(t, digits: 3) || Lexicon.smallNumbers[t.key] != nil
    }

    /// Whether token `i` is "aged", or the "between" of "aged between".
    private func isAgedAt(_ i: Int) -> Bool {
        guard let t = token(i) else { return false }
        return t.key == W.aged || (t.key == W.between && token(i - 1)?.key == W.aged)
    }

    /// Whether `t` is a number of at most `digits` digits and nothing else ("24", not "2.5" or "1,000").
    private func isWholeNumber(_ t: Token, digits: Int) -> Bool {
        t.kind == .number && t.length <= digits && document.text[Int(t.start)..<Int(t.end)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether a number ending before `end` starts a range of percentages: "-25%", "-25 per cent".
    private func isPercentRangeStart(_ end: Int) -> Bool {
        guard let dash = token(end), dash.isPunct(0x2D), !dash.has(Token.spaceBefore), let n = token(end + 1),
            n.kind == .number, !n.has(Token.spaceBefore), let unit = token(end + 2)
        else { return false }
        return unit.isPunct(0x25) || unit.key == W.percent || (unit.key == W.per && token(end + 3)?.key == W.cent)
    }

    /// The second year of a season written "2006/07" (or "2006/2007").
    private func isSeasonYear(at i: Int) -> Bool {
        guard tokens[i].kind == .number, !tokens[i].has(Token.spaceBefore), i >= 2, tokens[i - 1].isPunct(0x2F),
            tokens[i - 2].kind == .number, tokens[i - 2].length == 4, tokens[i].length == 2 || tokens[i].length == 4
        else { return false }
        return true
    }

    /// Where a match result ends when one starts at `i`: two whole numbers under
    /// 100 joined by a hyphen ("2-1", "24-18"), no share or currency with them
    /// and not after "aged", in a sentence with a sport word ("win", "beat", "league").
    private func scoreEnd(at i: Int) -> Int? {
        guard isWholeNumber(tokens[i], digits: 2), let dash = token(i + 1), dash.isPunct(0x2D), !dash.has(Token.spaceBefore),
            let second = token(i + 2), isWholeNumber(second, digits: 2), !second.has(Token.spaceBefore),
            !(token(i - 1).map { $0.kind == .punctuation && $0.symbol == 0x24 } ?? false), !isAgedAt(i - 1)
        else { return nil }
        if let after = token(i + 3), after.isPunct(0x25) || after.key == W.percent || after.key == W.per { return nil }
        let sentence = Int(document.sentenceOfToken[i])
        guard sentence >= 0 else { return nil }
        let sport = document.sentences[sentence].contains { k in
            tokens[k].isLowercaseWord && Lexicon.topicCues[tokens[k].key] == .sport
        }
        return sport ? i + 3 : nil
    }

    /// A quantity starting at `i`: its value, its tokens, and the currency it names.
    private func quantity(at i: Int) -> (Double, Range<Int>, String?)? {
        let t = tokens[i]
        if t.kind == .number { return digits(at: i) }
        guard t.kind == .word else { return nil }
        // "hundreds of", "thousands of", "dozens of", "tens of thousands of"
        if let scale = Lexicon.multipliers[t.key], isPlural(t), let of = token(i + 1), of.key == W.of {
            if t.key == W.tens || t.key == W.hundreds, let next = token(i + 2),
                let big = Lexicon.multipliers[next.key], isPlural(next)
            {
                return (scale * big, i..<(i + 3), nil)
            }
            return (scale, i..<(i + 1), nil)
        }
        // "scores of people": 20, the lower bound (not "the scores of the teams").
        if t.key == W.scores, let of = token(i + 1), of.key == W.of,
            !(token(i - 1).map { $0.isWord && Self.determiners.contains($0.key) } ?? false)
        {
            return (20, i..<(i + 1), nil)
        }
        if t.key == W.tens, let of = token(i + 1), of.key == W.of, let next = token(i + 2),
            let big = Lexicon.multipliers[next.key], isPlural(next)
        {
            return (10 * big, i..<(i + 3), nil)
        }
        // "several hundred", "a few thousand", "a dozen", "a million"
        if t.key == W.several || t.key == W.few || t.key == W.a || t.key == W.an {
            var k = i + 1
            var factor = 2.0
            if t.key == W.a || t.key == W.an {
                if let few = token(k), few.key == W.few {
                    k += 1
                } else {
                    factor = 1
                }
            }
            if let m = token(k), let scale = Lexicon.multipliers[m.key], !isPlural(m) {
                var value = factor * scale
                var end = k + 1
                while let more = token(end), let s = Lexicon.multipliers[more.key], !isPlural(more), s > scale {
                    value *= s
                    end += 1
                }
                return (value, i..<end, nil)
            }
            return nil
        }
        guard let small = Lexicon.smallNumbers[t.key] else { return nil }
        var value = Double(small)
        var end = i + 1
        // "twenty-five"
        if small >= 20, let h = token(end), h.isPunct(0x2D), let unit = token(end + 1),
            let u = Lexicon.smallNumbers[unit.key], u < 10
        {
            value += Double(u)
            end += 2
        }
        var scaled = false
        while let m = token(end), let scale = Lexicon.multipliers[m.key], !isPlural(m) {
            value *= scale
            end += 1
            scaled = true
        }
        if !scaled {
            // A bare number word counts only before what it counts: "one month", not "one of them";
            // from two up also before a name ("two Japanese sailors") or a part ("six of the 15");
            // and as an age ("aged three").
            if token(i - 1)?.key == W.aged { return (value, i..<end, nil) }
            guard let next = nextWord(end), !Self.fractionWords.contains(next.key) else { return nil }
            let countsAName = small >= 2 && next.isCapitalized && next.has(Token.spaceBefore)
                && !document.isSentenceInitial(end)
            let countsAPart = small >= 2 && next.key == W.of
                && (token(end + 1).map { $0.key == W.the || $0.key == W.them || $0.kind == .number } ?? false)
            guard isCountable(next) || countsAName || countsAPart else { return nil }
        }
        return (value, i..<end, nil)
    }

    private func isPlural(_ t: Token) -> Bool {
        document.text[Int(t.end) - 1] | 0x20 == 0x73
    }

    private func nextWord(_ i: Int) -> Token? {
        guard var t = token(i) else { return nil }
        if t.isPunct(0x2D), !t.has(Token.dash), let after = token(i + 1) { t = after }
        return t.kind == .word ? t : nil
    }

    /// A word a number can count: lower case, not a function word.
    private func isCountable(_ t: Token) -> Bool {
        t.isLowercaseWord && !Lexicon.stopWords.contains(t.key) && t.key != W.another
            && !(t.length > 4 && document.text[Int(t.end) - 2] == 0x6C && document.text[Int(t.end) - 1] == 0x79)
    }

    private func digits(at i: Int) -> (Double, Range<Int>, String?)? {
        let t = tokens[i]
        var raw = document.text[Int(t.start)..<Int(t.end)].filter { $0 != 0x2C }
        if raw.first == 0x2E { raw.removeFirst() }
        guard var value = Double(String(decoding: raw, as: UTF8.self)) else { return nil }
        var currency: String?
        if let p = token(i - 1), p.isPunct(0x3A), !t.has(Token.spaceBefore), let hour = token(i - 2), hour.kind == .number {
            return nil  // the minutes of "10:30"
        }
        if let p = token(i - 1), p.kind == .punctuation, p.symbol == 0x24 {
            currency = currencyName(p)
        } else if let p = token(i - 1), p.isCapitalized, !document.isSentenceInitial(i - 1),
            !p.has(Token.allCaps) || p.length > 3
        {
            return nil  // "Year 10", "Boeing 747"
        }
        // "a 1996 hostage siege", "the 2022 election": a year before a singular noun.
        let hadComma = document.text[Int(t.start)..<Int(t.end)].contains(0x2C)
        if currency == nil, !hadComma, raw.count == 4, (1800...2100).contains(value),
            let next = token(i + 1), next.isLowercaseWord, next.has(Token.spaceBefore),
            !Lexicon.irregularPlurals.contains(next.key), Lexicon.multipliers[next.key] == nil
        {
            // "2004 sales", "2005 earnings": before a plural, a year near the article's own.
            let nearArticle = articleYear.map { abs(Int(value) - $0) <= Self.nearYears } ?? false
            if !isPlural(next) || nearArticle { return nil }
        }
        var end = i + 1
        if let next = token(end), next.kind == .word, !next.has(Token.spaceBefore) {
            switch next.key {
            case W.th, W.st, W.nd, W.rd, W.s, W.am, W.pm: return nil
            case W.c:
                return (value, i..<(end + 1), "cents")
            default:
                if let scale = Lexicon.scaleSuffixes[next.key] {
                    value *= scale
                    end += 1
                } else if let unit = Self.attachedUnits[next.key] {
                    return (value, i..<(end + 1), unit)  // "300p", "91kg", "1.8GB"
                } else {
                    return nil  // "3D", "F16"
                }
            }
        }
        if let next = token(end), next.isPunct(0x3A), let after = token(end + 1), after.kind == .number,
            !after.has(Token.spaceBefore)
        {
            return nil  // a time: "10:30"
        }
        if let next = token(end), next.isWord, next.key == W.am || next.key == W.pm || Lexicon.timeZones.contains(next.key) {
            return nil  // "10 am", "1300 GMT": a time
        }
        while let m = token(end), m.kind == .word, let scale = Lexicon.multipliers[m.key], !isPlural(m) {
            value *= scale
            end += 1
        }
        return (value, i..<end, currency)
    }

    /// Units written onto a number ("300p", "12cm", "91kg", "1.8GB"), with the noun they count.
    private static let attachedUnits: KeyMap<String> = {
        var map = KeyMap<String>()
        let units = [
            ("p", "pence"), ("cm", "centimetres"), ("mm", "millimetres"), ("km", "kilometres"), ("kg", "kilograms"),
            ("lb", "pounds"), ("lbs", "pounds"), ("ft", "feet"), ("mph", "miles per hour"), ("kph", "kilometres per hour"),
            ("gb", "gigabytes"), ("mb", "megabytes"), ("kb", "kilobytes"), ("tb", "terabytes"), ("ghz", "gigahertz"),
            ("mhz", "megahertz"), ("mw", "megawatts"), ("gw", "gigawatts"), ("kw", "kilowatts"), ("ha", "hectares"),
        ]
        for (suffix, noun) in units { map[WordKeys.key(suffix)] = noun }
        return map
    }()

    private func currencyName(_ symbol: Token) -> String {
        let bytes = document.text[Int(symbol.start)..<Int(symbol.end)]
        switch Array(bytes) {
        case [0xE2, 0x82, 0xAC]: return "euros"
        case [0xC2, 0xA3]: return "pounds"
        case [0xC2, 0xA5]: return "yen"
        default: return "dollars"
        }
    }

    /// The noun after a number: "4 soldiers", "hundreds of these soldiers", "20-year".
    private func countedNoun(after end: Int) -> (String?, Int) {
        var k = end
        if let h = token(k), h.isPunct(0x2D), !h.has(Token.dash), !h.has(Token.spaceBefore) {
            k += 1
            guard let unit = token(k), unit.isLowercaseWord else { return (nil, end) }
            // "32-year-old": an age, in years.
            if let h2 = token(k + 1), h2.isPunct(0x2D), let old = token(k + 2), old.key == W.old {
                return ("years", k + 3)
            }
            return (document.string(k), k + 1)
        }
        if let of = token(k), of.key == W.of {
            k += 1
            if let d = token(k), d.isLowercaseWord,
                [W.the, W.these, W.those, W.his, W.her, W.their, W.its, W.our]
                    .contains(d.key)
            {
                k += 1
            }
        }
        guard let noun = token(k), isCountable(noun), !Lexicon.hyphenPrefixes.contains(noun.key) else { return (nil, end) }
        return (document.string(k), k + 1)
    }
}
