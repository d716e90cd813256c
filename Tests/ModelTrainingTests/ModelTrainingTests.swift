import Foundation
import Testing

@testable import ArticleExtraction
@testable import ModelTraining

/// The repository root, from this file's path.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
/// The annotated sets the shipped model learns from, one per news source (`eval/README.md`).
private let trainingSets = [repository + "/eval/train", repository + "/eval/train-bbc"]

@Suite("Model training")
struct ModelTrainingTests {
    @Test func theShippedWeightsAreWhatTheTrainingProgramMakesFromTheTrainingSet() throws {
        let articles = try GoldArticle.loadAll(from: trainingSets)
        #expect(articles.count >= 230)
        let trained = EntityTypeTraining.train(articles)
        let source = EntityTypeTraining.swiftSource(
            weights: trained.weights, names: trained.names, examples: trained.examples, articles: articles.count,
            dataName: "train + train-bbc", dataHash: try EntityTypeTraining.dataHash(articles))
        let shipped = try String(
            contentsOfFile: repository + "/Sources/ArticleExtraction/EntityTyping/EntityTypeWeights.swift", encoding: .utf8)
        #expect(source == shipped, "run `swift run gleaner-train` and commit the weights")
        // And the core reads them as written.
        #expect(EntityTyping.shipped.featureCount == trained.weights.count)
    }

    @Test func namesAreNormalisedAsTheScorerNormalisesThem() {
        #expect(NameNormalizer.normalize("The U.S. Department's") == "us department")
        #expect(NameNormalizer.normalize("Radio Free Europe/Radio Liberty") == "radio free europe radio liberty")
        #expect(NameNormalizer.normalize("  al-Qaida ") == "al qaida")
        #expect(NameNormalizer.normalize("Putin’s") == "putin")
    }

    @Test func aLinearModelReadsItsTextFormAndPicksTheHighestScore() {
        let person = FeatureVector.key(.givenNameFirst, 0)
        let place = FeatureVector.key(.placeName, 0)
        let text = """
            # classes: none person place
            \(String(person, radix: 16))\tgiven-name-first\t-1 2 0
            \(String(place, radix: 16))\tplace-name\t0 -1 3
            """
        let model = LinearModel(text: text)
        #expect(model.classes == ["none", "person", "place"])
        #expect(model.featureCount == 2)
        #expect(model.predict([person]) == 1)
        #expect(model.predict([place]) == 2)
        #expect(model.predict([person, place]) == 2)
        #expect(model.predict([12345]) == 0)
    }

    @Test func logisticRegressionLearnsASeparableRuleAndIsDeterministic() {
        var examples: [LogisticRegression.Example] = []
        for i in 0..<60 {
            let label = i % 3
            examples.append(.init(features: [UInt64(100 + label), UInt64(7)], label: label))
        }
        let model = LogisticRegression(classCount: 3)
        let first = model.train(examples)
        #expect(first == model.train(examples))
        let linear = LinearModel(classes: ["a", "b", "c"], weights: first)
        for label in 0..<3 { #expect(linear.predict([UInt64(100 + label), 7]) == label) }
    }
}
