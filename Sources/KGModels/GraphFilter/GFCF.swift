import KGAutodiff
import KGGraph
import KGTensor

/// GF-CF (Shen et al., "How Powerful is Graph Convolution for Recommendation?", CIKM 2021): a
/// graph filter with no training loop. With R the binary train interactions (users × items) and
/// R̃ = D_U^-½ R D_I^-½ its degree-normalised form, a user's scores are
///
///     s_u = r_u R̃ᵀR̃  +  α · r_u D_I^-½ V Vᵀ D_I^½
///
/// the linear filter (item–item co-interaction weights normalised on both sides) plus the ideal
/// low-pass filter over the top `rank` right singular vectors V of R̃ (items × rank). Fitting is
/// one truncated SVD (`TruncatedSVD`, on kgrec's own SpMM and GEMM); scoring streams blocks of
/// users through sparse products and one GEMM, so no items × items matrix is ever held.
/// α = 0 is the linear filter alone (the paper's choice for amazon-book); by default α is chosen
/// on the valid split (or a holdout of train), never on test.
///
/// **Knowledge-graph-aware**: when the items have attributes (categories, tags, KG entities),
/// each attribute joins R as a pseudo-user who interacted, with weight β, with every item it
/// describes, so the item–item filter and the low-pass basis also count shared attributes, and
/// an item nobody has interacted with is still reached through its attributes. β = 0 is GF-CF
/// as published; by default β is chosen from `GFCF.attributeWeightGrid` on the valid split (or
/// the holdout) together with α, each β with its own SVD.
public final class GFCF: Recommender, ClosedFormModel, FilterAttribution {
    /// GF-CF's settings.
    public struct Config: Sendable, Equatable {
        /// α, the weight of the ideal low-pass part; nil (the default) chooses it from
        /// `GFCF.weightGrid` on the valid split, or on a holdout of train when there is none.
        package var lowPassWeight: Float?
        /// How many singular vectors the low-pass part keeps. Default 256, the paper's.
        package var rank = 256
        /// Extra columns in the randomised SVD's block. Default 64.
        package var oversampling = 64
        /// Products with R̃ᵀR̃ in the randomised SVD. Default 8.
        package var powerIterations = 8
        /// β, the weight of an item's attributes as pseudo-users; nil (the default) chooses it
        /// on the valid split or a holdout; 0 when the items have no attributes.
        package var attributeWeight: Float?

        /// The `--set` keys.
        package static let optionKeys = ["alpha", "rank", "oversampling", "power_iterations", "beta"]

        public init() {}

