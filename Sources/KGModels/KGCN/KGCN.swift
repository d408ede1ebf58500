import KGAutodiff
import KGGraph
import KGTensor

/// KGCN (Wang, Zhao, Xie, Li, Guo, "Knowledge Graph Convolutional Networks for Recommender
/// Systems", WWW 2019): an item's representation is computed from its knowledge-graph
/// neighbourhood, weighted by how much the user cares about each relation.
///
/// For a pair (u, v) the item's receptive field is its fixed sample of K neighbours per entity
/// (`NeighbourTable`) unrolled H hops; each neighbour j of an entity is weighted by the
/// user–relation attention π̃(u, r) (`KGCNAttention`) and H iterations of `KGCNAggregator`
/// fold the field back into v_u, the user-specific item vector. The score is ŷ = σ(⟨u, v_u⟩);
/// models here return the logit ⟨u, v_u⟩ and the losses and CTR metrics apply σ.
///
/// Shapes for a batch of n pairs: users n × d; level h of the receptive field n·K^h entities
/// (h = 0…H) and n·K^(h+1) relations (h < H), one gather per level; attention weights
/// n·K^(h+1) × 1 per level, computed once (they depend only on the user and the relation) and
/// shared by every iteration.
///
/// Trained by the shared `Trainer` with binary cross-entropy, one negative per positive drawn
/// afresh each epoch (`Objective.binaryCrossEntropy`), and L2 λ · ½ Σ‖r‖² / n on the batch's
/// gathered user, entity and relation rows (repeats counted, via `rowNorm`) and the aggregator
/// weights (`BatchScores.regularized`).
///
/// Where kgrec follows the paper rather than the reference code (hwwang55/KGCN):
/// - π(u, r) = ⟨u, r⟩, the paper's inner product; the code takes the mean over the d
///   dimensions (⟨u, r⟩ / d).
/// - v_N = Σ_j π̃_j e_j, the paper's sum; the code averages over the K neighbours (÷ K).
/// - L2 applies to the rows a batch uses, scaled by λ / n as for every kgrec model; the code
///   adds λ · ½ ‖·‖² of the whole user, entity and relation tables to every batch's loss.
/// - Negatives are resampled every epoch from the items the user has no train interaction with;
///   the code trains on the one fixed negative per positive of its preprocessing.
public final class KGCN: Recommender {
    package let config: KGCNConfig
    /// The entities and relations the model embeds; items are entities 0..<itemCount.
    public let graph: KnowledgeGraph
    /// The K neighbours of every entity, sampled once at construction.
    let neighbourTable: NeighbourTable
    public let userCount: Int
    /// users × d.
    package let userEmbedding: Parameter
    /// entities × d (items first).
    let entityEmbedding: Parameter
    /// (relations + 1) × d; the last row is the padding self relation of isolated entities.
    package let relationEmbedding: Parameter
    /// One per iteration; the last uses tanh, the others ReLU.
    let aggregators: [KGCNAggregator]

    /// A model over `graph` for `userCount` users. The neighbour table is sampled first from a
    /// stream split off `rng`, then the parameters are drawn from `rng`.
    public init(userCount: Int, graph: KnowledgeGraph, config: KGCNConfig = KGCNConfig(), rng: inout SeededRNG) {
        self.config = config
        self.graph = graph
        self.userCount = userCount
        var sampling = rng.split()
        neighbourTable = graph.sampleNeighbours(k: config.neighbours, using: &sampling)
        let d = config.dimension
        userEmbedding = Parameter(name: "user_embedding", rows: userCount, columns: d,
                                  initializer: config.initializer, rng: &rng)
        entityEmbedding = Parameter(name: "entity_embedding", rows: graph.entityCount, columns: d,
                                    initializer: config.initializer, rng: &rng)
        relationEmbedding = Parameter(name: "relation_embedding", rows: graph.relationCount + 1, columns: d,
                                      initializer: config.initializer, rng: &rng)
        aggregators = (0..<config.iterations).map { i in
            KGCNAggregator(kind: config.aggregator, dimension: d,
                           activation: i == config.iterations - 1 ? .tanh : .relu, index: i,
                           initializer: config.initializer, rng: &rng)
        }
    }

