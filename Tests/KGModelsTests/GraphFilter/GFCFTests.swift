import Testing
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct GFCFTests {
    /// R = [[1, 1, 0], [0, 1, 1], [0, 0, 1]]: user degrees 2, 2, 1, item degrees 1, 2, 2.
    static func tiny() -> InteractionMatrix {
        InteractionMatrix(userCount: 3, itemCount: 3, train: [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)], test: [])
    }

    static func pairs(_ csr: CSR) -> [(Int32, Int32)] {
        (0..<csr.rowCount).flatMap { user in csr.neighbours(user).map { (Int32(user), $0) } }
    }

    static func model(_ data: InteractionMatrix, _ options: [String: String], seed: UInt64 = 1) throws -> GFCF {
        let model = try ModelCatalog.make("gfcf", data: data, settings: .init(options: options), seed: seed)
        let filter = try #require(model as? GFCF)
        filter.fit(validation: nil, threads: 1)
        return filter
    }

    /// The linear filter by hand. R̃[u][i] = 1/√(d_u d_i):
    ///     R̃ = [[1/√2, 1/2, 0], [0, 1/2, 1/2], [0, 0, 1/√2]].
    /// Item–item P = R̃ᵀR̃: P00 = 1/2, P01 = 1/(2√2), P02 = 0, P11 = 1/4 + 1/4 = 1/2, P12 = 1/4,
    /// P22 = 1/4 + 1/2 = 3/4. User 0 (items 0, 1) scores rows 0 + 1 of P:
    ///     (1/2 + 1/(2√2), 1/(2√2) + 1/2, 1/4); user 2 (item 2) scores row 2: (0, 1/4, 3/4).
    @Test func theLinearFilterByHand() throws {
        let model = try Self.model(Self.tiny(), ["alpha": "0"])
        let scores = model.scoresOfAllItems(users: [0, 2])
        let a = 0.5 + 1 / (2 * 2.0.squareRoot())
        let expected: [[Double]] = [[a, a, 0.25], [0, 0.25, 0.75]]
        for r in 0..<2 { for c in 0..<3 { #expect(abs(Double(scores[r, c]) - expected[r][c]) < 1e-6) } }
    }

    /// With every singular vector kept, V Vᵀ = I, so the low-pass part is α r_u: the scores are
    /// the linear filter's plus α on the user's own items.
    @Test func aFullRankLowPassIsTheIdentity() throws {
        let data = Self.tiny()
        let linear = try Self.model(data, ["alpha": "0"]).scoresOfAllItems(users: [0, 1, 2])
        let both = try Self.model(data, ["alpha": "0.5", "rank": "3", "power_iterations": "4"]).scoresOfAllItems(users: [0, 1, 2])
        for u in 0..<3 {
            for i in 0..<3 {
                let own: Float = data.train.contains(row: u, column: Int32(i)) ? 0.5 : 0
                #expect(abs(both[u, i] - linear[u, i] - own) < 1e-5)
            }
        }
    }

    /// On the two communities, the low-pass basis spans the top eigenvectors of R̃ᵀR̃ computed
    /// densely: the two projections agree.
    @Test func theBasisSpansTheTopEigenvectors() throws {
        let data = communities()
        let rank = 4
        let model = try Self.model(data, ["rank": "\(rank)", "power_iterations": "40"])
        let normalized = model.normalized.dense()
        let items = data.itemCount
        let (_, exact) = SymmetricEigen.decompose(normalized.matmul(normalized, transposeSelf: true).storage.map(Double.init),
                                                  n: items)
        let v = model.basis.value
        for i in 0..<items {
            for j in 0..<items {
                let fitted = (0..<rank).reduce(0.0) { $0 + Double(v[i, $1]) * Double(v[j, $1]) }
                let reference = (0..<rank).reduce(0.0) { $0 + exact[i * items + $1] * exact[j * items + $1] }
                #expect(abs(fitted - reference) < 1e-3)
            }
        }
    }

    /// Pair scores, top-K and a second fit with the same seed all agree with the full scores.
    @Test func scoresTopKAndSeedsAgree() throws {
        let data = communities()
        let model = try Self.model(data, ["rank": "6"])
        let users = (0..<Int32(data.userCount)).map { $0 }
        let all = model.scoresOfAllItems(users: users)
        let pairs = model.scores(users: [3, 20, 3], items: [1, 15, 19], threads: 2)
        #expect(pairs == [all[3, 1], all[20, 15], all[3, 19]])
        let exclusions = ExclusionList(rows: users.map { Array(data.train.neighbours(Int($0))) })
        let top = model.scorer(threads: 2).topK(users: users, k: 5, excluding: exclusions)
        #expect(top == all.topK(5, excluding: exclusions))
        #expect(try Self.model(data, ["rank": "6"]).basis.value == model.basis.value)
        let recall = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(recall > 0.6, "recall@5 \(recall); a random ranking gets about 0.36")
    }

    /// The trainer fits once (one epoch, no batches of gradient), and the checkpoint restores
    /// the same scores without fitting again.
    @Test func theTrainerFitsAndTheCheckpointRestores() throws {
        let data = communities()
        let model = try ModelCatalog.make("gfcf", data: data, settings: .init(options: ["rank": "6"]), seed: 4)
        var config = smallConfig(epochs: 50)
        config.validationSplit = .test
        let result = try Trainer(config: config).train(model, data: data)
        #expect(result.epochs.count == 1 && result.bestEpoch == 1 && result.bestMetrics != nil)
        let restored = try ModelCatalog.make(from: result.checkpoint, data: data)
        let users: [Int32] = [0, 5, 23]
        #expect(restored.scoresOfAllItems(users: users) == model.scoresOfAllItems(users: users))
    }

    /// Without α, `fit` takes the grid value with the best NDCG@20 on the valid split; without
    /// a valid split, on a holdout of train, so the test split cannot change the choice.
    @Test func alphaIsChosenOnValidOrAHoldoutNeverOnTest() throws {
        let data = communities()
        var rng = SeededRNG(seed: 8)
        var valid: [(Int32, Int32)] = []
        for (user, item) in Self.pairs(data.test) where rng.nextFloat() < 0.5 { valid.append((user, item)) }
        let withValid = InteractionMatrix(userCount: data.userCount, itemCount: data.itemCount,
                                          train: Self.pairs(data.train),
                                          valid: valid, test: [])
        let model = try Self.model(withValid, ["rank": "6"])
        let evaluator = Evaluator(ks: [20])
        let ndcg = GFCF.weightGrid.map { weight in
            evaluator.evaluate(GFCFScorer(model, weight: weight, threads: 1), relevant: withValid.valid,
                               excluding: [withValid.train]).value("ndcg@20")!
        }
        let best = ndcg.indices.max { ndcg[$0] < ndcg[$1] || (ndcg[$0] == ndcg[$1] && $0 > $1) }!
        model.fit(validation: withValid.valid, threads: 1)
        #expect(model.lowPassWeight == GFCF.weightGrid[best])

        let noTest = InteractionMatrix(userCount: data.userCount, itemCount: data.itemCount,
                                       train: Self.pairs(data.train), test: [])
        let a = try Self.model(data, ["rank": "6"]), b = try Self.model(noTest, ["rank": "6"])
        #expect(GFCF.weightGrid.contains(a.lowPassWeight) && a.lowPassWeight == b.lowPassWeight)
        #expect(a.configuration.first { $0.key == "alpha" }?.value == String(a.lowPassWeight))
    }

    @Test func settingsAreChecked() {
        let data = Self.tiny()
        #expect(throws: ModelError.invalidSetting("setting 'alpha' takes a number from 0.0 to 1000.0, not '-1'")) {
            try ModelCatalog.make("gfcf", data: data, settings: .init(options: ["alpha": "-1"]), seed: 1)
        }
        #expect(throws: ModelError.self) {
            try ModelCatalog.make("gfcf", data: data, settings: .init(options: ["ranks": "3"]), seed: 1)
        }
    }
}

@Suite struct GFCFAttributionTests {
    /// The terms of a user's items add up to the score, each is the filter row's entry, and the
    /// rows of the user's items add up to the user's whole score row.
    @Test func termsAndRowsAddUpToTheScores() throws {
        let data = communities()
        let model = try GFCFTests.model(data, ["rank": "6", "alpha": "0.4"])
        for user: Int32 in [0, 7, 18] {
            let all = model.scoresOfAllItems(users: [user])
            let history = Array(data.train.neighbours(Int(user)))
            let rows = history.map { model.filterRow(item: $0) }
            for item in 0..<Int32(data.itemCount) {
                let (interactions, terms) = model.terms(user: user, item: item)
                #expect(interactions == history)
                #expect(abs(terms.reduce(0, +) - all[0, Int(item)]) < 1e-5)
                for (k, row) in rows.enumerated() { #expect(abs(row[Int(item)] - terms[k]) < 1e-6) }
            }
        }
    }
}