        /// The settings `--set` gives (the paper's defaults for the rest).
        init(settings: ModelCatalog.Settings) throws(ModelError) {
            let options = ModelOptions(settings.options)
            try options.check(known: Self.optionKeys, model: "gfcf")
            lowPassWeight = try options.float("alpha", in: 0...1_000)
            if let value = try options.int("rank", in: 1...4_096) { rank = value }
            if let value = try options.int("oversampling", in: 0...1_024) { oversampling = value }
            if let value = try options.int("power_iterations", in: 0...100) { powerIterations = value }
            attributeWeight = try options.float("beta", in: 0...1_000)
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// R, binary, users × items.
    let interactions: SparseMatrix
    /// R̃ = D_U^-½ R D_I^-½ and its transpose; with attributes, R has a row per attribute too
    /// (after the users), weighted β, and the degrees are weighted.
    private(set) var normalized: SparseMatrix
    private(set) var normalizedTransposed: SparseMatrix
    /// d_i^-½ per item (0 for an item with neither interactions nor weighted attributes).
    private(set) var itemScale: [Float]
    /// The items' attributes, when the graph has any.
    let attributes: ItemAttributes?
    /// V, items × rank: the low-pass basis, zeros until `fit`; stored in checkpoints.
    package let basis: Parameter
    /// The seed of the SVD's random block and of the holdout, drawn from the model's generator.
    private let svdSeed: UInt64
    /// The train interactions, for the holdout that chooses α.
    private let train: CSR
    /// α as fitted: the given one, else the chosen one (0 until `fit` has chosen).
    package private(set) var lowPassWeight: Float
    /// β as fitted: the given one, else the chosen one (0 until `fit` has chosen, and without attributes).
    package private(set) var attributeWeight: Float

    /// A filter over the train interactions (users × items) and the items' attributes, not yet fitted.
    public init(interactions train: CSR, attributes: ItemAttributes? = nil, config: Config = Config(),
                rng: inout SeededRNG) {
        self.config = config
        self.train = train
        self.attributes = attributes.flatMap { $0.count > 0 ? $0 : nil }
        lowPassWeight = config.lowPassWeight ?? 0
        attributeWeight = self.attributes == nil ? 0 : config.attributeWeight ?? 0
        userCount = train.rowCount
        itemCount = train.columnCount
        interactions = SparseMatrix(rows: train.rowCount, columns: train.columnCount, offsets: train.offsets,
                                    indices: train.targets, values: [Float](repeating: 1, count: train.nonZeroCount))
        (normalized, normalizedTransposed, itemScale) = Self.normalise(train, self.attributes, weight: attributeWeight)
        let rank = min(config.rank, train.rowCount, train.columnCount)
        basis = Parameter(name: "lowpass_basis", value: Tensor(rows: train.columnCount, columns: rank))
        svdSeed = rng.next()
    }

    public var name: String { "gfcf" }
    public var parameters: [Parameter] { [basis] }
    public var configuration: [(key: String, value: String)] {
        [("alpha", String(lowPassWeight)), ("rank", String(config.rank)),
         ("oversampling", String(config.oversampling)), ("power_iterations", String(config.powerIterations)),
         ("beta", String(attributeWeight))]
    }

    /// R̃ and R̃ᵀ over the users' rows of `train` and, when `weight` > 0, one row per attribute
    /// holding `weight` for each item it describes; D_I^-½ from the weighted item degrees.
    static func normalise(_ train: CSR, _ attributes: ItemAttributes?, weight: Float)
        -> (SparseMatrix, SparseMatrix, [Float]) {
        let byAttribute = weight > 0 ? attributes?.matrix.transposed() : nil
        var itemDegree = [Float](repeating: 0, count: train.columnCount)
        for item in train.targets { itemDegree[Int(item)] += 1 }
        if let byAttribute { for item in byAttribute.targets { itemDegree[Int(item)] += weight } }
        let itemScale = itemDegree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var offsets = train.offsets, indices = train.targets
        var values = [Float](repeating: 0, count: train.nonZeroCount)
        for u in 0..<train.rowCount {
            let du = Float(train.degree(u))
            for p in train.range(u) { values[p] = itemScale[Int(train.targets[p])] / du.squareRoot() }
        }
        var rows = train.rowCount
        if let byAttribute {
            // A row of weight β over n items: β / √(β n) · d_i^-½ per entry.
            for a in 0..<byAttribute.rowCount {
                let rowScale = (weight / Float(max(1, byAttribute.degree(a)))).squareRoot()
                for p in byAttribute.range(a) {
                    indices.append(byAttribute.targets[p])
                    values.append(rowScale * itemScale[Int(byAttribute.targets[p])])
                }
                offsets.append(Int32(indices.count))
            }
            rows += byAttribute.rowCount
        }
        let normalized = SparseMatrix(rows: rows, columns: train.columnCount, offsets: offsets, indices: indices, values: values)
        return (normalized, normalized.transposed(), itemScale)
    }

    /// Computes the low-pass basis (the top right singular vectors of R̃) and, when no α was
    /// given, chooses it (`chooseWeight`).
    public func fit(validation: CSR?, threads: Int) {
        var alphaChosen = false
        if config.attributeWeight == nil, attributes != nil {
            let chosen = chooseWeights(validation: validation, threads: threads)
            attributeWeight = chosen.beta
            lowPassWeight = chosen.alpha
            alphaChosen = true
            (normalized, normalizedTransposed, itemScale) = Self.normalise(train, attributes, weight: attributeWeight)
        }
        if lowPassWeight != 0 || (config.lowPassWeight == nil && !alphaChosen), basis.value.columns > 0 {
            var rng = SeededRNG(seed: svdSeed)
            let (_, vectors) = TruncatedSVD.rightSingularVectors(
                of: normalized, transposed: normalizedTransposed, rank: basis.value.columns,
                oversampling: config.oversampling, iterations: config.powerIterations, rng: &rng, threads: threads)
            basis.value = vectors
        }
        if config.lowPassWeight == nil && !alphaChosen { lowPassWeight = chooseWeight(validation: validation, threads: threads) }
    }

    /// The filter has nothing to learn: batch scores are constants (`Trainer` fits it instead).
    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let positive = scores(users: batch.users, items: batch.positiveItems, threads: 1)
        let negative = scores(users: batch.users, items: batch.negativeItems, threads: 1)
        return BatchScores(positive: tape.constant(Tensor(column: positive)),
                           negative: tape.constant(Tensor(column: negative)), regularized: [])
    }

