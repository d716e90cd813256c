import Testing

@testable import ArticleExtraction

@Suite("Dates")
struct DateTests {
    // 2023-02-14 is a Tuesday in ISO week 2023-W07.

    @Test func absoluteForms() throws {
        let a = try extract("The unit formed in March 2022, fought since 2014 and met on 11 September 2001 and on Jan. 5, 2020.")
        #expect(a.dateValues() == ["2022-03", "2014", "2001-09-11", "2020-01-05"])
    }

    @Test func relativeFormsResolveAgainstTheArticleDate() throws {
        let a = try extract("Rules changed last August. Talks began last week, and yesterday the army left. This year is hard.")
        #expect(a.dateValues() == ["2022-08", "2023-W06", "2023-02-13", "2023"])
    }

    @Test func weekdayResolvesByTense() throws {
        let past = try extract("The minister resigned on Monday.")
        #expect(past.dateValues() == ["2023-02-13"])
        let future = try extract("The minister will resign on Monday.")
        #expect(future.dateValues() == ["2023-02-20"])
    }

    @Test func aWeekdayInANewspapersNameOrOfEveryWeekIsNoDate() throws {
        #expect(try extract("The Sunday Times and the Mail on Sunday opposed the bid.").dateValues().isEmpty)
        #expect(try extract("Every Friday, crowds gathered; shops that opened on a Saturday were fined.").dateValues().isEmpty)
    }

    @Test func aWeekdayAfterUntilIsAheadAndACompoundsAdjectiveSetsNoTense() throws {
        // 2023-02-14 is a Tuesday; "adjourned" is past, but "until" looks ahead.
        #expect(try extract("The hearing was adjourned until Monday.").dateValues() == ["2023-02-20"])
        // "long-awaited" is an adjective, not a past verb: "will" sets the tense.
        #expect(try extract("He will make his long-awaited return on Saturday.").dateValues() == ["2023-02-18"])
    }

