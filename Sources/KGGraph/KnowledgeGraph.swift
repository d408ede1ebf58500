/// The knowledge graph that KGCN-style models propagate over, read off a snapshot: every
/// non-user node is an entity, and every train edge between two entities whose relation is not
/// an interaction relation is an undirected, typed edge.
///
/// Categories, tags, ontology classes and imported KG entities are all entities; so are the
/// items, which come first, in the order of the `items` passed in (the item indices of an
/// `InteractionMatrix`), so that item index i is entity index i. The remaining non-user nodes
/// follow in ascending node id. Users and interaction edges never enter the graph: the model
/// sees the user–item signal only through its training pairs.
///
/// Each edge h –r→ t appears in the rows of both h and t (the KG is treated as undirected, as
/// in KGCN, Wang et al. WWW 2019, §3 and the reference `construct_kg`); a self-loop h –r→ h thus
/// appears twice in h's row. Relations are numbered densely over the relations that contribute
/// at least one edge, in snapshot order; `selfRelation` (= `relationCount`) is reserved for the
/// padding of entities without neighbours (see `NeighbourTable`).
public struct KnowledgeGraph: Sendable {
    /// Snapshot node id of each entity index.
    public let entities: [Int32]
    /// Entity index of each snapshot node, or -1 for users.
    package let entityIndex: [Int32]
    /// Entities 0..<itemCount are the items.
    package let itemCount: Int
    /// Snapshot relation id of each KG relation index.
    public let relations: [Int32]
    /// The name of each KG relation index.
    package let relationNames: [String]
    /// Undirected adjacency over entity indices: the neighbours of entity e are
    /// `neighbours[offsets[e]..<offsets[e+1]]`, reached by `edgeRelations` at the same positions.
    package let offsets: [Int32]
    package let neighbours: [Int32]
    package let edgeRelations: [Int32]

    /// The number of entities (items included).
    package var entityCount: Int { entities.count }
    /// The number of KG relations (without the reserved self relation).
    package var relationCount: Int { relations.count }
    /// The relation index of the padding self-loop of an entity without neighbours.
    package var selfRelation: Int32 { Int32(relations.count) }
    /// The number of undirected edges (each counted once).
    package var edgeCount: Int { neighbours.count / 2 }

    /// Reads the knowledge graph of `snapshot`; `items` are the snapshot nodes of the items in
    /// their model order (`InteractionMatrix.items`), which become entities 0..<items.count.
    ///
    /// - Complexity: O(nodes + relations × nodes + edges).
    public init(snapshot: GraphSnapshot, items: [Int32]) {
        var index = [Int32](repeating: -1, count: snapshot.nodeCount)
        var order: [Int32] = []
        order.reserveCapacity(snapshot.nodeCount)
        for item in items {
            precondition(Int(item) < snapshot.nodeCount && snapshot.kinds[Int(item)] == .item,
                         "node \(item) is not an item of the snapshot")
            precondition(index[Int(item)] < 0, "item node \(item) listed twice")
            index[Int(item)] = Int32(order.count)
            order.append(item)
        }
        for node in 0..<snapshot.nodeCount where snapshot.kinds[node] != .user && index[node] < 0 {
            index[node] = Int32(order.count)
            order.append(Int32(node))
        }
        entities = order
        entityIndex = index
        itemCount = items.count

        var heads: [Int32] = [], tails: [Int32] = [], kinds: [Int32] = []
        var chosen: [Int32] = [], names: [String] = []
        for relation in snapshot.relations where !relation.isInteraction {
            let csr = snapshot.forward[Int(relation.id)]
            let dense = Int32(chosen.count)
            var used = false
            for source in 0..<csr.rowCount where index[source] >= 0 {
                for p in csr.range(source) where index[Int(csr.targets[p])] >= 0 {
                    heads.append(index[source])
                    tails.append(index[Int(csr.targets[p])])
                    kinds.append(dense)
                    used = true
                }
            }
            if used {
                chosen.append(relation.id)
                names.append(relation.name)
            }
        }
        relations = chosen
        relationNames = names

        // Counting sort of both directions of every edge by entity: a row lists its edges in
        // (relation, head row order) order, the order they were read, so the graph is deterministic.
        let n = order.count
        var counts = [Int32](repeating: 0, count: n + 1)
        for e in 0..<heads.count {
            counts[Int(heads[e]) + 1] += 1
            counts[Int(tails[e]) + 1] += 1
        }
        for e in 0..<n { counts[e + 1] += counts[e] }
        offsets = counts
        var cursor = counts
        var adjacent = [Int32](repeating: 0, count: 2 * heads.count)
        var adjacentRelations = [Int32](repeating: 0, count: 2 * heads.count)
        for e in 0..<heads.count {
            let h = Int(heads[e]), t = Int(tails[e])
            adjacent[Int(cursor[h])] = tails[e]
            adjacentRelations[Int(cursor[h])] = kinds[e]
            cursor[h] += 1
            adjacent[Int(cursor[t])] = heads[e]
            adjacentRelations[Int(cursor[t])] = kinds[e]
            cursor[t] += 1
        }
        neighbours = adjacent
        edgeRelations = adjacentRelations
    }