    /// Pair scores: the distinct users scored in blocks of 256, each pair read from its
    /// user's row (pairs grouped by block first, so the cost is linear in the pairs).
    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        let scorer = GFCFScorer(self, threads: threads)
        let distinct = Array(Set(users)).sorted()
        var row = [Int32: Int](minimumCapacity: distinct.count)
        for (index, user) in distinct.enumerated() { row[user] = index }
        let block = 256
        var pairsOfBlock = [[Int]](repeating: [], count: (distinct.count + block - 1) / block)
        for (p, user) in users.enumerated() { pairsOfBlock[row[user]! / block].append(p) }
        var result = [Float](repeating: 0, count: users.count)
        for (b, pairs) in pairsOfBlock.enumerated() {
            let start = b * block
            let blockScores = scorer.scoresOfAllItems(users: Array(distinct[start..<min(distinct.count, start + block)]))
            for p in pairs { result[p] = blockScores[row[users[p]]! - start, Int(items[p])] }
        }
        return result
    }

    public func scorer(threads: Int) -> any ItemScorer { GFCFScorer(self, threads: threads) }
}

/// A model fitted in closed form from the train interactions (graph filters): `Trainer` calls
/// `fit` once instead of running epochs, then validates as it would after an epoch.
public protocol ClosedFormModel: Recommender {
    /// Computes the model's parameters from the interactions it was built over; settings left
    /// open are chosen on `validation` (users × items) when given, never on test.
    func fit(validation: CSR?, threads: Int)
}

extension GFCF {
    /// The values of α `fit` chooses from.
    package static let weightGrid: [Float] = [0, 0.1, 0.2, 0.3, 0.5, 1]

    /// The values of β `fit` chooses from, when the items have attributes.
    package static let attributeWeightGrid: [Float] = [0, 0.1, 0.3, 1]

    /// The interactions a setting is chosen on, and the ones it is judged by: the train split
    /// and `validation` when given; else a holdout of train: every user with two or more items
    /// holds out a fifth of them (at least one), and a seeded sample of up to 4,000 users' held-out
    /// items is what is ranked.
    func choiceSplit(validation: CSR?) -> (fitOn: CSR, relevant: CSR) {
        if let validation, validation.nonZeroCount > 0 { return (train, validation) }
        var rng = SeededRNG(seed: svdSeed ^ 0x9E37_79B9_7F4A_7C15)
        var candidates = (0..<train.rowCount).filter { train.degree($0) >= 2 }
        rng.shuffle(&candidates)
        let ranked = Set(candidates.prefix(4_000))
        var kept: (users: [Int32], items: [Int32]) = ([], []), held: (users: [Int32], items: [Int32]) = ([], [])
        for user in 0..<train.rowCount {
            var items = Array(train.neighbours(user))
            rng.shuffle(&items)
            let holdout = items.count >= 2 ? max(1, items.count / 5) : 0
            for (position, item) in items.enumerated() {
                if position < holdout {
                    // Every user loses a fifth, as the test split takes a fifth of everyone's
                    // history; the sampled users' fifth is what is ranked.
                    if ranked.contains(user) { held.users.append(Int32(user)); held.items.append(item) }
                } else {
                    kept.users.append(Int32(user)); kept.items.append(item)
                }
            }
        }
        return (CSR(rows: train.rowCount, columns: train.columnCount, sources: kept.users, targets: kept.items),
                CSR(rows: train.rowCount, columns: train.columnCount, sources: held.users, targets: held.items))
    }

    /// The weight of `grid` whose scorer ranks `split.relevant` best by NDCG@20 (ties to the
    /// smaller), with that NDCG.
    private func best(_ grid: [Float], split: (fitOn: CSR, relevant: CSR), threads: Int,
                      scorer: (Float) -> GFCFScorer) -> (weight: Float, ndcg: Double) {
        let evaluator = Evaluator(ks: [20], threads: threads)
        var chosen: (weight: Float, ndcg: Double)?
        for weight in grid {
            let ndcg = evaluator.evaluate(scorer(weight), relevant: split.relevant, excluding: [split.fitOn])
                .value("ndcg@20") ?? 0
            if chosen == nil || ndcg > chosen!.ndcg { chosen = (weight, ndcg) }
        }
        return chosen ?? (0, 0)
    }

    /// The α of `weightGrid` with the best NDCG@20 (ties to the smaller α) on `choiceSplit`,
    /// with this model's basis on the valid split, or with a filter fitted on the holdout's rest.
    func chooseWeight(validation: CSR?, threads: Int) -> Float {
        let split = choiceSplit(validation: validation)
        if let validation, validation.nonZeroCount > 0 {
            return best(Self.weightGrid, split: split, threads: threads) { GFCFScorer(self, weight: $0, threads: threads) }.weight
        }
        var settings = config
        settings.lowPassWeight = 1
        settings.attributeWeight = attributeWeight
        var seedRNG = SeededRNG(seed: svdSeed)
        let model = GFCF(interactions: split.fitOn, attributes: attributes, config: settings, rng: &seedRNG)
        model.fit(validation: nil, threads: threads)
        return best(Self.weightGrid, split: split, threads: threads) { GFCFScorer(model, weight: $0, threads: threads) }.weight
    }

