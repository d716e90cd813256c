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
        #expect(NameForms.shortForms(ofPerson: "Harold W Quimby") == ["harold", "quimby"])
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

    @Test func theHexFormRoundTripsAndEmptyTextIsEmpty() {
        let a = TextSignature(Self.text)
        #expect(TextSignature(hex: a.hex) == a)
        #expect(TextSignature(hex: "xyz") == nil)
        #expect(TextSignature("").isEmpty && !a.isEmpty)
        #expect(a.bandKeys.count == TextSignature.bandCount)
    }
}

@Suite("Story matching")
struct StoryMatchingTests {
    @Test func anArticleJoinsTheStoryThatSharesItsRareFeaturesAndNeedsASharedEntity() {
        let features = StoryMatching.features(entities: [7, 9], keywords: ["flood", "river"])
        #expect(features == ["e:7", "e:9", "k:flood", "k:river"])
        let frequency = ["e:7": 2, "e:9": 40, "k:flood": 3, "k:river": 30]
        let flood = StoryMatching.Candidate(storyID: 1, articles: 2, featureCounts: ["e:7": 2, "k:flood": 2])
        let common = StoryMatching.Candidate(storyID: 2, articles: 10, featureCounts: ["e:9": 10, "k:river": 5])
        let keywordsOnly = StoryMatching.Candidate(storyID: 3, articles: 1, featureCounts: ["k:flood": 1, "k:river": 1])
        #expect(StoryMatching.bestStory(features: features, documentFrequency: frequency, dayArticles: 100, candidates: [common, flood])?.storyID == 1)
        #expect(StoryMatching.bestStory(features: features, documentFrequency: frequency, dayArticles: 100, candidates: [keywordsOnly]) == nil)
    }
}
