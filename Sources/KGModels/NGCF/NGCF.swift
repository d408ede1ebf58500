import KGAutodiff
import KGGraph
import KGTensor

/// NGCF (Wang et al., "Neural Graph Collaborative Filtering", SIGIR 2019).
///
/// E^(0) holds one free embedding per user and item; L `NGCFConv` layers propagate it over the
/// user–item graph, E^(l) = LeakyReLU((L + I) E^(l−1) W1 + (L E^(l−1) ⊙ E^(l−1)) W2 + b), with
/// message dropout on each layer's output and optional node dropout on its input. The final
/// representation concatenates every layer, e* = E^(0) ‖ Ê^(1) ‖ … ‖ Ê^(L) (eq. 9), where Ê^(l) is
/// E^(l) scaled to unit rows as in the reference code, so it is d_0 + Σ d_l wide, and
/// ŷ_ui = ⟨e*_u, e*_i⟩ (eq. 10). Trained with BPR and L2 on the batch's layer-0 embeddings (the
/// reference code penalises the whole e*, whose normalised blocks have constant norm, so the
/// gradient is the same).
public final class NGCF: Recommender {
    /// The propagation matrix L.
    public enum Adjacency: String, Sendable, CaseIterable {
        /// L = D^−1/2 A D^−1/2 (the paper's Laplacian) with the self-connection added in the
        /// update: (L + I) E W1 + (L E ⊙ E) W2.
        case symmetric
        /// Â = D^−1 A + I (the official code's `mean_adj + I`): each node averages its neighbours
        /// with its own embedding already in the aggregate, Â E W1 + (Â E ⊙ E) W2, so the
        /// bi-interaction term also holds e_i ⊙ e_i, and popular neighbours are not damped.
        case meanPlusIdentity = "mean"
    }

    /// NGCF's settings; defaults are the paper's Gowalla settings (d = 64, three layers of 64,
    /// message dropout 0.1, node dropout off as in the reference code's default).
    public struct Config: Sendable, Equatable {
        /// Embedding size d_0 of E^(0). Default 64.
        package var dimension = 64
        /// Output size of each propagation layer; its count is the number of layers L.
        /// Default [64, 64, 64].
        var layerSizes = [64, 64, 64]
        /// Share of each layer's output entries zeroed in training (inverted dropout). Default 0.1.
        var messageDropout: Float = 0.1
        /// Share of nodes whose outgoing messages are blocked in each training step, the rest
        /// scaled by 1/(1 − p) (the paper's node dropout). Default 0 (off).
        var nodeDropout: Float = 0
        /// The propagation matrix. Default `.symmetric` (the paper's).
        package var adjacency = Adjacency.symmetric
        /// LeakyReLU's negative slope. Default 0.2.
        var negativeSlope: Float = 0.2
        /// E^(0)'s initialisation, users and items each as their own table. Default Xavier-uniform
        /// (the reference code's).
        package var initializer = Initializer.xavierUniform
        /// The propagation layers' weights and biases train at the learning rate times this
        /// factor (the embeddings at the full rate): with the large learning rates that make
        /// short runs converge, the shared weight matrices otherwise move fastest. Default 1.
        var weightLearningRateScale: Float = 1

        public init(dimension: Int = 64, layerSizes: [Int] = [64, 64, 64], messageDropout: Float = 0.1,
                    nodeDropout: Float = 0, adjacency: Adjacency = .symmetric, negativeSlope: Float = 0.2,
                    initializer: Initializer = .xavierUniform) {
            precondition(dimension > 0 && layerSizes.allSatisfy { $0 > 0 }, "NGCF sizes must be positive: \(dimension), \(layerSizes)")
            precondition((0..<1).contains(messageDropout) && (0..<1).contains(nodeDropout),
                         "dropout rates must be in [0, 1): message \(messageDropout), node \(nodeDropout)")
            self.dimension = dimension
            self.layerSizes = layerSizes
            self.messageDropout = messageDropout
            self.nodeDropout = nodeDropout
            self.adjacency = adjacency
            self.negativeSlope = negativeSlope
            self.initializer = initializer
        }