    @Test func aModalAheadOrAnArrangementLooksForwardAndLastSaysPastOnlyBeforeATime() throws {
        // 2023-02-14 is a Tuesday.
        #expect(try extract("He could be fit for Saturday's final.").dateValues() == ["2023-02-18"])
        #expect(try extract("The team is confident ahead of the final on Saturday.").dateValues() == ["2023-02-18"])
        // "is to", "are set to", "is likely to": an arrangement ahead.
        #expect(try extract("The band is to play a secret gig on Saturday.").dateValues() == ["2023-02-18"])
        #expect(try extract("The group are set to release their single on 21 January.").dateValues() == ["2024-01-21"])
        // "last" of "its last stronghold" is no tense; "would" is.
        #expect(try extract("The militia would hand over its last stronghold on Friday.").dateValues() == ["2023-02-17"])
        // "last year" is: the Christmas of the sentence is the one gone by.
        #expect(try extract("The toll for the Christmas holiday period stands at 45, fewer than last year.", date: "2023-10-04")
            .dateValues() == ["2022-12-25", "2022"])
    }

    @Test func aMonthWithLastNextOrThatYearIsThatYearsMonth() throws {
        #expect(try extract("She vanished on July 1 last year and the cards are due in February next year.").dateValues()
            == ["2022-07-01", "2024-02"])
        #expect(try extract("He was jailed in June 1995 for an attack in March that year.").dateValues() == ["1995-06", "1995-03"])
    }

    @Test func namesAndTimesThatLookLikeDatesAreNot() throws {
        #expect(try extract("Mr Marr told BBC Radio 4's Today programme that DEC has no link with the firm.").dateValues()
            .isEmpty)
        let a = try extract("By 1300 GMT the shares of the maker of Windows 2000 had risen; it won the Book Award 2004.")
        #expect(a.dateValues() == ["2004"])
        #expect(a.amounts.isEmpty, "a time of day is no amount")
    }

    @Test func theArticlesOwnWeekdayIsTheArticleDateUnlessLastOrNextSaySo() throws {
        // 2023-02-14 is a Tuesday.
        #expect(try extract("The minister said Tuesday that talks had failed.").dateValues() == ["2023-02-14"])
        #expect(try extract("She will speak again on Tuesday.").dateValues() == ["2023-02-14"])
        #expect(try extract("He spoke last Tuesday.").dateValues() == ["2023-02-07"])
        #expect(try extract("He will speak next Tuesday.").dateValues() == ["2023-02-21"])
    }

    @Test func fixedDateHolidaysAreTheDayTheyNameButNotAnEventNamedAfterThem() throws {
        #expect(try extract("Shops will close on Christmas Day.").dateValues() == ["2023-12-25"])
        #expect(try extract("Sales fell sharply over Christmas.").dateValues() == ["2022-12-25"])
        #expect(try extract("Fireworks lit the sky on New Year's Eve.").dateValues() == ["2022-12-31"])
        #expect(try extract("Crowds expected for Anzac Day marches.").dateValues() == ["2023-04-25"])
        #expect(try extract("Tickets for the Boxing Day Test sold out.").dateValues().isEmpty)
    }

    @Test func aHolidayThatNamesTheComingSeasonIsThisYearsThoughTheSentenceIsPast() throws {
        // Three weeks before Christmas: the season the news looks ahead to.
        #expect(try extract("Talks failed to settle the dispute over the Christmas period.", date: "2023-12-04").dateValues()
            == ["2023-12-25"])
        #expect(try extract("Suitcases were opened and Christmas presents unwrapped.", date: "2023-12-04").dateValues()
            == ["2023-12-25"])
        #expect(try extract("He was refused leave to travel for Christmas Eve.", date: "2023-12-04").dateValues()
            == ["2023-12-24"])
        // A day a past sentence places something on is the one gone by.
        #expect(try extract("The last death was on Christmas Day.", date: "2023-12-04").dateValues() == ["2022-12-25"])
        // Eleven months ahead is too far to be the season in view.
        #expect(try extract("Sales fell over the Christmas period.", date: "2023-02-14").dateValues() == ["2022-12-25"])
    }

    @Test func aRangeGivesBothEnds() throws {
        #expect(try extract("The 2009-2010 season was long.").dateValues() == ["2009", "2010"])
        #expect(try extract("Talks ran January 4-6 in Geneva.").dateValues() == ["2023-01-04", "2023-01-06"])
        #expect(try extract("Talks ran January 4-6 in Geneva.").amounts.isEmpty)
    }

    @Test func aYearBeforeANounIsADateNotAnAmount() throws {
        let a = try extract("A 2009 analysis found the flaw and this morning it was fixed; last night it failed.")
        #expect(a.dateValues() == ["2009", "2023-02-14", "2023-02-13"])
        #expect(a.amounts.isEmpty)
    }

    @Test func monthDayWithoutYearResolvesByTense() throws {
        let past = try extract("Profits fell in the six months to June 30.")
        #expect(past.dateValues() == ["2022-06-30"])
        let future = try extract("The ban will be lifted on Sept. 6, with talks later that month.")
        #expect(future.dateValues() == ["2023-09-06", "2023-09"])
    }

    @Test func agoAndEarlierThisMonth() throws {
        let a = try extract("Three days ago the bridge closed; two years ago it flooded. Earlier this month it rained.")
        #expect(a.dateValues() == ["2023-02-11", "2021", "2023-02"])
    }

    @Test func durationsAndVerbsAreNotDates() throws {
        let a = try extract("They may march for months. It took two weeks. He is 45 and has 2000 sheep.")
        #expect(a.dates.isEmpty)
    }

    @Test func relativeDatesNeedAReference() throws {
        let a = try extract("Yesterday the council voted, as it did in 1999.", date: nil)
        #expect(a.dateValues() == ["1999"])
    }

    @Test func calendarArithmetic() throws {
        #expect(CalendarDay(year: 2023, month: 2, day: 14)!.isoWeek == "2023-W07")
        #expect(CalendarDay(year: 2021, month: 1, day: 3)!.isoWeek == "2020-W53")
        #expect(CalendarDay(year: 2024, month: 12, day: 30)!.isoWeek == "2025-W01")
        #expect(CalendarDay(year: 2023, month: 2, day: 14)!.weekday == 2)
        #expect(CalendarDay(year: 2023, month: 2, day: 29) == nil)
        let day = CalendarDay(year: 2000, month: 2, day: 29)!
        #expect(CalendarDay(ordinal: day.ordinal) == day)
    }
}
