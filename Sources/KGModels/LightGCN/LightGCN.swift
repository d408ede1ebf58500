import KGAutodiff
import KGGraph
import KGTensor

/// LightGCN (He et al., "LightGCN: Simplifying and Powering Graph Convolution Network for
/// Recommendation", SIGIR 2020).
///
/// E^(0) holds one free embedding per user and item; K `LightGCNConv` layers propagate it over
/// the symmetric-normalised user–item graph; the final representation is the layer combination
/// e = Σ_{k=0..K} α_k e^(k) with α_k = 1/(K+1) (eq. 4), and ŷ_ui = ⟨e_u, e_i⟩ (eq. 5). The L2
/// penalty applies to the layer-0 embeddings of the batch only (eq. 15). No feature transforms,
/// no non-linearities, no dropout.
public final class LightGCN: Recommender {
    /// LightGCN's settings; defaults are the paper's.
    public struct Config: Sendable, Equatable {
        /// Embedding size d. Default 64.
        package var dimension = 64
        /// Number of propagation layers K. Default 3.
        package var layers = 3
        /// Initial embeddings: N(0, 0.1²) as in the authors' PyTorch code. Default `.normal(0.1)`.
        package var initializer = Initializer.normal(standardDeviation: 0.1)

        public init(dimension: Int = 64, layers: Int = 3,
                    initializer: Initializer = .normal(standardDeviation: 0.1)) {
            precondition(layers >= 0, "LightGCN needs at least 0 layers, got \(layers)")
            self.dimension = dimension
            self.layers = layers
            self.initializer = initializer
        }
    }

    package let config: Config
    public let userCount: Int
    package let itemCount: Int
    /// E^(0): one row per node, the users 0..<U then the items U..<U+I, (U + I) × d.
    ///
    /// One table rather than a user table and an item table: propagation works on the stacked
    /// table, and keeping it stacked saves copying 18 MB into it on every forward pass and out of
    /// its gradient on every backward pass (Gowalla).
    package let embedding: Parameter
    /// The propagation layer over Â (users first, then items).
    public let convolution: LightGCNConv

    /// A model over the train interactions (users × items); Â is built from them once.
    public init(interactions: CSR, config: Config = Config(), rng: inout SeededRNG) {
        self.config = config
        userCount = interactions.rowCount
        itemCount = interactions.columnCount
        embedding = LightGCN.userItemTable(users: userCount, items: itemCount, dimension: config.dimension,
                                           initializer: config.initializer, rng: &rng)
        convolution = LightGCNConv(adjacency: .normalizedBipartiteAdjacency(interactions))
    }

    public var name: String { "lightgcn" }
    public var parameters: [Parameter] { [embedding] }
    public var configuration: [(key: String, value: String)] {
        [("dimension", String(config.dimension)), ("layers", String(config.layers)),
         ("initializer", String(describing: config.initializer))]
    }

    /// The layer weights α_k = 1/(K+1).
    var layerWeights: [Float] { [Float](repeating: 1 / Float(config.layers + 1), count: config.layers + 1) }

    /// The batch's scores. Only the rows of the batch's users and items of the final
    /// representation are needed, so the last layer is computed for those rows alone, each
    /// distinct node once: e[b] = Σ_{k<K} α_k E^(k)[b] + α_K Â[b, :] E^(K−1) for the distinct
    /// nodes b of the batch. This saves one full propagation in the forward pass and one in the
    /// backward pass (K − 1 of each instead of K) and gives the same numbers as `propagate`,
    /// row for row.
    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let n = batch.count, offset = Int32(userCount)
        let rows = batch.users + batch.positiveItems.map { $0 + offset } + batch.negativeItems.map { $0 + offset }
        let (distinct, position) = LightGCN.distinctRows(rows, nodeCount: userCount + itemCount)
        var layer = tape.parameter(embedding)
        var terms: [Variable] = []
        for _ in 0..<config.layers {
            terms.append(layer.gatherRows(distinct))
            if terms.count < config.layers { layer = convolution(layer) }
        }
        if config.layers == 0 {
            terms.append(layer.gatherRows(distinct))
        } else {
            let batchRows = SparseOperand(scatteringTransposeOf: convolution.adjacency.matrix.selectingRows(distinct))
            terms.append(batchRows * layer)
        }
        let final = Variable.weightedSum(terms, weights: layerWeights).gatherRows(position)
        let u = final.rows(0..<n), i = final.rows(n..<(2 * n)), j = final.rows((2 * n)..<(3 * n))
        // terms[0] = E^(0) of the distinct nodes; the L2 penalty counts every occurrence of u, i, j.
        return BatchScores(positive: u.rowDot(i), negative: u.rowDot(j), regularized: [terms[0].gatherRows(position)])
    }

    /// The layer-0 table of a user–item graph model: users' rows, then items' rows, drawn in
    /// that order (LightGCN and NGCF share it).
    static func userItemTable(users: Int, items: Int, dimension: Int, initializer: Initializer,
                              rng: inout SeededRNG) -> Parameter {
        let userRows = initializer.tensor(rows: users, columns: dimension, rng: &rng)
        let itemRows = initializer.tensor(rows: items, columns: dimension, rng: &rng)
        return Parameter(name: "embedding", value: Tensor.concatRows([userRows, itemRows]))
    }

    /// The distinct values of `rows`, ascending, and the position of each row among them.
    static func distinctRows(_ rows: [Int32], nodeCount: Int) -> (distinct: [Int32], position: [Int32]) {
        let sorted = rows.sorted()
        var distinct: [Int32] = []
        distinct.reserveCapacity(sorted.count)
        for r in sorted where distinct.last != r { distinct.append(r) }
        let position = rows.map { r -> Int32 in
            var lo = 0, hi = distinct.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if distinct[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            return Int32(lo)
        }
        return (distinct, position)
    }

    /// The final representations Σ α_k Â^k E^(0), users then items ((users + items) × d).
    package func propagate(threads: Int) -> Tensor {
        var layer = embedding.value
        var total = layer.scaled(by: layerWeights[0])
        for k in 0..<config.layers {
            layer = convolution(layer, threads: threads)
            total.add(layer, scaledBy: layerWeights[k + 1])
        }
        return total
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
