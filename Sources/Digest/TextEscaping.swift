import Foundation
/// Article text made safe for each output: it can never add markup of its own.
enum TextEscaping {
    /// Markdown: one line (so nothing can start a heading, list or quote
    /// block), and every character that makes inline markup (emphasis, code,
    /// links and images, HTML, strikethrough, tables, `#`) backslash-escaped,
    /// so no article can forge a section or a link.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": out.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~":
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// HTML text and attribute values: `& < > " '` as entities, control characters dropped.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Small formatting shared by the renderers.
enum DigestText {
    static func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        number(Double(n)) + " " + (n == 1 ? one : (many ?? one + "s"))
    }

    static func typeName(_ type: String?) -> String {
        switch type {
        case "person": "person"
        case "organization": "organisation"
        case "location": "place"
        case "group": "group"
        default: "other"
        }
    }

    /// A figure's value as people write it: 2000000 → "2,000,000", 4.1 → "4.1".
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int64(abs(value)))
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        return String(value)
    }

    static let retryAdvice = "fix it (or export it again as UTF-8 text or gzip) and move it back into the inbox"

    /// Failed files listed in the Markdown and HTML; the JSON has them all.
    static let failedShown = 50

    /// The first line: articles, distinct articles, stories.
    static func storiesLine(_ digest: DailyDigest) -> String {
        let articles = digest.byPublished ? digest.counts.stored : digest.articleCount
        return "\(plural(articles, "article")), \(number(Double(digest.distinctArticles))) distinct, in "
            + "\(plural(digest.storyCount, "story", "stories"))."
    }

    /// "12 articles (3 distinct)", or "4 articles" when all are distinct.
    /// A story card's summary: the first one or two whole sentences of
    /// `summary` that the title does not already say, at most about 300 characters.
    static func cardSummary(_ summary: String, title: String) -> String {
        var sentences: [Substring] = []
        var start = summary.startIndex
        var i = summary.startIndex
        while i < summary.endIndex {
            let next = summary.index(after: i)
            if ".!?".contains(summary[i]), next == summary.endIndex || summary[next] == " " {
                sentences.append(summary[start..<next])
                start = next == summary.endIndex ? next : summary.index(after: next)
            }
            i = next
        }
        // What follows the last full stop is a clipped sentence: left out.
        var kept = sentences.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let first = kept.first, first == title || first == title + "." { kept.removeFirst() }
        var out = ""
        for sentence in kept.prefix(2) {
            if !out.isEmpty, out.count + sentence.count > 300 { break }
            out += (out.isEmpty ? "" : " ") + sentence
        }
        return out
    }

    static func storySize(_ story: Story) -> String {
        let size = plural(story.articles, "article")
        return story.distinctArticles == story.articles ? size : size + " (\(story.distinctArticles) distinct)"
    }

    /// Why the Rising section lists nothing, or `nil` when it has entities to list.
    static func risingAbsence(_ digest: DailyDigest) -> String? {
        if digest.earlierDays == 0 { return "No articles in the previous seven days to compare with." }
        if digest.rising.isEmpty { return "Nothing is named in markedly more articles than over the previous seven days." }
        return nil
    }

    /// How a rising entity compares with the days before.
    static func risingText(_ entity: RisingEntity, days: Int) -> String {
        let mean = (entity.previousMean * 10).rounded() / 10
        return "in \(plural(entity.today, "article")) today, against \(number(mean)) a day over the previous "
            + (days == 1 ? "day with articles" : "\(days) days with articles")
    }

    /// A quote cut to 300 characters at a word, with an ellipsis.
    static func clipped(_ text: String, to limit: Int = 300) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }

    /// The summary line of counts.
    static func countsLine(_ digest: DailyDigest) -> String {
        let c = digest.counts
        var text = digest.byPublished
            ? "\(plural(c.stored, "article")) published on this day"
            : "\(plural(c.stored, "article")) stored, \(plural(c.duplicates, "duplicate")), \(plural(c.failed, "failed file")), in \(plural(c.runs, "run"))"
        if let backlog = digest.backlog { text += "; \(plural(backlog, "file")) waiting in the inbox" }
        return text + "."
    }
}
