import Testing
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct RankingMetricsTests {
    /// Two users, computed by hand (ranks are 0-based, log base 2):
    /// user A ranks [3, 1, 7, 2, 9] with relevant {1, 2, 4}; user B ranks [4, 5, 6] (then padding)
    /// with relevant {4}.
    @Test func matchesHandComputedValues() {
        var metrics = RankingMetrics(ks: [5, 1, 3])
        let a: Set<Int32> = [1, 2, 4], b: Set<Int32> = [4]
        metrics.add(ranked: [3, 1, 7, 2, 9], relevantCount: 3) { a.contains($0) }
        metrics.add(ranked: [4, 5, 6, -1, -1], relevantCount: 1) { b.contains($0) }
        metrics.add(ranked: [1, 2], relevantCount: 0) { _ in true }   // no relevant items: skipped
        let m = metrics.averaged()
        #expect(m.userCount == 2 && m.ks == [1, 3, 5])
        let log3 = 1 / 1.584962500721156, log5 = 1 / 2.321928094887362
        let idcgA = 1 + log3 + 0.5
        let expected: [(String, Double)] = [
            ("recall@1", (0 + 1) / 2), ("precision@1", (0 + 1) / 2), ("ndcg@1", (0 + 1) / 2),
            ("hit@1", 0.5), ("mrr@1", 0.5),
            ("recall@3", (1.0 / 3 + 1) / 2), ("precision@3", (1.0 / 3 + 1.0 / 3) / 2),
            ("ndcg@3", (log3 / idcgA + 1) / 2), ("hit@3", 1), ("mrr@3", (0.5 + 1) / 2),
            ("recall@5", (2.0 / 3 + 1) / 2), ("precision@5", (0.4 + 0.2) / 2),
            ("ndcg@5", ((log3 + log5) / idcgA + 1) / 2), ("hit@5", 1), ("mrr@5", 0.75),
        ]
        for (name, value) in expected {
            #expect(abs((m.value(name) ?? -1) - value) < 1e-12, "\(name)")
        }
        #expect(m.value("ndcg@7") == nil && m.value("auc@5") == nil)
    }
}

@Suite struct CTRMetricsTests {
    @Test func aucAndF1ByHand() {
        // Positives score 0.9 and 0.3, negatives 0.8, −0.2, −1: 5 of the 6 pairs are ordered.
        // Predicted positive (score ≥ 0): 0.9 (TP), 0.8 (FP), 0.3 (TP) → F1 = 2·2 / (2·2 + 1 + 0).
        let m = CTRMetrics(scores: [0.9, 0.8, 0.3, -0.2, -1], labels: [true, false, true, false, false])
        #expect(abs(m.auc - 5.0 / 6) < 1e-12)
        #expect(abs(m.f1 - 0.8) < 1e-12)
    }

    @Test func tiesCountOneHalf() {
        #expect(CTRMetrics(scores: [1, 1], labels: [true, false]).auc == 0.5)
        #expect(CTRMetrics(scores: [2, 1, 1, 0], labels: [true, true, false, false]).auc == 0.875)
        #expect(CTRMetrics(scores: [-1, -2], labels: [true, false]).f1 == 0)
    }
}

/// A fixed score matrix, for evaluating the evaluator.
struct FixedScorer: ItemScorer {
    let scores: Tensor
    var itemCount: Int { scores.columns }
    func scoresOfAllItems(users: [Int32]) -> Tensor { scores.gatherRows(users) }
}

@Suite struct EvaluatorTests {
    /// Item 0 scores highest for everyone but is a train item of user 0, so it must be masked
    /// there; user 1's valid item 3 must be masked in the test ranking.
    @Test func masksSeenItemsAndRanksTheRest() {
        let data = InteractionMatrix(userCount: 2, itemCount: 5, train: [(0, 0), (1, 1)],
                                     valid: [(0, 1), (1, 3)], test: [(0, 2), (1, 0)])
        let scorer = FixedScorer(scores: Tensor([[9, 5, 4, 1, 0], [9, 8, 1, 7, 0]]))
        let evaluator = Evaluator(ks: [1, 2], userBatchSize: 1)
        let test = evaluator.evaluate(scorer, on: .test, data: data)
        // User 0 ranks [2, 3] (0 train, 1 valid masked) → hit at 0. User 1 ranks [0, 2] → hit at 0.
        #expect(test.value("recall@1") == 1 && test.value("mrr@2") == 1)
        let valid = evaluator.evaluate(scorer, on: .valid, data: data)
        // User 0 ranks [1, 2] → hit at 0. User 1 ranks [0, 3] → hit at 1.
        #expect(valid.value("recall@1") == 0.5 && valid.value("recall@2") == 1 && valid.value("mrr@2") == 0.75)
    }

    @Test func exclusionsAreTheSortedUnion() {
        let train = CSR(rows: 2, columns: 6, sources: [0, 0, 1], targets: [4, 1, 2])
        let valid = CSR(rows: 2, columns: 6, sources: [0, 0], targets: [1, 0])
        let list = Evaluator.exclusions(for: [1, 0], [train, valid])
        #expect(list.offsets == [0, 1, 4] && list.items == [2, 0, 1, 4])
    }

    @Test func fusedTopKEqualsTheGenericPath() {
        var rng = SeededRNG(seed: 3)
        let users = Tensor.normal(rows: 30, columns: 8, standardDeviation: 1, using: &rng)
        let items = Tensor.normal(rows: 50, columns: 8, standardDeviation: 1, using: &rng)
        let dot = DotProductScorer(users: users, items: items, threads: 1)
        let generic = FixedScorer(scores: users.matmul(items, transposeOther: true))
        let exclusions = ExclusionList(rows: (0..<30).map { [Int32($0), Int32($0 + 7)] })
        let ids = (0..<30).map(Int32.init)
        #expect(dot.topK(users: ids, k: 10, excluding: exclusions)
                == generic.topKByBlocks(users: ids, k: 10, excluding: exclusions, blockSize: 7) { block, excluded in
                    generic.scoresOfAllItems(users: block).topK(10, excluding: excluded)
                })
    }
}

@Suite struct NegativeSamplerTests {
    @Test func neverReturnsAPositive() {
        let positives = CSR(rows: 2, columns: 10, sources: [Int32](repeating: 0, count: 9) + [1],
                            targets: [0, 1, 2, 3, 4, 5, 7, 8, 9, 3])
        let sampler = NegativeSampler(positives: positives)
        var rng = SeededRNG(seed: 1)
        for _ in 0..<1000 { #expect(sampler.sample(for: 0, using: &rng) == 6) }
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<9000 { counts[Int(sampler.sample(for: 1, using: &rng))] += 1 }
        #expect(counts[3] == 0)
        #expect(counts.enumerated().filter { $0.offset != 3 }.allSatisfy { abs($0.element - 1000) < 150 })
        let full = CSR(rows: 1, columns: 2, sources: [0, 0], targets: [0, 1])
        #expect(!NegativeSampler(positives: full).canSample(for: 0))
    }
}
