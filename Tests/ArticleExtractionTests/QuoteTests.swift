import Testing

@testable import ArticleExtraction

@Suite("Quotes")
struct QuoteTests {
    @Test func quoteSplitByAttributionIsTwoQuotesWithOneSpeaker() throws {
        let a = try extract("\"The floods were isolated,\" Mayor Ana Lopez said, \"and the roads are open again.\"")
        #expect(a.quotes.count == 2)
        #expect(a.quotes[0].text == "The floods were isolated")
        #expect(a.quotes[1].text == "and the roads are open again")
        #expect(a.quotes.allSatisfy { $0.speaker == "Ana Lopez" })
    }

    @Test func anOpeningMarkAfterASentenceEndStartsANewQuoteInATextWithoutLineBreaks() throws {
        let a = try extract(
            "Forecaster Lena Moss says rain will help. \"The falls were light,\" she said. \"In places there was "
                + "nothing at all. \"Crews will welcome any rain at this stage.\" Fires still burn near Tarlton.")
        #expect(a.quotes.map(\.text) == [
            "The falls were light", "In places there was nothing at all", "Crews will welcome any rain at this stage",
        ])
    }

    @Test func aQuoteWithoutAttributionBelongsToWhoTheSentenceBeforeIntroduced() throws {
        let a = try extract(
            "Harbour master Lena Voss says the channel is safe. \"We dredged it twice this winter and the "
                + "buoys are new.\" Ships resumed sailing on Monday.")
        #expect(a.quotes.first?.speaker == "Lena Voss")
    }

    @Test func aPronounStandsForTheSubjectNotForANameInsideTheQuoteOrLaterInTheSentence() throws {
        let a = try extract(
            "Mayor Tomas Brandt says he will not ask Judge Irene Kallas to resign. \"I have spoken to Kallas "
                + "twice this week,\" he said. \"We agree on the timetable.\"")
        #expect(a.quotes.map(\.speaker) == ["Tomas Brandt", "Tomas Brandt"])
    }

    @Test func whoIsToldIsTheListenerNotTheSpeaker() throws {
        let a = try extract(
            "The minister, Paul Okafor, spoke on Tuesday. He told Radio Kelso, \"the repairs will take a month "
                + "and cost more than planned.\"")
        #expect(a.quotes.first?.speaker == "Paul Okafor")
    }

    @Test func aRoleNamesItsHolderAndADemonymBeforeARoleIsNotTheSpeaker() throws {
        let a = try extract(
            "Union leader Marta Okafor met the board. \"We will not accept this offer,\" the union leader said. "
                + "\"Talks are over,\" said chief Kenyan negotiator Paul Mbeki.")
        #expect(a.quotes.map(\.speaker) == ["Marta Okafor", "Paul Mbeki"])
    }

    @Test func theSubjectOfASpeechVerbIsTheSentencesSubject() throws {
        let a = try extract(
            "After meeting Chancellor Anna Berg and Minister Jonas Lind, Mr Tomas Varga said: \"We agree.\" "
                + "He said \"we will continue to work for a deal\" before leaving.")
        #expect(a.quotes.map(\.speaker) == ["Tomas Varga", "Tomas Varga"])
    }

    @Test func pronounResolvesToLastPersonNamed() throws {
        let a = try extract("Coach Peter Hanley praised the team. “We played with heart tonight,” he said.")
        #expect(a.quotes.first?.speaker == "Peter Hanley")
    }

    @Test func saidBeforeNameAndAccordingTo() throws {
        let a = try extract(
            "\"Prices will fall next year,\" said economist Maria Chen. According to Paul Okafor, \"nothing is certain yet in this market.\"")
        #expect(a.quotes.map(\.speaker) == ["Maria Chen", "Paul Okafor"])
    }

    @Test func quotedNamesAndTermsAreNotQuotes() throws {
        let a = try extract("The plan, called \"the safety net\", was backed by the \"Green Future\" Party.")
        #expect(a.quotes.isEmpty)
    }

    @Test func shortAttributedFragmentIsAQuote() throws {
        let a = try extract("Treasurer Mark Dalton described the budget as \"responsible\" when he spoke.")
        #expect(a.quotes.map(\.text) == ["responsible"])
        #expect(a.quotes.first?.speaker == "Mark Dalton")
    }

    @Test func descriptionWhenNobodyIsNamed() throws {
        let a = try extract("A local shopkeeper said \"business has never been this slow in twenty years\".")
        #expect(a.quotes.first?.speaker == "A local shopkeeper")
    }

    @Test func quoteRunningIntoNextParagraphIsOnePerParagraph() throws {
        let a = try extract("Judge Ellen Park said: \"The evidence is clear and it is overwhelming.\n\"The accused will be sentenced on Friday.\"")
        #expect(a.quotes.count == 2)
        #expect(a.quotes.allSatisfy { $0.speaker == "Ellen Park" })
    }
}