    /// A model over the knowledge graph of `snapshot`, with the users and items of `data`.
    public convenience init(snapshot: GraphSnapshot, data: InteractionMatrix, config: KGCNConfig = KGCNConfig(),
                            rng: inout SeededRNG) {
        self.init(userCount: data.userCount, graph: KnowledgeGraph(snapshot: snapshot, items: data.items),
                  config: config, rng: &rng)
    }

    public var name: String { "kgcn" }
    package var itemCount: Int { graph.itemCount }
    public var parameters: [Parameter] {
        [userEmbedding, entityEmbedding, relationEmbedding] + aggregators.flatMap { [$0.weight, $0.bias] }
    }
    public var configuration: [(key: String, value: String)] { config.entries }

    /// What one forward pass over n pairs records.
    struct Forward {
        /// ⟨u, v_u⟩ per pair, n × 1.
        let logits: Variable
        /// π̃ per level h (n·K^(h+1) × 1).
        let attention: [Variable]
        /// The table leaves the pass gathered from, and the rows it gathered.
        let userTable: Variable, entityTable: Variable, relationTable: Variable
        let users: [Int32]
        let field: (entities: [[Int32]], relations: [[Int32]])

        /// The L2 norms of the gathered rows of each table (`rowNorm`), for the penalty.
        var norms: [Variable] {
            [KGCN.rowNorm(userTable, rows: users), KGCN.rowNorm(entityTable, rows: field.entities.flatMap { $0 }),
             KGCN.rowNorm(relationTable, rows: field.relations.flatMap { $0 })]
        }
    }

    /// Records the scores of (users[i], items[i]) on `tape`.
    func forward(users: [Int32], items: [Int32], on tape: Tape) -> Forward {
        precondition(users.count == items.count, "\(users.count) users for \(items.count) items")
        for item in items {
            precondition(item >= 0 && Int(item) < itemCount, "item \(item) outside 0..<\(itemCount)")
        }
        let k = config.neighbours, hops = config.iterations
        let field = neighbourTable.receptiveField(of: items, hops: hops)
        // One leaf per table: the gathers of every level scatter their gradients into one buffer.
        let entityTable = tape.parameter(entityEmbedding), relationTable = tape.parameter(relationEmbedding)
        let userTable = tape.parameter(userEmbedding)
        let u = userTable.gatherRows(users)
        let entities = field.entities.map { entityTable.gatherRows($0) }
        let relations = field.relations.map { relationTable.gatherRows($0) }
        let attention = relations.map { KGCNAttention.weights(users: u, relations: $0, k: k) }
        var vectors = entities
        for (i, aggregator) in aggregators.enumerated() {
            vectors = (0..<(hops - i)).map { hop in
                aggregator(vectors[hop], neighbours: vectors[hop + 1], attention: attention[hop])
            }
        }
        return Forward(logits: u.rowDot(vectors[0]), attention: attention, userTable: userTable,
                       entityTable: entityTable, relationTable: relationTable, users: users, field: field)
    }

    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let n = batch.count
        let pass = forward(users: batch.users + batch.users, items: batch.positiveItems + batch.negativeItems, on: tape)
        let weights = aggregators.map { tape.parameter($0.weight) }
        return BatchScores(positive: pass.logits.rows(0..<n), negative: pass.logits.rows(n..<(2 * n)),
                           regularized: pass.norms + weights)
    }

    /// The logits ⟨u, v_u⟩ of (users[i], items[i]), in blocks of 4,096 pairs.
    public func scores(users: [Int32], items: [Int32], threads: Int) -> [Float] {
        precondition(users.count == items.count, "\(users.count) users for \(items.count) items")
        var result: [Float] = []
        result.reserveCapacity(users.count)
        var start = 0
        while start < users.count {
            let end = min(users.count, start + 4096)
            let tape = Tape(threads: threads)
            result += forward(users: Array(users[start..<end]), items: Array(items[start..<end]), on: tape).logits.value.storage
            start = end
        }
        return result
    }

    public func scorer(threads: Int) -> any ItemScorer {
        KGCNScorer(model: self, threads: threads)
    }
}
