/// The extraction core's entry point: the bytes of one article in, an
/// ``ExtractedArticle`` out.
///
/// Pure: no file, clock or environment is read. Thread-safe; one extractor
/// can serve every thread. The gazetteers load on first use of
/// ``Gazetteer/shared`` (a few milliseconds).
public struct ArticleExtractor: Sendable {
    /// Why bytes could not be read as an article at all.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    let gazetteer: Gazetteer
    /// Decides each entity's type; `nil` keeps the rules' types.
    let typeModel: LinearModel?

    /// An extractor with the shipped entity-type model.
    public init() { self.init(typeModel: EntityTyping.shipped) }

    /// An extractor with another type model (cross-validation), or none (the rules alone).
    package init(typeModel: LinearModel?) {
        gazetteer = .shared
        self.typeModel = typeModel.flatMap { $0.featureCount > 0 ? $0 : nil }
    }

    /// Extracts everything the contract lists from `bytes` (already decompressed).
    ///
    /// - Parameter ingestedOn: the day the article arrived; relative dates
    ///   resolve against it when the header gives no full date.
    /// - Throws: ``Failure`` for an empty file or binary data.
    /// - Parameter shouldStop: asked between the stages of the work; once it
    ///   says yes the rest is skipped and the article carries the flag
    ///   `truncated` (the caller's time budget; the core reads no clock).
    public func extract(
        _ bytes: [UInt8], ingestedOn: CalendarDay? = nil, shouldStop: () -> Bool = { false }
    ) throws(Failure) -> ExtractedArticle {
        let decoded: (text: [UInt8], windows1252: Bool)
        do {
            decoded = try TextDecoding.decode(bytes)
        } catch {
            throw Failure(reason: error.reason)
        }
        var flags: [String] = []
        if decoded.windows1252 { flags.append("decoded-as-windows-1252") }
        let header = ArticleHeader.parse(decoded.text)
        if let bad = header.unreadableDate { flags.append("unreadable-header-date: \(bad)") }
        let body = BodyCleaner.clean(decoded.text[header.bodyStart...])
        if body.isEmpty { flags.append("empty-body") }
        let document = Document(text: body)
        let language = header.fields["language"].map { String($0.prefix(2)).lowercased() }
            ?? LanguageIdentifier.identify(document)
        let reference = header.date?.calendarDay ?? ingestedOn

        var article = ExtractedArticle(
            date: header.date,
            title: header.fields["title"] ?? Summarizer.title(of: document),
            language: language,
            words: Self.countWords(body),
            header: header.fields,
            body: String(decoding: body, as: UTF8.self),
            entities: [], quotes: [], dates: [], amounts: [], keywords: [],
            contentWords: document.text.withUnsafeBufferPointer { ContentWords.counts(of: document.tokens, in: $0) },
            summary: Summarizer.summary(of: document),
            flags: flags)

        func stopped(before stage: String) -> Bool {
            guard shouldStop() else { return false }
            article.flags.append("truncated: stopped before \(stage), over the time budget")
            return true
        }
        if stopped(before: "dates") { return article }
        // Dates and amounts hold in any language written with these numerals.
        let found = DateExtractor(document: document, reference: reference, gazetteer: gazetteer).dates()
        var seenValues: Set<String> = []
        var dateTokens = [Bool](repeating: false, count: document.tokens.count)
        for d in found {
            for t in d.tokens { dateTokens[t] = true }
            if seenValues.insert(d.value).inserted { article.dates.append(DateMention(text: d.text, value: d.value)) }
        }
        guard language == "en" || language == "und" else {
            // The name, quote and keyword rules are English ones: say so rather than guess.
            article.flags.append("english-rules-skipped")
            return article
        }
        if stopped(before: "amounts") { return article }
        article.amounts = AmountExtractor(document: document, dateTokens: dateTokens, articleYear: reference?.year).amounts()
        if stopped(before: "entities") { return article }
        let mentions = EntityRecognizer(document: document, gazetteer: gazetteer).mentions()
        if stopped(before: "entities") { return article }
        let entities = EntitySet(mentions: mentions, document: document, gazetteer: gazetteer, typeModel: typeModel)
        article.entities = entities.publicEntities
        if stopped(before: "quotes") { return article }
        article.quotes = QuoteExtractor(document: document, entities: entities).quotes()
        if stopped(before: "keywords") { return article }
        article.keywords = KeywordExtractor(document: document).keywords()
        return article
    }

    /// The candidate entities of an article with the features the type model
    /// reads and the rules' types, before the model decides: what
    /// `gleaner-train` learns from. Empty for an article the core cannot read
    /// or whose language has no name rules.
    package func entityCandidates(_ bytes: [UInt8]) -> [EntitySet.Candidate] {
        guard let decoded = try? TextDecoding.decode(bytes) else { return [] }
        let header = ArticleHeader.parse(decoded.text)
        let document = Document(text: BodyCleaner.clean(decoded.text[header.bodyStart...]))
        let language = header.fields["language"].map { String($0.prefix(2)).lowercased() }
            ?? LanguageIdentifier.identify(document)
        guard language == "en" || language == "und" else { return [] }
        let mentions = EntityRecognizer(document: document, gazetteer: gazetteer).mentions()
        return EntitySet(mentions: mentions, document: document, gazetteer: gazetteer, keepCandidates: true).candidates
    }

    /// Runs of non-white-space bytes: the word count the contract means.
    static func countWords(_ text: [UInt8]) -> Int {
        var count = 0
        var inWord = false
        for b in text {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
