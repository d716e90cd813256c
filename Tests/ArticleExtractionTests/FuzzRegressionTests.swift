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
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + name)))
            // A thrown refusal is fine; a trap would end the test process.
            if let article = try? ArticleExtractor().extract(bytes, ingestedOn: CalendarDay(year: 2024, month: 3, day: 1)) {
                _ = article.jsonLine(file: name, sha256: "0")
            }
        }
    }
}