        /// The model-specific keys `ModelCatalog.Settings.options` may hold.
        static let optionKeys = ["layer_sizes", "message_dropout", "node_dropout", "adjacency", "negative_slope",
                                 "weight_lr_scale"]

        /// The configuration from the catalog's settings: `dimension`, `layers` (that many layers of
        /// `dimension`) and the options above.
        init(settings: ModelCatalog.Settings) throws(ModelError) {
            let options = ModelOptions(settings.options)
            try options.check(known: Config.optionKeys, model: "ngcf")
            self.init(dimension: settings.dimensionOrDefault,
                      layerSizes: try options.ints("layer_sizes", in: 1...4096)
                          ?? [Int](repeating: settings.dimensionOrDefault, count: settings.layers ?? 3))
            messageDropout = try options.float("message_dropout", in: 0...0.99) ?? messageDropout
            nodeDropout = try options.float("node_dropout", in: 0...0.99) ?? nodeDropout
            adjacency = try options.choice("adjacency", Adjacency.allCases.map(\.rawValue)).flatMap(Adjacency.init) ?? adjacency
            negativeSlope = try options.float("negative_slope", in: 0...1) ?? negativeSlope
            weightLearningRateScale = try options.float("weight_lr_scale", in: 0.0001...100) ?? weightLearningRateScale
            if let initializer = settings.initializer { self.initializer = initializer }
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// E^(0): the users 0..<U then the items U..<U+I, (U + I) × d_0.
    package let embedding: Parameter
    /// The propagation layers, in order.
    let convolutions: [NGCFConv]
    /// L (or Â) over users then items, with what its backward pass needs.
    package let adjacency: SparseOperand
    /// Draws the dropout masks; seeded from the model's seed, so training is reproducible.
    private var rng: SeededRNG

    /// A model over the train interactions (users × items); the adjacency is built from them once.
    public init(interactions: CSR, config: Config = Config(), rng: inout SeededRNG) {
        self.config = config
        userCount = interactions.rowCount
        itemCount = interactions.columnCount
        embedding = LightGCN.userItemTable(users: userCount, items: itemCount, dimension: config.dimension,
                                           initializer: config.initializer, rng: &rng)
        let sizes = [config.dimension] + config.layerSizes
        var layers: [NGCFConv] = []
        for k in 0..<config.layerSizes.count {
            layers.append(NGCFConv(index: k, inputDimension: sizes[k], outputDimension: sizes[k + 1],
                                   selfInAggregate: config.adjacency == .meanPlusIdentity,
                                   negativeSlope: config.negativeSlope, rng: &rng))
        }
        convolutions = layers
        for parameter in layers.flatMap(\.parameters) { parameter.learningRateScale = config.weightLearningRateScale }
        switch config.adjacency {
        case .symmetric:
            adjacency = SparseOperand(.normalizedBipartiteAdjacency(interactions), symmetric: true)
        case .meanPlusIdentity:
            adjacency = SparseOperand(.meanBipartiteAdjacencyPlusIdentity(interactions))
        }
        self.rng = rng.split()
    }

    public var name: String { "ngcf" }
    public var parameters: [Parameter] { [embedding] + convolutions.flatMap(\.parameters) }
    public var configuration: [(key: String, value: String)] {
        [("dimension", String(config.dimension)), ("layers", String(config.layerSizes.count)),
         ("layer_sizes", config.layerSizes.map(String.init).joined(separator: ",")),
         ("message_dropout", String(config.messageDropout)), ("node_dropout", String(config.nodeDropout)),
         ("adjacency", config.adjacency.rawValue), ("negative_slope", String(config.negativeSlope)),
         ("initializer", String(describing: config.initializer)),
         ("weight_lr_scale", String(config.weightLearningRateScale))]
    }

    /// The width of the final representation, d_0 + Σ d_l.
    var representationWidth: Int { config.dimension + config.layerSizes.reduce(0, +) }

    /// The batch's scores. Only the batch's rows of the final representation are needed, so the
    /// last layer is computed for the batch's distinct nodes alone (its aggregate from those rows
    /// of L), and each layer's unit scaling only for those rows. Layers before the last run over
    /// every node: the last layer's inputs are the neighbours of the batch, which cover most of
    /// the graph. The numbers equal `propagate`'s, row for row, when dropout is off.
    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let n = batch.count, offset = Int32(userCount)
        let rows = batch.users + batch.positiveItems.map { $0 + offset } + batch.negativeItems.map { $0 + offset }
        let (distinct, position) = LightGCN.distinctRows(rows, nodeCount: userCount + itemCount)
        let kept = config.nodeDropout > 0
            ? tape.constant(NGCF.nodeDropoutScale(count: userCount + itemCount, rate: config.nodeDropout, rng: &rng))
            : nil
        var ego = tape.parameter(embedding)
        var blocks = [ego.gatherRows(distinct)]
        for (k, convolution) in convolutions.enumerated() {
            let input = kept.map { ego.multiplyingRows(by: $0) } ?? ego
            let output: Variable
            if k < convolutions.count - 1 {
                output = convolution.update(ego: ego, side: convolution.aggregate(input, adjacency: adjacency),
                                            dropout: config.messageDropout, seed: rng.next())
            } else {
                let batchRows = SparseOperand(scatteringTransposeOf: adjacency.matrix.selectingRows(distinct))
                output = convolution.update(ego: ego.gatherRows(distinct),
                                            side: convolution.aggregate(input, adjacency: batchRows),
                                            dropout: config.messageDropout, seed: rng.next())
            }
            blocks.append(k < convolutions.count - 1 ? output.gatherRows(distinct).rowL2Normalized()
                                                     : output.rowL2Normalized())
            ego = output
        }
        let final = Variable.concatColumns(blocks).gatherRows(position)
        let u = final.rows(0..<n), i = final.rows(n..<(2 * n)), j = final.rows((2 * n)..<(3 * n))
        return BatchScores(positive: u.rowDot(i), negative: u.rowDot(j), regularized: [blocks[0].gatherRows(position)])
    }

