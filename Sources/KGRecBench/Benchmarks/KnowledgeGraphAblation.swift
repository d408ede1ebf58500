import KGGraph
import KGTensor

/// What a benchmark run does to the knowledge graph before training: the "does the knowledge
/// graph help?" switch (`bench train --kg`, `bench kg-effect`).
public enum KnowledgeGraphAblation: String, CaseIterable, Sendable {
    /// The graph as imported.
    case real
    /// Every edge outside the interaction relations removed: the models see interactions only.
    case none
    /// Each non-interaction relation's tails permuted among its edges (seeded): the same heads,
    /// relation sizes and tail frequencies, with the facts themselves lost.
    case shuffled

    /// `source` as this mode has it; the interaction relations are those of `GraphSnapshot`.
    func apply(to source: SnapshotSource, seed: UInt64) -> SnapshotSource {
        guard self != .real else { return source }
        let interactions = Set(GraphSnapshot(source).interactionRelations)
        var result = source
        let edges = source.edges
        switch self {
        case .real:
            break
        case .none:
            var kept = SnapshotSource.Edges()
            kept.reserve(edges.sources.count)
            for e in 0..<edges.sources.count where interactions.contains(edges.relations[e]) {
                kept.append(edges.sources[e], edges.relations[e], edges.targets[e], weight: edges.weights[e], split: edges.splits[e])
            }
            result.edges = kept
        case .shuffled:
            var byRelation: [Int32: [Int]] = [:]
            for e in 0..<edges.sources.count where !interactions.contains(edges.relations[e]) {
                byRelation[edges.relations[e], default: []].append(e)
            }
            var rng = SeededRNG(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
            for relation in byRelation.keys.sorted() {
                let positions = byRelation[relation]!
                var tails = positions.map { edges.targets[$0] }
                rng.shuffle(&tails)
                for (position, tail) in zip(positions, tails) { result.edges.targets[position] = tail }
            }
        }
        return result
    }
}
