import Testing
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct ImplicitALSTests {
    static func model(_ data: InteractionMatrix, _ options: [String: String] = [:], dimension: Int = 4,
                      seed: UInt64 = 1) throws -> ImplicitALS {
        try #require(try ModelCatalog.make("als", data: data, settings: .init(dimension: dimension, options: options),
                                           seed: seed) as? ImplicitALS)
    }

    /// With as many CG steps as dimensions, a user's solve is the exact least-squares solution:
    /// (YᵀY + α Σ y_i y_iᵀ + λI) x = (1 + α) Σ y_i, checked against Gaussian elimination.
    @Test func aRowSolveIsTheLeastSquaresSolution() {
        var rng = SeededRNG(seed: 4)
        let d = 5, itemCount = 9, alpha: Float = 3, lambda: Float = 0.5
        let y = Tensor.normal(rows: itemCount, columns: d, standardDeviation: 1, using: &rng)
        let history: [Int32] = [1, 4, 7]
        var gram = y.matmul(y, transposeSelf: true)
        gram.withUnsafeMutableBufferPointer { g in for k in 0..<d { g[k * d + k] += lambda } }
        var x = [Float](repeating: 0.1, count: d)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 3 * d)
        defer { scratch.deallocate() }
        y.withUnsafeBufferPointer { ys in
            gram.withUnsafeBufferPointer { g in
                history.withUnsafeBufferPointer { items in
                    ConjugateGradient.solveRow(&x, y: ys.baseAddress!, gram: g.baseAddress!, d: d, items: items.baseAddress!,
                                               count: history.count, alpha: alpha, steps: d, scratch: scratch)
                }
            }
        }
        // The same system in double precision, solved directly.
        var a = (0..<(d * d)).map { Double(gram.storage[$0]) }
        var b = [Double](repeating: 0, count: d)
        for i in history {
            for r in 0..<d {
                b[r] += Double(1 + alpha) * Double(y[Int(i), r])
                for c in 0..<d { a[r * d + c] += Double(alpha) * Double(y[Int(i), r]) * Double(y[Int(i), c]) }
            }
        }
        for col in 0..<d {
            for row in (col + 1)..<d {
                let f = a[row * d + col] / a[col * d + col]
                for c in col..<d { a[row * d + c] -= f * a[col * d + c] }
                b[row] -= f * b[col]
            }
        }
        var exact = [Double](repeating: 0, count: d)
        for row in stride(from: d - 1, through: 0, by: -1) {
            let tail = ((row + 1)..<d).reduce(0.0) { $0 + a[row * d + $1] * exact[$1] }
            exact[row] = (b[row] - tail) / a[row * d + row]
        }
        for k in 0..<d { #expect(abs(Double(x[k]) - exact[k]) < 1e-4 * max(1, abs(exact[k]))) }
    }

    /// The objective's shortcut (trace(XᵀX·YᵀY) plus corrections on the interactions) equals the
    /// sum over every user–item pair, and exact sweeps never increase it.
    @Test func theObjectiveIsTheFullSumAndExactSweepsLowerIt() throws {
        let data = communities()
        let model = try Self.model(data, ["alpha": "4", "lambda": "0.3", "cg_steps": "4"])
        func bruteForce() -> Double {
            let x = model.userFactors.value, y = model.itemFactors.value
            var total = 0.0
            for u in 0..<data.userCount {
                for i in 0..<data.itemCount {
                    let s = (0..<x.columns).reduce(0.0) { $0 + Double(x[u, $1]) * Double(y[i, $1]) }
                    let observed = data.train.contains(row: u, column: Int32(i))
                    total += (observed ? 5 : 1) * ((observed ? 1 : 0) - s) * ((observed ? 1 : 0) - s)
                }
            }
            return total + 0.3 * (x.storage + y.storage).reduce(0.0) { $0 + Double($1) * Double($1) }
        }
        #expect(abs(model.objective() - bruteForce()) < 1e-3 * bruteForce())
        var previous = model.objective()
        for _ in 0..<5 {
            _ = model.sweep(threads: 1)
            let now = model.objective()
            #expect(now <= previous * (1 + 1e-5))
            #expect(abs(now - bruteForce()) < 1e-3 * max(1, now))
            previous = now
        }
    }

    /// Trained through the one trainer, ALS learns the two communities; the same seed gives the
    /// same factors.
    @Test func learnsTheCommunitiesDeterministically() throws {
        let data = communities()
        func trained() throws -> ImplicitALS {
            let model = try Self.model(data, dimension: 8, seed: 3)
            _ = try Trainer(config: smallConfig(epochs: 10, threads: 2)).train(model, data: data)
            return model
        }
        let model = try trained()
        let recall = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(recall > 0.6, "recall@5 \(recall); a random ranking gets about 0.36")
        #expect(try trained().userFactors.value == model.userFactors.value)
    }
}

@Suite struct ImplicitALSSettingTests {
    @Test func settingsAreChecked() {
        let data = communities()
        #expect(throws: ModelError.invalidSetting("setting 'cg_steps' takes a whole number from 1 to 100, not '0'")) {
            try ModelCatalog.make("als", data: data, settings: .init(options: ["cg_steps": "0"]), seed: 1)
        }
        #expect(throws: ModelError.invalidSetting("setting 'lambda' takes a number from 0.0 to 1000000.0, not 'much'")) {
            try ModelCatalog.make("als", data: data, settings: .init(options: ["lambda": "much"]), seed: 1)
        }
    }
}

