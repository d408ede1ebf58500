import KGAutodiff
import KGTensor

/// Matrix factorisation trained with BPR (Rendle et al., UAI 2009): ŷ_ui = ⟨p_u, q_i⟩.
public final class MatrixFactorization: Recommender {
    /// MF-BPR's settings.
    public struct Config: Sendable, Equatable {
        /// Embedding size d. Default 64 (the LightGCN paper's setting for every model).
        package var dimension = 64
        /// Initial embeddings. Default Xavier-normal, RecBole's for BPR: on both lastfm-kgcn and
        /// Gowalla it ends higher than the N(0, 0.1²) of the LightGCN reference code
        /// (BENCHMARKS.md).
        package var initializer = Initializer.xavierNormal

        public init(dimension: Int = 64, initializer: Initializer = .xavierNormal) {
            self.dimension = dimension
            self.initializer = initializer
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// P, users × d.
    package let userEmbedding: Parameter
    /// Q, items × d.
    let itemEmbedding: Parameter
    /// Adam's moments and row slots of the dedicated BPR step, made on its first use.
    lazy var bprState = BPRStepState(users: userCount, items: itemCount, d: config.dimension)

    public init(userCount: Int, itemCount: Int, config: Config = Config(), rng: inout SeededRNG) {
        self.config = config
        self.userCount = userCount
        self.itemCount = itemCount
        userEmbedding = Parameter(name: "user_embedding", rows: userCount, columns: config.dimension,
                                  initializer: config.initializer, rng: &rng)
        itemEmbedding = Parameter(name: "item_embedding", rows: itemCount, columns: config.dimension,
                                  initializer: config.initializer, rng: &rng)
    }

    public var name: String { "mf" }
    public var parameters: [Parameter] { [userEmbedding, itemEmbedding] }
    public var configuration: [(key: String, value: String)] {
        [("dimension", String(config.dimension)), ("initializer", String(describing: config.initializer))]
    }

    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let u = tape.parameter(userEmbedding).gatherRows(batch.users)
        let items = tape.parameter(itemEmbedding).gatherRows(batch.positiveItems + batch.negativeItems)
        let n = batch.count
        let i = items.rows(0..<n), j = items.rows(n..<(2 * n))
        return BatchScores(positive: u.rowDot(i), negative: u.rowDot(j), regularized: [u, items])
    }

    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        userEmbedding.value.gatherRows(users).rowDot(itemEmbedding.value.gatherRows(items)).storage
    }

    public func scorer(threads: Int) -> any ItemScorer {
        DotProductScorer(users: userEmbedding.value, items: itemEmbedding.value, threads: threads)
    }
}
