import KGTensor

/// A trainable tensor with a name (the checkpoint key) and the gradient summed over the
/// backward passes since the optimiser last cleared it.
///
/// A reference type: the model, the optimiser's state and every tape of a step refer to the same
/// parameter. The value itself is a copy-on-write `Tensor`, so a tape that recorded the old value
/// keeps it intact while the optimiser updates the parameter.
public final class Parameter {
    /// The checkpoint key, unique within a model (e.g. "user_embedding").
    public let name: String
    /// The current value.
    public var value: Tensor
    /// The accumulated gradient, nil when no backward pass has reached this parameter since the
    /// last `clearGradient()` (the optimisers then leave it untouched, as PyTorch does).
    package private(set) var gradient: Tensor?
    /// The optimiser's learning rate for this parameter is its rate times this factor, so a
    /// model can train dense weights more gently than its embedding tables. Default 1.
    package var learningRateScale: Float = 1

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
    }

    /// A parameter of the given shape, initialised by `initializer` from `rng`.
    public convenience init(name: String, rows: Int, columns: Int, initializer: Initializer,
                            rng: inout SeededRNG) {
        self.init(name: name, value: initializer.tensor(rows: rows, columns: columns, rng: &rng))
    }

    /// Adds to the accumulated gradient.
    package func accumulateGradient(_ g: Tensor) {
        precondition(g.shape == value.shape, "gradient \(g.shape) for parameter '\(name)' of shape \(value.shape)")
        if gradient == nil { gradient = g } else { gradient!.add(g) }
    }

    /// Forgets the accumulated gradient.
    package func clearGradient() { gradient = nil }
}

/// How a parameter's initial value is drawn.
public enum Initializer: Sendable, Equatable {
    /// All zeros (biases).
    case zeros
    /// N(0, std²): LightGCN's reference code uses std 0.1 for the embeddings.
    case normal(standardDeviation: Float)
    /// U(−a, a) with a = √(6 / (fanIn + fanOut)) (Glorot & Bengio 2010), for a rows × columns
    /// matrix taken as fanIn = rows, fanOut = columns. RecBole initialises embeddings this way.
    case xavierUniform
    /// N(0, 2 / (fanIn + fanOut)) (Glorot & Bengio 2010).
    case xavierNormal

    /// The names `init(name:)` reads, for help and error messages.
    package static let nameSyntax = "xavier-normal, xavier-uniform or normal:STD"

    /// The initialiser called `name`: `xavier-normal` (or `xavier`), `xavier-uniform`, or
    /// `normal:STD` with STD > 0; underscores may stand for hyphens. nil for any other text.
    public init?(name: String) {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "xavier-normal", "xavier": self = .xavierNormal
        case "xavier-uniform": self = .xavierUniform
        case let text:
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0] == "normal", let std = Float(parts[1]), std > 0, std.isFinite else { return nil }
            self = .normal(standardDeviation: std)
        }
    }

    /// A rows × columns tensor drawn with `rng`.
    package func tensor(rows: Int, columns: Int, rng: inout SeededRNG) -> Tensor {
        let fans = Float(rows + columns)
        switch self {
        case .zeros:
            return Tensor(rows: rows, columns: columns)
        case .normal(let std):
            return Tensor.normal(rows: rows, columns: columns, standardDeviation: std, using: &rng)
        case .xavierUniform:
            let a = (6 / fans).squareRoot()
            return Tensor.uniform(rows: rows, columns: columns, lower: -a, upper: a, using: &rng)
        case .xavierNormal:
            return Tensor.normal(rows: rows, columns: columns, standardDeviation: (2 / fans).squareRoot(), using: &rng)
        }
    }
}
