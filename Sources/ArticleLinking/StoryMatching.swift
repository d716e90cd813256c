/// What makes articles one story, and how sure a match must be.
///
/// An article is described by a few features: the canonical entities it
/// names most (`e:<id>`) and its top keywords (`k:<word>`). A story keeps,
/// per feature, how many of its distinct articles have it. A new article is
/// scored against each of the day's stories sharing a feature: the weight of
/// its features (rarer in the day weighs more) times the share of the
/// story's articles that have each, over the weight of all its features.
public enum StoryMatching {
    /// Estimated shingle similarity from which an article is a near-duplicate
    /// of an earlier one. Chosen on `bench/near-duplicates` (see its README):
    /// at 0.3, edited copies are found with precision 1.000 and recall 0.993;
    /// the closest two distinct articles of one newsroom score 0.13.
    public static let nearDuplicateThreshold = 0.3
    /// Score from which an article joins a story rather than starting one.
    public static let joinThreshold = 0.2
    /// Entities and keywords taken as an article's features.
    public static let entityFeatures = 6
    public static let keywordFeatures = 6

    /// A candidate story: its distinct article count and its feature counts.
    public struct Candidate: Sendable {
        public var storyID: Int64
        public var articles: Int
        public var featureCounts: [String: Int]
        public init(storyID: Int64, articles: Int, featureCounts: [String: Int]) {
            self.storyID = storyID
            self.articles = articles
            self.featureCounts = featureCounts
        }
    }

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

    /// The best story for an article with `features`, or `nil` when none
    /// scores ``joinThreshold``. A story must share at least one entity.
    public static func bestStory(
        features: [String], documentFrequency: [String: Int], dayArticles: Int, candidates: [Candidate]
    ) -> (storyID: Int64, score: Double)? {
        let weights = features.map { weight(articlesWithIt: documentFrequency[$0] ?? 0, dayArticles: dayArticles) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        var best: (storyID: Int64, score: Double)?
        for candidate in candidates where candidate.articles > 0 {
            var score = 0.0
            var sharesEntity = false
            for (feature, weight) in zip(features, weights) {
                guard let count = candidate.featureCounts[feature] else { continue }
                score += weight * Double(count) / Double(candidate.articles)
                if feature.hasPrefix("e:") { sharesEntity = true }
            }
            score /= total
            guard sharesEntity, score >= joinThreshold else { continue }
            if best == nil || score > best!.score || (score == best!.score && candidate.storyID < best!.storyID) {
                best = (candidate.storyID, score)
            }
        }
        return best
    }
}
