/// The entities of one article: mentions grouped into entities, each under
/// its fullest name with its other surface forms as aliases, one type each.
package struct EntitySet {
    struct Resolved {
        var name: String
        var type: EntityType
        var mentions: Int
        var surfaces: [String]
        var firstToken: Int
        /// Title words seen before its name.
        var titles: Set<WordKey> = []
        /// Keys of the words of its fullest name, for surname and acronym joins.
        var wordKeys: [WordKey]
        /// The tokens of its longest mention.
        var nameRange: Range<Int>
        /// A mention's text says what it is (``Mention/stated``): the model does not retype it.
        var stated = false
    }

    private(set) var mentions: [Mention]
    private(set) var entities: [Resolved] = []
    /// For each token, the mention that covers it, or -1.
    private(set) var mentionOfToken: [Int32]

    /// One candidate entity as the type model sees it (kept only when asked, for training).
    package struct Candidate: Sendable {
        package var name: String
        package var surfaces: [String]
        package var ruleType: EntityType
        package var features: FeatureVector
    }

    /// The candidates with their features, in entity order, when `keepCandidates` was set.
    private(set) var candidates: [Candidate] = []

    init(mentions input: [Mention], document: Document, gazetteer: Gazetteer, typeModel: LinearModel? = nil,
         keepCandidates: Bool = false)
    {
        mentions = input
        mentionOfToken = [Int32](repeating: -1, count: document.tokens.count)
        let tokens = document.tokens

        // 1. Group by canonical name (case-folded).
        var groupOf: [String: Int] = [:]
        var groups: [[Int]] = []
        let canonicalKeys = mentions.map { $0.canonical.lowercased() }
        for m in mentions.indices {
            let key = canonicalKeys[m]
            if let g = groupOf[key] {
                groups[g].append(m)
            } else {
                groupOf[key] = groups.count
                groups.append([m])
            }
        }
        // 2. The type of a group: the strongest evidence, then the most mentions.
        func groupType(_ g: [Int]) -> (EntityType, Int) {
            var score: [EntityType: Int] = [:]
            for m in g { score[mentions[m].type, default: 0] += 1 + 4 * mentions[m].strength }
            let best = score.max { a, b in a.value == b.value ? a.key.rawValue > b.key.rawValue : a.value < b.value }!
            return (best.key, g.map { mentions[$0].strength }.max() ?? 0)
        }
        func words(_ m: Int) -> [WordKey] {
            // "Ban Ki-moon" is the words "Ban Ki": its "moon" is no surname for "UN" or "Moon" to join.
            mentions[m].range.filter(document.isNameWord).map { tokens[$0].key }
        }
        var target = Array(0..<groups.count)  // group -> group it joins
        let typed = groups.map { groupType($0) }
        var types = typed.map(\.0)
        let strengths = typed.map(\.1)
        let longest: [Int] = groups.map { g in
            g.max { mentions[$0].range.count < mentions[$1].range.count }!
        }
        // 3. Join short forms to a longer name of the same article. Candidates are
        // the longer names that begin or end with the short form's words, or
        // (for acronyms) the organisations whose initials it spells: each
        // index holds a name once per word, so the joins stay linear.
        let groupWords = longest.map { words($0) }
        var byPrefix: [[WordKey]: [Int]] = [:]
        var bySuffix: [[WordKey]: [Int]] = [:]
        var organizationsByInitials: [[UInt8]: [Int]] = [:]
        for (h, w) in groupWords.enumerated() where w.count > 1 {
            for length in 1..<min(w.count, EntitySet.longestShortForm + 1) {
                byPrefix[Array(w.prefix(length)), default: []].append(h)
                bySuffix[Array(w.suffix(length)), default: []].append(h)
            }
            if types[h] == .organization {
                organizationsByInitials[EntitySet.initials(of: mentions[longest[h]], tokens: tokens, text: document.text), default: []]
                    .append(h)
            }
        }
        // "Anil" after "Anil Ambani", "Ruud" after "Ruud van Nistelrooy": a word no rule typed is the
        // given name of the one person of two names (given name and surname, a surname's particle
        // aside) that the names starting with it hold.
        func isSoleGivenName(_ short: [WordKey]) -> Bool {
            let people = (byPrefix[short] ?? []).filter { types[$0] == .person }
            guard people.count == 1 else { return false }
            let words = groupWords[people[0]]
            return words.count == 2
                || (words.count == 3 && Lexicon.nameConnectors.contains(words[1]) && words[1] != W.of && words[1] != W.for)
        }
        // "Cairn" of "Cairn Energy", "Villa" of "Aston Villa": one word that the lists do not know
        // alone is a short form of the organisation it starts, when the rest is head words, or ends,
        // when the lists know the whole name. "BBC" is not "BBC News", nor "Sony" "Sony Music".
        func isClippedOrganization(_ short: [WordKey], of long: [WordKey], _ h: Int) -> Bool {
            guard short.count == 1, long.count > 1 else { return false }
            let word = short[0]
            if gazetteer.locations[word] != nil || gazetteer.organizations[word] != nil
                || Lexicon.organizationAcronyms.contains(word) || gazetteer.firstNames.contains(word)
            {
                return false
            }
            if word == long[0] {
                // Every word a head word and nothing else in the name: "KRT Radio 5" is a station of KRT.
                return long.count == mentions[longest[h]].range.count
                    && long.dropFirst().allSatisfy { Lexicon.organizationHeads.contains($0) }
            }
            return word == long.last!
                && gazetteer.organizationKind(ofPhrase: document.phraseKey(mentions[longest[h]].range), words: long.count) != nil
        }
        for g in groups.indices {
            let short = groupWords[g]
            guard !short.isEmpty, short.count <= EntitySet.longestShortForm else { continue }
            var candidates = Set(byPrefix[short] ?? []).union(bySuffix[short] ?? [])
            if short.count == 1, let letters = EntitySet.acronymLetters(mentions[longest[g]].surface) {
                candidates.formUnion(organizationsByInitials[letters] ?? [])
            }
            for h in candidates.sorted() where h != g && target[h] == h {
                let long = groupWords[h]
                guard long.count > short.count else { continue }
                let joins: Bool
                switch types[h] {
                case .person:
                    // "Putin" -> "Vladimir Putin"; "John Paul" -> "John Paul II".
                    let strongOther = types[g] != .person && types[g] != .other && strengths[g] >= 3
                    joins =
                        types[g] != .group && !(strongOther && strengths[h] < 3)
                        && (short.count == 1
                            ? short[0] == long.last! || (short[0] == long.first! && (types[g] == .person
                                || (types[g] == .other && isSoleGivenName(short))))
                            : Array(long.prefix(short.count)) == short || Array(long.suffix(short.count)) == short)
                case .organization:
                    // "Radio Free Europe" -> "Radio Free Europe/Radio Liberty"; "Labour" -> "Labour Party";
                    // "PUK" -> its expansion. One word is a short form only when the rest is a generic
                    // head ("Party", "plc"): "BBC" is not "BBC Radio 4".
                    let prefix = Array(long.prefix(short.count)) == short
                        && (short.count > 1 || long.dropFirst().allSatisfy { Lexicon.genericOrganizationWords.contains($0) })
                    joins =
                        (types[g] == .organization || types[g] == .other)
                        && (prefix || isClippedOrganization(short, of: long, h)
                            || (short.count == 1 && EntitySet.isAcronym(mentions[longest[g]].surface, of: mentions[longest[h]], tokens: tokens, text: document.text)))
                case .other:
                    // "JK Rowling", untyped by the rules, is the full name of "Rowling" the person.
                    joins = types[g] == .person && short.count == 1 && short[0] == long.last!
                    if joins { types[h] = .person }
                default:
                    joins = false
                }
                if joins {
                    target[g] = h
                    if types[g] == .other || types[g] == .person { types[g] = types[h] }
                    break
                }
            }
        }
        // Whether group `g` may be an organisation's: no place, and no person by more than the
        // rules' guess for two plain words ("Lib Dem").
        func mayBeOrganization(_ g: Int) -> Bool {
            types[g] != .location && (types[g] != .person || strengths[g] <= 1)
        }
        // A plural and its singular are one organisation: "Conservatives" and "Conservative", "Lib Dems" and "Lib Dem".
        for g in groups.indices where target[g] == g && mayBeOrganization(g) {
            let key = canonicalKeys[longest[g]]
            guard key.hasSuffix("s"), key.count > 3 else { continue }
            let singulars = [String(key.dropLast()), key.hasSuffix("ies") ? String(key.dropLast(3)) + "y" : nil]
            for singular in singulars.compactMap({ $0 }) {
                guard let h = groupOf[singular], h != g, target[h] == h, mayBeOrganization(h) else { continue }
                target[g] = h
                break
            }
        }
        // A party's short or informal names are its aliases: "Tories" and "Conservatives" are both the
        // Conservative Party's (``Gazetteer/partyName(of:)``, as the store files them), "Lib Dems" the
        // Liberal Democrats'.
        var groupOfParty: [String: Int] = [:]
        for g in groups.indices where target[g] == g && mayBeOrganization(g) {
            guard let (party, isItsOwnName) = gazetteer.party(of: mentions[longest[g]].canonical) else { continue }
            if let h = groupOfParty[party] {
                // The fuller name stays the entity's: "Conservatives" over "Tories", the party's filed name over all.
                let (kept, joined) = groupWords[g].count > groupWords[h].count || isItsOwnName ? (g, h) : (h, g)
                target[joined] = kept
                types[kept] = .organization
                groupOfParty[party] = kept
            } else {
                groupOfParty[party] = g
            }
        }
        // A clipped name is an alias of the full one: "Man City" of "Manchester City", "Lib Dems" of
        // "Liberal Democrats". Each word is the full name's word, or its plural or singular, or its first
        // three or four letters (a plural's "s" aside), and one word at least is so clipped.
        // The name in words of each group that may be clipped or a clipping (two or three words of three
        // letters or more), and its key: the first three letters of each. Read only for the groups that
        // may be an organisation's: most of an article's names are people's and places'.
        var nameWords = [[Substring]](repeating: [], count: groups.count)
        var clippedKeys = [String?](repeating: nil, count: groups.count)
        var byClippedKey: [String: [Int]] = [:]
        for g in groups.indices where target[g] == g && mayBeOrganization(g) && canonicalKeys[longest[g]].utf8.contains(0x20) {
            let words = canonicalKeys[longest[g]].split(separator: " ")
            guard words.count >= 2, words.count <= 3, words.allSatisfy({ $0.count >= 3 }) else { continue }
            let key = words.map { String($0.prefix(3)) }.joined(separator: " ")
            nameWords[g] = words
            clippedKeys[g] = key
            byClippedKey[key, default: []].append(g)
        }
        for g in groups.indices where target[g] == g && mayBeOrganization(g) {
            guard let clippedKey = clippedKeys[g] else { continue }
            let full = byClippedKey[clippedKey, default: []].first { h in
                guard h != g, target[h] == h, canonicalKeys[longest[g]].count < canonicalKeys[longest[h]].count
                else { return false }
                var clipped = false
                for (s, l) in zip(nameWords[g], nameWords[h]) where s != l {
                    if s == l + "s" || l == s + "s" { continue }
                    let stem = s.hasSuffix("s") ? s.dropLast() : s[...]
                    guard stem.count <= 4, l.count >= stem.count + 3, l.hasPrefix(stem) else { return false }
                    clipped = true
                }
                return clipped
            }
            if let full {
                target[g] = full
                if types[full] == .person { types[full] = types[g] }
            }
        }
        // Acronyms given in brackets after a name: "Rural Fire Service (RFS)".
        for (m, mention) in mentions.enumerated() {
            let after = mention.range.upperBound
            guard after + 2 < tokens.count, tokens[after].isPunct(0x28), tokens[after + 2].isPunct(0x29),
                tokens[after + 1].has(Token.allCaps)
            else { continue }
            let acronymKey = document.string(after + 1).lowercased()
            if let g = groupOf[acronymKey], let owner = groupOf[canonicalKeys[m]], g != owner {
                target[g] = owner
            }
        }
        func root(_ g: Int) -> Int {
            var r = g
            while target[r] != r { r = target[r] }
            return r
        }
        // 4. Build entities in order of first mention.
        var entityOfRoot: [Int: Int] = [:]
        for (m, mention) in mentions.enumerated() {
            let r = root(groupOf[canonicalKeys[m]]!)
            if entityOfRoot[r] == nil {
                entityOfRoot[r] = entities.count
                entities.append(
                    Resolved(name: "", type: types[r], mentions: 0, surfaces: [], firstToken: mention.range.lowerBound,
                        wordKeys: words(longest[r]), nameRange: mentions[longest[r]].range))
            }
            let e = entityOfRoot[r]!
            mentions[m].entity = e
            entities[e].mentions += 1
            if !entities[e].surfaces.contains(mention.surface) { entities[e].surfaces.append(mention.surface) }
            for t in mention.range { mentionOfToken[t] = Int32(m) }
            entities[e].titles.formUnion(mention.titles)
            if mention.stated, mention.type == entities[e].type { entities[e].stated = true }
        }
        // 5. Names: groups by their plural people-noun, others by their fullest surface.
        for e in entities.indices {
            let surfaces = entities[e].surfaces
            func wordCount(_ s: String) -> Int { s.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) } }
            var name = surfaces.max { a, b in
                let wa = wordCount(a)
                let wb = wordCount(b)
                return wa == wb ? a.utf8.count < b.utf8.count : wa < wb
            }!
            if entities[e].type == .group {
                let plural = surfaces.first { s in
                    let key = WordKeys.key(s)
                    if let d = gazetteer.demonyms[key], let p = d.plural { return p == s }
                    return s.hasSuffix("s") && Lexicon.groupWords.contains(key)
                }
                if let plural { name = plural }
            }
            entities[e].name = name
        }
        // 6. The type model decides each entity's type from its features, or drops it as no name.
        if typeModel != nil || keepCandidates {
            retype(model: typeModel, document: document, gazetteer: gazetteer, keepCandidates: keepCandidates)
        }
    }

    /// The most words a short form joined to a longer name may have.
    static let longestShortForm = 6

    /// Types every entity with `model` (the rules' type stays without one);
    /// an entity the model calls no name is dropped with its mentions.
    private mutating func retype(model: LinearModel?, document: Document, gazetteer: Gazetteer, keepCandidates: Bool) {
        // The mentions of each entity, as one flat array in entity order.
        var start = [Int](repeating: 0, count: entities.count + 1)
        for mention in mentions where mention.entity >= 0 { start[mention.entity + 1] += 1 }
        for e in entities.indices { start[e + 1] += start[e] }
        var filled = start
        var byEntity = [Int](repeating: 0, count: start[entities.count])
        for (m, mention) in mentions.enumerated() where mention.entity >= 0 {
            byEntity[filled[mention.entity]] = m
            filled[mention.entity] += 1
        }
        let featurizer = EntityFeatures(document: document, gazetteer: gazetteer)
        var keep = [Bool](repeating: true, count: entities.count)
        for e in entities.indices {
            let features = featurizer.features(
                entity: entities[e], mentions: byEntity[start[e]..<start[e + 1]], of: mentions, naming: keepCandidates)
            if keepCandidates {
                candidates.append(
                    Candidate(name: entities[e].name, surfaces: entities[e].surfaces, ruleType: entities[e].type,
                        features: features))
            }
            guard let model, !entities[e].stated else { continue }
            let label = EntityTyping.classes[model.predict(features.keys)]
            if let type = EntityType(rawValue: label) {
                entities[e].type = type
            } else {
                keep[e] = false
            }
        }
        if model != nil { typeLineUps(document: document, gazetteer: gazetteer, keep: &keep) }
        guard keep.contains(false) else { return }
        var newIndex = [Int](repeating: -1, count: entities.count)
        var kept: [Resolved] = []
        for e in entities.indices where keep[e] {
            newIndex[e] = kept.count
            kept.append(entities[e])
        }
        entities = kept
        for m in mentions.indices where mentions[m].entity >= 0 {
            mentions[m].entity = newIndex[mentions[m].entity]
            if mentions[m].entity < 0 {
                for t in mentions[m].range where mentionOfToken[t] == Int32(m) { mentionOfToken[t] = -1 }
            }
        }
    }

    /// How many of a line-up's names must be people the article names in full.
    static let lineUpAnchors = 2

    /// A team's line-up ("Gordon, Webster, Miller, Hartley, ...", a sentence
    /// of names and commas, ``Document/isNameList(_:)``) lists people: where
    /// at least ``lineUpAnchors`` of its one-word names are surnames of people
    /// the article names in full, its other one-word names that the article
    /// uses only there, and that are no known place, are people too, whatever
    /// the model made of them with so little context.
    private mutating func typeLineUps(document: Document, gazetteer: Gazetteer, keep: inout [Bool]) {
        let tokens = document.tokens
        var sentence = -1
        var listing = false
        var members: [Int] = []
        func settle() {
            let anchors = members.filter { keep[$0] && entities[$0].type == .person && entities[$0].wordKeys.count > 1 }
            guard Set(anchors).count >= EntitySet.lineUpAnchors else { return }
            for e in members where entities[e].wordKeys.count == 1 && entities[e].surfaces.count == 1
                && gazetteer.locations[entities[e].wordKeys[0]] == nil
            {
                entities[e].type = .person
                keep[e] = true
            }
        }
        for mention in mentions where mention.entity >= 0 && mention.range.count == 1 {
            let s = Int(document.sentenceOfToken[mention.range.lowerBound])
            if s != sentence {  // mentions come in text order: each sentence is read once
                settle()
                members = []
                sentence = s
                listing = s >= 0 && document.isNameList(s)
            }
            guard listing, tokens[mention.range.lowerBound].isCapitalized else { continue }
            members.append(mention.entity)
        }
        settle()
    }

    /// The capital letters of `surface` when it is written as an acronym ("PUK", "U.N."), else nil.
    static func acronymLetters(_ surface: String) -> [UInt8]? {
        let letters = Array(surface.utf8.filter { $0 >= 0x41 && $0 <= 0x5A })
        guard letters.count >= 2, letters.count == surface.utf8.filter({ $0 != 0x2E }).count else { return nil }
        return letters
    }

    /// The first letters of the capitalised words of `mention`.
    static func initials(of mention: Mention, tokens: [Token], text: [UInt8]) -> [UInt8] {
        mention.range.compactMap { t -> UInt8? in tokens[t].isCapitalized ? text[Int(tokens[t].start)] : nil }
    }

    /// Whether `acronym` ("PUK") is made of the initials of the capitalised words of `mention`.
    static func isAcronym(_ acronym: String, of mention: Mention, tokens: [Token], text: [UInt8]) -> Bool {
        guard let letters = acronymLetters(acronym) else { return false }
        return initials(of: mention, tokens: tokens, text: text) == letters
    }

    /// The entity a token belongs to, if any.
    func entity(atToken index: Int) -> Int? {
        guard index >= 0, index < mentionOfToken.count, mentionOfToken[index] >= 0 else { return nil }
        return mentions[Int(mentionOfToken[index])].entity
    }

    /// The person entity a token belongs to, if it belongs to one.
    func person(atToken index: Int) -> Int? {
        guard let e = entity(atToken: index), entities[e].type == .person else { return nil }
        return e
    }

    /// The public form: aliases are the surfaces other than the name.
    var publicEntities: [Entity] {
        entities.map { e in
            Entity(name: e.name, type: e.type, mentions: e.mentions, aliases: e.surfaces.filter { $0 != e.name })
        }
    }
}
