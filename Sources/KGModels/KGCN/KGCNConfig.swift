import KGAutodiff

/// KGCN's settings (Wang et al., "Knowledge Graph Convolutional Networks for Recommender
/// Systems", WWW 2019). Defaults are the paper's Last.FM settings; `lastFM` and `bookCrossing`
/// are the presets of the paper (§4.3 and the reference `main.py`) with their trainer settings.
public struct KGCNConfig: Sendable, Equatable {
    /// Embedding size d of users, entities and relations. Default 16.
    package var dimension = 16
    /// Neighbours K sampled per entity, once, before training. Default 8.
    package var neighbours = 8
    /// Iterations H: how many hops of the knowledge graph an item's representation reaches, each
    /// iteration with its own aggregator weights. Default 1.
    package var iterations = 1
    /// How an entity and its neighbourhood are combined (`KGCNAggregator.Kind`). Default `.sum`.
    package var aggregator = KGCNAggregator.Kind.sum
    /// How user, entity and relation tables and the aggregator weights are initialised: Glorot
    /// uniform, as in the reference code. Biases start at zero. Default `.xavierUniform`.
    package var initializer = Initializer.xavierUniform

    public init(dimension: Int = 16, neighbours: Int = 8, iterations: Int = 1,
                aggregator: KGCNAggregator.Kind = .sum, initializer: Initializer = .xavierUniform) {
        precondition(dimension > 0 && neighbours > 0 && iterations > 0,
                     "KGCN needs a positive dimension, neighbour count and iteration count, got \(dimension), \(neighbours), \(iterations)")
        self.dimension = dimension
        self.neighbours = neighbours
        self.iterations = iterations
        self.aggregator = aggregator
        self.initializer = initializer
    }

    /// The paper's Last.FM settings: K = 8, d = 16, H = 1, sum; with batch 128, lr 5e-4, λ 1e-4.
    package static let lastFM = KGCNConfig(dimension: 16, neighbours: 8, iterations: 1, aggregator: .sum)
    /// The paper's Book-Crossing settings: K = 8, d = 64, H = 1, sum; with batch 256, lr 2e-4, λ 2e-5.
    package static let bookCrossing = KGCNConfig(dimension: 64, neighbours: 8, iterations: 1, aggregator: .sum)

    /// The model-specific keys `ModelCatalog.Settings.options` may hold (`--set neighbours=4`).
    static let optionKeys = ["neighbours", "iterations", "aggregator"]

    /// The configuration from the catalog's settings: `dimension` and the options above. The
    /// catalog's `layers` is not KGCN's H (its default, 3, is no KGCN setting); `iterations` is.
    init(settings: ModelCatalog.Settings) throws(ModelError) {
        let options = ModelOptions(settings.options)
        try options.check(known: KGCNConfig.optionKeys, model: "kgcn")
        self.init(dimension: settings.dimensionOrDefault,
                  neighbours: try options.int("neighbours", in: 1...1024) ?? 8,
                  iterations: try options.int("iterations", in: 1...4) ?? 1,
                  aggregator: try options.choice("aggregator", KGCNAggregator.Kind.allCases.map(\.rawValue))
                      .flatMap(KGCNAggregator.Kind.init) ?? .sum)
        if let initializer = settings.initializer { self.initializer = initializer }
    }

    /// The catalog's settings that make this configuration (`init(settings:)` reads them back).
    public var settings: ModelCatalog.Settings {
        ModelCatalog.Settings(dimension: dimension, initializer: initializer,
                              options: ["neighbours": String(neighbours), "iterations": String(iterations),
                                        "aggregator": aggregator.rawValue])
    }

    /// Every field as (key, value), for checkpoints and logs.
    public var entries: [(key: String, value: String)] {
        [("dimension", String(dimension)), ("neighbours", String(neighbours)), ("iterations", String(iterations)),
         ("aggregator", aggregator.rawValue), ("initializer", String(describing: initializer))]
    }
}

extension TrainerConfig {
    /// KGCN on Last.FM as in the paper: batch 128, Adam lr 5e-4, λ 1e-4, binary cross-entropy with
    /// one sampled negative per positive; up to 100 epochs, stopping after 10 epochs without a
    /// better valid AUC (`validationMetric` "auc": the trainer needs a `ValidationScore` for it).
    package static var kgcnLastFM: TrainerConfig {
        var config = TrainerConfig()
        config.validationMetric = "auc"
        config.batchSize = 128
        config.learningRate = 5e-4
        config.regularization = 1e-4
        config.objective = .binaryCrossEntropy
        config.epochs = 100
        config.patience = 10
        return config
    }

    /// KGCN on Book-Crossing as in the paper: batch 256, Adam lr 2e-4, λ 2e-5, binary
    /// cross-entropy; up to 100 epochs, patience 10 on the valid AUC.
    package static var kgcnBookCrossing: TrainerConfig {
        var config = kgcnLastFM
        config.batchSize = 256
        config.learningRate = 2e-4
        config.regularization = 2e-5
        return config
    }
}
