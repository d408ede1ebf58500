import Dispatch
import KGAutodiff
import KGGraph
import KGTensor

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky,
/// ICDM 2008), each least-squares solve done by a few conjugate-gradient steps warm-started
/// from the previous factors (Takács, Pilászy & Tikk, RecSys 2011).
///
/// Every (user, item) pair has preference p_ui = 1 when the user interacted with the item, else
/// 0, and confidence c_ui = 1 + α for an interaction, else 1. The objective is
///
///     Σ_ui c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²).
///
/// With Y fixed, x_u solves (YᵀY + Σ_{i∈R_u} α y_i y_iᵀ + λI) x = (1 + α) Σ_{i∈R_u} y_i: YᵀY is
/// computed once a half-sweep, so a user costs O(|R_u| d) per CG step, never O(items · d).
/// A sweep solves all users, then all items, on both cores. ŷ_ui = ⟨x_u, y_i⟩.
public final class ImplicitALS: Recommender, IterativeFitModel {
    /// ALS's settings.
    public struct Config: Sendable, Equatable {
        /// Factor size d. Default 128 (the entry's default dimension).
        package var dimension = 128
        /// α, the extra confidence of an observed interaction; nil (the default) chooses it with
        /// λ from `ImplicitALS.settingGrid` on the valid split when there is one, else 40 (Hu et
        /// al.'s value, also the best of 5, 10, 20, 40, 80, 160 on a holdout of Gowalla's train
        /// split).
        package var confidence: Float?
        /// λ, the L2 weight; nil (the default) chooses it with α on the valid split when there
        /// is one, else 0.1 (0.1, 1 and 10 within 0.0013 NDCG@20 on that holdout).
        package var regularization: Float?
        /// Conjugate-gradient steps per solve. Default 3 (Takács et al.; `implicit`'s default).
        package var conjugateGradientSteps = 3

        /// The `--set` keys.
        package static let optionKeys = ["alpha", "lambda", "cg_steps"]

        public init() {}

        init(settings: ModelCatalog.Settings) throws(ModelError) {
            let options = ModelOptions(settings.options)
            try options.check(known: Self.optionKeys, model: "als")
            dimension = settings.dimensionOrDefault
            confidence = try options.float("alpha", in: 0...1_000_000)
            regularization = try options.float("lambda", in: 0...1_000_000)
            if let value = try options.int("cg_steps", in: 1...100) { conjugateGradientSteps = value }
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// X, users × d, and Y, items × d.
    package let userFactors: Parameter
    package let itemFactors: Parameter
    /// The train interactions by user and by item.
    private let byUser: CSR
    private let byItem: CSR
    /// α and λ as used: the given ones, else the chosen ones (40 and 0.1 until `prepare` has
    /// chosen).
    package private(set) var confidence: Float
    package private(set) var regularization: Float

    /// Factors drawn from N(0, 0.01²), as `implicit` starts them.
    public init(interactions train: CSR, config: Config = Config(), rng: inout SeededRNG) {
        self.config = config
        confidence = config.confidence ?? 40
        regularization = config.regularization ?? 0.1
        userCount = train.rowCount
        itemCount = train.columnCount
        byUser = train
        byItem = train.transposed()
        userFactors = Parameter(name: "user_factors", rows: train.rowCount, columns: config.dimension,
                                initializer: .normal(standardDeviation: 0.01), rng: &rng)
        itemFactors = Parameter(name: "item_factors", rows: train.columnCount, columns: config.dimension,
                                initializer: .normal(standardDeviation: 0.01), rng: &rng)
    }

    public var name: String { "als" }
    public var parameters: [Parameter] { [userFactors, itemFactors] }
    public var configuration: [(key: String, value: String)] {
        [("dimension", String(config.dimension)), ("alpha", String(confidence)),
         ("lambda", String(regularization)), ("cg_steps", String(config.conjugateGradientSteps))]
    }

    /// One sweep: every user's factors with the items' fixed, then every item's; returns the
    /// objective per interaction afterwards.
    public func sweep(threads: Int) -> Double {
        solve(&userFactors.value, fixed: itemFactors.value, rows: byUser, threads: threads)
        solve(&itemFactors.value, fixed: userFactors.value, rows: byItem, threads: threads)
        return objective() / Double(max(1, byUser.nonZeroCount))
    }

    /// ALS is not trained by gradient: batch scores are constants (`Trainer` sweeps instead).
    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        BatchScores(positive: tape.constant(Tensor(column: scores(users: batch.users, items: batch.positiveItems, threads: 1))),
                    negative: tape.constant(Tensor(column: scores(users: batch.users, items: batch.negativeItems, threads: 1))),
                    regularized: [])
    }

    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        userFactors.value.gatherRows(users).rowDot(itemFactors.value.gatherRows(items)).storage
    }

