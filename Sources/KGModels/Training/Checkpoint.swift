import KGAutodiff
import KGJSON
import KGTensor

/// A trained model as a value: what it is, how it was configured and trained, its parameters and
/// how well it did. `serialized()` gives the compact bytes the store keeps; `init(serialized:)`
/// reads them back.
public struct Checkpoint: Sendable, Equatable {
    /// A parameter's name and value.
    public struct NamedTensor: Sendable, Equatable {
        public var name: String
        public var tensor: Tensor

        public init(name: String, tensor: Tensor) {
            self.name = name
            self.tensor = tensor
        }
    }

    /// The model name (`mf`, `lightgcn`).
    public var model: String
    /// The model's and the trainer's settings, as documented key–value pairs in a fixed order.
    public var configuration: [(key: String, value: String)]
    /// Every parameter, in the model's order.
    public var parameters: [NamedTensor]
    /// Validation metrics of the checkpointed epoch (`recall@20` → 0.18, …), in a fixed order.
    public var metrics: [(name: String, value: Double)]
    /// The seed the run used.
    public var seed: UInt64
    /// The checkpointed epoch (1-based; 0 when untrained).
    public var epoch: Int

    public init(model: String, configuration: [(key: String, value: String)], parameters: [NamedTensor],
                metrics: [(name: String, value: Double)], seed: UInt64, epoch: Int) {
        self.model = model
        self.configuration = configuration
        self.parameters = parameters
        self.metrics = metrics
        self.seed = seed
        self.epoch = epoch
    }

    public static func == (lhs: Checkpoint, rhs: Checkpoint) -> Bool {
        lhs.model == rhs.model && lhs.seed == rhs.seed && lhs.epoch == rhs.epoch && lhs.parameters == rhs.parameters
            && lhs.configuration.map(\.key) == rhs.configuration.map(\.key)
            && lhs.configuration.map(\.value) == rhs.configuration.map(\.value)
            && lhs.metrics.map(\.name) == rhs.metrics.map(\.name)
            && lhs.metrics.map(\.value) == rhs.metrics.map(\.value)
    }

    /// A configuration value by key.
    public func setting(_ key: String) -> String? { configuration.first { $0.key == key }?.value }

    /// A metric by name.
    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }

    /// Copies the parameters into `model`, checking names and shapes.
    package func restore(into model: any Recommender) throws(ModelError) {
        guard model.name == self.model else {
            throw .incompatibleCheckpoint("it holds a '\(self.model)' model, not '\(model.name)'")
        }
        let targets = model.parameters
        guard targets.map(\.name) == parameters.map(\.name) else {
            throw .incompatibleCheckpoint("parameters \(parameters.map(\.name)) differ from the model's \(targets.map(\.name))")
        }
        for (target, saved) in zip(targets, parameters) where target.value.shape != saved.tensor.shape {
            throw .incompatibleCheckpoint("'\(saved.name)' is \(saved.tensor.rows)×\(saved.tensor.columns), "
                                          + "the model needs \(target.value.rows)×\(target.value.columns)")
        }
        for (target, saved) in zip(targets, parameters) { target.value = saved.tensor }
    }

    /// A one-line JSON summary (model, epoch, seed, configuration, metrics) for listings.
    package var jsonSummary: String {
        JSON.object([("model", .string(model)), ("epoch", .int(epoch)), ("seed", seed <= UInt64(Int.max) ? .int(Int(seed)) : .string(String(seed))),
                     ("config", .object(configuration.map { ($0.key, .string($0.value)) })),
                     ("metrics", .object(metrics.map { ($0.name, .number($0.value)) }))]).text
    }
}
