/// Everything the extraction core learns from one article.
///
/// The fields follow `extraction-contract.md`; ``ExtractedArticle/jsonLine(file:sha256:)``
/// writes the contract's JSON. Values only: no file, clock or locale is read.
public struct ExtractedArticle: Sendable, Equatable {
    /// Publication date from the header, `nil` when the article has none.
    public var date: PartialDate?
    /// The header's title, else the lead sentence cut to at most 120 characters.
    public var title: String
    /// ISO 639-1 code of the body's language, or `und` when unsure.
    public var language: String
    /// Whitespace-separated words of the body (header excluded).
    public var words: Int
    /// Other header fields (`source`, `url`, `author`), lower-case keys.
    public var header: [String: String]
    /// The body after decoding and markup clean-up.
    public var body: String
    public var entities: [Entity]
    public var quotes: [Quote]
    public var dates: [DateMention]
    public var amounts: [Amount]
    public var keywords: [String]
    /// The most frequent content words with their counts (``ContentWords``):
    /// what the store groups a day's stories by. Not part of the contract's JSON.
    public var contentWords: [WordCount]
    public var summary: String
    /// Conditions a reader should know about, such as `decoded-as-windows-1252`.
    public var flags: [String]
}

/// A date that may give only a year, or a year and month.
public struct PartialDate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var description: String {
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        if let month {
            text += "-" + (month < 10 ? "0" : "") + String(month)
            if let day { text += "-" + (day < 10 ? "0" : "") + String(day) }
        }
        return text
    }

    /// The full day when the date has one.
    public var calendarDay: CalendarDay? {
        guard let month, let day else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }
}

/// The kinds of entity the contract knows.
public enum EntityType: String, Sendable, Equatable, Hashable, CaseIterable {
    case person, organization, location, group, other
}

/// One real-world entity, under its fullest name, with its other surface forms.
public struct Entity: Sendable, Equatable {
    public var name: String
    public var type: EntityType
    public var mentions: Int
    public var aliases: [String]
}

/// Direct speech or writing, without its quotation marks.
public struct Quote: Sendable, Equatable {
    public var text: String
    /// An entity's name, a short description, or `nil` when the article does not say.
    public var speaker: String?
}

/// A mention of a calendar date, month, year or ISO week, resolved.
public struct DateMention: Sendable, Equatable {
    /// The words of the article.
    public var text: String
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-Www`.
    public var value: String
}

/// An explicit cardinal quantity and the noun it counts.
public struct Amount: Sendable, Equatable {
    public var text: String
    public var value: Double
    /// The counted noun as written, `dollars` or `percent` for money and shares, or `nil`.
    public var about: String?
}
