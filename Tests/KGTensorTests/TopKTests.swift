import Foundation
import Testing
@testable import KGTensor

@Suite struct TopKTests {
    @Test func denseTopKMatchesAFullSort() {
        let scores = Reference.random(9, 50, seed: 1)
        let result = scores.topK(7)
        let (items, values) = Reference.topK(scores, k: 7)
        for r in 0..<9 {
            #expect(Array(result.items(ofRow: r)) == items[r])
            #expect(Array(result.scores(ofRow: r)) == values[r])
        }
    }

    @Test func tiesKeepTheLowerItemAndShortRowsArePadded() {
        let scores = Tensor([[1, 3, 3, 2, 3]])
        #expect(Array(scores.topK(2).items(ofRow: 0)) == [1, 2])
        let masked = scores.topK(4, excluding: ExclusionList(rows: [[1, 2, 4]]))
        #expect(Array(masked.items(ofRow: 0)) == [3, 0, -1, -1])
        #expect(Array(masked.scores(ofRow: 0)) == [2, 1, -.infinity, -.infinity])
    }

    /// The fused kernel equals score-matrix-then-select, including exclusions, ties, a partial
    /// last panel, a partial last user block and k larger than the eligible items.
    @Test(arguments: [(13, 37, 8, 5), (6, 16, 64, 20), (20, 70, 64, 3), (2, 5, 3, 9), (31, 100, 17, 1)])
    func fusedMatchesDense(users userCount: Int, items itemCount: Int, d: Int, k: Int) {
        var users = Reference.random(userCount, d, seed: UInt64(userCount))
        let items = Reference.random(itemCount, d, seed: UInt64(itemCount))
        if userCount > 3 { users = Tensor.concatRows([users.rows(0..<(userCount - 1)), users.rows(0..<1)]) }
        var rng = SeededRNG(seed: 3)
        let excluded: [[Int32]] = (0..<userCount).map { _ in
            (0..<itemCount).filter { _ in rng.nextFloat() < 0.3 }.map { Int32($0) }
        }
        let exclusions = ExclusionList(rows: excluded)
        let fused = ItemPanels(items: items).topK(users: users, k: k, excluding: exclusions)
        let dense = users.matmul(items, transposeOther: true).topK(k, excluding: exclusions)
        #expect(fused == dense)
        let (expectedItems, _) = Reference.topK(users.matmul(items, transposeOther: true), k: k,
                                                excluded: excluded.map { Set($0) })
        for r in 0..<userCount { #expect(Array(fused.items(ofRow: r)) == expectedItems[r]) }
    }

    /// Item norms spanning two orders of magnitude, so the norm bound prunes most panels, and
    /// exact duplicates of one item in different panels, so ties must still go to the lower
    /// index although panels are visited in norm order.
    @Test func normPruningAndTiesAcrossPanels() {
        var rng = SeededRNG(seed: 8)
        var rows: [[Float]] = []
        for i in 0..<200 {
            let scale = Float(1 + (i * 37) % 100) / 10
            rows.append((0..<8).map { _ in scale * (rng.nextFloat() - 0.5) })
        }
        rows[3] = (0..<8).map { Float($0 % 3) * 4 - 3 }   // the largest norm, so ⟨r3, r3⟩ is the top score
        for copy in [150, 60, 199] { rows[copy] = rows[3] }
        let items = Tensor(rows)
        let users = Tensor.concatRows([items.rows(3..<4), Reference.random(12, 8, seed: 9)])
        let exclusions = ExclusionList(rows: [[60]] + [[Int32]](repeating: [], count: 12))
        let fused = ItemPanels(items: items).topK(users: users, k: 5, excluding: exclusions)
        let dense = users.matmul(items, transposeOther: true).topK(5, excluding: exclusions)
        #expect(fused == dense)
        #expect(Array(fused.items(ofRow: 0).prefix(3)) == [3, 150, 199])
    }

    @Test func fusedIsIdenticalAcrossThreadCounts() {
        let users = Reference.random(600, 64, seed: 1), items = Reference.random(1500, 64, seed: 2)
        let panels = ItemPanels(items: items)
        #expect(panels.topK(users: users, k: 20, threads: 1) == panels.topK(users: users, k: 20, threads: 2))
    }

    @Test func exclusionListSortsAndDeduplicates() {
        let list = ExclusionList(rows: [[5, 1, 5], [], [0]])
        #expect(list.offsets == [0, 2, 2, 3] && list.items == [1, 5, 0])
    }
}

@Suite struct ActivationTests {
    @Test func valuesMatchTheDefinitions() {
        for x: Float in [-30, -2, -0.5, 0, 0.5, 2, 30] {
            let s = 1 / (1 + exp(-Double(x)))
            #expect(abs(Double(Activation.sigmoid.value(x)) - s) < 1e-6)
            #expect(abs(Double(Activation.softplus.value(x)) - log1p(exp(Double(x)))) < 1e-5)
            #expect(abs(Double(Activation.logSigmoid.value(x)) + log1p(exp(-Double(x)))) < 1e-5)
            #expect(Activation.relu.value(x) == max(x, 0))
            #expect(Activation.leakyRelu(slope: 0.2).value(x) == (x > 0 ? x : 0.2 * x))
        }
        #expect(Activation.sigmoid.value(-200) == 0 && Activation.sigmoid.value(200) == 1)
        #expect(Activation.logSigmoid.value(-200) == -200)
    }
}