    /// The number of (neighbour, relation) entries of entity `e`.
    @inline(__always)
    public func degree(_ e: Int) -> Int { Int(offsets[e + 1] - offsets[e]) }

    /// The positions of entity `e`'s entries in `neighbours` and `edgeRelations`.
    @inline(__always)
    public func range(_ e: Int) -> Range<Int> { Int(offsets[e])..<Int(offsets[e + 1]) }

    /// The name of a relation index, `self` for `selfRelation`.
    package func relationName(_ relation: Int32) -> String {
        relation == selfRelation ? "self" : relationNames[Int(relation)]
    }

    /// Samples `k` (neighbour, relation) pairs for every entity, once (KGCN §3.2, the reference
    /// `construct_adj`): uniformly without replacement when the entity has at least `k` entries,
    /// uniformly with replacement when it has fewer, and `k` copies of (itself, `selfRelation`)
    /// when it has none. Entities are visited in index order from one generator, so the table
    /// depends only on the graph and the generator's state.
    ///
    /// - Complexity: O(entities · k + edges).
    package func sampleNeighbours<G: RandomNumberGenerator>(k: Int, using rng: inout G) -> NeighbourTable {
        precondition(k > 0, "the neighbour sample size must be positive, got \(k)")
        let n = entityCount
        var sampledNeighbours = [Int32](repeating: 0, count: n * k)
        var sampledRelations = [Int32](repeating: 0, count: n * k)
        var scratch: [Int] = []
        for e in 0..<n {
            let base = Int(offsets[e]), degree = self.degree(e), row = e * k
            if degree == 0 {
                for j in 0..<k {
                    sampledNeighbours[row + j] = Int32(e)
                    sampledRelations[row + j] = selfRelation
                }
            } else if degree < k {
                for j in 0..<k {
                    let p = base + KnowledgeGraph.draw(below: degree, using: &rng)
                    sampledNeighbours[row + j] = neighbours[p]
                    sampledRelations[row + j] = edgeRelations[p]
                }
            } else {
                // A partial Fisher–Yates shuffle of the positions: the first k are a uniform
                // sample without replacement, in the order drawn.
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: 0..<degree)
                for j in 0..<k {
                    let pick = j + KnowledgeGraph.draw(below: degree - j, using: &rng)
                    scratch.swapAt(j, pick)
                    sampledNeighbours[row + j] = neighbours[base + scratch[j]]
                    sampledRelations[row + j] = edgeRelations[base + scratch[j]]
                }
            }
        }
        return NeighbourTable(k: k, entityCount: n, relationCount: relationCount + 1,
                              neighbours: sampledNeighbours, relations: sampledRelations)
    }

    /// A uniform integer in 0..<bound: the high word of next() × bound (bias below bound / 2⁶⁴).
    /// Written out rather than `Int.random(in:using:)` so that the draws are specified here.
    @inline(__always)
    static func draw<G: RandomNumberGenerator>(below bound: Int, using rng: inout G) -> Int {
        Int(rng.next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
