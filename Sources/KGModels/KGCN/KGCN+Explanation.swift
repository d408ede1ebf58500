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
        public let entity: Int32
        /// The position of `entity` in the previous hop's edges (-1 at hop 0), for tree rendering.
        public let parent: Int
        public let neighbour: Int32
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
    public var relationWeights: [(relation: Int32, weight: Float)] {
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
