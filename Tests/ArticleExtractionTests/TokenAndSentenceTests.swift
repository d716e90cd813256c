import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Tokens and sentences")
struct TokenAndSentenceTests {
    private func sentences(_ text: String) -> [String] {
        let d = document(text)
        return d.sentences.map { d.string($0) }
    }

    @Test func abbreviationsAndInitialsDoNotEndSentences() {
        let s = sentences("Mr. Brown met Gen. Lee on Jan. 27 in the U.S. capital. George W. Bush was not there. It rained.")
        #expect(s == ["Mr. Brown met Gen. Lee on Jan. 27 in the U.S. capital.", "George W. Bush was not there.", "It rained."])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        let s = sentences("She said: \"We are done.\" Then she left.\nA new paragraph starts")
        #expect(s == ["She said: \"We are done.\"", "Then she left.", "A new paragraph starts"])
    }

    @Test func possessivesAndHyphensAreTokensOfTheirOwn() {
        let d = document("Ukraine’s army can't stop al-Qaida's 20-year war.")
        let kinds = d.tokens.map(\.kind)
        #expect(kinds[1] == .possessive)
        #expect(d.string(3) == "can't")
        #expect(d.tokens.filter { $0.isPunct(0x2D) }.count == 2)
    }

    @Test func straightQuotesAreToldOpenFromClose() {
        let d = document("He said \"yes\" and \"no\".")
        let quotes = d.tokens.filter { $0.kind == .openQuote || $0.kind == .closeQuote }.map(\.kind)
        #expect(quotes == [.openQuote, .closeQuote, .openQuote, .closeQuote])
    }

    @Test func longTextWithoutPunctuationIsCut() {
        let text = String(repeating: "word ", count: 2000)
        let d = document(text)
        #expect(d.sentences.allSatisfy { $0.count <= SentenceSplitter.maxSentenceTokens })
    }
}

@Suite("Word constants")
struct WordConstantTests {
    /// Each literal in WordConstants.swift is the key of the word in its comment.
    @Test func everyLiteralIsTheKeyOfItsWord() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ArticleExtraction/WordConstants.swift").path
        var checked = 0
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard let equals = line.range(of: ": WordKey = 0x"), let comment = line.range(of: "  // \"") else { continue }
            let literal = UInt64(line[equals.upperBound..<comment.lowerBound], radix: 16)
            let word = String(line[comment.upperBound...].dropLast())
            #expect(literal == WordKeys.key(word), "\(word)")
            checked += 1
        }
        #expect(checked > 80)
    }
}
