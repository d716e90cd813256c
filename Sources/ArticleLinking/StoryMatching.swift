/// What makes articles one story, and how sure a match must be.
///
/// An article is described by a few features: the canonical entities it
/// names most (`e:<id>`) and its top keywords (`k:<word>`). ``DayStoryIndex``
/// scores a new article against the day's stories: the weight of each of its
/// features (rarer in the day weighs more) times the share of the story's
/// articles that have it, summed, over the weight of all its features.
public enum StoryMatching {
    /// Estimated shingle similarity from which an article is a near-duplicate
    /// of an earlier one. Chosen on `bench/near-duplicates` (see its README):
    /// at 0.3, edited copies are found with precision 1.000 and recall 0.993;
    /// the closest two distinct articles of one newsroom score 0.13.
    public static let nearDuplicateThreshold = 0.3
    /// Score from which an article joins a story rather than starting one.
    public static let joinThreshold = 0.2
    /// Score from which an article that joins one story also brings another
    /// into it: stories that began apart because of the order articles came
    /// in are joined by the article that belongs to both.
    public static let bridgeThreshold = 0.3
    /// Entities and keywords taken as an article's features.
    public static let entityFeatures = 6
    public static let keywordFeatures = 6
    /// An entity this many of the day's stories share is too common to find
    /// candidates by ("Australia" on an Australian news day); it still counts
    /// in the score of a story found by a rarer one.
    public static let candidateListLimit = 100

    /// The features of an article: entity ids first (most mentioned first), then keywords.
    public static func features(entities: [Int64], keywords: [String]) -> [String] {
        var features: [String] = []
        for id in entities.prefix(entityFeatures) where !features.contains("e:\(id)") { features.append("e:\(id)") }
        for keyword in keywords.prefix(keywordFeatures) where !features.contains("k:\(keyword)") {
            features.append("k:\(keyword)")
        }
        return features
    }

    /// The weight of a feature that `articlesWithIt` of the day's `dayArticles` distinct articles have.
    public static func weight(articlesWithIt: Int, dayArticles: Int) -> Double {
        (Double(dayArticles + 1) / Double(articlesWithIt + 1)).squareRoot()
    }
}
