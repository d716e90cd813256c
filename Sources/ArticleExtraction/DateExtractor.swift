/// Finds mentions of calendar dates, months, years and weeks and resolves
/// them against the article's date.
///
/// Absolute forms: "March 2022", "Sept. 11", "11 September 2001", "2014".
/// Relative forms: "yesterday", "last week", "this year", "three days ago",
/// "on Monday", "last August", "earlier this month", "later that month".
/// A bare weekday or month resolves by the tense around it: the latest one
/// before the article date in a past sentence, the next one in a future one.
/// Without a reference day, only absolute mentions with a year are kept.
/// A weekday or month inside a name the lists know ("Sheffield Wednesday")
/// is no date.
struct DateExtractor {
    let document: Document
    let reference: CalendarDay?
    let gazetteer: Gazetteer

    private var tokens: [Token] { document.tokens }

    struct Found {
        var text: String
        var value: String
        var tokens: Range<Int>
    }

    func dates() -> [Found] {
        var found: [Found] = []
        var lastAbsolute: PartialDate?
        var i = 0
        while i < tokens.count {
            if let (value, range) = match(at: i, lastAbsolute: lastAbsolute) {
                found.append(Found(text: document.string(range), value: value.text, tokens: range))
                if let partial = value.partial { lastAbsolute = partial }
                i = range.upperBound
                if let partial = value.partial, let (end, endRange) = rangeEnd(of: partial, at: i) {
                    // "January 4-6", "2009-2010": a range gives both ends.
                    found.append(Found(text: document.string(endRange), value: end.description, tokens: endRange))
                    i = endRange.upperBound
                }
            } else {
                i += 1
            }
        }
        return found
    }

    private enum Value {
        case date(PartialDate)
        case week(String)

        var text: String {
            switch self {
            case .date(let d): d.description
            case .week(let w): w
            }
        }
        var partial: PartialDate? {
            if case .date(let d) = self { return d }
            return nil
        }
    }

    private func key(_ word: String) -> WordKey { WordKeys.key(word) }

