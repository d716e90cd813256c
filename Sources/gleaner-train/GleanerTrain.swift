import ArgumentParser
import ArticleExtraction
import Foundation
import ModelTraining

/// `gleaner-train`: learns the extraction core's entity-type model from an
/// annotated set and writes it as the generated Swift file the core ships;
/// `--cross-validate K` prints out-of-fold predictions for the shared scorer.
@main
struct GleanerTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner-train",
        abstract: "Train the entity-type model on annotated articles (NAME.txt + NAME.gold.json).")

    @Option(help: "An annotated set to learn from; repeat it for several sources (default: eval/train and eval/train-bbc).")
    var data: [String] = []

    @Option(help: "Where the generated weights go.")
    var output = "Sources/ArticleExtraction/EntityTyping/EntityTypeWeights.swift"

    @Flag(help: "Write nothing; exit 1 when the shipped file differs from what the data gives.")
    var check = false

    @Option(help: "Cross-validate with K folds (article i in fold i % K) and print the out-of-fold JSON lines.")
    var crossValidate: Int?

    @Option(help: "Train on all the data and print the JSON lines of the articles of this annotated set.")
    var predict: String?

    @Flag(help: "Print each candidate entity with its label, the rules' type and its name, tab-separated, and stop.")
    var listCandidates = false

    @Flag(help: "With --list-candidates: after each candidate, the model's class scores and its ten weightiest features (the shipped model; with --predict, one trained on --data).")
    var explain = false

    /// The sets the shipped model learns from: one per news source.
    static let defaultData = ["eval/train", "eval/train-bbc"]

    func run() throws {
        let sources = data.isEmpty ? Self.defaultData : data
        let articles = try GoldArticle.loadAll(from: sources)
        if listCandidates {
            // With --predict, the candidates of that set, explained by a model trained on the data.
            let listed = try predict.map { try GoldArticle.loadAll(from: $0) } ?? articles
            let model = predict == nil
                ? EntityTyping.shipped
                : LinearModel(classes: EntityTyping.classes, weights: EntityTypeTraining.train(articles).weights)
            for row in EntityTypeTraining.labelledCandidates(listed) {
                print([row.article, row.label, row.candidate.ruleType.rawValue, row.candidate.name].joined(separator: "\t"))
                if explain { print(EntityTypeTraining.explanation(of: row.candidate, model: model)) }
            }
            return
        }
        if let predict {
            let model = LinearModel(classes: EntityTyping.classes, weights: EntityTypeTraining.train(articles).weights)
            for line in EntityTypeTraining.predictions(try GoldArticle.loadAll(from: predict), model: model) {
                print(line)
            }
            return
        }
        if let k = crossValidate {
            guard k >= 2, k <= articles.count else { throw ValidationError("--cross-validate takes 2 to \(articles.count)") }
            for line in EntityTypeTraining.crossValidate(articles, folds: k) { print(line) }
            return
        }
        let trained = EntityTypeTraining.train(articles)
        let source = EntityTypeTraining.swiftSource(
            weights: trained.weights, names: trained.names, examples: trained.examples, articles: articles.count,
            dataName: sources.map { ($0 as NSString).lastPathComponent }.joined(separator: " + "),
            dataHash: try EntityTypeTraining.dataHash(articles))
        if check {
            let shipped = try? String(contentsOfFile: output, encoding: .utf8)
            guard shipped == source else {
                FileHandle.standardError.write(Data("gleaner-train: \(output) is not what \(sources.joined(separator: " and ")) give; run swift run gleaner-train\n".utf8))
                throw ExitCode(1)
            }
            print("\(output) matches \(sources.joined(separator: " and "))")
            return
        }
        try source.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output): \(trained.weights.count) features from \(trained.examples) candidates in \(articles.count) articles")
    }
}
