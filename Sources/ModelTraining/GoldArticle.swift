import Foundation

/// One annotated article of an evaluation set: `NAME.txt` and the
/// entities of its `NAME.gold.json` (see `eval/GUIDELINES.md`).
public struct GoldArticle: Sendable {
    /// One gold entity: its type and every normalised name it goes by.
    public struct GoldEntity: Sendable {
        public var type: String
        public var name: String
        public var names: Set<String>
    }

    public var name: String
    public var textPath: String
    /// The path of `NAME.gold.json`.
    public var goldPath: String
    public var bytes: [UInt8]
    public var entities: [GoldEntity]

    /// Every article of several sets (one per news source), each set in name order.
    public static func loadAll(from directories: [String]) throws -> [GoldArticle] {
        var all: [GoldArticle] = []
        for directory in directories {
            let articles = try loadAll(from: directory)
            guard !articles.isEmpty else { throw TrainingError("\(directory): no NAME.gold.json files") }
            all += articles
        }
        return all
    }

    /// Every article of `directory` that has both files, in name order.
    public static func loadAll(from directory: String) throws -> [GoldArticle] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        return try files.filter { $0.hasSuffix(".gold.json") }.sorted().map { gold in
            let base = String(gold.dropLast(".gold.json".count))
            let textPath = directory + "/" + base + ".txt"
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: textPath)))
            let goldPath = directory + "/" + gold
            let json = try Data(contentsOf: URL(fileURLWithPath: goldPath))
            guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
                throw TrainingError("\(gold): not a JSON object")
            }
            let entities = (object["entities"] as? [[String: Any]] ?? []).compactMap { e -> GoldEntity? in
                guard let name = e["name"] as? String, let type = e["type"] as? String else { return nil }
                let aliases = e["aliases"] as? [String] ?? []
                return GoldEntity(type: type, name: NameNormalizer.normalize(name),
                    names: Set(([name] + aliases).map(NameNormalizer.normalize).filter { !$0.isEmpty }))
            }
            return GoldArticle(name: base, textPath: textPath, goldPath: goldPath, bytes: bytes, entities: entities)
        }
    }

    /// What the gold says of a candidate entity.
    public enum Label: Equatable {
        /// It names a gold entity of this type.
        case type(String)
        /// No gold entity shares a word with it: not a name.
        case none
        /// It shares words with a gold entity but not a whole name (a boundary
        /// error): no evidence about its type either way.
        case unclear
    }

    /// The label of a candidate known by `surfaces` (its name first): the gold
    /// entity that goes by one of them, a name preferred to an alias.
    public func label(of surfaces: [String]) -> Label {
        let normalized = Set(surfaces.map(NameNormalizer.normalize))
        let name = surfaces.first.map(NameNormalizer.normalize)
        let hits = entities.filter { !$0.names.isDisjoint(with: normalized) }
        if let hit = hits.first(where: { $0.name == name }) ?? hits.first { return .type(hit.type) }
        let words = Set(normalized.flatMap { $0.split(separator: " ") }).subtracting(["of", "the", "and", "for"])
        let overlaps = entities.contains { gold in
            gold.names.contains { !words.isDisjoint(with: $0.split(separator: " ")) }
        }
        return overlaps ? .unclear : .none
    }
}

/// An error of the training program, in words.
public struct TrainingError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Names compared as the shared scorer compares them (`norm_name` in
/// `eval/score.py`): compatibility-normalised, case-folded, a
/// possessive `'s` dropped, apostrophes and periods removed, other
/// punctuation and symbols made spaces, spaces folded, a leading "the" dropped.
public enum NameNormalizer {
    public static func normalize(_ name: String) -> String {
        var text = name.precomposedStringWithCompatibilityMapping.lowercased()
        for possessive in ["'s", "\u{2019}s", "\u{2BC}s"] {
            text = text.replacingOccurrences(of: possessive + " ", with: " ")
            if text.hasSuffix(possessive) { text.removeLast(2) }
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'", "\u{2019}", "\u{2018}", "\u{2BC}", ".": continue
            default: break
            }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
                .modifierSymbol, .otherSymbol:
                out.append(" ")
            default:
                out.append(scalar)
            }
        }
        var folded = String(out).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if folded.hasPrefix("the ") { folded.removeFirst(4) }
        return folded
    }
}
