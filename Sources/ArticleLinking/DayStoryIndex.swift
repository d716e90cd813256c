/// The stories of one day and what their articles are about, in memory, so
/// that placing an article costs lookups in proportion to its few features,
/// not to the size of the day. The store rebuilds it from its tables when a
/// day is first touched and keeps it current as articles are placed.
public struct DayStoryIndex: Sendable {
    /// Distinct articles of the day placed so far (near-duplicates of the same day excluded).
    public private(set) var articles = 0
    /// Per feature: how many distinct articles of the day have it.
    private var frequency: [String: Int] = [:]
    /// Per feature: the stories that have it, with how many of their articles do.
    private var stories: [String: [Int64: Int]] = [:]
    /// Per story: its distinct articles.
    private var sizes: [Int64: Int] = [:]
    /// Per story: the features its articles have.
    private var featuresOf: [Int64: Set<String>] = [:]

    public init() {}

    /// Records a distinct article with `features` as part of `story`.
    public mutating func add(features: [String], to story: Int64) {
        articles += 1
        sizes[story, default: 0] += 1
        featuresOf[story, default: []].formUnion(features)
        for feature in features {
            frequency[feature, default: 0] += 1
            stories[feature, default: [:]][story, default: 0] += 1
        }
    }

    /// Makes story `other` part of `story`: its articles and their features.
    public mutating func merge(_ other: Int64, into story: Int64) {
        guard other != story, let size = sizes.removeValue(forKey: other) else { return }
        sizes[story, default: 0] += size
        for feature in featuresOf.removeValue(forKey: other) ?? [] {
            if let count = stories[feature]?.removeValue(forKey: other) { stories[feature]![story, default: 0] += count }
            featuresOf[story, default: []].insert(feature)
        }
    }

    /// Every story of the day that shares an entity with an article with
    /// `features` and that it scores at least ``StoryMatching/joinThreshold``
    /// against, best first: the first is the one it joins; empty when none.
    public func matches(for features: [String]) -> [(storyID: Int64, score: Double)] {
        let weights = features.map { StoryMatching.weight(articlesWithIt: frequency[$0] ?? 0, dayArticles: articles) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        var candidates: Set<Int64> = []
        for feature in features where feature.hasPrefix("e:") {
            guard let list = stories[feature], list.count <= StoryMatching.candidateListLimit else { continue }
            candidates.formUnion(list.keys)
        }
        let lists = features.map { stories[$0] }
        var found: [(storyID: Int64, score: Double)] = []
        for story in candidates {
            guard let size = sizes[story], size > 0 else { continue }
            var score = 0.0
            for (list, weight) in zip(lists, weights) {
                if let count = list?[story] { score += weight * Double(count) / Double(size) }
            }
            score /= total
            if score >= StoryMatching.joinThreshold { found.append((story, score)) }
        }
        return found.sorted { $0.score != $1.score ? $0.score > $1.score : $0.storyID < $1.storyID }
    }
}
