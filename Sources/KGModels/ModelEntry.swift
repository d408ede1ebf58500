import KGGraph
import KGTensor

/// One model kgrec can train, as it registers itself beside its code (`LightGCN+Entry.swift`):
/// its name, what it is, the `--set` keys it takes, its own defaults, and how to build it.
/// `ModelCatalog.entries` lists every entry; adding a model is its folder and one line there.
public struct ModelEntry: Sendable {
    /// What a factory builds a model from.
    public struct Inputs {
        public let data: InteractionMatrix
        /// The snapshot `data` was read from, for models that use more than the interactions.
        public let graph: GraphSnapshot?
        /// The settings given, with `dimension` already the model's own default when none was.
        public let settings: ModelCatalog.Settings
    }

    /// The name `train` and `using` take (`lightgcn`).
    public let name: String
    /// Other names `train` accepts (`bpr` for `mf`).
    let aliases: [String]
    /// One line: the model and the paper it follows, for `--help`.
    public let summary: String
    /// The model-specific keys `--set` takes (`message_dropout`); empty when there are none.
    public let settingKeys: [String]
    /// The embedding size when `--dim` is not given.
    public let defaultDimension: Int
    /// The trainer's settings when the user gives none: the paper's where they differ from
    /// `TrainerConfig`'s.
    package let trainerDefaults: @Sendable () -> TrainerConfig
    /// A freshly initialised model drawing its weights from `rng`.
    package let make: @Sendable (Inputs, inout SeededRNG) throws(ModelError) -> any Recommender

    public init(name: String, aliases: [String] = [], summary: String, settingKeys: [String] = [],
                defaultDimension: Int = ModelCatalog.Settings.defaultDimension,
                trainerDefaults: @escaping @Sendable () -> TrainerConfig = { TrainerConfig() },
                make: @escaping @Sendable (Inputs, inout SeededRNG) throws(ModelError) -> any Recommender) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.settingKeys = settingKeys
        self.defaultDimension = defaultDimension
        self.trainerDefaults = trainerDefaults
        self.make = make
    }
}
