/// Place names, demonyms, given names, surnames and organisations (football
/// clubs, listed companies, political parties), looked up by key.
///
/// Built once from ``GazetteerData`` (derived from public data, see
/// `DATA-LICENSES.md`); multi-word entries are keyed word by word, the same
/// way ``EntityRecognizer`` keys a span of tokens.
public final class Gazetteer: Sendable {
    /// The gazetteer every extractor shares; built on first use (a few milliseconds).
    public static let shared = Gazetteer()

    /// Location key to its canonical name ("U.S." and "United States" share one).
    let locations: KeyMap<String>
    /// Demonym or plural key to (adjective, plural).
    let demonyms: KeyMap<(adjective: String, plural: String?)>
    let firstNames: KeySet
    /// Given names of other countries and of recent US births (``GazetteerData/worldGivenNames``):
    /// weaker evidence than ``firstNames``, many being words or places too.
    let worldGivenNames: KeySet
    let surnames: KeySet
    /// Organisation name key to what it is known as (``OrganizationKind`` bits).
    let organizations: KeyMap<UInt8>
    /// Keys of sports grounds' names ("Old Trafford"): places that sound like organisations.
    let venues: KeySet

    /// What kind of organisation a known name is; one name can be both.
    enum OrganizationKind {
        static let club: UInt8 = 1
        static let company: UInt8 = 2
        static let party: UInt8 = 4
    }

    private init() {
        var locations = KeyMap<String>()
        for line in GazetteerData.locations.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            let surface = String(parts[0])
            locations[Gazetteer.phraseKey(surface)] = parts.count > 1 ? String(parts[1]) : surface
        }
        // Short forms of a few countries that news writes more often than the name, and a few regions and seas.
        let shortForms = [
            ("US", "United States"), ("U.S.", "United States"), ("USA", "United States"),
            ("U.S.A.", "United States"), ("America", "United States"), ("UK", "United Kingdom"),
            ("U.K.", "United Kingdom"), ("Britain", "United Kingdom"), ("Great Britain", "United Kingdom"),
            ("UAE", "United Arab Emirates"), ("Holland", "Netherlands"), ("Burma", "Myanmar"),
            ("Middle East", "Middle East"), ("Gulf", "Gulf"), ("Balkans", "Balkans"), ("Caucasus", "Caucasus"),
            ("Kashmir", "Kashmir"), ("Gaza", "Gaza"), ("West Bank", "West Bank"), ("Kurdistan", "Kurdistan"),
            ("Crimea", "Crimea"), ("Siberia", "Siberia"), ("Tibet", "Tibet"), ("Chechnya", "Chechnya"),
            ("Earth", "Earth"), ("Scotland", "Scotland"), ("Wales", "Wales"), ("England", "England"),
            ("English Channel", "English Channel"),  // "Channel" is an organisation's head word ("Channel 4")
        ]
        for (surface, canonical) in shortForms { locations[Gazetteer.phraseKey(surface)] = canonical }
        self.locations = locations

