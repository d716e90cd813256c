import Foundation
import Testing

@testable import ArticleLinking

@Suite("Name forms")
struct NameFormsTests {
    @Test func keysIgnoreCaseDotsHyphensAndALeadingThe() {
        #expect(NameForms.key("U.S.") == NameForms.key("US"))
        #expect(NameForms.key("al-Qaeda") == NameForms.key("Al Qaeda"))
        #expect(NameForms.key("the Red Cross") == "red cross")
        #expect(NameForms.key("Reuters's") == "reuters")
    }

    @Test func placesTakeTheirKnownName() {
        #expect(NameForms.canonical("America").name == "United States")
        #expect(NameForms.canonical("U.S.").name == "United States")
        #expect(NameForms.canonical("Britain").name == "United Kingdom")
        #expect(NameForms.canonical("Tarlow Council").name == "Tarlow Council")
    }

    @Test func acronymsAndShortForms() {
        #expect(NameForms.isAcronym("NATO") && NameForms.isAcronym("U.N.") && !NameForms.isAcronym("Nato"))
        #expect(!NameForms.isAcronym("A") && !NameForms.isAcronym("ABCDEFG"))
        #expect(NameForms.shortForms(ofPerson: "Harold W Quimby") == ["Harold", "Quimby"])
        #expect(NameForms.shortForms(ofPerson: "Quimby Q. QUIMBY") == ["Quimby"], "one form per key")
        #expect(NameForms.shortForms(ofPerson: "Quimby").isEmpty)
        #expect(NameForms.shortForms(ofPerson: "Li Na") == [], "two letters are too short to stand alone")
    }
}

@Suite("MinHash signatures")
struct TextSignatureTests {
    static let text = """
        Flood water reached the centre of Tarlow on Monday after three days of rain, and the council moved two \
        hundred families to the sports hall by the station. The river rose faster than in any year since the \
        records began, the council said, and the old bridge was closed to cars and walkers.
        """

    @Test func theSameWordsGiveTheSameSignatureWhateverTheCaseAndPunctuation() {
        let a = TextSignature(Self.text)
        let b = TextSignature(Self.text.uppercased().replacingOccurrences(of: ",", with: " ;"))
        #expect(a.similarity(to: b) == 1)
    }

    @Test func similarityFollowsTheShareOfSharedShingles() {
        let a = TextSignature(Self.text)
        let half = TextSignature(String(Self.text.prefix(Self.text.count / 2)) + " Nothing else was said about the matter by anyone at all today.")
        let other = TextSignature("Markets in Lisbon closed higher on Friday as bank shares rose for a third week running, traders said.")
        // 24 of their 64 shingles are shared (0.375); 51 shingles over 128 bins is a noisy estimate.
        #expect(a.similarity(to: half) > 0.2 && a.similarity(to: half) < 0.6, "\(a.similarity(to: half))")
        #expect(a.similarity(to: other) < 0.1)
    }

    @Test func theStoredBytesRoundTripAndEmptyTextIsEmpty() {
        let a = TextSignature(Self.text)
        #expect(a.bytes.count == 512)
        #expect(TextSignature(bytes: a.bytes) == a)
        #expect(TextSignature(bytes: [1, 2, 3]) == nil)
        #expect(TextSignature("").isEmpty && !a.isEmpty)
        #expect(a.bandKeys.count == TextSignature.bandCount)
    }
}

@Suite("Story matching")
struct StoryMatchingTests {
    @Test func featuresAreTheMainEntitiesThenTheKeywords() {
        #expect(StoryMatching.features(entities: [7, 9, 7], keywords: ["flood", "river"]) == ["e:7", "e:9", "k:flood", "k:river"])
    }

    @Test func anArticleJoinsTheStoryThatSharesItsRareFeaturesAndNeedsASharedEntity() {
        var index = DayStoryIndex()
        // Story 1: two flood reports from Tarlow (entity 7). Story 2: ten articles naming a common place (entity 9).
        for _ in 0..<2 { index.add(features: ["e:7", "k:flood"], to: 1) }
        for _ in 0..<10 { index.add(features: ["e:9", "k:river"], to: 2) }
        // Story 3: keywords only in common with the new article.
        index.add(features: ["e:5", "k:flood", "k:river"], to: 3)
        #expect(index.articles == 13)
        let best = index.matches(for: ["e:7", "e:9", "k:flood", "k:river"]).first
        #expect(best?.storyID == 1, "the rare entity outweighs the common one")
        #expect(index.matches(for: ["e:4", "k:flood", "k:river"]).isEmpty, "keywords alone make no story")
        #expect(index.matches(for: []).isEmpty)
    }

    @Test func anArticleThatBelongsToTwoStoriesMatchesBothAndTheyMerge() {
        var index = DayStoryIndex()
        index.add(features: ["e:1", "e:2", "k:siege"], to: 10)
        index.add(features: ["e:3", "e:4", "k:talks"], to: 20)
        let matches = index.matches(for: ["e:1", "e:2", "e:3", "e:4"])
        #expect(matches.map(\.storyID) == [10, 20])
        #expect(matches.allSatisfy { $0.score >= StoryMatching.bridgeThreshold })
        index.merge(20, into: 10)
        #expect(index.matches(for: ["e:3", "e:4"]).map(\.storyID) == [10])
        #expect(index.matches(for: ["e:3", "e:4"]).first?.score == index.matches(for: ["e:1", "e:2"]).first?.score)
        #expect(index.articles == 2)
    }

