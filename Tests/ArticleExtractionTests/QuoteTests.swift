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

    @Test func aFragmentAVerdictVerbsSubjectJudgesByIsTheirQuote() throws {
        let a = try extract("Bishop Tavi Ramenu condemned the war as a \"terrible\" waste of money.")
        #expect(a.quotes.map(\.text) == ["terrible"])
        #expect(a.quotes.first?.speaker == "Tavi Ramenu")
        // No one stands before the verb: a term, as before.
        let b = try extract("The waste was condemned in a \"letter\" posted online.")
        #expect(b.quotes.isEmpty)
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

    // MARK: - Speakers across sources (issue 17): never a piece of the sentence, never a guess

    @Test func aRoleAfterAnOrganisationNamesThePersonNotTheOrganisation() throws {
        let a = try extract(
            "Tariffs fall next month. \"There will be a period of adjustment,\" said Corvane spokesman Ilse Marten. "
                + "\"The issue had been an ongoing one,\" says Northwind Bank's Piet Hollander.")
        #expect(a.quotes.map(\.speaker) == ["Ilse Marten", "Piet Hollander"])
    }

    @Test func aPersonBetweenCommasAfterTheirRoleIsTheSpeaker() throws {
        let a = try extract(
            "The tribunal cleared the sprinter. Kallis's lawyer, Orestis Damianou, said: \"The decision means he "
                + "has been exonerated.\" The Bishop of Tarlow, the Rt Rev Dr Edmund Varley, described the book as "
                + "a \"great thriller\" but poor history.")
        #expect(a.quotes.first?.speaker == "Orestis Damianou")
        #expect(a.quotes.last?.speaker == "Edmund Varley")
    }

    @Test func aTitledPhraseBeforeANameGivesThePersonItsTitle() throws {
        let a = try extract(
            "The Bishop of Tarlow, the Rt Rev Dr Edmund Varley, reviewed the novel. Writing in the parish paper, "
                + "the Bishop said: \"It is a great thriller but poor history.\" The chief executive of Grainfield, "
                + "Mara Olsen, spoke later. \"Sales will recover,\" the chief executive said.")
        #expect(a.quotes.map(\.speaker) == ["Edmund Varley", "Mara Olsen"])
    }

    @Test func aPronounAfterAccordingToATitleStandsForItsHolder() throws {
        let a = try extract(
            "The Bishop of Tarlow, the Rt Rev Dr Edmund Varley, reviewed the novel by Dan Morrow. Much evidence "
                + "supports the old version of the story of Saint Ivo, according to the Bishop. \"The evidence is "
                + "astonishingly good,\" he said.")
        #expect(a.quotes.map(\.speaker) == ["Edmund Varley"])
    }

    @Test func aPronounAfterAQuoteIsNotThePersonTheQuoteIsAbout() throws {
        let a = try extract(
            "Anna Bergholt, the party's election strategist, spoke on Saturday. Mr Halvorsen has \"the same "
                + "passion for the job\" as when he started, she said.")
        #expect(a.quotes.first?.speaker == "Anna Bergholt")
    }

    @Test func aPersonInsideAnOpeningClauseIsNotWhoThePronounStandsFor() throws {
        let a = try extract(
            "Premier Joan Tavener defended her deputy on Monday. Asked if Mr Oswin Pratt could return to the "
                + "cabinet, she replied: \"I have made my admiration for him very clear.\"")
        #expect(a.quotes.first?.speaker == "Joan Tavener")
    }

    @Test func aHeadlinesQuoteCountsWithTheSourceItsLeadOrBodyGives() throws {
        // Between plain single marks, as BBC headlines write them; the lead names the source.
        let lead = try extract(
            "Harbour 'to lose ferry jobs'\n\nHundreds of ferry jobs will go next year, union leader Tavi Ramenu has said. "
                + "The company did not comment.")
        #expect(lead.quotes.map(\.text) == ["to lose ferry jobs"])
        #expect(lead.quotes.first?.speaker == "Tavi Ramenu")
        // The body quotes the same words with its speaker.
        let body = try extract(
            "Ramenu 'proud' of harbour record\n\nThe harbour had its best year. \"I am very proud of this record,\" "
                + "Tavi Ramenu said on Monday.")
        #expect(body.quotes.map(\.text) == ["proud", "I am very proud of this record"])
        #expect(body.quotes.map(\.speaker) == ["Tavi Ramenu", "Tavi Ramenu"])
        // The body's first sentence that holds the quote's words names the source.
        let restated = try extract(
            "Dunmore set to 'woo' Harbour Ferries\n\nBosses of the two ports are to meet on Monday. According to the "
                + "Harbour Gazette, Dunmore will make an offer to woo the ferry company.")
        #expect(restated.quotes.map(\.text) == ["woo"])
        #expect(restated.quotes.first?.speaker == "Harbour Gazette")
        let words = try extract(
            "Ramenu 'proud of harbour record'\n\nThe mayor spoke to the council on Monday. Tavi Ramenu said he was "
                + "proud of the record of the harbour this year.")
        #expect(words.quotes.first?.speaker == "Tavi Ramenu")
        // No source in the lead: the person the headline names is what the quote is about, not who said it.
        let unsaid = try extract("Ramenu 'eyes move to Dunmore'\n\nStriker Tavi Ramenu reportedly wants to leave Harbour City.")
        #expect(unsaid.quotes.map(\.text) == ["eyes move to Dunmore"])
        #expect(unsaid.quotes.first?.speaker == nil)
        // A first paragraph that ends with a full stop is the lead, not a headline: its term stays a term.
        let opening = try extract("Tavi Ramenu backed the 'harbour plan' on Monday.\n\nThe vote is next week.")
        #expect(opening.quotes.isEmpty)
    }

    @Test func aStraightQuoteWithSpaceOnBothSidesClosesTheOneOpen() throws {
        // Scraped text often has a space before the closing mark.
        let a = try extract(
            "The site's owner, Ana Lopez, wrote: \"We are sorry, we have tried everything. \" The forums would "
                + "stay open, the owners said. Later she added: \"We will be back.\"")
        #expect(a.quotes.map(\.text) == ["We are sorry, we have tried everything", "We will be back"])
    }

    @Test func aTitleThatOpensASentenceIsItsSubjectForThePronounAfter() throws {
        // "The premier" is Joan Tavener's title; the person named later in the sentence is not its subject.
        let a = try extract(
            "Premier Joan Tavener spoke on Monday. The premier shrugged off claims from opposition leader Oswin Pratt "
                + "that she ran a tired government. She said her deputy was honest: \"He asked for the inquiry.\"")
        #expect(a.quotes.first?.speaker == "Joan Tavener")
        // A title's possessive at the front is not the subject.
        let b = try extract(
            "Premier Joan Tavener spoke on Monday. The premier's record was attacked by opposition leader Oswin Pratt "
                + "on Tuesday. He said: \"It is a record of failure.\"")
        #expect(b.quotes.first?.speaker == "Oswin Pratt")
    }

    @Test func aDescriptionStandsForTheEntityItNames() throws {
        let a = try extract(
            "French President Alain Courbet met President Dale Horton in Brussels. Mr Horton left early. "
                + "The French president told reporters: \"Europe needs unity.\" Grainfield Group, the retailer, cut prices. "
                + "\"Sales were below our expectations,\" the company said.")
        #expect(a.quotes.map(\.speaker) == ["Alain Courbet", "Grainfield Group"])
    }

    @Test func aTitleNoOneIsGivenStandsForThePersonTheArticleIsAbout() throws {
        // British news rarely writes "Prime Minister Ada Brunner": the reader knows who holds the office.
        let about = try extract(
            "Ada Brunner has called an early election. Mrs Brunner met Tomas Brandt on Monday. "
                + "Mrs Brunner said the vote would be close. \"We are ready,\" the prime minister said.")
        #expect(about.quotes.map(\.speaker) == ["Ada Brunner"])
        // Two people named as often: nobody stands out, and the description is all the text says.
        let even = try extract(
            "Ada Brunner met Tomas Brandt on Monday. Mrs Brunner and Mr Brandt spoke for an hour. "
                + "\"We are ready,\" the prime minister said.")
        #expect(even.quotes.map(\.speaker) == ["the prime minister"])
        // Named most but never given a title ("Mr", "Ms", "Minister"): not taken for the office holder.
        let untitled = try extract(
            "Ada Brunner called an early election. Brunner met voters on Monday. "
                + "Brunner said the vote would be close. \"We are ready,\" the prime minister said.")
        #expect(untitled.quotes.map(\.speaker) == ["the prime minister"])
    }

    @Test func aStatementSpeaksForTheBodyThatIssuedIt() throws {
        let a = try extract(
            "The singer was criticised after the show. \"He had been asked to tone his act down,\" a Kelso "
                + "Broadcasting statement said.")
        #expect(a.quotes.first?.speaker == "Kelso Broadcasting")
    }

    @Test func aPieceOfTheSentenceIsNeverASpeaker() throws {
        let a = try extract(
            "Officials met on Friday. The plan was \"serious\", the government's first preference and the "
                + "minister's hope said. \"We will not comment on the anthrax case,\" the anthrax attacks said.")
        for quote in a.quotes {
            #expect(quote.speaker == nil, "\(quote.text): \(quote.speaker ?? "-")")
        }
    }

    @Test func whoOpensASentenceSpeaksAfterItsColon() throws {
        let a = try extract(
            "Rights groups criticised the plan. \"It will fail,\" said Ola Brenn. "
                + "In parliament, Mayor Tova Lind defended the scheme: \"We are working as fast as we can.\"")
        #expect(a.quotes.count == 2)
        #expect(a.quotes.last?.speaker == "Tova Lind")  // not Ola Brenn, who spoke the quote before
    }

    @Test func aSpeakerNounAfterAPossessiveIsTheOwnersSpokesman() throws {
        let a = try extract(
            "Mayor Tova Lind met the unions. On Monday, Ms Lind's spokesman said: \"The mayor will not resign.\" "
                + "\"We acted in time,\" Mr Per Holm, Norvik Council's chief executive said.")
        #expect(a.quotes.first?.speaker == "Tova Lind's spokesman")
        #expect(a.quotes.last?.speaker == "Per Holm")
    }

    @Test func whenTheTextDoesNotSayWhoSpokeTheSpeakerIsNil() throws {
        let a = try extract(
            "Volunteers joined the unit after the war began. They share a wish to defend the land and disagree "
                + "with President Ivo Karsten. On their channel they describe themselves as \"free citizens who "
                + "take responsibility for themselves\".")
        #expect(a.quotes.count == 1)
        #expect(a.quotes.first?.speaker == nil)
    }

    @Test func aFragmentInASentenceOfAnotherPersonIsTheirsNotTheQuoteBefores() throws {
        let a = try extract(
            "Foreign Minister Ilsa Berrowby said the talks had failed. \"We will wait for their answer,\" she said. "
                + "Prime Minister Tavi Ramenu made a national address, accusing the rebels of having \"chosen the path of terror\". "
                + "Moko Quorrason was convicted of \"passing secrets to the enemy\". "
                + "Ilsa Berrowby's hard words split the cabinet, with its deputy denouncing \"a bid to divide us\".")
        #expect(a.quotes.count == 4)
        #expect(a.quotes.first { $0.text.hasPrefix("chosen") }?.speaker == "Tavi Ramenu")
        // The subject of a passive verb is not who spoke: the court's words are not Quorrason's.
        #expect(a.quotes.first { $0.text.hasPrefix("passing") }?.speaker != "Moko Quorrason")
        // Named as an owner ("Ilsa Berrowby's hard words"), the person is not the sentence's subject.
        #expect(a.quotes.first { $0.text.hasPrefix("a bid") }?.speaker != "Ilsa Berrowby")
    }

    @Test func aJudgingVerbInItsIngFormMakesTheFragmentItsSubjects() throws {
        let a = try extract(
            "The cabinet met on Monday. Prime Minister Tavi Ramenu walked out of the meeting, denouncing the plan as a "
                + "\"betrayal of workers\". Opposition leader Moko Quorrason branded the changes a \"leap in the dark\".")
        #expect(a.quotes.first { $0.text.hasPrefix("betrayal") }?.speaker == "Tavi Ramenu")
        #expect(a.quotes.first { $0.text.hasPrefix("leap") }?.speaker == "Moko Quorrason")
    }

    @Test func aDescriptionBeforeARelativeClauseSpeaks() throws {
        let a = try extract(
            "\"Sales were strong,\" said Tavi Ramenu, an analyst at Quorrason Securities. However, one dealer, who asked "
                + "not to be named, told reporters the results were \"not what people had hoped for\".")
        #expect(a.quotes.first { $0.text.hasPrefix("not what") }?.speaker == "one dealer")
    }

    @Test func aVerdictNearerTheQuoteThanASpeechVerbJudgesIt() throws {
        let a = try extract(
            "An address by President Tavi Ramenu, in which he said the attacks must end, was hailed by envoy Moko "
                + "Quorrason as \"a turning point in the search for peace\".")
        #expect(a.quotes.first { $0.text.hasPrefix("a turning") }?.speaker == "Moko Quorrason")
    }

    @Test func aSpeechVerbsParticipleMakesAFragmentTheSubjects() throws {
        let a = try extract(
            "Prime Minister Tavi Ramenu has launched an attack on the opposition's plans, saying they are a \"ludicrous "
                + "improbability\". Home Office Minister Ilsa Berrowby also revealed that \"about a third\" of orders were breached.")
        #expect(a.quotes.first { $0.text.hasPrefix("ludicrous") }?.speaker == "Tavi Ramenu")
        #expect(a.quotes.first { $0.text.hasPrefix("about") }?.speaker == "Ilsa Berrowby")
    }

    @Test func aTermAfterWhatWarnsIsNoQuoteOfThings() throws {
        let a = try extract("Few firms use encryption, despite a series of stories warning firms about \"drive-by hacking\" in cities.")
        #expect(a.quotes.isEmpty)
    }

    @Test func aPersonKnownByANomDeGuerreIsTheHeOfTheNextQuote() throws {
        // "Hamburg" is a city the gazetteer knows; here it is what the volunteer is called.
        let a = try extract(
            "Another volunteer, who is 32 and whose nom de guerre is Hamburg, joined the unit in Ukraine last spring. "
                + "At home such reports are dismissed: \u{201C}My family can't believe the army kills civilians,\u{201D} he said.")
        #expect(a.quotes.first { $0.text.hasPrefix("My family") }?.speaker == "Hamburg", "\(a.quotes)")
    }

    @Test func aModalBetweenTheSpeakerAndTheVerbKeepsTheSpeaker() throws {
        let a = try extract(
            "The minister met Tavi Ramenu on Monday. A Number 10 spokeswoman would only say: \"He will decide when "
                + "he wants to decide.\"")
        #expect(a.quotes.first?.speaker?.lowercased() == "a number 10 spokeswoman", "\(a.quotes)")
    }

    @Test func aTitleAfterAnOpeningPhraseIsTheSubjectAHeStandsFor() throws {
        let a = try extract(
            "Archbishop Moko Quorrason will read, and Cardinal Tavi Ramenu will lead the service. On Friday, the "
                + "Cardinal will ask the congregation to pray. \"It is possible, it is real,\" he will say.")
        #expect(a.quotes.first?.speaker == "Tavi Ramenu", "\(a.quotes)")
    }

    @Test func aDescriptionKeepsThePhraseAfterItsPreposition() throws {
        // "the group" alone would stand for the Quorrason Front; the one who spoke is one of its militants.
        let a = try extract(
            "Supporters of the Quorrason Front gathered in the square. \"The operations will continue,\" a militant "
                + "from the group told the crowd.")
        #expect(a.quotes.first?.speaker == "a militant from the group", "\(a.quotes)")
    }

    @Test func aHeRightAfterTheNextQuoteIsWhoSpokeBeforeWhenNoOneIsNamedBetween() throws {
        let a = try extract(
            "Supporters of the Quorrason Front gathered to bury Tavi Ramenu. \"The operations will continue,\" a "
                + "militant from the group told the crowd. \"Then they call us terrorists,\" he said. Minutes later "
                + "Moko Brannock arrived. \"We are ready,\" he said.")
        #expect(a.quotes.first { $0.text.hasPrefix("Then") }?.speaker == "a militant from the group", "\(a.quotes)")
        #expect(a.quotes.first { $0.text.hasPrefix("We are") }?.speaker == "Moko Brannock", "\(a.quotes)")
    }

    @Test func aQualifiedTitleAfterAConjunctionIsTheSubjectAHeStandsFor() throws {
        let a = try extract(
            "Lib Dem spokesman Tavi Ramenu spoke after the chancellor, Moko Brannock, set out his plans. Mr Brannock "
                + "earmarked $1bn for councils. But the Lib Dem spokesman questioned whether the money was new. "
                + "\"Scrap the levy now,\" he said.")
        #expect(a.quotes.first?.speaker == "Tavi Ramenu", "\(a.quotes)")
    }

    @Test func aPersonInsideAnOpeningParticipleClauseIsNotTheHeAfterIt() throws {
        let a = try extract(
            "Moko Brannock, a former officer who defected, said he was happy in London. Commenting on Mr Ramenu's "
                + "case, he said: \"The state is not a cow to be milked.\" Tavi Ramenu arrived in May.")
        #expect(a.quotes.first?.speaker == "Moko Brannock", "\(a.quotes)")
    }

    @Test func anAppositionWhoseClosingCommaIsMissingKeepsItsPerson() throws {
        let a = try extract(
            "Envoy Moko Brannock met President Tavi Ramenu on Monday. \"The president asked for help,\" Ilsa "
                + "Berrowby, an adviser to Mr Ramenu said.")
        #expect(a.quotes.first?.speaker == "Ilsa Berrowby", "\(a.quotes)")
    }

    @Test func theOwnerOfAnAccusationSaidWhatItQuotes() throws {
        let a = try extract(
            "State radio said Moko Brannock had called his ministers to discuss the strikes and Tavi Ramenu's "
                + "accusation that Ilsa Berrowby was \"responsible for everything that has happened here\".")
        #expect(a.quotes.first?.speaker == "Tavi Ramenu", "\(a.quotes)")
    }

    @Test func aPhraseAfterAPrepositionSpeaksAloneWhenWhatComesBeforeNamesNoSpeaker() throws {
        // "the bosses at the firm" reads as no description of a speaker; "the firm" still stands for the company.
        let a = try extract("Quorrason Holdings cut 300 jobs on Monday. \"Sales were weak,\" the bosses at the firm said.")
        #expect(a.quotes.first?.speaker == "Quorrason Holdings", "\(a.quotes)")
    }
}