        var demonyms = KeyMap<(adjective: String, plural: String?)>()
        func addDemonym(_ adjective: String, _ plural: String?) {
            demonyms[WordKeys.key(adjective)] = (adjective, plural)
            if let plural { demonyms[WordKeys.key(plural)] = (adjective, plural) }
        }
        for line in GazetteerData.demonyms.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            addDemonym(String(parts[0]), parts.count > 1 ? String(parts[1]) : nil)
        }
        // Adjectives of states that no longer exist, which countryinfo (today's countries) lacks
        // and news still writes ("a Soviet labour camp"); written for this project.
        for (adjective, plural) in [("Soviet", "Soviets"), ("Yugoslav", "Yugoslavs"), ("Czechoslovak", "Czechoslovaks")] {
            addDemonym(adjective, plural)
        }
        self.demonyms = demonyms
        firstNames = Self.keys(of: GazetteerData.firstNames)
        worldGivenNames = Self.keys(of: GazetteerData.worldGivenNames)
        surnames = Self.keys(of: GazetteerData.surnames)
        var organizations = KeyMap<UInt8>()
        for (list, kind) in [(OrganizationData.clubs, OrganizationKind.club), (OrganizationData.companies, OrganizationKind.company),
                                   (OrganizationData.parties, OrganizationKind.party)] {
            for line in list.split(separator: "\n") {
                let key = Gazetteer.phraseKey(String(line))
                // A party's short form that is a place or a nationality ("Australia" of "Australia Party",
                // "European") names the place or the people far more often than the party.
                if kind == OrganizationKind.party, locations[key] != nil || demonyms[key] != nil { continue }
                organizations[key] = (organizations[key] ?? 0) | kind
            }
        }
        self.organizations = organizations
        venues = KeySet(OrganizationData.venues.split(separator: "\n").map { Gazetteer.phraseKey(String($0)) })
    }

    /// The known name of the place `name` stands for ("U.S.", "US" and
    /// "America" give "United States"), or `nil` when it names no known place.
    public func canonicalPlaceName(_ name: String) -> String? {
        locations[Gazetteer.phraseKey(name)]
    }

    /// The name a party is filed under when `name`, an organisation's, is
    /// that party's short or informal form: "Labour" and "Labour party" are
    /// "Labour Party", "Conservatives" is "Conservative Party" (a word for a
    /// party whose "... Party" the lists know); "Liberal Democrat" is
    /// "Liberal Democrats" (a known party's singular); "Tory" and "Tories"
    /// are "Conservative Party", as the annotation guidelines have it; "Lib
    /// Dem" and "Lib Dems" are "Liberal Democrats".
    /// Nil for any other name.
    public func partyName(of name: String) -> String? {
        guard let party = party(of: name), !party.isItsOwnName else { return nil }
        return party.filedName
    }

    /// The name the party `name` stands for is filed under, and whether that
    /// is `name` itself (a party the lists know by that name): what
    /// ``partyName(of:)`` gives, and the party names it leaves as they are.
    /// Nil when `name` names no party. Asked for every organisation's name of
    /// every article, so it makes no string for a name of none of these forms.
    func party(of name: String) -> (filedName: String, isItsOwnName: Bool)? {
        var words = 0
        var inWord = false
        for byte in name.utf8 {
            if byte != 0x20, !inWord { words += 1 }
            inWord = byte != 0x20
        }
        func own() -> (filedName: String, isItsOwnName: Bool)? { isKnownParty(name) ? (name, true) : nil }
        if name.utf8.count <= 8 {
            let lowered = name.lowercased()
            if lowered == "tory" || lowered == "tories" { return ("Conservative Party", false) }
            // "Lib Dem", "Lib Dems": British news's short form of the Liberal Democrats.
            if lowered == "lib dem" || lowered == "lib dems", isKnownParty("Liberal Democrats") { return ("Liberal Democrats", false) }
        }
        if words >= 2, name.hasSuffix(" party") || name.hasSuffix(" Party") {
            let full = name.split(separator: " ").dropLast().joined(separator: " ") + " Party"
            return full == name ? own() : (full, false)
        }
        if words == 1, Lexicon.partyWords.contains(WordKeys.key(name)) {
            for stem in [name, String(name.dropLast())] where isKnownParty(stem + " Party") { return (stem + " Party", false) }
            return own()
        }
        if words >= 2 {
            if let party = own() { return party }
            return isKnownParty(name + "s") ? (name + "s", false) : nil
        }
        return own()
    }

    private func isKnownParty(_ name: String) -> Bool {
        (organizations[Gazetteer.phraseKey(name)] ?? 0) & OrganizationKind.party != 0
    }

    /// What kind of organisation the phrase of `words` words with key `key`
    /// is known as, or `nil`. A name of two or more words the lists know only
    /// in the plural counts too ("Liberal Democrat" as "Liberal Democrats":
    /// keys are built byte by byte, so the plural's key is the name's with an
    /// "s" mixed in); one word ("Liberal") is as often an adjective.
    func organizationKind(ofPhrase key: WordKey, words: Int) -> UInt8? {
        organizations[key] ?? (words > 1 ? organizations[WordKeys.mix(key, 0x73)] : nil)
    }

    /// Whether `key` is a given name of ``worldGivenNames`` that `document`
    /// never writes in lower case and that is no function word: "River",
    /// "Peace" and "Judge" are given names too, and an article that names the
    /// river writes "river" elsewhere.
    func isWorldGivenName(_ key: WordKey, in document: Document) -> Bool {
        worldGivenNames.contains(key) && !document.lowercaseKeys.contains(key) && !Lexicon.stopWords.contains(key)
    }

    /// The keys of a list of one-word names, one per line.
    private static func keys(of list: String) -> KeySet {
        KeySet(list.split(separator: "\n").map { WordKeys.key(String($0)) })
    }

    /// The key of a phrase of one or more words, as spans are keyed.
    static func phraseKey(_ phrase: String) -> WordKey {
        var text = phrase
        return text.withUTF8 { WordKeys.phraseKey(Tokenizer.tokenize($0), in: $0) }
    }
}
