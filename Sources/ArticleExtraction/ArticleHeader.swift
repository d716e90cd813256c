/// The header of an article file, in either form the contract allows.
///
/// - the seed form: `date YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) at the very start,
///   leading white space allowed, the body on the same line or the next;
/// - a block of `Key: value` lines ended by a blank line, its first key one
///   of the known ones (`Title`, `Date`, `Source`, `URL`, `Author`, `Language`).
struct ArticleHeader: Equatable {
    var date: PartialDate?
    /// Lower-case key to value, `date` excluded.
    var fields: [String: String] = [:]
    /// Where the body starts in the text.
    var bodyStart: Int = 0
    /// A `Date:` value was present but could not be read.
    var unreadableDate: String?

    static let knownKeys: Set<String> = [
        "title", "date", "source", "url", "author", "language", "published", "byline", "link",
    ]

    /// Reads the header at the start of `text`; without one the whole text is body.
    static func parse(_ text: [UInt8]) -> ArticleHeader {
        var i = 0
        while i < text.count, isSpace(text[i]) { i += 1 }
        if let seed = parseSeedForm(text, from: i) { return seed }
        if let block = parseKeyValueBlock(text, from: i) { return block }
        return ArticleHeader()
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func parseSeedForm(_ text: [UInt8], from start: Int) -> ArticleHeader? {
        let word: [UInt8] = Array("date".utf8)
        guard start + 5 <= text.count else { return nil }
        for k in 0..<4 where text[start + k] | 0x20 != word[k] { return nil }
        var i = start + 4
        guard i < text.count, text[i] == 0x20 || text[i] == 0x09 else { return nil }
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
        var end = i
        while end < text.count, !isSpace(text[end]) { end += 1 }
        guard let date = parseISODate(text[i..<end]) else { return nil }
        var body = end
        while body < text.count, isSpace(text[body]) { body += 1 }
        return ArticleHeader(date: date, bodyStart: body)
    }

    private static func parseKeyValueBlock(_ text: [UInt8], from start: Int) -> ArticleHeader? {
        var header = ArticleHeader()
        var i = start
        var sawKey = false
        while i < text.count {
            var lineEnd = i
            while lineEnd < text.count, text[lineEnd] != 0x0A { lineEnd += 1 }
            let line = text[i..<lineEnd]
            if line.allSatisfy(isSpace) {
                guard sawKey else { return nil }
                header.bodyStart = min(lineEnd + 1, text.count)
                break
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > i, colon - i <= 24 else {
                if !sawKey { return nil }
                header.bodyStart = i  // a block without its blank line: the body starts here
                break
            }
            let key = String(decoding: text[i..<colon], as: UTF8.self).lowercased()
            guard key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F })
            else {
                if !sawKey { return nil }
                header.bodyStart = i
                break
            }
            if !sawKey, !knownKeys.contains(key) { return nil }
            sawKey = true
            let value = trimmed(String(decoding: text[(colon + 1)..<lineEnd], as: UTF8.self))
            if key == "date" || key == "published" {
                if let date = parseDateValue(value) {
                    header.date = header.date ?? date
                } else if !value.isEmpty {
                    header.unreadableDate = value
                }
            } else if !value.isEmpty {
                header.fields[key] = value
            }
            i = lineEnd + 1
            header.bodyStart = min(i, text.count)
        }
        return sawKey ? header : nil
    }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by `T…` (ISO 8601).
    static func parseISODate(_ bytes: ArraySlice<UInt8>) -> PartialDate? {
        let b = Array(bytes)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let year = digits(0, 4), year >= 1000 else { return nil }
        if b.count == 4 { return PartialDate(year: year) }
        guard b.count >= 7, b[4] == 0x2D, let month = digits(5, 2), (1...12).contains(month) else {
            return nil
        }
        if b.count == 7 { return PartialDate(year: year, month: month) }
        guard b.count >= 10, b[7] == 0x2D, let day = digits(8, 2),
            CalendarDay(year: year, month: month, day: day) != nil
        else { return nil }
        if b.count == 10 || b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74 {
            return PartialDate(year: year, month: month, day: day)
        }
        return nil
    }

    /// ISO 8601, or RFC 2822 (`Tue, 14 Feb 2023 10:00:00 +0000`).
    static func parseDateValue(_ value: String) -> PartialDate? {
        if let iso = parseISODate(ArraySlice(value.utf8)) { return iso }
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        for part in parts {
            if let n = Int(part) {
                if n > 31 { year = n } else if day == nil { day = n }
            } else if let m = Lexicon.monthNumber(ofName: part.lowercased()) {
                month = m
            }
        }
        guard let year, let month else { return nil }
        if let day, CalendarDay(year: year, month: month, day: day) != nil {
            return PartialDate(year: year, month: month, day: day)
        }
        return PartialDate(year: year, month: month)
    }
}
