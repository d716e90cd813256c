import Testing

@testable import ArticleExtraction

@Suite("Amounts")
struct AmountTests {
    @Test func numberWordsCountNamesPartsAndScores() throws {
        let a = try extract("Two Japanese sailors were hurt and six of the 15 crew were found. Scores of boats helped.")
        #expect(Set(a.amountValues()) == [2, 6, 15, 20])
        let b = try extract("One of them left, and the scores of the two teams were level.")
        #expect(!b.amountValues().contains(20) && !b.amountValues().contains(1))
    }

    @Test func moneyPercentAndScales() throws {
        let a = try extract("The firm raised $1.5 million, lost 25 per cent and 7% of staff, and owes 2bn euros and 27c a share.")
        let pairs = a.amounts.map { "\($0.value)|\($0.about ?? "-")" }
        #expect(pairs == ["1500000.0|dollars", "25.0|percent", "7.0|percent", "2000000000.0|euros", "27.0|cents"])
    }

    @Test func aRangeOfPercentagesGivesBothEndsInPercent() throws {
        let a = try extract("Prices rose 20-25% and wages 5-7 per cent in the year.")
        let pairs = a.amounts.map { "\($0.value)|\($0.about ?? "-")" }
        #expect(pairs == ["20.0|percent", "25.0|percent", "5.0|percent", "7.0|percent"])
    }

    @Test func anAgeBetweenCommasAfterANameOrAfterAgedIsInYears() throws {
        let a = try extract("Jon Harvik, 41, was arrested. Sela Mork, 29, and Ida Lunde, 30, were freed. "
            + "He died aged 72; two boys aged three and 13 were hurt. In March, 2004 was a good year.")
        let pairs = Set(a.amounts.map { "\($0.value)|\($0.about ?? "-")" })
        #expect(pairs.isSuperset(of: ["41.0|years", "29.0|years", "30.0|years", "72.0|years", "3.0|years", "13.0|years"]))
        #expect(!pairs.contains("2004.0|years"))
    }

    @Test func bothEndsOfAnAgeRangeAndAnAgeAfterWhoIsOrAPersonNounAreInYears() throws {
        let a = try extract("Players aged 18-25 and fans aged between 15 and 24 came. The driver, 32, and a man "
            + "who is 57 were hurt. Of the results, 40, and 50 were late.")
        let pairs = Set(a.amounts.map { "\($0.value)|\($0.about ?? "-")" })
        #expect(pairs.isSuperset(of: ["18.0|years", "25.0|years", "15.0|years", "24.0|years", "32.0|years", "57.0|years"]))
        #expect(!pairs.contains("40.0|years"))  // "results" is no person
    }

    @Test func vagueMultiplesAtTheirLowerBound() throws {
        let a = try extract("Estimates range from several hundred to a few thousand, with hundreds of these soldiers near the front.")
        #expect(a.amountValues() == [200, 2000, 100])
        #expect(a.amounts.last?.about == "soldiers")
    }

    @Test func numberWordsAndDurations() throws {
        let a = try extract("Twenty-five people waited one month for four thousand tents during a four-year war.")
        let pairs = a.amounts.map { "\(Int($0.value))|\($0.about ?? "-")" }
        #expect(pairs == ["25|people", "1|month", "4000|tents", "4|year"])
    }

    @Test func aYearBeforeASingularNounIsNotAnAmountButACountIs() throws {
        let a = try extract("The 1998 flood beat a 2003 record; 2000 people left while 1200 tonnes of grain rotted.")
        let pairs = a.amounts.map { "\(Int($0.value))|\($0.about ?? "-")" }
        #expect(pairs == ["2000|people", "1200|tonnes"])
    }

    @Test func aYearNearTheArticlesOwnBeforeAPluralIsAYear() throws {
        let body = "Its 2022 sales beat forecasts, and it expects 2024 earnings to grow; 2000 people work there."
        let dated = try extract(body, date: "2023-02-14")
        #expect(dated.amounts.map { "\(Int($0.value))|\($0.about ?? "-")" } == ["2000|people"])
        // With no date to compare with, a number before a plural counts, as "1200 tonnes" does.
        let undated = try extract(body, date: nil)
        #expect(undated.amounts.map { "\(Int($0.value))|\($0.about ?? "-")" } == ["2022|sales", "2024|earnings", "2000|people"])
    }

    @Test func aFractionIsNotACount() throws {
        let a = try extract("Almost two-thirds of voters and one quarter of firms agreed, and one third said no; four firms left.")
        #expect(a.amounts.map { "\(Int($0.value))|\($0.about ?? "-")" } == ["4|firms"])
    }

    @Test func yearsDatesOrdinalsAndNamesAreNotAmounts() throws {
        let a = try extract("One of them came second in 2014 on March 3, at 10:30, in Year 10, one by one.")
        #expect(a.amounts.isEmpty)
    }

    // MARK: - News of other sources (issue 17)

    @Test func aMatchResultIsNotTwoQuantities() throws {
        let a = try extract("Kelso United beat Tarlow 2-1 in the league on Saturday, their third win.")
        #expect(!a.amountValues().contains(2))
        #expect(!a.amountValues().contains(1))
    }

    @Test func aRangeOfSharesIsStillTwoAmounts() throws {
        let a = try extract("Prices rose 20-25% after the league cut its fees.")
        #expect(a.amountValues().contains(20))
        #expect(a.amountValues().contains(25))
    }

    @Test func aUnitWrittenOntoANumberCounts() throws {
        let a = try extract("Shares closed at 300p. The boxer weighed 91kg and the file was 1.8GB.")
        #expect(a.amounts.contains { $0.value == 300 && $0.about == "pence" })
        #expect(a.amounts.contains { $0.value == 91 && $0.about == "kilograms" })
        #expect(a.amounts.contains { $0.value == 1.8 && $0.about == "gigabytes" })
    }

    @Test func aRatioAndTheSecondYearOfASeasonAreNotAmounts() throws {
        let a = try extract("Only one in 13 cards is in default, down from one in eight, in the 2006/07 season.")
        #expect(a.amounts.isEmpty, "\(a.amounts)")
    }
}
