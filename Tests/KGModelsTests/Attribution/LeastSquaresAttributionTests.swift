import Testing
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct CholeskyTests {
    /// [[4, 2], [2, 3]] x = [6, 5] has x = [1, 1] (det 8, inverse [[3, −2], [−2, 4]] / 8).
    @Test func solvesATwoByTwoSystem() throws {
        let x = try #require(Cholesky.solve([4, 2, 2, 3], [6, 5], n: 2))
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 1) < 1e-12)
    }

    /// The textbook matrix with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]; b = A · [1, 2, 3].
    @Test func solvesAThreeByThreeSystem() throws {
        let a: [Double] = [4, 12, -16, 12, 37, -43, -16, -43, 98]
        let x = try #require(Cholesky.solve(a, [-20, -43, 192], n: 3))
        #expect(zip(x, [1, 2, 3]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(x)")
    }

    /// An indefinite matrix has no factorisation.
    @Test func refusesAnIndefiniteMatrix() {
        #expect(Cholesky.solve([1, 2, 2, 1], [1, 1], n: 2) == nil)
        #expect(Cholesky.solve([.nan, 0, 0, 1], [1, 1], n: 2) == nil)
    }
}

@Suite struct LeastSquaresAttributionTests {
    /// e_u = 2 v_0 + 3 v_1 with v_0 = (1, 0, 0), v_1 = (1, 1, 0): the weights are (2, 3), up to
    /// the ridge λ = 10⁻⁶ · trace / d; both normal equations agree.
    @Test(arguments: [LeastSquaresAttributor.System.items, .dimensions])
    func recoversAnExactCombination(system: LeastSquaresAttributor.System) throws {
        let a = try #require(LeastSquaresAttributor.weights(vectors: [1, 0, 0, 1, 1, 0], count: 2, dimension: 3,
                                                           target: [5, 3, 0], system: system))
        #expect(abs(a[0] - 2) < 1e-4 && abs(a[1] - 3) < 1e-4, "\(a)")
    }

    /// The same weights through the attributor, with a third item the user never had.
    @Test func decomposesAUserOverTheirItems() {
        let items = Tensor([[1, 0, 0], [1, 1, 0], [0, 0, 1]])
        let users = Tensor([[5, 3, 0]])
        let train = CSR(rows: 1, columns: 3, sources: [0, 0], targets: [1, 0])
        let decomposition = LeastSquaresAttributor(users: users, items: items, train: train).decompose(user: 0)
        #expect(decomposition.items == [0, 1])
        let expected = Tensor([[2, 0, 0], [3, 3, 0]])
        #expect(decomposition.parts.maxAbsoluteDifference(expected) < 1e-4)
        #expect(decomposition.rest.allSatisfy { abs($0) < 1e-4 })
    }

    /// Duplicate vectors make V_hᵀV_h singular: λ keeps the weights finite and splits the
    /// weight evenly (the minimum-norm answer), on both systems; what lies outside the span is
    /// the rest.
    @Test(arguments: [LeastSquaresAttributor.System.items, .dimensions])
    func staysFiniteOnDuplicateItems(system: LeastSquaresAttributor.System) throws {
        let a = try #require(LeastSquaresAttributor.weights(vectors: [1, 0, 1, 0, 1, 0], count: 3, dimension: 2,
                                                           target: [3, 0.5], system: system))
        #expect(a.allSatisfy { abs($0 - 1) < 1e-4 }, "\(a)")
        let items = Tensor([[1, 0], [1, 0], [1, 0]])
        let train = CSR(rows: 1, columns: 3, sources: [0, 0, 0], targets: [0, 1, 2])
        let decomposition = LeastSquaresAttributor(users: Tensor([[3, 0.5]]), items: items, train: train).decompose(user: 0)
        #expect(decomposition.parts.storage.allSatisfy { $0.isFinite })
        #expect(abs(decomposition.rest[0]) < 1e-4 && abs(decomposition.rest[1] - 0.5) < 1e-6)
    }

    /// Random histories shorter and longer than d: the two systems give the same weights.
    @Test(arguments: [3, 12])
    func bothSystemsAgree(historyLength: Int) throws {
        var rng = SeededRNG(seed: UInt64(historyLength))
        let d = 6
        let v = (0..<(historyLength * d)).map { _ in Double(rng.nextNormal()) }
        let e = (0..<d).map { _ in Double(rng.nextNormal()) }
        let small = try #require(LeastSquaresAttributor.weights(vectors: v, count: historyLength, dimension: d,
                                                               target: e, system: .items))
        let large = try #require(LeastSquaresAttributor.weights(vectors: v, count: historyLength, dimension: d,
                                                               target: e, system: .dimensions))
        #expect(zip(small, large).allSatisfy { abs($0 - $1) < 1e-6 * max(1, abs($0)) }, "\(small) \(large)")
    }

    /// e_u = rest + Σ parts and the contributions add up to the score, for every user and item
    /// of the dot-product models that use the least-squares view (histories of 6 items, longer
    /// than MF's d = 4); none of them has a recompute yet.
    @Test(arguments: ["mf"])
    func decompositionAddsUpToTheScore(name: String) throws {
        let data = communities()
        let model = try #require(try ModelCatalog.make(name, data: data, settings: .init(dimension: 4), seed: 5)
            as? any InteractionAttribution)
        #expect(model.attributionKind == .association)
        let attributor = model.attributor(train: data.train, threads: 1)
        for user in Int32(0)..<Int32(data.userCount) {
            let decomposition = attributor.decompose(user: user)
            #expect(decomposition.items == data.train.neighbours(Int(user)).sorted())
            var sum = decomposition.rest
            for j in 0..<decomposition.items.count {
                for (c, x) in decomposition.parts.row(j).enumerated() { sum[c] += x }
            }
            let vector = attributor.userVector(user: user)
            #expect(zip(sum, vector).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "user \(user)")
            let items = (0..<Int32(data.itemCount)).map { $0 }
            let scores = model.scores(users: [Int32](repeating: user, count: items.count), items: items, threads: 1)
            for (item, score) in zip(items, scores) {
                #expect(addsUp(decomposition, item: attributor.items.row(Int(item)), to: score), "user \(user) item \(item)")
            }
            // MF's user vector is learned: nothing to recompute.
            #expect(attributor.userVector(user: user, without: [decomposition.items[0]]) == nil)
        }
    }
}
