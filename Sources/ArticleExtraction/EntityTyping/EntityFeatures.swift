/// The feature keys of one candidate, collected without building strings;
/// with `naming` on (training, inspection) each key also gets a readable name.
package struct FeatureVector: Sendable {
    package private(set) var keys: [UInt64] = []
    package private(set) var names: [UInt64: String] = [:]
    private let naming: Bool

    init(naming: Bool) {
        self.naming = naming
        keys.reserveCapacity(64)
    }

    /// Adds the feature `template` with a value key (0 for a flag).
    mutating func add(_ template: FeatureTemplate, _ value: UInt64 = 0, _ text: @autoclosure () -> String = "") {
        let key = Self.key(template, value)
        keys.append(key)
        if naming, names[key] == nil {
            let shown = text()
            names[key] = shown.isEmpty ? "\(template)" : "\(template)=\(shown)"
        }
    }

    /// Each key once, in a fixed order.
    mutating func finish() {
        keys.sort()
        var kept = 0
        for k in keys.indices where kept == 0 || keys[k] != keys[kept - 1] {
            keys[kept] = keys[k]
            kept += 1
        }
        keys.removeLast(keys.count - kept)
    }

    /// splitmix64 of the template and value: spreads both over all 64 bits.
    static func key(_ template: FeatureTemplate, _ value: UInt64) -> UInt64 {
        var z = value &+ UInt64(template.rawValue) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What a feature is about; the raw values are part of the trained weights'
/// keys, so a template keeps its number once weights are shipped.
enum FeatureTemplate: UInt8, CustomStringConvertible {
    case bias = 1, rule, ruleStrength, length, word, first, last, lastSuffix
    case placeName, placeWord, givenNameFirst, surnameLast, demonym, groupWord
    case organizationHeadLast, organizationHeadInside, placeHeadLast, eventHeadLast, directionFirst
    case knownAcronym, titleWordInside, acronym, allCapitals, hyphen, connector
    case mentionCount, hasAlias, previous, next, titled, title, alwaysSentenceInitial, alwaysInQuote
    case speechVerbAfter, speechVerbBefore, ageApposition, descriptionApposition, seenLowercase
    case placePreposition, memberNounAfter, placeNounAfter, possessiveAfter, theBefore, capitalizedBefore
    case knownOrganization, topicAround, articleTopic, placeWithTopicAround, placeInArticleTopic
    case ruleWithTopicAround, ruleInArticleTopic, organizationWithTopicAround
    case capitalizedFunctionWordInside, commonWordsInside, bracketedAfterPerson, knownVenue
    case workNounBefore, workNounAfter, organizationNounBefore, surnameAlone, innerCapital, coordinatedWith
    case worldGivenNameFirst

    var description: String { String(describing: Self.names[Int(rawValue) - 1]) }

    private static let names = [
        "bias", "rule", "rule+strength", "length", "word", "first", "last", "last-suffix",
        "place-name", "place-word", "given-name-first", "surname-last", "demonym", "group-word",
        "org-head-last", "org-head-inside", "place-head-last", "event-head-last", "direction-first",
        "known-acronym", "title-word-inside", "acronym", "all-capitals", "hyphen", "connector",
        "mentions", "has-alias", "previous", "next", "titled", "title", "always-sentence-initial", "always-in-quote",
        "speech-verb-after", "speech-verb-before", "age-apposition", "description-apposition", "seen-lowercase",
        "place-preposition", "member-noun-after", "place-noun-after", "possessive-after", "the-before",
        "capitalized-before",
        "known-organization", "topic-around", "article-topic", "place+topic-around", "place+article-topic",
        "rule+topic-around", "rule+article-topic", "known-organization+topic-around",
        "capitalized-function-word-inside", "common-words-inside", "bracketed-after-person", "known-venue",
        "work-noun-before", "work-noun-after", "org-noun-before", "surname-alone", "inner-capital", "coordinated-with",
        "world-given-name-first",
    ]
}

/// The features of one entity of an article: its name's words and their
/// gazetteer and word-list hits, the rule's type and strength, and the
/// context of every mention (words before and after, titles, apposition,
/// speech verbs, capitalisation and position), aggregated over mentions.
struct EntityFeatures {
    let document: Document
    let gazetteer: Gazetteer
    init(document: Document, gazetteer: Gazetteer) {
        self.document = document
        self.gazetteer = gazetteer
    }

    private var tokens: [Token] { document.tokens }

    /// Whether word token `index` has a capital after a lower-case letter
    /// ("PlayStation", "WorldCom", "EdgeScape"): a brand's or a product's
    /// spelling. A surname's prefix before the capital ("McCartney",
    /// "MacDonald", "DiCaprio", "LeBron") does not count.
    private func hasInnerCapital(_ index: Int) -> Bool {
        let t = tokens[index]
        return document.text.withUnsafeBufferPointer { text in
            var k = Int(t.start) + 1
            while k < Int(t.end) {
                let c = text[k]
                if c >= 0x41, c <= 0x5A, text[k - 1] >= 0x61, text[k - 1] <= 0x7A {
                    let prefix = WordKeys.key(text, Int(t.start), k)
                    return !Lexicon.surnamePrefixes.contains(prefix)
                }
                k += 1
            }
            return false
        }
    }

    /// What the lists know the capitalised word at `index` as, when a list
    /// joins it to a mention ("Penrith and Springwood", "Sony, Philips or
    /// Ericsson"): 1 a place, 2 an organisation; 0 for neither. In an article
    /// about sport a club's name is the club ("Newcastle and Real Madrid").
    private func coordinatedKind(_ index: Int) -> UInt64 {
        guard index >= 0, index < tokens.count, tokens[index].isCapitalized else { return 0 }
        let key = tokens[index].key
        let organization = gazetteer.organizations[key] ?? 0
        if organization & Gazetteer.OrganizationKind.club != 0, document.articleTopic == .sport { return 2 }
        if gazetteer.locations[key] != nil { return 1 }
        if organization != 0 { return 2 }
        return 0
    }

    /// Whether token `index` joins the items of a list: "and", "or" or a comma.
    private func isListJoint(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count else { return false }
        let t = tokens[index]
        return t.isPunct(0x2C) || (t.isLowercaseWord && (t.key == W.and || t.key == W.or))
    }

    func features(entity: EntitySet.Resolved, mentions own: ArraySlice<Int>, of all: [Mention], naming: Bool)
        -> FeatureVector
    {
        let name = entity.nameRange
        let ruleType = entity.type
        let strength = own.reduce(0) { max($0, all[$1].strength) }
        var f = FeatureVector(naming: naming)
        func text(_ i: Int) -> String { naming ? document.string(i).lowercased() : "" }
        f.add(.bias)
        f.add(.rule, UInt64(ruleType.index), "\(ruleType)")
        f.add(.ruleStrength, UInt64(ruleType.index * 8 + strength), "\(ruleType)/\(strength)")
        let words = name.filter { document.isNameWord($0) || tokens[$0].kind == .number }
        guard let firstWord = words.first, let lastWord = words.last else {
            f.finish()
            return f
        }
        f.add(.length, UInt64(min(words.count, 4)), "\(min(words.count, 4))")
        for w in words { f.add(.word, tokens[w].key, text(w)) }
        f.add(.first, tokens[firstWord].key, text(firstWord))
        f.add(.last, tokens[lastWord].key, text(lastWord))
        let last = tokens[lastWord]
        if last.length > 3 {
            let suffixKey = document.text.withUnsafeBufferPointer {
                WordKeys.key($0, Int(last.end) - 3, Int(last.end))
            }
            f.add(.lastSuffix, suffixKey, naming ? String(text(lastWord).suffix(3)) : "")
        }
        let phrase = document.phraseKey(name)
        if gazetteer.locations[phrase] != nil { f.add(.placeName) }
        if words.contains(where: { gazetteer.locations[tokens[$0].key] != nil }) { f.add(.placeWord) }
        if gazetteer.firstNames.contains(tokens[firstWord].key) {
            f.add(.givenNameFirst)
        } else if words.count > 1, gazetteer.isWorldGivenName(tokens[firstWord].key, in: document) {
            f.add(.worldGivenNameFirst)
        }
        if gazetteer.surnames.contains(last.key) { f.add(words.count > 1 ? .surnameLast : .surnameAlone) }  // "Miller scored"
        if gazetteer.demonyms[phrase] != nil { f.add(.demonym) }
        if gazetteer.venues.contains(phrase) { f.add(.knownVenue) }
        let organizationKind = gazetteer.organizationKind(ofPhrase: phrase, words: words.count) ?? 0
        if organizationKind != 0 { f.add(.knownOrganization, UInt64(organizationKind), "\(organizationKind)") }
        let isPlace = gazetteer.locations[phrase] != nil
        if let topic = document.articleTopic, ruleType == .other {
            // A name no rule could type, in a sports or business article: often a club or a company.
            f.add(.ruleInArticleTopic, UInt64(ruleType.index * 8) + UInt64(topic.rawValue), "\(ruleType)/\(topic)")
        }
        if let topic = document.articleTopic, isPlace || organizationKind != 0 {
            // A place in a sports article is often its team; a name a club or company shares, that club or company.
            f.add(.placeInArticleTopic, UInt64(topic.rawValue) + (isPlace ? 0 : 8), "\(isPlace ? "place" : "known")/\(topic)")
        }
        var around: UInt8 = 0
        for m in own { around |= document.topicsAround(all[m].range) }
        for topic in Lexicon.Topic.allCases where around & (1 << topic.rawValue) != 0 {
            f.add(.topicAround, UInt64(topic.rawValue), "\(topic)")
            f.add(.ruleWithTopicAround, UInt64(ruleType.index * 8) + UInt64(topic.rawValue), "\(ruleType)/\(topic)")
            if isPlace { f.add(.placeWithTopicAround, UInt64(topic.rawValue), "\(topic)") }
            if organizationKind != 0 {
                f.add(.organizationWithTopicAround, UInt64(organizationKind) * 8 + UInt64(topic.rawValue),
                      "\(organizationKind)/\(topic)")
            }
        }
        if words.contains(where: { Lexicon.groupWords.contains(tokens[$0].key) }) { f.add(.groupWord) }
        if Lexicon.organizationHeads.contains(last.key) { f.add(.organizationHeadLast) }
        if words.dropLast().contains(where: { Lexicon.organizationHeads.contains(tokens[$0].key) }) {
            f.add(.organizationHeadInside)
        }
        if Lexicon.locationHeads.contains(last.key) || Lexicon.buildingHeads.contains(last.key) { f.add(.placeHeadLast) }
        if Lexicon.eventHeads.contains(last.key) { f.add(.eventHeadLast) }
        if words.count > 1, Lexicon.directions.contains(tokens[firstWord].key) { f.add(.directionFirst) }
        if Lexicon.organizationAcronyms.contains(phrase) { f.add(.knownAcronym) }
        if words.contains(where: { Lexicon.personTitles.contains(tokens[$0].key) }) { f.add(.titleWordInside) }
        if words.count == 1, tokens[firstWord].has(Token.allCaps) { f.add(.acronym) }
        // A hyphen that joins a syllable to a given name ("Ki-moon") joins no two names.
        if name.contains(where: { tokens[$0].isPunct(0x2D) && !document.isHyphenedSyllable($0 + 1) }) { f.add(.hyphen) }
        if words.contains(where: { tokens[$0].isWord && hasInnerCapital($0) }) { f.add(.innerCapital) }
        if words.contains(where: { tokens[$0].isLowercaseWord }) { f.add(.connector) }
        f.add(.mentionCount, UInt64(min(own.count, 3)), "\(min(own.count, 3))")
        if entity.surfaces.count > 1 { f.add(.hasAlias) }
        if words.count == 1, document.lowercaseKeys.contains(tokens[firstWord].key) { f.add(.seenLowercase) }
        if words.count > 1 {
            // "Lost In Translation", "Hide And Seek", "Ground Force": the title of a work is made of common words.
            if words.dropFirst().contains(where: { tokens[$0].isCapitalized && Lexicon.stopWords.contains(tokens[$0].key) }) {
                f.add(.capitalizedFunctionWordInside)
            }
            let common = words.filter { document.lowercaseKeys.contains(tokens[$0].key) || Lexicon.stopWords.contains(tokens[$0].key) }.count
            f.add(.commonWordsInside, UInt64(min(common, 3) * 4 + min(words.count, 4)), "\(min(common, 3))/\(min(words.count, 4))")
        }

        var allInitial = true
        var allInQuote = true
        var allCapitals = true
        for m in own {
            let mention = all[m]
            let lo = mention.range.lowerBound
            let hi = mention.range.upperBound
            if !document.isSentenceInitial(lo) { allInitial = false }
            if !document.insideQuote[lo] { allInQuote = false }
            if !mention.range.allSatisfy({ !tokens[$0].isWord || tokens[$0].has(Token.allCaps) }) { allCapitals = false }
            if !mention.titles.isEmpty { f.add(.titled) }
            // "Penrith and Springwood": what the lists know a name joined to this one as, either side.
            for (joint, neighbour) in [(lo - 1, lo - 2), (hi, hi + 1)] where isListJoint(joint) {
                let kind = coordinatedKind(neighbour)
                if kind != 0 { f.add(.coordinatedWith, kind, kind == 1 ? "place" : "organization") }
            }
            // "Pierre Mignoni (Biarritz)": a name in brackets after a person's is their club, party or place.
            if lo >= 2, hi < tokens.count, tokens[lo - 1].isPunct(0x28), tokens[hi].isPunct(0x29),
                tokens[lo - 2].isWord, tokens[lo - 2].isCapitalized, gazetteer.surnames.contains(tokens[lo - 2].key)
                    || gazetteer.firstNames.contains(tokens[lo - 2].key) || tokens[lo - 2].length > 3
            {
                f.add(.bracketedAfterPerson)
            }
            for title in mention.titles { f.add(.title, title, naming ? "\(title)" : "") }
            // The word or mark before.
            if lo > 0 {
                let before = tokens[lo - 1]
                switch before.kind {
                case .word:
                    f.add(.previous, before.key, text(lo - 1))
                    if before.isCapitalized { f.add(.capitalizedBefore) }
                    if before.key == W.the { f.add(.theBefore) }
                    if before.isLowercaseWord, Lexicon.locationPrepositions.contains(before.key) { f.add(.placePreposition) }
                    if Lexicon.speechVerbs.contains(before.key) { f.add(.speechVerbBefore) }
                    if before.isLowercaseWord, Lexicon.workNouns.contains(before.key) { f.add(.workNounBefore) }
                    if before.isLowercaseWord, Lexicon.organizationNouns.contains(before.key) { f.add(.organizationNounBefore) }
                case .punctuation: f.add(.previous, UInt64(before.symbol), String(UnicodeScalar(before.symbol)))
                case .paragraph: f.add(.previous, 1, "<paragraph>")
                default: f.add(.previous, 2, "<other>")
                }
            } else {
                f.add(.previous, 1, "<paragraph>")
            }
            // The word or mark after.
            if hi < tokens.count {
                let after = tokens[hi]
                switch after.kind {
                case .word:
                    f.add(.next, after.key, text(hi))
                    if Lexicon.speechVerbs.contains(after.key) { f.add(.speechVerbAfter) }
                    if after.isLowercaseWord, Lexicon.organizationMembers.contains(after.key) { f.add(.memberNounAfter) }
                    if after.isLowercaseWord, Lexicon.locationHeads.contains(after.key) { f.add(.placeNounAfter) }
                    if after.isLowercaseWord, Lexicon.workNouns.contains(after.key) { f.add(.workNounAfter) }
                case .possessive: f.add(.possessiveAfter)
                case .punctuation:
                    f.add(.next, UInt64(after.symbol), String(UnicodeScalar(after.symbol)))
                    if after.symbol == 0x2C, hi + 1 < tokens.count {
                        let next = tokens[hi + 1]
                        if next.kind == .number { f.add(.ageApposition) }
                        if next.isWord, next.key == W.a || next.key == W.an || next.key == W.the {
                            f.add(.descriptionApposition)
                        }
                    }
                case .paragraph: f.add(.next, 1, "<paragraph>")
                default: f.add(.next, 2, "<other>")
                }
            }
        }
        if allInitial { f.add(.alwaysSentenceInitial) }
        if allInQuote { f.add(.alwaysInQuote) }
        if allCapitals, words.count > 1 || !tokens[firstWord].has(Token.allCaps) || tokens[firstWord].length > 5 {
            f.add(.allCapitals)
        }
        f.finish()
        return f
    }
}

extension EntityType {
    /// The class index of a type in ``EntityTyping/classes``.
    var index: Int {
        switch self {
        case .person: 1
        case .organization: 2
        case .location: 3
        case .group: 4
        case .other: 5
        }
    }
}

/// Typing entities with the trained model: the classes it decides between
/// and the shipped weights (`EntityTypeWeights.swift`, written by `gleaner-train`).
package enum EntityTyping {
    /// `none` means "not a name": the candidate is dropped.
    package static let classes = ["none", "person", "organization", "location", "group", "other"]

    /// The model trained on `eval/train/`, loaded on first use.
    package static let shipped = LinearModel(text: EntityTypeWeights.text)
}