    public func scorer(threads: Int) -> any ItemScorer {
        DotProductScorer(users: userFactors.value, items: itemFactors.value, threads: threads)
    }

    /// Solves every row of `target` against `fixed`, rows split evenly across threads.
    private func solve(_ target: inout Tensor, fixed: Tensor, rows: CSR, threads: Int) {
        let d = config.dimension, alpha = confidence, steps = config.conjugateGradientSteps
        var gram = fixed.matmul(fixed, transposeSelf: true, threads: threads)
        gram.withUnsafeMutableBufferPointer { g in
            for k in 0..<d { g[k * d + k] += regularization }
        }
        let parts = threads > 1 && rows.rowCount >= 1_024 ? threads : 1
        let n = rows.rowCount
        target.withUnsafeMutableBufferPointer { x in
            fixed.withUnsafeBufferPointer { y in
                gram.withUnsafeBufferPointer { g in
                    rows.offsets.withUnsafeBufferPointer { offsets in
                        rows.targets.withUnsafeBufferPointer { targets in
                            let shared = UnsafeSendable((x.baseAddress!, y.baseAddress!, g.baseAddress!,
                                                         offsets.baseAddress!, targets.baseAddress!))
                            DispatchQueue.concurrentPerform(iterations: parts) { part in
                                let (x, y, g, offsets, targets) = shared.value
                                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 3 * d)
                                defer { scratch.deallocate() }
                                for row in (n * part / parts)..<(n * (part + 1) / parts) {
                                    ConjugateGradient.solveRow(x + row * d, y: y, gram: g, d: d,
                                                               items: targets + Int(offsets[row]),
                                                               count: Int(offsets[row + 1] - offsets[row]),
                                                               alpha: alpha, steps: steps, scratch: scratch)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The objective: Σ_all ŷ² (= trace(XᵀX · YᵀY)) plus, over interactions, c(1 − ŷ)² − ŷ²,
    /// plus λ(‖X‖² + ‖Y‖²), in O(nnz · d + (users + items) · d²).
    func objective() -> Double {
        let x = userFactors.value, y = itemFactors.value
        let xx = x.matmul(x, transposeSelf: true).storage, yy = y.matmul(y, transposeSelf: true).storage
        var total = zip(xx, yy).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let alpha = Double(confidence)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                let d = x.columns
                for u in 0..<byUser.rowCount {
                    for p in byUser.range(u) {
                        let s = Double(Tensor.dot(xs.baseAddress! + u * d, ys.baseAddress! + Int(byUser.targets[p]) * d, d))
                        total += (1 + alpha) * (1 - s) * (1 - s) - s * s
                    }
                }
            }
        }
        let norms = [x, y].reduce(0.0) { total, table in
            table.withUnsafeBufferPointer { $0.reduce(total) { $0 + Double($1) * Double($1) } }
        }
        return total + Double(regularization) * norms
    }
}

/// Models fitted by repeated closed-form sweeps rather than gradient steps (ALS): `Trainer`
/// runs one `sweep` an epoch and validates and stops early as it does for any model.
public protocol IterativeFitModel: Recommender {
    /// Chooses what the model leaves open on `validation` (users × items) before the first
    /// sweep, leaving the parameters as they were; never on test.
    func prepare(validation: CSR?, threads: Int)
    /// One pass over all the parameters; returns the objective afterwards (lower is better).
    func sweep(threads: Int) -> Double
}

extension ImplicitALS {
    /// The (α, λ) pairs `prepare` chooses from; a given α or λ fixes its half.
    package static let settingGrid: [(alpha: Float, lambda: Float)] =
        [1, 5, 20, 40].flatMap { alpha in [0.1, 1, 10, 100].map { (alpha, Float($0)) } }

    /// With a valid split and α or λ left open: the grid pair whose model after 5 sweeps has the
    /// best valid NDCG@20 (ties to the first); the factors are then restored to their start.
    public func prepare(validation: CSR?, threads: Int) {
        guard config.confidence == nil || config.regularization == nil, let validation, validation.nonZeroCount > 0 else {
            return
        }
        let start = parameters.map(\.value)
        let evaluator = Evaluator(ks: [20], threads: threads)
        var best: (alpha: Float, lambda: Float, ndcg: Double)?
        for (alpha, lambda) in Self.settingGrid
        where (config.confidence ?? alpha) == alpha && (config.regularization ?? lambda) == lambda {
            (confidence, regularization) = (alpha, lambda)
            for _ in 0..<5 { _ = sweep(threads: threads) }
            let ndcg = evaluator.evaluate(scorer(threads: threads), relevant: validation, excluding: [byUser])
                .value("ndcg@20") ?? 0
            if best == nil || ndcg > best!.ndcg { best = (alpha, lambda, ndcg) }
            for (parameter, value) in zip(parameters, start) { parameter.value = value }
        }
        confidence = best?.alpha ?? config.confidence ?? 40
        regularization = best?.lambda ?? config.regularization ?? 0.1
    }
}

/// The conjugate-gradient row solve of implicit ALS.
enum ConjugateGradient {
    /// Improves x (d) towards the solution of (G + Σ_k α y_k y_kᵀ) x = (1 + α) Σ_k y_k over the
    /// `count` items at `items`, where G = YᵀY + λI (d × d, symmetric), by `steps` CG steps
    /// from x itself. `scratch` holds 3d floats.
    static func solveRow(_ x: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, gram g: UnsafePointer<Float>,
                         d: Int, items: UnsafePointer<Int32>, count: Int, alpha: Float, steps: Int,
                         scratch: UnsafeMutablePointer<Float>) {
        let r = scratch, p = scratch + d, ap = scratch + 2 * d
        // r = b − A x = Σ_k (1 + α − α ⟨y_k, x⟩) y_k − G x.
        multiply(g, x, into: r, d: d)
        for k in 0..<d { r[k] = -r[k] }
        for k in 0..<count {
            let row = y + Int(items[k]) * d
            let weight = 1 + alpha - alpha * Tensor.dot(row, x, d)
            for c in 0..<d { r[c] += weight * row[c] }
        }
        p.update(from: r, count: d)
        var rs = Tensor.dot(r, r, d)
        for _ in 0..<steps where rs > 1e-20 {
            // Ap = G p + Σ_k α ⟨y_k, p⟩ y_k.
            multiply(g, p, into: ap, d: d)
            for k in 0..<count {
                let row = y + Int(items[k]) * d
                let weight = alpha * Tensor.dot(row, p, d)
                for c in 0..<d { ap[c] += weight * row[c] }
            }
            let curvature = Tensor.dot(p, ap, d)
            guard curvature > 0 else { break }
            let step = rs / curvature
            for c in 0..<d {
                x[c] += step * p[c]
                r[c] -= step * ap[c]
            }
            let next = Tensor.dot(r, r, d)
            let beta = next / rs
            for c in 0..<d { p[c] = r[c] + beta * p[c] }
            rs = next
        }
    }

    /// out = G v for the d × d matrix G.
    @inline(__always)
    private static func multiply(_ g: UnsafePointer<Float>, _ v: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, d: Int) {
        for row in 0..<d { out[row] = Tensor.dot(g + row * d, v, d) }
    }
}
