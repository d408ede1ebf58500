import KGGraph
import KGModels
import KGQuery
import KGTestSupport
import Testing
@testable import KGRecKit

/// LightGCN's explanations on the demo store are its score: the contributions and the rest add
/// up to it, the strongest come first, and each counterfactual rank is the rank a full
/// rescoring of every candidate gives.
@Suite(.serialized) struct ExplanationFaithfulnessTests {
    /// The demo store with `model` trained (the demo keeps its directory alive), and its
    /// explained top 5 for u42.
    static func explained(_ model: String, epochs: Int) throws
        -> (demo: ModelIntegrationTests.Demo, session: Session, r: Recommendations, s: GraphSnapshot, user: Int32,
            loaded: LoadedModel) {
        let demo = try ModelIntegrationTests.Demo(), session = demo.workspace
        _ = try session.train(ModelIntegrationTests.options(model, seed: 3, epochs: epochs))
        let outcome = try session.execute("recommend items for u42 using \(model) limit 5 explain")
        guard case .recommendations(let r) = outcome.result else { throw KGRecError.failed("not recommendations") }
        return (demo, session, r, outcome.snapshot, try #require(outcome.snapshot.node("u42")), try session.loadModel(named: model))
    }

    @Test func lightGCNContributionsAddUpAndRanksWithoutMatchAFullRescoring() throws {
        let (demo, session, r, s, user, loaded) = try Self.explained("lightgcn", epochs: 5)
        defer { withExtendedLifetime(demo) {} }
        let attributing = try #require(loaded.model as? any InteractionAttribution)
        let attributor = attributing.attributor(train: loaded.data.train, threads: 1)
        let u = loaded.data.userIndex[Int(user)]
        let seen = Set(loaded.data.train.neighbours(Int(u)))
        let candidates = (0..<Int32(loaded.data.itemCount)).filter { !seen.contains($0) }
        func score(_ vector: [Float], _ row: Int32) -> Double {
            (0..<vector.count).reduce(0.0) { $0 + Double(vector[$1]) * Double(attributor.items[Int(row), $1]) }
        }
        var checkedRanks = 0
        for (rank, result) in r.results.enumerated() {
            let e = result.explanation
            #expect(e.kind == .exact && e.reasons.count == 3)
            let (total, attribution) = try session.attribution(model: "lightgcn", user: user, item: result.node)
            let all = try #require(attribution)
            #expect(abs(all.contributions.reduce(0) { $0 + $1.value } + all.rest - total) < 1e-5 * max(1, abs(total)))
            #expect(abs(total - result.score) < 1e-6 * max(1, abs(total)))
            #expect(all.contributions.count == seen.count)
            #expect(e.reasons.map(\.contribution) == Array(all.contributions.prefix(3).map(\.value)))
            for reason in e.reasons {
                // Brute force: every unseen item rescored with the user vector rebuilt without the reason.
                let removed = loaded.data.itemIndex[Int(try #require(reason.source))]
                let vector = try #require(attributor.userVector(user: u, without: [removed]))
                let target = loaded.data.itemIndex[Int(result.node)]
                let own = score(vector, target)
                let above = candidates.filter { $0 != target && score(vector, $0) > own }.count
                #expect(reason.rankWithout == above + 1, "result #\(rank + 1), without \(s.externalIDs[Int(reason.source!)])")
                checkedRanks += 1
            }
            expectTrueExplanation(e, anchor: user, result: result.node, in: s)
        }
        #expect(checkedRanks == 15)
    }

    /// GF-CF's explanations are exact: the terms add up to the score, and each rank without an
    /// interaction is the rank of the user's history without it pushed through the fitted
    /// filter, every item rescored by brute force.
    @Test func filterContributionsAddUpAndRanksWithoutMatchABruteForceRescoring() throws {
        let (demo, session, r, s, user, loaded) = try Self.explained("gfcf", epochs: 1)
        defer { withExtendedLifetime(demo) {} }
        let filter = try #require(loaded.model as? any FilterAttribution)
        let u = loaded.data.userIndex[Int(user)]
        let history = Array(loaded.data.train.neighbours(Int(u)))
        let rows = Dictionary(uniqueKeysWithValues: history.map { ($0, filter.filterRow(item: $0)) })
        let candidates = (0..<Int32(loaded.data.itemCount)).filter { !history.contains($0) }
        var checkedRanks = 0
        for result in r.results {
            let e = result.explanation
            #expect(e.kind == .exact && !e.reasons.isEmpty)
            let (total, attribution) = try session.attribution(model: "gfcf", user: user, item: result.node)
            let all = try #require(attribution)
            #expect(all.contributions.count == history.count)
            #expect(abs(all.rest) < 1e-5 * max(1, abs(total)), "the terms are the whole score")
            #expect(abs(all.contributions.reduce(0) { $0 + $1.value } + all.rest - total) < 1e-6 * max(1, abs(total)))
            for reason in e.reasons {
                let removed = loaded.data.itemIndex[Int(try #require(reason.source))]
                func without(_ item: Int32) -> Float {
                    history.filter { $0 != removed }.reduce(Float(0)) { $0 + rows[$1]![Int(item)] }
                }
                let target = loaded.data.itemIndex[Int(result.node)]
                let own = without(target)
                let above = candidates.filter { $0 != target && without($0) > own }.count
                #expect(reason.rankWithout == above + 1)
                checkedRanks += 1
            }
            expectTrueExplanation(e, anchor: user, result: result.node, in: s)
        }
        #expect(checkedRanks >= 5)
    }
}
