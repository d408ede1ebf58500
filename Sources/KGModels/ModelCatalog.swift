import KGAutodiff
import KGGraph
import KGTensor

/// The models `kgrec train <model>` knows, built from one set of settings.
public enum ModelCatalog {
    /// The settings the CLI exposes for every model.
    public struct Settings: Sendable, Equatable {
        /// Embedding size d (`--dim`); nil keeps the model's default (its entry's
        /// `defaultDimension`: 64, 128 for PinSage, 16 for KGCN).
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

        /// The embedding size of a model whose entry names no other.
        public static let defaultDimension = 64

        /// `dimension`, or `defaultDimension` when it is nil (`ModelCatalog.make` fills it in first).
        var dimensionOrDefault: Int { dimension ?? Self.defaultDimension }

        public init(dimension: Int? = nil, layers: Int? = nil, initializer: Initializer? = nil, options: [String: String] = [:]) {
            self.dimension = dimension
            self.layers = layers
            self.initializer = initializer
            self.options = options
        }
    }

    /// Every model kgrec trains, each registered beside its code: the one line to add a model to.
    public static let entries: [ModelEntry] = [MatrixFactorization.entry, LightGCN.entry, NGCF.entry, PinSage.entry, KGCN.entry,
                                                GFCF.entry, ImplicitALS.entry]

    /// The model names, as the CLI spells them.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name` (or one of its aliases), case-insensitively.
    package static func entry(named name: String) -> ModelEntry? {
        let key = name.lowercased()
        return entries.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The model-specific setting keys of a model (empty for unknown names and for models
    /// without any): the keys `Settings.options` may hold, and those `make(from:)` reads back.
    package static func optionKeys(for name: String) -> [String] { entry(named: name)?.settingKeys ?? [] }

    /// The trainer's settings for a model when the user gives none (the model's entry says
    /// where they differ from `TrainerConfig`'s).
    package static func trainerDefaults(for name: String) -> TrainerConfig {
        entry(named: name)?.trainerDefaults() ?? TrainerConfig()
    }

    /// A freshly initialised model; the initial weights come from `seed`. `graph` is the
    /// snapshot `data` was read from, for models that use more than the interactions.
    package static func make(_ name: String, data: InteractionMatrix, graph: GraphSnapshot? = nil,
                            settings: Settings = Settings(), seed: UInt64) throws(ModelError) -> any Recommender {
        guard let entry = entry(named: name) else {
            throw .unknownModel("unknown model '\(Excerpt.of(name))'; expected one of \(names.joined(separator: ", "))"
                                + Suggestion.hint(for: name, in: names))
        }
        if let dimension = settings.dimension, dimension <= 0 {
            throw .unusableData("the embedding size must be positive, got \(dimension)")
        }
        if let layers = settings.layers, layers < 0 {
            throw .unusableData("the number of layers must be 0 or more, got \(layers)")
        }
        guard data.userCount > 0 && data.itemCount > 0 else {
            throw .unusableData("the graph has \(data.userCount) users and \(data.itemCount) items; both must be non-zero")
        }
        var resolved = settings
        resolved.dimension = settings.dimension ?? entry.defaultDimension
        var rng = SeededRNG(seed: seed)
        return try entry.make(ModelEntry.Inputs(data: data, graph: graph, settings: resolved), &rng)
    }

    /// The model a checkpoint holds, rebuilt over `data` (and `graph`, the snapshot it was read
    /// from) with the checkpoint's `dimension`, `layers` and model-specific settings and its
    /// parameters restored (for `kgrec eval` and recommendation).
    package static func make(from checkpoint: Checkpoint, data: InteractionMatrix,
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
