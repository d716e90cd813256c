import Testing

@testable import ArticleExtraction

@Suite("Header and decoding")
struct HeaderAndDecodingTests {
    @Test func seedFormOnTheSameLine() throws {
        let a = try ArticleExtractor().extract(Array("  date 2021-06-03 The council met on Tuesday.".utf8))
        #expect(a.date == PartialDate(year: 2021, month: 6, day: 3))
        #expect(a.body == "The council met on Tuesday.")
        #expect(a.words == 5)
    }

    @Test func seedFormWithPartialDatesAndBodyOnNextLine() throws {
        let month = try ArticleExtractor().extract(Array("date 2022-10\nA short note about rain.".utf8))
        #expect(month.date?.description == "2022-10")
        #expect(month.body == "A short note about rain.")
        let year = try ArticleExtractor().extract(Array("date 2022 A short note.".utf8))
        #expect(year.date?.description == "2022")
    }

    @Test func keyValueBlockWithRFC2822Date() throws {
        let text = "Title: Floods close roads\nDate: Tue, 14 Feb 2023 10:00:00 +0000\nSource: Example Wire\n\nRoads shut after rain."
        let a = try ArticleExtractor().extract(Array(text.utf8))
        #expect(a.title == "Floods close roads")
        #expect(a.date?.description == "2023-02-14")
        #expect(a.header["source"] == "Example Wire")
        #expect(a.body == "Roads shut after rain.")
    }

    @Test func noHeaderMeansNoDateAndLeadTitle() throws {
        let a = try ArticleExtractor().extract(Array("Note: this is plain text. Another sentence follows here.".utf8))
        #expect(a.date == nil)
        #expect(a.title == "Note: this is plain text")
    }

    @Test func byteOrderMarkIsDropped() throws {
        let a = try ArticleExtractor().extract([0xEF, 0xBB, 0xBF] + Array("date 2020-01-01 Hello there.".utf8))
        #expect(a.date?.description == "2020-01-01")
    }

    @Test func invalidUTF8IsReadAsWindows1252AndFlagged() throws {
        // "café" with é as the single byte 0xE9, and curly quotes as 0x93/0x94.
        let bytes = Array("date 2020-01-01 The caf".utf8) + [0xE9] + Array(" said ".utf8) + [0x93]
            + Array("hello there friends".utf8) + [0x94] + Array(".".utf8)
        let a = try ArticleExtractor().extract(bytes)
        #expect(a.body.hasPrefix("The café said “hello"))
        #expect(a.flags.contains("decoded-as-windows-1252"))
    }

    @Test func emptyAndBinaryInputAreRefused() {
        #expect(throws: ArticleExtractor.Failure(reason: "the file is empty")) {
            try ArticleExtractor().extract(Array("  \n\t ".utf8))
        }
        #expect(throws: ArticleExtractor.Failure(reason: "the file holds binary data, not text")) {
            try ArticleExtractor().extract([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x01])
        }
    }

    @Test func headerWithoutBodyIsFlaggedNotRefused() throws {
        let a = try ArticleExtractor().extract(Array("date 2020-05-05".utf8))
        #expect(a.words == 0)
        #expect(a.flags.contains("empty-body"))
    }

    @Test func markupResidueAndEntitiesAreCleaned() throws {
        let a = try extract("news-txt\"> Smith &amp; Sons opened a shop.&nbsp;It sold <b>bread</b>.")
        #expect(a.body == "Smith & Sons opened a shop. It sold bread .")
    }
}
