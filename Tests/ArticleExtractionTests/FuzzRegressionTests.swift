import Foundation
import Testing

@testable import ArticleExtraction

/// Inputs the fuzzer found crashing or hanging the core (fuzz/README.md),
/// kept so that no later change brings the fault back.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions").path
    }

    @Test func everyInputTheFuzzerFoundIsExtractedWithoutAFault() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { !$0.hasSuffix(".b64") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + name)))
            // A thrown refusal is fine; a trap would end the test process.
            if let article = try? ArticleExtractor().extract(bytes, ingestedOn: CalendarDay(year: 2024, month: 3, day: 1)) {
                _ = article.jsonLine(file: name, sha256: "0")
            }
        }
    }

    /// The fuzzer's merged corpus (inputs up to 1 KiB): each covered some path
    /// no other input did, so together they exercise the core widely.
    @Test func theFuzzingCorpusRunsThroughTheCore() throws {
        let text = try String(contentsOfFile: Self.directory + "/corpus.b64", encoding: .utf8)
        let inputs = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { Data(base64Encoded: String($0)) }
        #expect(inputs.count > 1_000)
        let extractor = ArticleExtractor()
        for input in inputs {
            if let article = try? extractor.extract(Array(input), ingestedOn: CalendarDay(year: 2024, month: 3, day: 1)) {
                _ = article.jsonLine(file: "corpus", sha256: "0")
            }
        }
    }
}
