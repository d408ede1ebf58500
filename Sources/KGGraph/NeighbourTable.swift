/// A fixed-size sample of every entity's neighbourhood: entity e's `k` sampled neighbours are
/// `neighbours[e*k ..< (e+1)*k]`, reached by `relations` at the same positions.
///
/// KGCN (Wang et al., WWW 2019) draws this table once before training, so that every entity's
/// receptive field has the same shape (batch × k^h at hop h) and a batch is a few gathers.
/// Built by `KnowledgeGraph.sampleNeighbours(k:using:)`.
package struct NeighbourTable: Sendable, Equatable {
    /// Neighbours per entity.
    package let k: Int
    package let entityCount: Int
    /// The size of the relation index space, the padding self relation included.
    package let relationCount: Int
    /// entityCount × k neighbour entity indices, row-major.
    package let neighbours: [Int32]
    /// entityCount × k relation indices, row-major.
    package let relations: [Int32]

    package init(k: Int, entityCount: Int, relationCount: Int, neighbours: [Int32], relations: [Int32]) {
        precondition(k > 0 && neighbours.count == entityCount * k && relations.count == entityCount * k,
                     "a neighbour table of \(entityCount) × \(k) needs that many entries, got \(neighbours.count) and \(relations.count)")
        self.k = k
        self.entityCount = entityCount
        self.relationCount = relationCount
        self.neighbours = neighbours
        self.relations = relations
    }

    /// The sampled (neighbour, relation) pairs of entity `e`.
    package func sample(of e: Int) -> [(neighbour: Int32, relation: Int32)] {
        (e * k..<(e + 1) * k).map { (neighbours[$0], relations[$0]) }
    }

    /// The receptive field of `seeds` over `hops` hops: level 0 is the seeds, level h + 1 lists
    /// the k sampled neighbours of each level-h entity in order (seeds.count · k^(h+1) entries),
    /// with the relations that reach them. The flattened layout KGCN's layers work on.
    package func receptiveField(of seeds: [Int32], hops: Int) -> (entities: [[Int32]], relations: [[Int32]]) {
        precondition(hops >= 0, "hops must be non-negative, got \(hops)")
        var entities = [seeds], relations: [[Int32]] = []
        for h in 0..<hops {
            let level = entities[h]
            var nextEntities = [Int32](repeating: 0, count: level.count * k)
            var nextRelations = [Int32](repeating: 0, count: level.count * k)
            for (position, entity) in level.enumerated() {
                precondition(entity >= 0 && Int(entity) < entityCount, "entity \(entity) outside 0..<\(entityCount)")
                let source = Int(entity) * k, target = position * k
                for j in 0..<k {
                    nextEntities[target + j] = neighbours[source + j]
                    nextRelations[target + j] = self.relations[source + j]
                }
            }
            entities.append(nextEntities)
            relations.append(nextRelations)
        }
        return (entities, relations)
    }
}
