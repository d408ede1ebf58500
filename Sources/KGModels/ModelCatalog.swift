import KGAutodiff
import KGGraph
import KGTensor

/// The models `kgrec train <model>` knows, built from one set of settings.
public enum ModelCatalog {
    /// The settings the CLI exposes for every model.
    public struct Settings: Sendable, Equatable {
        /// Embedding size d (`--dim`); nil keeps each model's default (`defaultDimension`, 128
        /// for PinSage).
        public var dimension: Int?
        /// Propagation layers for graph models (`--layers`); nil keeps each model's default
        /// (3 for LightGCN and NGCF, 2 for PinSage, as in their papers).
        public var layers: Int?
        /// How embeddings are initialised; nil keeps each model's default.
        public var initializer: Initializer?
        /// Model-specific settings by their configuration key (`message_dropout` → `0.2`), as
        /// `--set key=value` gives them and checkpoints store them. Each model rejects keys it
        /// does not know (`ModelError.invalidSetting`). Default none.
        public var options: [String: String] = [:]

        /// The embedding size of every model but PinSage when `dimension` is nil.
        public static let defaultDimension = 64

        /// `dimension`, or `defaultDimension` when it is nil.
        var dimensionOrDefault: Int { dimension ?? Self.defaultDimension }

        public init(dimension: Int? = nil, layers: Int? = nil, initializer: Initializer? = nil, options: [String: String] = [:]) {
            self.dimension = dimension
            self.layers = layers
            self.initializer = initializer
            self.options = options
        }
    }

    /// The model names, as the CLI spells them.
    public static let names = ["mf", "lightgcn", "ngcf", "pinsage", "kgcn"]

    /// The model-specific setting keys of a model (empty for unknown names and for models
    /// without any): the keys `Settings.options` may hold, and those `make(from:)` reads back.
    public static func optionKeys(for name: String) -> [String] {
        switch name.lowercased() {
        case "ngcf": NGCF.Config.optionKeys
        case "kgcn": KGCNConfig.optionKeys
        case "pinsage": PinSage.Config.optionKeys
        default: []
        }
    }

    /// The trainer's settings for a model when the user gives none: the paper's where they
    /// differ from `TrainerConfig`'s (NGCF: batch 1024, learning rate 1e-4, L2 1e-5; PinSage:
    /// the max-margin loss with margin 0.5, the best of 0.1, 0.5 and 1.0 on the lastfm-kgcn valid
    /// split, and the learning rate decayed ×0.99 an epoch, better there on the valid mean of five seeds).
    public static func trainerDefaults(for name: String) -> TrainerConfig {
        var config = TrainerConfig()
        switch name.lowercased() {
        case "ngcf":
            config.batchSize = 1024
            config.learningRate = 1e-4
            config.regularization = 1e-5
        case "kgcn":
            config = .kgcnLastFM
        case "pinsage":
            config.objective = .marginRanking(margin: 0.5)
            config.learningRateDecay = 0.99
        default:
            break
        }
        return config
    }

    /// A freshly initialised model; the initial weights come from `seed`. `graph` is the
    /// snapshot `data` was read from, for models that use more than the interactions.
    public static func make(_ name: String, data: InteractionMatrix, graph: GraphSnapshot? = nil,
                            settings: Settings = Settings(), seed: UInt64) throws(ModelError) -> any Recommender {
        if let dimension = settings.dimension, dimension <= 0 {
            throw .unusableData("the embedding size must be positive, got \(dimension)")
        }
        if let layers = settings.layers, layers < 0 {
            throw .unusableData("the number of layers must be 0 or more, got \(layers)")
        }
        guard data.userCount > 0 && data.itemCount > 0 else {
            throw .unusableData("the graph has \(data.userCount) users and \(data.itemCount) items; both must be non-zero")
        }
        var rng = SeededRNG(seed: seed)
        switch name.lowercased() {
        case "mf", "bpr", "mf-bpr", "bprmf":
            try ModelOptions(settings.options).check(known: [], model: "mf")
            var config = MatrixFactorization.Config(dimension: settings.dimensionOrDefault)
            if let initializer = settings.initializer { config.initializer = initializer }
            return MatrixFactorization(userCount: data.userCount, itemCount: data.itemCount, config: config, rng: &rng)
        case "lightgcn":
            try ModelOptions(settings.options).check(known: [], model: "lightgcn")
            var config = LightGCN.Config(dimension: settings.dimensionOrDefault, layers: settings.layers ?? 3)
            if let initializer = settings.initializer { config.initializer = initializer }
            return LightGCN(interactions: data.train, config: config, rng: &rng)
        case "ngcf":
            return NGCF(interactions: data.train, config: try NGCF.Config(settings: settings), rng: &rng)
        case "kgcn":
            guard let graph else { throw .unusableData("KGCN needs the knowledge graph of the snapshot the data came from") }
            return KGCN(snapshot: graph, data: data, config: try KGCNConfig(settings: settings), rng: &rng)
        case "pinsage":
            let config = try PinSage.Config(settings: settings)
            var attributes: ItemAttributes?
            if let graph {
                guard data.items.allSatisfy({ Int($0) < graph.nodeCount && graph.kinds[Int($0)] == .item }) else {
                    throw .unusableData("the interactions' items are not items of the graph they are said to come from")
                }
                attributes = ItemAttributes(snapshot: graph, items: data.items)
            }
            return PinSage(interactions: data.train, attributes: attributes, config: config, rng: &rng)
        default:
            throw .unknownModel("unknown model '\(name)'; expected one of \(names.joined(separator: ", "))"
                                + Suggestion.hint(for: name, in: names))
        }
    }

    /// The model a checkpoint holds, rebuilt over `data` (and `graph`, the snapshot it was read
    /// from) with the checkpoint's `dimension`, `layers` and model-specific settings and its
    /// parameters restored (for `kgrec eval` and recommendation).
    public static func make(from checkpoint: Checkpoint, data: InteractionMatrix,
                            graph: GraphSnapshot? = nil) throws(ModelError) -> any Recommender {
        var settings = Settings()
        if let text = checkpoint.setting("dimension") {
            guard let value = Int(text) else { throw .incompatibleCheckpoint("its dimension '\(text)' is not a number") }
            settings.dimension = value
        }
        if let text = checkpoint.setting("layers") {
            guard let value = Int(text) else { throw .incompatibleCheckpoint("its layer count '\(text)' is not a number") }
            settings.layers = value
        }
        for key in optionKeys(for: checkpoint.model) {
            if let value = checkpoint.setting(key) { settings.options[key] = value }
        }
        let model = try make(checkpoint.model, data: data, graph: graph, settings: settings, seed: checkpoint.seed)
        try checkpoint.restore(into: model)
        return model
    }
}