    /// Node dropout as a row scale: 0 for a dropped node, 1/(1 − rate) for a kept one (count × 1).
    /// Scaling the rows of E before L E blocks exactly the dropped nodes' outgoing messages.
    static func nodeDropoutScale(count: Int, rate: Float, rng: inout SeededRNG) -> Tensor {
        Tensor.dropoutMask(rows: count, columns: 1, rate: rate, using: &rng)
    }

    /// The final representations of every node without dropout, users then items
    /// ((U + I) × (d_0 + Σ d_l)).
    package func propagate(threads: Int) -> Tensor { propagateLayers(threads: threads).final }

    /// `propagate`'s result and each layer's input for every node (E^(0), then each layer's
    /// output but the last), which NGCF's recompute without an interaction reads.
    func propagateLayers(threads: Int) -> (final: Tensor, inputs: [Tensor]) {
        var ego = embedding.value
        var inputs: [Tensor] = []
        var blocks = [ego]
        for convolution in convolutions {
            inputs.append(ego)
            let side = adjacency.matrix.multiply(ego, threads: threads)
            ego = convolution.update(ego: ego, side: side, threads: threads)
            blocks.append(ego.rowL2Normalized())
        }
        return (Tensor.concatColumns(blocks), inputs)
    }

    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        let final = propagate(threads: threads)
        return final.gatherRows(users).rowDot(final.gatherRows(items.map { $0 + Int32(userCount) })).storage
    }

    public func scorer(threads: Int) -> any ItemScorer {
        let final = propagate(threads: threads)
        return DotProductScorer(users: final.rows(0..<userCount),
                                items: final.rows(userCount..<(userCount + itemCount)), threads: threads)
    }
}
