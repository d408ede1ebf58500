import Testing
@testable import KGGraph

@Suite struct StatisticsTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == 0)
    }

    @Test func tiedValuesShareTheMeanOfTheirRanks() {
        #expect(Statistics.ranks([10, 30, 20, 30]) == [1, 3.5, 2, 3.5])
    }

    /// x = 1…5, y = 2, 1, 4, 3, 5: rank differences d = −1, 1, −1, 1, 0, Σd² = 4, so
    /// ρ = 1 − 6·4 / (5·24) = 0.8.
    @Test func spearmanByHand() throws {
        let rho = try #require(Statistics.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]))
        #expect(abs(rho - 0.8) < 1e-12)
        #expect(Statistics.spearman([1, 2, 3], [30, 20, 10]) == -1)
        #expect(Statistics.spearman([1, 2, 3], [5, 5, 5]) == nil)
        #expect(Statistics.spearman([1], [2]) == nil)
    }
}
