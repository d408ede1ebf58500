import KGGraph
import Testing
@testable import KGQuery

/// Which reasons an explanation shows first: with counterfactual ranks, the interaction without
/// which the result falls furthest (among the largest contributions); without them, the largest
/// contribution.
@Suite struct ReasonOrderTests {
    static let contributions = (0..<12).map { Attribution.Contribution(node: Int32($0), value: Double(12 - $0)) }

    @Test func withoutCounterfactualRanksTheLargestContributionsComeFirst() throws {
        let explainer = Explainer(snapshot: try Shop.snapshot())
        let chosen = explainer.strongest(Self.contributions, count: 3, rankWithout: nil)
        #expect(chosen.map(\.0.node) == [0, 1, 2])
        #expect(chosen.allSatisfy { $0.1 == nil })
    }

    @Test func theFurthestFallComesFirstAndLeavingTheCandidatesIsTheFurthest() throws {
        let explainer = Explainer(snapshot: try Shop.snapshot())
        // Ranks without each interaction; node 3 would stop being a candidate, node 10 lies
        // outside the pool of the largest contributions however far it would send the result.
        let ranks: [Int32: Reason.Without] = [0: .rank(4), 1: .rank(2), 2: .rank(9), 3: .leavesCandidates,
                                               4: .rank(9), 10: .rank(1000)]
        let chosen = explainer.strongest(Self.contributions, count: 3, rankWithout: { ranks[$0] ?? .rank(2) })
        #expect(chosen.map(\.0.node) == [3, 2, 4])
        #expect(chosen.map(\.1) == [.leavesCandidates, .rank(9), .rank(9)])
        // Equal falls keep the contribution order; unknown ranks go last.
        let unknown = explainer.strongest(Self.contributions, count: 2, rankWithout: { $0 == 5 ? .rank(3) : nil })
        #expect(unknown.map(\.0.node) == [5, 0])
        #expect(Explainer.counterfactualPool < 10)
        // A removal that lowers the result only by lifting its rivals more is no reason to show
        // first: it carries none of the score.
        let mixed = [Attribution.Contribution(node: 0, value: 2), .init(node: 1, value: 0), .init(node: 2, value: -1)]
        let carried = explainer.strongest(mixed, count: 3, rankWithout: { [0: Reason.Without.rank(2), 1: .rank(5), 2: .rank(9)][$0] })
        #expect(carried.map(\.0.node) == [0, 2, 1])
    }
}
