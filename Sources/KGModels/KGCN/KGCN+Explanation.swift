#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGAutodiff
import KGGraph
import KGTensor

/// The attention KGCN paid for one (user, item) pair: for each hop of the item's receptive
/// field, which sampled neighbour fed which entity, through which relation, with what weight
/// π̃(u, r). Entities and relations are the model's indices (`KGCN.graph` maps them to snapshot
/// nodes and relation names).
public struct KGCNExplanation: Sendable, Equatable {
    /// One sampled neighbour of an entity in the receptive field.
    public struct Edge: Sendable, Equatable {
        /// The entity whose neighbourhood this edge belongs to (at hop 0, the item).
        package let entity: Int32
        /// The position of `entity` in the previous hop's edges (-1 at hop 0), for tree rendering.
        package let parent: Int
        package let neighbour: Int32
        public let relation: Int32
        /// π̃(u, relation); the weights of one entity's K edges sum to 1.
        public let weight: Float
    }

    public let user: Int32
    public let item: Int32
    /// The logit ⟨u, v_u⟩ (the probability is its sigmoid).
    public let score: Float
    /// hops[h] holds K^(h+1) edges: K per entity of hop h, in the receptive field's order.
    public let hops: [[Edge]]

    /// The total weight each relation received at hop 0 (the item's own neighbourhood), largest
    /// first: which kinds of knowledge drove the score.
    package var relationWeights: [(relation: Int32, weight: Float)] {
        var totals: [Int32: Float] = [:]
        for edge in hops.first ?? [] { totals[edge.relation, default: 0] += edge.weight }
        return totals.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { ($0.key, $0.value) }
    }
}

extension KGCN {
    /// The attention weights and score of (user, item); both are model indices.
    public func explain(user: Int32, item: Int32) -> KGCNExplanation {
        precondition(user >= 0 && Int(user) < userCount, "user \(user) outside 0..<\(userCount)")
        precondition(item >= 0 && Int(item) < itemCount, "item \(item) outside 0..<\(itemCount)")
        let tape = Tape()
        let pass = forward(users: [user], items: [item], on: tape)
        let field = neighbourTable.receptiveField(of: [item], hops: config.iterations)
        let k = config.neighbours
        var hops: [[KGCNExplanation.Edge]] = []
        for h in 0..<config.iterations {
            let weights = pass.attention[h].value.storage
            hops.append(field.entities[h + 1].indices.map { p in
                KGCNExplanation.Edge(entity: field.entities[h][p / k], parent: h == 0 ? -1 : p / k,
                                     neighbour: field.entities[h + 1][p], relation: field.relations[h][p],
                                     weight: weights[p])
            })
        }
        return KGCNExplanation(user: user, item: item, score: pass.logits.value.scalar, hops: hops)
    }
}

/// A model that weighs a knowledge-graph hop by its own attention rather than by embedding
/// similarity: explanations ask it, when the model has this capability, how much a user's
/// representation listens to one relation leaving one node.
package protocol KnowledgeGraphAttention: Recommender {
    /// The attention of user row `user` on snapshot relation `relation` leaving snapshot node
    /// `node`, between 0 and 1; nil when the hop is not one of the model's knowledge-graph edges.
    /// `cache` keeps per-user work between calls for the same user.
    func hopAttention(user: Int32, from node: Int32, relation: Int32, cache: inout AttentionCache) -> Double?
    /// Whether hops over snapshot relation `relation` are weighed by attention (so their
    /// weight is at most 1).
    func attends(to relation: Int32) -> Bool
}

/// Work `KnowledgeGraphAttention.hopAttention` keeps between calls for one user.
package struct AttentionCache {
    var user: Int32 = -1
    /// exp(⟨u, r⟩ − max) per knowledge-graph relation of `user`.
    var relationScores: [Double] = []
    /// The attention denominator per node, filled as asked.
    var totals: [Int32: Double] = [:]
    /// The model's relation index per snapshot relation (-1: not a knowledge-graph relation).
    var modelRelation: [Int32]?

    package init() {}
}

extension KGCN: KnowledgeGraphAttention {
    package func attends(to relation: Int32) -> Bool { graph.relations.contains(relation) }

    /// KGCN's π(u, r) = ⟨u, r⟩ softmax-normalised over the node's knowledge-graph edges: the
    /// full-neighbourhood form of the attention KGCN computes over its sampled neighbours.
    package func hopAttention(user: Int32, from node: Int32, relation: Int32, cache: inout AttentionCache) -> Double? {
        if cache.modelRelation == nil {
            var map = [Int32](repeating: -1, count: (graph.relations.max().map { Int($0) } ?? -1) + 1)
            for (index, snapshotRelation) in graph.relations.enumerated() { map[Int(snapshotRelation)] = Int32(index) }
            cache.modelRelation = map
        }
        let map = cache.modelRelation!
        guard Int(relation) < map.count, map[Int(relation)] >= 0, Int(node) < graph.entityIndex.count else { return nil }
        let entity = graph.entityIndex[Int(node)]
        guard user >= 0, Int(user) < userCount, entity >= 0 else { return nil }
        if user != cache.user {
            cache.user = user
            cache.totals.removeAll(keepingCapacity: true)
            let users = userEmbedding.value, relations = relationEmbedding.value, d = users.columns
            var logits = [Double](repeating: 0, count: graph.relationCount)
            users.withUnsafeBufferPointer { x in
                relations.withUnsafeBufferPointer { y in
                    for r in logits.indices {
                        logits[r] = Double(Tensor.dot(x.baseAddress! + Int(user) * d, y.baseAddress! + r * d, d))
                    }
                }
            }
            let top = logits.max() ?? 0
            cache.relationScores = logits.map { exp($0 - top) }
        }
        let total: Double
        if let known = cache.totals[node] {
            total = known
        } else {
            var sum = 0.0
            for p in Int(graph.offsets[Int(entity)])..<Int(graph.offsets[Int(entity) + 1]) {
                sum += cache.relationScores[Int(graph.edgeRelations[p])]
            }
            cache.totals[node] = sum
            total = sum
        }
        return total > 0 ? cache.relationScores[Int(map[Int(relation)])] / total : 0
    }
}
