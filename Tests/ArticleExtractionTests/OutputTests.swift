import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Keywords, summary, language and JSON")
struct OutputTests {
    @Test func contentWordsAreTheMostFrequentStemsThenWordPairsWithinAClause() throws {
        let a = try extract(
            "Élodie Varn said the Tarlow flood was over. The flood left Tarlow muddy, and Élan Foods sent 20 vans to TARLOW.")
        let words = a.contentWords.map { "\($0.word) \($0.count)" }
        // "said", "the", "was", 20 and words under three letters are left out; plurals count as
        // their singular; ties keep the order of first use. Pairs skip function words and
        // numbers but never cross punctuation ("varn_tarlow", but no "flood_flood" or "muddy_élan").
        #expect(
            words == [
                "tarlow 3", "flood 2", "élodie 1", "varn 1", "left 1", "muddy 1", "élan 1", "food 1", "sent 1", "van 1",
                "élodie_varn 1", "varn_tarlow 1", "tarlow_flood 1", "flood_left 1", "left_tarlow 1", "tarlow_muddy 1",
                "élan_food 1", "food_sent 1", "sent_van 1", "van_tarlow 1",
            ])
        #expect(ContentWords.counts(in: a.body) == a.contentWords, "the stored body gives the same words")
        let stems = try extract("Cities and companies: the city fires, a fire, the press, a virus crisis, buses.")
        #expect(
            stems.contentWords.filter { !$0.word.contains(ContentWords.pairSeparator) }.map { "\($0.word) \($0.count)" }
                == ["city 2", "fire 2", "company 1", "press 1", "virus 1", "crisis 1", "buse 1"])
        // 60 words twice and 20 once: the 50 kept are the first 50 used twice, then at most 50 pairs.
        let names = (0..<80).map { "Word\(UnicodeScalar(UInt8(65 + $0 % 26)))\(UnicodeScalar(UInt8(65 + $0 / 26)))" }
        let many = try extract((names.prefix(60) + names).joined(separator: " "))
        #expect(Array(many.contentWords.prefix(ContentWords.limit)) == names.prefix(50).map { WordCount(word: $0.lowercased(), count: 2) })
        #expect(many.contentWords.count == ContentWords.limit + ContentWords.pairLimit)
        #expect(many.contentWords.dropFirst(ContentWords.limit).allSatisfy { $0.word.contains(ContentWords.pairSeparator) })
    }

    @Test func summaryIsLeadSentencesSkippingDanglingPronouns() throws {
        let a = try extract(
            "Heavy rain closed the coastal highway near Port Ellis on Sunday. It reopened at night. Engineers will inspect the bridge over the coming week.")
        #expect(a.summary.hasPrefix("Heavy rain closed the coastal highway"))
        #expect(!a.summary.contains("It reopened"))
    }

    @Test func keywordsAreLowerCaseAtMostTenAndFavourRepeatedTerms() throws {
        let a = try extract(
            "The vaccine trial began in Oslo. The vaccine trial enrolled nurses. Nurses praised the vaccine. Oslo hospitals joined the trial.")
        #expect(a.keywords.count <= 10)
        #expect(a.keywords.allSatisfy { $0 == $0.lowercased() })
        #expect(a.keywords.first == "vaccine trial")
    }

    @Test func languageOfOtherArticlesIsNamedAndEnglishRulesAreSkipped() throws {
        let a = try extract(
            "Il governo ha detto che la riforma non sarà approvata prima della fine dell'anno, e per questo i sindacati sono in sciopero.")
        #expect(a.language == "it")
        #expect(a.entities.isEmpty)
        #expect(a.flags.contains("english-rules-skipped"))
        let en = try extract("The government said that the reform will not pass before the end of the year.")
        #expect(en.language == "en")
    }

    @Test func jsonLineFollowsTheContract() throws {
        let a = try extract("Mayor Jo Bell said \"we are \\\"ready\\\" now\" in Leeds on Monday.")
        let line = a.jsonLine(file: "inbox/a.txt", sha256: "00")
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["file", "sha256", "date", "title", "language", "words", "entities", "quotes", "dates", "amounts", "keywords", "summary"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["date"] as? String == "2023-02-14")
        let keys = line.split(separator: ",").compactMap { $0.hasPrefix("\"") ? $0.split(separator: ":").first : nil }
        #expect(keys.first == "{\"file\"" || keys.first == "\"file\"" || line.hasPrefix("{\"file\""))
        let error = ExtractedArticle.errorLine(file: "bad\n.txt", reason: "the file is empty")
        #expect(error == "{\"file\":\"bad\\n.txt\",\"error\":\"the file is empty\"}")
    }

    @Test func jsonStringsEscapeWhatJSONAndJavaScriptForbidAndPassTheRestThrough() throws {
        let cases: [(String, String)] = [
            ("plain Zoë — 5 €", "\"plain Zoë — 5 €\""),
            ("\"quoted\" back\\slash", "\"\\\"quoted\\\" back\\\\slash\""),
            ("tab\tline\nreturn\r", "\"tab\\tline\\nreturn\\r\""),
            ("\u{1B}[31m\u{7F}\u{0}", "\"\\u001b[31m\\u007f\\u0000\""),
            ("a\u{2028}b\u{2029}", "\"a\\u2028b\\u2029\""),
            ("\u{2027}\u{202A}é", "\"\u{2027}\u{202A}é\""),
        ]
        for (value, expected) in cases {
            let quoted = JSONWriter.quoted(value)
            #expect(quoted == expected)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(decoded == [value], "the escaped form reads back as the original")
        }
    }

    @Test func randomBytesNeverCrash() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet = Array("aA “”\"'’.,-\n$%0123456789 date 2020-01-01 Mr. U.S. said".utf8) + [0xE2, 0x80, 0xC3, 0xFF]
        for _ in 0..<300 {
            let length = Int(next() % 400)
            let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            _ = try? ArticleExtractor().extract(bytes)
        }
    }

    @Test func aLongLeadIsShortenedAtAClauseOrWordBoundaryNeverMidPhrase() throws {
        let clause = try extract(
            "Police in Tarlow are investigating how two children were killed, and several others injured, when a "
                + "truck left the road near the school on Monday morning in heavy rain. The driver was unhurt.")
        #expect(clause.title == "Police in Tarlow are investigating how two children were killed, and several others injured…")
        let words = try extract(
            "The long awaited report into the management of the regional water supply network by the state "
                + "authority and its contractors found several failures of maintenance. It was released on Monday.")
        #expect(words.title.hasSuffix("…"))
        #expect(words.title.count <= 120)
        let last = words.title.dropLast().split(separator: " ").last.map(String.init) ?? ""
        #expect(!["and", "of", "the", "its", "several", "by"].contains(last), "\(words.title)")
        let quoted = try extract(
            "Harbour master Lena Voss says the storm that closed the port of Tarlow for a week is \"the worst in "
                + "forty years and a warning to every town on the coast\". Ships resumed sailing on Monday.")
        #expect(quoted.title == "Harbour master Lena Voss says the storm that closed the port of Tarlow for a week…", "\(quoted.title)")
        let short = try extract("Flood waters reached Tarlow on Monday. Crews worked all night.")
        #expect(short.title == "Flood waters reached Tarlow on Monday")
    }
}