    /// β and α together: for each β of `attributeWeightGrid`, a filter fitted on `choiceSplit`'s
    /// interactions (its own SVD) and the α of `weightGrid` (or the given α) that ranks the held
    /// items best; the pair with the best NDCG@20 (ties to the smaller β, then α). β changes the
    /// basis, so α cannot be chosen apart from it.
    func chooseWeights(validation: CSR?, threads: Int) -> (beta: Float, alpha: Float) {
        let split = choiceSplit(validation: validation)
        let alphas = config.lowPassWeight.map { [$0] } ?? Self.weightGrid
        var chosen: (beta: Float, alpha: Float, ndcg: Double)?
        for beta in Self.attributeWeightGrid {
            var settings = config
            settings.lowPassWeight = alphas == [0] ? 0 : 1
            settings.attributeWeight = beta
            var seedRNG = SeededRNG(seed: svdSeed)
            let model = GFCF(interactions: split.fitOn, attributes: attributes, config: settings, rng: &seedRNG)
            model.fit(validation: nil, threads: threads)
            let (alpha, ndcg) = best(alphas, split: split, threads: threads) { GFCFScorer(model, weight: $0, threads: threads) }
            if chosen == nil || ndcg > chosen!.ndcg { chosen = (beta, alpha, ndcg) }
        }
        return (chosen?.beta ?? 0, chosen?.alpha ?? 0)
    }
}

extension GFCF {
    /// Exact: the score is a sum over the user's items.
    public var attributionKind: AttributionKind { .exact }

    public var attributionMethod: String {
        "GF-CF's score is a sum over the user's items j of the filter weight w_ji (shared users of j and i, "
            + "degree-normalised, plus α times the low-pass similarity); each interaction's part is its weight, "
            + "and removing it removes exactly that"
    }

    /// w_ji = Σ_v R̃_vj R̃_vi + α d_j^-½ d_i^½ ⟨V_j, V_i⟩ for each of the user's items j.
    public func terms(user: Int32, item: Int32) -> (interactions: [Int32], terms: [Float]) {
        let history = Array(train.neighbours(Int(user)))
        // R̃'s column of `item`, keyed by user, then one sparse dot product per interaction.
        var column: [Int32: Float] = [:]
        let byItem = normalizedTransposed
        for q in Int(byItem.offsets[Int(item)])..<Int(byItem.offsets[Int(item) + 1]) {
            column[byItem.indices[q]] = byItem.values[q]
        }
        let terms = history.map { j in
            var weight: Float = 0
            for q in Int(byItem.offsets[Int(j)])..<Int(byItem.offsets[Int(j) + 1]) {
                if let other = column[byItem.indices[q]] { weight += byItem.values[q] * other }
            }
            return weight + lowPassWeight(from: j, to: item)
        }
        return (history, terms)
    }

    public func filterRow(item j: Int32) -> [Float] {
        var row = [Float](repeating: 0, count: itemCount)
        let byItem = normalizedTransposed
        for q in Int(byItem.offsets[Int(j)])..<Int(byItem.offsets[Int(j) + 1]) {
            let user = Int(byItem.indices[q]), weight = byItem.values[q]
            for p in Int(normalized.offsets[user])..<Int(normalized.offsets[user + 1]) {
                row[Int(normalized.indices[p])] += weight * normalized.values[p]
            }
        }
        if lowPassWeight != 0 && basis.value.columns > 0 {
            for i in 0..<itemCount { row[i] += lowPassWeight(from: j, to: Int32(i)) }
        }
        return row
    }

    /// α d_j^-½ d_i^½ ⟨V_j, V_i⟩ (0 for an item without interactions).
    private func lowPassWeight(from j: Int32, to i: Int32) -> Float {
        let rank = basis.value.columns
        guard lowPassWeight != 0, rank > 0, itemScale[Int(i)] > 0 else { return 0 }
        let dot = basis.value.withUnsafeBufferPointer { v in
            Tensor.dot(v.baseAddress! + Int(j) * rank, v.baseAddress! + Int(i) * rank, rank)
        }
        return lowPassWeight * itemScale[Int(j)] / itemScale[Int(i)] * dot
    }
}