    private func word(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    private func isWord(_ i: Int, _ text: String) -> Bool {
        guard let t = word(i), t.kind == .word else { return false }
        return t.key == key(text)
    }

    private func number(_ i: Int) -> Int? {
        guard let t = word(i), t.kind == .number, t.length <= 4 else { return nil }
        let text = document.text[Int(t.start)..<Int(t.end)]
        guard text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return text.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// A day of the month at `i` ("6", "11th"), and the index after it.
    private func dayNumber(_ i: Int) -> (Int, Int)? {
        guard let n = number(i), (1...31).contains(n) else { return nil }
        var next = i + 1
        if let suffix = word(next), suffix.kind == .word, !suffix.has(Token.spaceBefore),
            suffix.key == W.th || suffix.key == W.st || suffix.key == W.nd || suffix.key == W.rd
        {
            next += 1
        }
        return (n, next)
    }

    private func year(_ i: Int) -> Int? {
        guard let t = word(i), t.length == 4, let n = number(i), (1000...2999).contains(n) else { return nil }
        return n
    }

    /// Whether the weekday at `i` is in a newspaper's name: "Sunday Times",
    /// "Mail on Sunday", "Independent on Sunday".
    private func namesANewspaper(_ i: Int) -> Bool {
        if let n = word(i + 1), n.isCapitalized, Lexicon.newspaperTitleWords.contains(n.key) { return true }
        guard let on = word(i - 1), on.isLowercaseWord, on.key == W.on, let paper = word(i - 2) else { return false }
        return paper.isCapitalized && Lexicon.newspaperTitleWords.contains(paper.key)
    }

    /// Whether the capitalised word at `i` ends a name of two or three words
    /// that the organisation lists know: "Sheffield Wednesday" is a club.
    private func endsKnownName(_ i: Int) -> Bool {
        var start = i - 1
        while start >= 0, i - start <= 2, tokens[start].kind == .word, tokens[start].isCapitalized {
            if gazetteer.organizations[document.phraseKey(start..<(i + 1))] != nil { return true }
            start -= 1
        }
        return false
    }

    private func match(at i: Int, lastAbsolute: PartialDate?) -> (Value, Range<Int>)? {
        let t = tokens[i]
        if t.kind == .word, t.isCapitalized, Lexicon.monthKeys[t.key] != nil || Lexicon.weekdayKeys[t.key] != nil,
            endsKnownName(i)
        {
            return nil
        }
        if t.kind == .word, t.isCapitalized, let month = Lexicon.monthKeys[t.key] {
            // "DEC has no connection": a month in capitals with no day beside it is initials.
            if t.has(Token.allCaps), t.length >= 3, word(i + 1)?.kind != .number, word(i - 1)?.kind != .number { return nil }
            return monthMention(at: i, month: month, lastAbsolute: lastAbsolute)
        }
        if t.kind == .number, let day = dayNumber(i), let m = word(day.1), m.isCapitalized,
            let month = Lexicon.monthKeys[m.key]
        {
            // "11 September 2001"
            var end = day.1 + 1
            if word(end)?.isPunct(0x2E) == true, m.length <= 4 { end += 1 }
            if let y = year(end) {
                if let d = CalendarDay(year: y, month: month, day: day.0) { return (.date(d.partialDate), i..<(end + 1)) }
            } else if let (y, after) = yearNamed(at: end, lastAbsolute: lastAbsolute) {
                if let d = CalendarDay(year: y, month: month, day: day.0) { return (.date(d.partialDate), i..<after) }
            } else if let d = resolveMonthDay(month: month, day: day.0, at: i) {
                return (.date(d.partialDate), i..<(day.1 + 1))
            }
        }
        if t.kind == .number, let y = year(i), isYearUse(i) {
            return (.date(PartialDate(year: y)), i..<(i + 1))
        }
        guard t.kind == .word, let ref = reference else { return nil }
        switch t.key {
        case W.today, W.tonight:
            // "BBC Radio 4's Today programme": capitalised inside a sentence, a name.
            if t.isCapitalized, !document.isSentenceInitial(i) { return nil }
            return (.date(ref.partialDate), i..<(i + 1))
        case W.yesterday: return (.date(ref.adding(days: -1).partialDate), i..<(i + 1))
        case W.this where nextIs(i, [W.morning, W.afternoon, W.evening]):
            return (.date(ref.partialDate), i..<(i + 2))
        case W.last where nextIs(i, [W.night]):
            return (.date(ref.adding(days: -1).partialDate), i..<(i + 2))
        case W.tomorrow: return (.date(ref.adding(days: 1).partialDate), i..<(i + 1))
        default: break
        }
        if let weekday = Lexicon.weekdayKeys[t.key], t.isCapitalized {
            if namesANewspaper(i) { return nil }
            var start = i
            var direction = tense(at: i)
            var explicit = false
            if let p = word(i - 1), p.kind == .word {
                // "every Friday", "on a Saturday morning": no one day.
                if p.key == W.every || (p.isLowercaseWord && p.key == W.a) { return nil }
                if p.isLowercaseWord, p.key == W.until || p.key == W.till {
                    direction = .future  // "adjourned until Monday"
                }
                if p.key == W.last || p.key == W.past {
                    direction = .past
                    start = i - 1
                    explicit = true
                } else if p.key == W.next || p.key == W.coming {
                    direction = .future
                    start = i - 1
                    explicit = true
                } else if p.key == W.this {
                    start = i - 1
                }
            }
            let offset: Int
            if weekday == ref.weekday, !explicit {
                offset = 0  // "said Friday" in an article dated on a Friday: that day
            } else if direction == .past {
                let back = (ref.weekday - weekday + 7) % 7
                offset = -(back == 0 ? 7 : back)
            } else {
                let ahead = (weekday - ref.weekday + 7) % 7
                offset = ahead == 0 ? 7 : ahead
            }
            return (.date(ref.adding(days: offset).partialDate), start..<(i + 1))
        }
        if let (month, day, end) = holiday(at: i) {
            // "Christmas", "New Year's Eve", "Anzac Day": the day it names, by tense like a weekday.
            let y: Int
            let before = word(i - 1)
            let next = (month, day) >= (ref.month, ref.day) ? ref.year : ref.year + 1
            let previous = (month, day) <= (ref.month, ref.day) ? ref.year : ref.year - 1
            if let explicitYear = year(end) {
                y = explicitYear
            } else if before?.key == W.this {
                y = ref.year
            } else if before?.key == W.last {
                y = previous
            } else if before?.key == W.next {
                y = next
            } else {
                let ahead = CalendarDay(year: next, month: month, day: day).map { $0.ordinal - ref.ordinal } ?? 400
                let behind = CalendarDay(year: previous, month: month, day: day).map { ref.ordinal - $0.ordinal } ?? 400
                switch tenseMarker(at: i) {
                case .future: y = next
                // "talks failed over the Christmas period" in early December: the coming season, not last year's.
                case .past: y = ahead <= Self.comingHolidayDays && namesTheSeason(start: i, end: end) ? next : previous
                // No tense to go by: the nearer of the two.
                case nil: y = ahead <= behind ? next : previous
                }
            }
            guard let d = CalendarDay(year: y, month: month, day: day) else { return nil }
            return (.date(d.partialDate), i..<(year(end) != nil ? end + 1 : end))
        }
        // "last week", "this month", "next year", "earlier this month", "later that month", "the weekend".
        if let shift = Self.modifiers[t.key], let unit = word(i + 1), unit.kind == .word {
            var start = i
            if let p = word(i - 1), p.key == W.earlier || p.key == W.later || p.key == W.early
                || p.key == W.late
            {
                start = i - 1
            }
            if shift == 99 {
                guard let anchor = lastAbsolute else { return nil }
                if unit.key == W.month, let m = anchor.month {
                    return (.date(PartialDate(year: anchor.year, month: m)), start..<(i + 2))
                }
                if unit.key == W.year { return (.date(PartialDate(year: anchor.year)), start..<(i + 2)) }
                return nil
            }
            switch unit.key {
            case W.week: return (.week(ref.adding(days: 7 * shift).isoWeek), start..<(i + 2))
            case W.month: return (.date(ref.month(offset: shift)), start..<(i + 2))
            case W.year: return (.date(PartialDate(year: ref.year + shift)), start..<(i + 2))
            case W.weekend: return (.week(weekend(shift: shift, ref: ref, at: i)), start..<(i + 2))
            default: break
            }
            if let month = Lexicon.monthKeys[unit.key], unit.isCapitalized, shift != 0 {
                let y: Int
                if shift < 0 { y = month < ref.month ? ref.year : ref.year - 1 } else {
                    y = month > ref.month ? ref.year : ref.year + 1
                }
                return (.date(PartialDate(year: y, month: month)), start..<(i + 2))
            }
        }
        if t.key == W.weekend, isWord(i - 1, "the") {
            return (.week(weekend(shift: 0, ref: ref, at: i)), (i - 1)..<(i + 1))
        }
        // "three days ago", "a year ago"
        if t.key == W.ago, i >= 2, let unit = word(i - 1), unit.kind == .word {
            let n = cardinal(i - 2)
            guard let n else { return nil }
            switch unit.key {
            case W.day, W.days: return (.date(ref.adding(days: -n).partialDate), (i - 2)..<(i + 1))
            case W.week, W.weeks: return (.week(ref.adding(days: -7 * n).isoWeek), (i - 2)..<(i + 1))
            case W.month, W.months: return (.date(ref.month(offset: -n)), (i - 2)..<(i + 1))
            case W.year, W.years: return (.date(PartialDate(year: ref.year - n)), (i - 2)..<(i + 1))
            default: return nil
            }
        }
        return nil
    }

    /// A fixed-date holiday starting at `i`: its month, day and the index after
    /// its name. Not when it names an event ("the Boxing Day Test", "Christmas
    /// Island"): a capitalised word right after it.
    private func holiday(at i: Int) -> (Int, Int, Int)? {
        let t = tokens[i]
        guard t.isCapitalized else { return nil }
        var month = 0
        var day = 0
        var end = i + 1
        func next(_ expected: WordKey) -> Bool {
            guard let w = word(end), w.isCapitalized, w.key == expected else { return false }
            end += 1
            return true
        }
        switch t.key {
        case W.christmas:
            (month, day) = (12, 25)
            if next(W.eve) { day = 24 } else { _ = next(W.day) }
        case W.boxing:
            guard next(W.day) else { return nil }
            (month, day) = (12, 26)
        case W.new:
            guard next(W.year) else { return nil }
            if let w = word(end), w.kind == .possessive { end += 1 }
            if next(W.eve) { (month, day) = (12, 31) } else if next(W.day) { (month, day) = (1, 1) } else { return nil }
        case W.anzac:
            guard next(W.day) else { return nil }
            (month, day) = (4, 25)
        case W.australia:
            guard next(W.day) else { return nil }
            (month, day) = (1, 26)
        case W.bastille:
            guard next(W.day) else { return nil }
            (month, day) = (7, 14)
        case W.independence:
            guard next(W.day) else { return nil }
            (month, day) = (7, 4)  // the United States' (the guidelines' reading)
        default:
            return nil
        }
        if let after = word(end), after.isCapitalized, after.has(Token.spaceBefore) { return nil }
        return (month, day, end)
    }

    /// The other end of a range that a date ending before `i` starts: "-6"
    /// after "January 4", "-2010" after "2009" (the hyphen, then a later day
    /// of the same month or a later year).
    private func rangeEnd(of start: PartialDate, at i: Int) -> (PartialDate, Range<Int>)? {
        guard let dash = word(i), dash.isPunct(0x2D), let n = number(i + 1) else { return nil }
        if let day = start.day, let month = start.month {
            guard n > day, n <= 31, word(i + 2).map({ !$0.isPunct(0x2D) }) ?? true,
                let end = CalendarDay(year: start.year, month: month, day: n)
            else { return nil }
            return (end.partialDate, (i + 1)..<(i + 2))
        }
        guard start.month == nil, year(i + 1) != nil, n > start.year, n - start.year < 100 else { return nil }
        return (PartialDate(year: n), (i + 1)..<(i + 2))
    }

    /// Whether the word after `i` is one of `words`.
    private func nextIs(_ i: Int, _ words: [WordKey]) -> Bool {
        guard let w = word(i + 1), w.kind == .word else { return false }
        return words.contains(w.key)
    }

    private func cardinal(_ i: Int) -> Int? {
        guard let t = word(i) else { return nil }
        if t.kind == .number { return number(i) }
        if t.key == W.a || t.key == W.an { return 1 }
        return Lexicon.smallNumbers[t.key]
    }

    private func weekend(shift: Int, ref: CalendarDay, at i: Int) -> String {
        let direction: Tense = shift < 0 ? .past : shift > 0 ? .future : tense(at: i)
        if direction == .past {
            return ref.adding(days: -((ref.weekday - 6 + 7) % 7)).isoWeek
        }
        return ref.adding(days: (6 - ref.weekday + 7) % 7).isoWeek
    }

    /// The year that "last year", "next year", "this year" or "that year" at
    /// `i` names, and the index after it: "July 1 last year", "in March that
    /// year" (the year of the last date with one).
    private func yearNamed(at i: Int, lastAbsolute: PartialDate?) -> (Int, Int)? {
        guard let ref = reference, let m = word(i), m.isLowercaseWord, let y = word(i + 1), y.kind == .word, y.key == W.year
        else { return nil }
        switch m.key {
        case W.last: return (ref.year - 1, i + 2)
        case W.next: return (ref.year + 1, i + 2)
        case W.this: return (ref.year, i + 2)
        case W.that: return lastAbsolute.map { ($0.year, i + 2) }
        default: return nil
        }
    }

    /// A month name at `i`: with a day, a year, both, or alone.
    private func monthMention(at i: Int, month: Int, lastAbsolute: PartialDate?) -> (Value, Range<Int>)? {
        var next = i + 1
        let abbreviated = tokens[i].length <= 4 && tokens[i].key != W.may && tokens[i].key != W.june
            && tokens[i].key != W.july
        if abbreviated, word(next)?.isPunct(0x2E) == true, !(word(next)?.has(Token.spaceBefore) ?? true) {
            next += 1
        }
        if let (day, afterDay) = dayNumber(next), word(next)?.has(Token.spaceBefore) == true {
            var end = afterDay
            if word(end)?.isPunct(0x2C) == true { end += 1 }
            if let y = year(end), let d = CalendarDay(year: y, month: month, day: day) {
                return (.date(d.partialDate), i..<(end + 1))
            }
            if let (y, after) = yearNamed(at: afterDay, lastAbsolute: lastAbsolute) {
                return CalendarDay(year: y, month: month, day: day).map { (.date($0.partialDate), i..<after) }
            }
            if let d = resolveMonthDay(month: month, day: day, at: i) { return (.date(d.partialDate), i..<afterDay) }
            return nil
        }
        if let y = year(next) { return (.date(PartialDate(year: y, month: month)), i..<(next + 1)) }
        if isWord(next, "of"), let y = year(next + 1) {
            return (.date(PartialDate(year: y, month: month)), i..<(next + 2))
        }
        // "July last year", "in February next year", "March that year".
        if let (y, after) = yearNamed(at: next, lastAbsolute: lastAbsolute), tokens[i].key != W.may || word(i - 1)?.isLowercaseWord == true {
            return (.date(PartialDate(year: y, month: month)), i..<after)
        }
        // A bare month needs a word that makes it one: "in May", "last August", "mid-March".
        guard let ref = reference, let p = word(i - 1) else { return nil }
        guard Self.monthCues.contains(p.key) || p.isPunct(0x2D) else { return nil }
        if p.key == W.last || p.key == W.next { return nil }  // handled with the modifiers
        if tokens[i].key == W.may, p.key == W.and || p.key == W.to { return nil }
        let y: Int
        if p.key == W.this {
            y = ref.year
        } else if tense(at: i) == .past {
            y = month <= ref.month ? ref.year : ref.year - 1
        } else {
            y = month >= ref.month ? ref.year : ref.year + 1
        }
        return (.date(PartialDate(year: y, month: month)), i..<(i + 1))
    }

    /// How many days ahead a holiday named without "last" is the coming one
    /// even in a past sentence, when it names the season ("Christmas flights",
    /// "for Christmas Eve"): news of early December that does is about this
    /// Christmas, not the one eleven months ago. "The last death was on
    /// Christmas Day" stays the past one.
    static let comingHolidayDays = 60

    /// Whether the holiday at `start..<end` names a season a text looks ahead
    /// to: it qualifies a noun ("the Christmas break", "Christmas presents")
    /// or follows "for", "over", "until" ("home for Christmas").
    private func namesTheSeason(start: Int, end: Int) -> Bool {
        if let p = word(start - 1), p.isLowercaseWord, Self.seasonPrepositions.contains(p.key) { return true }
        guard let n = word(end), n.isLowercaseWord else { return false }
        return !Lexicon.stopWords.contains(n.key) && !Self.pastMarkers.contains(n.key) && !Self.futureMarkers.contains(n.key)
            && !Self.presentVerbs.contains(n.key)
    }

    private static let seasonPrepositions = WordSet("for over until till")
    private static let presentVerbs = WordSet("is are has have falls fell comes came")

    /// "June 30" without a year: this year's, or the year before or after by tense.
    private func resolveMonthDay(month: Int, day: Int, at i: Int) -> CalendarDay? {
        guard let ref = reference, let thisYear = CalendarDay(year: ref.year, month: month, day: day) else {
            return nil
        }
        if tense(at: i) == .past {
            return thisYear <= ref ? thisYear : CalendarDay(year: ref.year - 1, month: month, day: day)
        }
        return thisYear >= ref ? thisYear : CalendarDay(year: ref.year + 1, month: month, day: day)
    }

    /// A four-digit number used as a year: not money, not a count of something.
    private func isYearUse(_ i: Int) -> Bool {
        if let p = word(i - 1), p.kind == .punctuation, p.symbol == 0x24 { return false }
        if let next = word(i + 1) {
            if next.kind == .punctuation, next.symbol == 0x25 { return false }
            if next.kind == .word, !next.has(Token.spaceBefore) { return false }  // "1990s", "2000m"
            if next.isPunct(0x2D), let after = word(i + 2), after.kind == .number {
                // "2009-2010" is a range of years; "2001-02" is a season or a fiscal year.
                guard let first = number(i), let second = year(i + 2), second > first else { return false }
                return true
            }
            if next.isPunct(0x2C) || next.isPunct(0x2E), !next.has(Token.spaceBefore), let after = word(i + 2),
                after.kind == .number, !after.has(Token.spaceBefore)
            {
                return false
            }
        }
        // "by 1300 GMT": a time of day.
        if let next = word(i + 1), next.kind == .word, Lexicon.timeZones.contains(next.key) { return false }
        if let p = word(i - 1), p.kind == .word, Self.yearCues.contains(p.key) { return true }
        if let next = word(i + 1), next.isLowercaseWord, !Lexicon.stopWords.contains(next.key) { return false }
        // "Windows 2000": a number that ends a name; an event's year is its date ("Book Award 2004").
        if let p = word(i - 1), p.kind == .word, p.isCapitalized, !document.isSentenceInitial(i - 1),
            Lexicon.monthKeys[p.key] == nil, !Lexicon.feastWords.contains(p.key), !Lexicon.eventHeads.contains(p.key)
        {
            return false
        }
        guard let n = number(i) else { return false }
        return (1900...2100).contains(n)
    }

    private static let modifiers: KeyMap<Int> = {
        var table = KeyMap<Int>()
        table[W.last] = -1
        table[W.this] = 0
        table[W.next] = 1
        table[W.that] = 99
        return table
    }()

    /// Words that make a bare month one: "in May", "mid-March".
    private static let monthCues = WordSet(
        "in on since until till by early late mid from through before after during of last next this to between and")
    /// Words before a four-digit number that make it a year.
    private static let yearCues = WordSet(
        "in since of by until till from to during before after early late mid the a an around and between year end through")

    enum Tense { case past, future }

    /// The tense around token `i`: the nearest marker before it in its sentence, else after it; past by default.
    func tense(at i: Int) -> Tense { tenseMarker(at: i) ?? .past }

    /// The tense the nearest marker of the sentence gives, or nil when it has none.
    func tenseMarker(at i: Int) -> Tense? {
        let s = Int(document.sentenceOfToken[i])
        guard s >= 0 else { return nil }
        let sentence = document.sentences[s]
        var k = i - 1
        while k >= sentence.lowerBound {
            if let found = marker(k) { return found }
            k -= 1
        }
        k = i + 1
        while k < sentence.upperBound {
            if let found = marker(k) { return found }
            k += 1
        }
        return nil
    }

    private static let futureMarkers = WordSet("will shall 'll going scheduled expected plans planned plan would due upcoming next ahead may might could should must")
    private static let pastMarkers = WordSet("said was were had did ago told been earlier previously")
    private static let arrangedBefore = WordSet("is are set likely aiming aims hopes hoping tipped poised")
    private static let timeUnits = WordSet("year years week weeks month months night season weekend term decade century time")

    private func marker(_ k: Int) -> Tense? {
        let t = tokens[k]
        guard t.kind == .word, t.isLowercaseWord else { return nil }
        if Self.futureMarkers.contains(t.key) {
            if t.key == W.due, !isWord(k + 1, "to") { return nil }
            return .future
        }
        // "is to play", "are set to release", "is likely to name": an arrangement ahead.
        if t.key == W.to, let before = word(k - 1), before.isLowercaseWord, Self.arrangedBefore.contains(before.key),
            word(k + 1)?.isLowercaseWord == true
        {
            return .future
        }
        if Self.pastMarkers.contains(t.key) { return .past }
        // "last year", "last Tuesday" say past; "its last bastion", "the last death" say nothing.
        if t.key == W.last, let n = word(k + 1), n.kind == .word,
            Self.timeUnits.contains(n.key) || Lexicon.weekdayKeys[n.key] != nil || Lexicon.monthKeys[n.key] != nil
        {
            return .past
        }
        // "-ed", but not a compound's adjective: "long-awaited", "so-called".
        if t.length >= 5, document.text[Int(t.end) - 2] == 0x65, document.text[Int(t.end) - 1] == 0x64,
            !(k >= 1 && tokens[k - 1].isPunct(0x2D) && !t.has(Token.spaceBefore))
        {
            // "-ed", unless passive after a future: "will be lifted", "is to be held".
            if k >= 2, isWord(k - 1, "be"), let before = word(k - 2), before.kind == .word,
                Self.futureMarkers.contains(before.key) || before.key == W.to
            {
                return .future
            }
            return .past
        }
        return nil
    }
}
