import KGAutodiff
import KGGraph
import KGTensor

/// PinSage (Ying et al., "Graph Convolutional Neural Networks for Web-Scale Recommender Systems",
/// KDD 2018) for user–item knowledge graphs.
///
/// - **Inputs from the graph**: x_i = s_i · e_i + mean_{a ∈ attributes(i)} e_a, a learned id
///   embedding (s_i = 0 for an item without train interactions, so an unseen item's input comes
///   from its categories, tags and KG entities alone) plus the mean of its attribute embeddings.
/// - **Importance-based neighbourhoods**: the top-T items by visit count of random walks with
///   restart from each item over item → user → item and item → attribute → item edges, weighted
///   by their normalised counts (`RandomWalkSampler`).
/// - **Convolutions**: `layers` `PinSageConv`s, then a final dense layer y_i = z_i G + g
///   (`outputLayers` = 2: the paper's y_i = ReLU(z_i G + g) G2).
/// - **Users**: the importance-weighted mean of their train items' vectors, u = Σ_i β_ui y_i, with
///   β_ui ∝ 1 + the visits of random walks from the user; ŷ_ui = ⟨u, y_i⟩.
/// - **Training** (`PinSage+Training.swift`): the max-margin loss of each (user, positive) pair
///   against the batch's shared random negatives, plus hard negatives drawn from the user's
///   personalised-PageRank ranks, one more every `hardNegativeInterval` epochs (the curriculum).
public final class PinSage: Recommender {
    /// PinSage's settings. The paper's choices where they carry over (two layers, importance
    /// pooling, hard negatives from PageRank ranks); sizes chosen for graphs of thousands of items.
    public struct Config: Sendable, Equatable {
        /// Size of the input, hidden and output representations. Default 128: on the lastfm-kgcn
        /// split it beat 64 on the valid mean of five seeds and on both cold-start draws
        /// (BENCHMARKS.md).
        package var dimension = 128
        /// Convolution layers. Default 2 (the paper's).
        package var layers = 2
        /// Neighbourhood size T: the most visited items kept per item. Default 20.
        package var neighbours = 20
        /// Random walks from each item for its neighbourhood. Default 200.
        package var walks = 200
        /// Random walks from each user for its item weights and hard negatives. Default 200.
        var userWalks = 200
        /// Chance of restarting after each hop. Default 0.5.
        package var restartProbability = 0.5
        /// The most hops of one walk. Default 4.
        package var maxHops = 4
        /// Negatives shared by every pair of a batch: the batch's first sampled negatives, so at
        /// most the batch size. Default 1024.
        var sharedNegatives = 1024
        /// The most hard negatives per pair once the curriculum has added them all. Default 2.
        var hardNegatives = 2
        /// Epochs per added hard negative: epoch e uses min(hardNegatives, (e − 1) / interval).
        /// Default 5.
        var hardNegativeInterval = 5
        /// Ranks (0-based, among the items a user's walks visit that the user has not interacted
        /// with, by visits) that hard negatives are drawn from. Default 10..<100.
        var hardNegativeRanks = 10..<100
        /// Whether inputs and walks use item attributes (categories, tags, KG entities). Default true.
        public var attributes = true
        /// Dense layers after the convolutions: 1 is a single affine layer G z + g, 2 the paper's
        /// G2·ReLU(G1 z + g) (Algorithm 2). Default 1: on the lastfm-kgcn valid split the second
        /// layer lowered Recall@20 (mean of 3 seeds 0.2973 against 0.3022).
        var outputLayers = 1
        /// Share of the seen items whose id embedding each training step masks, as it is for an
        /// item never seen in training, so the convolutions learn to embed items from their
        /// attributes and neighbourhoods alone (input dropout for cold start, as in DropoutNet,
        /// Volkovs et al. NeurIPS 2017). Not rescaled: at inference seen items keep their id
        /// embedding whole. Default 0.3.
        var idDropout: Float = 0.3
        /// Initialisation of the id and attribute embeddings. Default N(0, 0.1²).
        package var initializer = Initializer.normal(standardDeviation: 0.1)
        /// Seeds every walk; nil draws it from the model's generator (a built model's `config`
        /// always holds the seed it used, so a checkpoint rebuilds the same neighbourhoods).
        /// Default nil.
        var walkSeed: UInt64?

        public init() {}

        /// The model-specific keys `ModelCatalog.Settings.options` may hold.
        static let optionKeys = ["neighbours", "walks", "user_walks", "restart", "max_hops", "shared_negatives",
                                 "hard_negatives", "hard_negative_interval", "hard_negative_ranks", "attributes",
                                 "id_dropout", "output_layers", "walk_seed"]