@Suite struct ImplicitALSAttributionTests {
    /// The parts are the drops: x_u = rest + Σ parts, and ⟨parts_j, y_i⟩ is the score of i minus
    /// its score with the user's factors solved without j; that solve agrees with a full CG.
    @Test func partsAreTheDropsOfAnExactResolve() throws {
        let data = communities()
        let model = try ImplicitALSTests.model(data, ["alpha": "5", "lambda": "0.2"], dimension: 6, seed: 2)
        _ = try Trainer(config: smallConfig(epochs: 4)).train(model, data: data)
        let attributor = model.attributor(train: data.train, threads: 1)
        let user: Int32 = 5
        let parts = attributor.decompose(user: user)
        let x = attributor.userVector(user: user)
        for c in 0..<6 {
            let sum = (0..<parts.items.count).reduce(parts.rest[c]) { $0 + parts.parts[$1, c] }
            #expect(abs(sum - x[c]) < 1e-5)
        }
        let y = model.itemFactors.value
        func score(_ v: [Float], _ item: Int) -> Float { (0..<6).reduce(0) { $0 + v[$1] * y[item, $1] } }
        for (k, removed) in parts.items.enumerated() {
            let without = try #require(attributor.userVector(user: user, without: [removed]))
            for item in [0, 7, 13] {
                let drop = (0..<6).reduce(Float(0)) { $0 + parts.parts[k, $1] * y[item, $1] }
                #expect(abs(drop - (score(x, item) - score(without, item))) < 1e-5)
            }
        }
        // The exact solve without the first item is what CG reaches from zero in d steps.
        let history = data.train.neighbours(Int(user)).filter { $0 != parts.items[0] }
        var gram = y.matmul(y, transposeSelf: true)
        gram.withUnsafeMutableBufferPointer { g in for k in 0..<6 { g[k * 6 + k] += 0.2 } }
        var cg = [Float](repeating: 0, count: 6)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 18)
        defer { scratch.deallocate() }
        y.withUnsafeBufferPointer { ys in
            gram.withUnsafeBufferPointer { g in
                history.withUnsafeBufferPointer { items in
                    ConjugateGradient.solveRow(&cg, y: ys.baseAddress!, gram: g.baseAddress!, d: 6, items: items.baseAddress!,
                                               count: history.count, alpha: 5, steps: 12, scratch: scratch)
                }
            }
        }
        let full = try #require(attributor.userVector(user: user, without: []))
        let moved = try #require(attributor.userVector(user: user, without: [parts.items[0]]))
        // trained − (exact(full) − exact(without)) = moved, so exact(without) = moved − trained + exact(full);
        // exact(full) is CG from zero on the whole history.
        var cgFull = [Float](repeating: 0, count: 6)
        let whole = Array(data.train.neighbours(Int(user)))
        y.withUnsafeBufferPointer { ys in
            gram.withUnsafeBufferPointer { g in
                whole.withUnsafeBufferPointer { items in
                    ConjugateGradient.solveRow(&cgFull, y: ys.baseAddress!, gram: g.baseAddress!, d: 6, items: items.baseAddress!,
                                               count: whole.count, alpha: 5, steps: 12, scratch: scratch)
                }
            }
        }
        #expect(full == x)
        for c in 0..<6 { #expect(abs((moved[c] - x[c] + cgFull[c]) - cg[c]) < 1e-4) }
    }
}

@Suite struct ImplicitALSConfidenceTests {
    /// Without a given α and λ and with a valid split, `prepare` takes the grid pair with the
    /// best valid NDCG@20 after 5 sweeps and leaves the factors as they were; without one, the
    /// defaults 40 and 0.1.
    @Test func alphaIsChosenOnTheValidSplit() throws {
        let data = communities()
        var rng = SeededRNG(seed: 8)
        var train: [(Int32, Int32)] = [], valid: [(Int32, Int32)] = []
        for user in 0..<data.userCount {
            for item in data.train.neighbours(user) {
                if rng.nextFloat() < 0.2 { valid.append((Int32(user), item)) } else { train.append((Int32(user), item)) }
            }
        }
        let split = InteractionMatrix(userCount: data.userCount, itemCount: data.itemCount, train: train, valid: valid, test: [])
        let model = try ImplicitALSTests.model(split, dimension: 6, seed: 4)
        let start = model.userFactors.value
        model.prepare(validation: split.valid, threads: 1)
        #expect(model.userFactors.value == start)
        let ndcg = ImplicitALS.settingGrid.map { pair -> Double in
            let probe = try! ImplicitALSTests.model(split, ["alpha": String(pair.alpha), "lambda": String(pair.lambda)],
                                                    dimension: 6, seed: 4)
            for _ in 0..<5 { _ = probe.sweep(threads: 1) }
            return Evaluator(ks: [20]).evaluate(probe.scorer(threads: 1), relevant: split.valid,
                                                excluding: [split.train]).value("ndcg@20")!
        }
        let best = ImplicitALS.settingGrid[ndcg.indices.first { ndcg[$0] == ndcg.max()! }!]
        #expect(model.confidence == best.alpha && model.regularization == best.lambda)
        let untouched = try ImplicitALSTests.model(data, dimension: 6, seed: 4)
        untouched.prepare(validation: nil, threads: 1)
        #expect(untouched.confidence == 40 && untouched.regularization == 0.1)
    }
}