    @Test func anEntityOnTooManyStoriesFindsNoCandidatesButStillCounts() {
        var index = DayStoryIndex()
        for story in 1...Int64(StoryMatching.candidateListLimit + 1) { index.add(features: ["e:1"], to: story) }
        #expect(index.matches(for: ["e:1"]).isEmpty)
        index.add(features: ["e:1", "e:2"], to: 1)
        #expect(index.matches(for: ["e:1", "e:2"]).first?.storyID == 1)
    }
}

@Suite("Grouping a whole day")
struct DayClusteringTests {
    /// Three reports of a flood, three of a vote, and one of a concert: invented words, with counts.
    static let articles: [(Int64, [(String, Int)])] = [
        (1, [("flood", 3), ("tarlow", 2), ("river", 2), ("sandbags", 1), ("council", 1), ("@7", 2)]),
        (2, [("flood", 2), ("tarlow", 1), ("river", 3), ("bridge", 1), ("rain", 2), ("@7", 1)]),
        (3, [("velmora", 2), ("ballot", 3), ("votes", 2), ("candidate", 1), ("@9", 2)]),
        (4, [("flood", 1), ("river", 1), ("sandbags", 2), ("rain", 1), ("volunteers", 2), ("@7", 1)]),
        (5, [("ballot", 2), ("votes", 3), ("velmora", 1), ("count", 2), ("@9", 1)]),
        (6, [("concert", 3), ("orchestra", 2), ("tickets", 1)]),
        (7, [("candidate", 2), ("ballot", 1), ("velmora", 2), ("turnout", 2), ("@9", 1)]),
    ]

    static func stories(_ order: [Int]) -> Set<Set<Int64>> {
        var day = DayClustering()
        for i in order {
            for (term, count) in articles[i].1 { day.add(article: articles[i].0, term: term, count: count) }
        }
        return Set(day.stories().map(Set.init))
    }

    @Test func articlesThatShareRareWordsAreOneStoryAndOthersStandAlone() {
        #expect(Self.stories(Array(0..<7)) == [[1, 2, 4], [3, 5, 7], [6]])
    }

    @Test func theGroupingDoesNotDependOnTheOrderArticlesCameIn() {
        let expected = Self.stories(Array(0..<7))
        #expect(Self.stories([6, 5, 4, 3, 2, 1, 0]) == expected)
        #expect(Self.stories([3, 0, 6, 1, 5, 2, 4]) == expected)
    }

    @Test func aLoneFollowUpJoinsTheStoryOfTheReportItFollows() {
        // A flood told from four angles, a vote, a concert, a follow-up on the bridge of report 10 alone,
        // and an article about as near one story as the other.
        let articles: [(Int64, [(String, Int)])] = [
            (10, [("flood", 3), ("tarlow", 3), ("river", 2), ("bridge", 2), ("@7", 2)]),
            (11, [("flood", 3), ("tarlow", 2), ("river", 2), ("sandbags", 2), ("volunteers", 2), ("@7", 2)]),
            (12, [("flood", 2), ("tarlow", 1), ("river", 2), ("rain", 2), ("forecast", 2), ("@7", 1)]),
            (13, [("flood", 2), ("tarlow", 2), ("families", 2), ("hall", 2), ("council", 1), ("@7", 1)]),
            (20, [("velmora", 2), ("ballot", 3), ("votes", 2), ("candidate", 1), ("@9", 2)]),
            (21, [("ballot", 2), ("votes", 3), ("velmora", 1), ("count", 2), ("@9", 1)]),
            (30, [("concert", 3), ("orchestra", 2), ("tickets", 1)]),
            (40, [("bridge", 3), ("tarlow", 1), ("engineers", 3), ("inspection", 2), ("closed", 2)]),
            // As near the vote's count as the flood's forecast: it joins neither.
            (50, [("forecast", 2), ("count", 2), ("weather", 2), ("station", 2)]),
        ]
        var day = DayClustering()
        for (id, terms) in articles {
            for (term, count) in terms { day.add(article: id, term: term, count: count) }
        }
        let stories = Set(day.stories().map(Set.init))
        #expect(stories.contains([10, 11, 12, 13, 40]), "\(stories)")
        #expect(stories.contains([30]))
        #expect(stories.contains([50]), "\(stories)")
    }

    @Test func aDayOfOneArticleOrNoneIsThatMany() {
        var one = DayClustering()
        one.add(article: 5, term: "flood", count: 1)
        #expect(one.stories() == [[5]])
        var none = DayClustering()
        #expect(none.stories().isEmpty)
    }

    @Test func anArticleWithoutTermsIsAStoryOfItsOwn() {
        var day = DayClustering()
        for (term, count) in Self.articles[0].1 { day.add(article: 1, term: term, count: count) }
        day.start(article: 2)
        for (term, count) in Self.articles[1].1 { day.add(article: 3, term: term, count: count) }
        #expect(day.ids == [1, 2, 3])
        #expect(Set(day.stories().map(Set.init)) == [[1, 3], [2]])
    }
}