        /// The configuration from the catalog's settings: `dimension`, `layers` and the options above.
        init(settings: ModelCatalog.Settings) throws(ModelError) {
            let options = ModelOptions(settings.options)
            try options.check(known: Config.optionKeys, model: "pinsage")
            dimension = settings.dimension ?? dimension
            if let count = settings.layers {
                guard count >= 1 else { throw .invalidSetting("pinsage needs at least 1 layer, not \(count)") }
                layers = count
            }
            neighbours = try options.int("neighbours", in: 1...10_000) ?? neighbours
            walks = try options.int("walks", in: 0...1_000_000) ?? walks
            userWalks = try options.int("user_walks", in: 0...1_000_000) ?? userWalks
            restartProbability = Double(try options.float("restart", in: 0.01...1) ?? Float(restartProbability))
            maxHops = try options.int("max_hops", in: 1...1000) ?? maxHops
            sharedNegatives = try options.int("shared_negatives", in: 1...1_000_000) ?? sharedNegatives
            hardNegatives = try options.int("hard_negatives", in: 0...1000) ?? hardNegatives
            hardNegativeInterval = try options.int("hard_negative_interval", in: 1...1_000_000) ?? hardNegativeInterval
            if let ranks = try options.ints("hard_negative_ranks", in: 0...Int.max) {
                guard ranks.count == 2, ranks[0] < ranks[1] else {
                    throw .invalidSetting("setting 'hard_negative_ranks' takes two ranks FROM,TO with FROM < TO, "
                                          + "not '\(settings.options["hard_negative_ranks"] ?? "")'")
                }
                hardNegativeRanks = ranks[0]..<ranks[1]
            }
            if let text = try options.choice("attributes", ["true", "false"]) { attributes = text == "true" }
            idDropout = try options.float("id_dropout", in: 0...1) ?? idDropout
            outputLayers = try options.int("output_layers", in: 1...2) ?? outputLayers
            if let text = settings.options["walk_seed"] {
                guard let seed = UInt64(text) else {
                    throw .invalidSetting("setting 'walk_seed' takes a whole number from 0 to \(UInt64.max), not '\(text)'")
                }
                walkSeed = seed
            }
            if let initializer = settings.initializer { self.initializer = initializer }
        }

        /// The walks of the item neighbourhoods.
        var itemWalks: RandomWalkSampler.Walks {
            RandomWalkSampler.Walks(count: walks, restartProbability: restartProbability, maxHops: maxHops)
        }

