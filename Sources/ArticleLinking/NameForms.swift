import ArticleExtraction

/// How names from different articles are matched: the key two forms of one
/// name share, the known forms of places, acronyms, and the short forms a
/// person's full name can be written as.
public enum NameForms {
    /// The key of a name: lower case, dots dropped, hyphens and runs of
    /// spaces as one space, a leading "the" and a trailing "'s" dropped.
    /// "U.S." and "US" share one key, as do "al-Qaeda" and "Al Qaeda".
    public static func key(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "."): continue
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                pendingSpace = !bytes.isEmpty
            default:
                if pendingSpace { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            }
        }
        if bytes.starts(with: Array("the ".utf8)), bytes.count > 4 { bytes.removeFirst(4) }
        for suffix in ["'s", "\u{2019}s"] where bytes.count > suffix.utf8.count + 1 {
            if bytes.reversed().starts(with: Array(suffix.utf8).reversed()) { bytes.removeLast(suffix.utf8.count) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The canonical form of `name`: a place's known name when the gazetteer
    /// gives one ("US", "U.S." and "America" are "United States"; "Britain"
    /// and "UK" are "United Kingdom"), else the name itself.
    public static func canonical(_ name: String) -> (key: String, name: String) {
        if let place = Gazetteer.shared.canonicalPlaceName(name) { return (key(place), place) }
        return (key(name), name)
    }

    /// The name a party is filed under, for an organisation's name that is a
    /// party's short or informal form (``Gazetteer/partyName(of:)``), or nil.
    public static func partyName(_ name: String) -> String? {
        Gazetteer.shared.partyName(of: name)
    }

    /// A name written as an acronym: two to six letters, all capitals, with
    /// or without dots ("PA", "U.N.", "NATO").
    public static func isAcronym(_ name: String) -> Bool {
        var letters = 0
        for byte in name.utf8 {
            if byte >= 65 && byte <= 90 {
                letters += 1
            } else if byte != UInt8(ascii: ".") {
                return false
            }
        }
        return letters >= 2 && letters <= 6
    }

    /// The words of a name, split on spaces.
    public static func words(_ name: String) -> [Substring] {
        name.split(separator: " ", omittingEmptySubsequences: true)
    }

    /// The words of a person's full name that can stand for it alone in
    /// other articles of the day, as written: its first and last word, when
    /// each has at least three letters and starts with a capital ("George W
    /// Bush": "George", "Bush"; one when both have one key). Empty for
    /// one-word names.
    public static func shortForms(ofPerson name: String) -> [String] {
        let parts = words(name)
        guard parts.count >= 2 else { return [] }
        var forms: [String] = []
        for word in [parts.first!, parts.last!] where word.utf8.count >= 3 {
            guard let first = word.utf8.first, first >= 65 && first <= 90 else { continue }
            if !forms.contains(where: { key($0) == key(String(word)) }) { forms.append(String(word)) }
        }
        return forms
    }
}