        /// The walks from users.
        var userWalkSettings: RandomWalkSampler.Walks {
            RandomWalkSampler.Walks(count: userWalks, restartProbability: restartProbability, maxHops: maxHops)
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// The train interactions (users × items): masks shared negatives that are a user's positives.
    let interactions: CSR
    /// e_i, items × d (rows of unseen items stay zero: they are masked out of the input).
    let itemEmbedding: Parameter
    /// e_a, attributes × d.
    let attributeEmbedding: Parameter
    /// The convolution layers, in order.
    let convolutions: [PinSageConv]
    /// G, the first output layer (d × d).
    let denseWeight: Parameter
    /// g.
    let denseBias: Parameter
    /// G2, the second output layer (d × d); nil with one output layer.
    let outputWeight: Parameter?
    /// s_i: 1 for items with train interactions, 0 otherwise (items × 1).
    let seen: Tensor
    /// Row i averages item i's attribute embeddings (items × attributes); nil without attributes.
    let attributeMean: SparseOperand?
    /// Row i holds item i's importance-weighted neighbours (items × items).
    let neighbourhoods: SparseOperand
    /// Row u holds β_u over u's train items (users × items).
    let userWeights: SparseMatrix
    /// Row u lists u's hard-negative candidates (users × items).
    let hardNegativeCandidates: CSR
    /// Draws hard negatives; seeded from the model's seed.
    var rng: SeededRNG

    /// A model over the train interactions (users × items) and, when given, the items'
    /// attributes (`ItemAttributes` of the snapshot the interactions come from).
    public init(interactions: CSR, attributes: ItemAttributes?, config: Config = Config(), rng: inout SeededRNG) {
        precondition(attributes.map { $0.matrix.rowCount == interactions.columnCount } ?? true,
                     "attributes for \(attributes?.matrix.rowCount ?? 0) items, interactions for \(interactions.columnCount)")
        self.interactions = interactions
        userCount = interactions.rowCount
        itemCount = interactions.columnCount
        let used = config.attributes ? attributes : nil
        let d = config.dimension
        itemEmbedding = Parameter(name: "item_embedding", rows: itemCount, columns: d,
                                  initializer: config.initializer, rng: &rng)
        attributeEmbedding = Parameter(name: "attribute_embedding", rows: used?.count ?? 0, columns: d,
                                       initializer: config.initializer, rng: &rng)
        convolutions = (0..<config.layers).map {
            PinSageConv(index: $0, inputDimension: d, hiddenDimension: d, outputDimension: d, rng: &rng)
        }
        denseWeight = Parameter(name: "G", rows: d, columns: d, initializer: .xavierUniform, rng: &rng)
        denseBias = Parameter(name: "g", value: Tensor(rows: 1, columns: d))
        outputWeight = config.outputLayers == 2
            ? Parameter(name: "G2", rows: d, columns: d, initializer: .xavierUniform, rng: &rng) : nil
        let byItem = interactions.transposed()
        seen = Tensor(column: (0..<itemCount).map { byItem.degree($0) > 0 ? 1 : 0 })
        attributeMean = used.flatMap { $0.count > 0 ? SparseOperand(PinSage.rowMeans($0.matrix)) : nil }
        var resolved = config
        resolved.walkSeed = config.walkSeed ?? rng.next()
        self.config = resolved
        let graph = PinSageGraph(interactions: interactions, attributes: used?.matrix, config: resolved,
                                 seed: resolved.walkSeed ?? 0)
        neighbourhoods = SparseOperand(graph.neighbourhoods)
        userWeights = graph.userWeights
        hardNegativeCandidates = graph.hardNegatives
        self.rng = rng.split()
    }

    public var name: String { "pinsage" }
    public var parameters: [Parameter] {
        [itemEmbedding, attributeEmbedding] + convolutions.flatMap(\.parameters) + [denseWeight, denseBias]
            + (outputWeight.map { [$0] } ?? [])
    }
    public var configuration: [(key: String, value: String)] {
        [("dimension", String(config.dimension)), ("layers", String(config.layers)),
         ("neighbours", String(config.neighbours)), ("walks", String(config.walks)),
         ("user_walks", String(config.userWalks)), ("restart", String(config.restartProbability)),
         ("max_hops", String(config.maxHops)), ("shared_negatives", String(config.sharedNegatives)),
         ("hard_negatives", String(config.hardNegatives)), ("hard_negative_interval", String(config.hardNegativeInterval)),
         ("hard_negative_ranks", "\(config.hardNegativeRanks.lowerBound),\(config.hardNegativeRanks.upperBound)"),
         ("attributes", String(config.attributes)), ("id_dropout", String(config.idDropout)),
         ("output_layers", String(config.outputLayers)),
         ("walk_seed", String(config.walkSeed ?? 0)),
         ("initializer", String(describing: config.initializer))]
    }

    /// Each row of a 0/1 matrix divided by its count (empty rows stay empty).
    static func rowMeans(_ csr: CSR) -> SparseMatrix {
        var values = [Float](repeating: 0, count: csr.nonZeroCount)
        for r in 0..<csr.rowCount {
            for p in csr.range(r) { values[p] = 1 / Float(csr.degree(r)) }
        }
        return SparseMatrix(rows: csr.rowCount, columns: csr.columnCount, offsets: csr.offsets, indices: csr.targets,
                            values: values)
    }

    /// y_i for every item on a tape (items × d), with each seen item's id embedding masked with
    /// probability `idDropout` (drawn from `rng`) when `training`.
    func itemRepresentations(on tape: Tape, training: Bool) -> Variable {
        var mask = seen
        if training && config.idDropout > 0 {
            let threshold = UInt64(Double(config.idDropout) * 0x1p32)
            mask = Tensor(column: seen.storage.map { $0 > 0 && (rng.next() >> 32) >= threshold ? 1 : 0 })
        }
        var h = tape.parameter(itemEmbedding).multiplyingRows(by: tape.constant(mask))
        if let attributeMean { h = h + attributeMean * tape.parameter(attributeEmbedding) }
        for convolution in convolutions { h = convolution(h, neighbourhoods: neighbourhoods) }
        let z = h.matmul(tape.parameter(denseWeight)).addingRowVector(tape.parameter(denseBias))
        guard let outputWeight else { return z }
        return z.relu().matmul(tape.parameter(outputWeight))
    }

    /// y_i for every item (items × d).
    func itemRepresentations(threads: Int) -> Tensor {
        var h = itemEmbedding.value.multiplyingRows(by: seen)
        if let attributeMean { h.add(attributeMean.matrix.multiply(attributeEmbedding.value, threads: threads)) }
        for convolution in convolutions {
            h = convolution(h, neighbourhoods: neighbourhoods.matrix, threads: threads)
        }
        let z = h.matmul(denseWeight.value, threads: threads).addingRowVector(denseBias.value)
        guard let outputWeight else { return z }
        return z.applying(.relu).matmul(outputWeight.value, threads: threads)
    }

    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        dotProductScorer(threads: threads).scores(users: users, items: items)
    }

    public func scorer(threads: Int) -> any ItemScorer {
        dotProductScorer(threads: threads)
    }

    /// The final user and item representations, u = Σ β_ui y_i and y_i.
    func dotProductScorer(threads: Int) -> DotProductScorer {
        let items = itemRepresentations(threads: threads)
        return DotProductScorer(users: userWeights.multiply(items, threads: threads), items: items, threads: threads)
    }
}
