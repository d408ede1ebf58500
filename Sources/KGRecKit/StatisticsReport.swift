import KGGraph
import KGStore

/// What `kgrec stats` prints: node counts per kind, edge counts per relation and split, and
/// degree summaries (train edges) per kind.
public struct StatisticsReport: Sendable {
    /// min / median / mean / max of a degree distribution.
    public struct DegreeSummary: Sendable, Equatable {
        public var kind: NodeKind
        public var min: Int
        public var median: Double
        public var mean: Double
        public var max: Int
    }

    public var storePath: String
    public var statistics: StoreStatistics
    public var degrees: [DegreeSummary]
    /// Edges outside the user–item interactions (the knowledge graph), all splits.
    public var knowledgeGraphTriples: Int
    /// Distinct nodes those edges touch: the "entities" of the KG papers, items included.
    public var knowledgeGraphEntities: Int
    /// Relations that are not interactions.
    public var knowledgeGraphRelations: Int

    public init(storePath: String, statistics: StoreStatistics, snapshot: GraphSnapshot) {
        self.storePath = storePath
        self.statistics = statistics
        var degree = [Int](repeating: 0, count: snapshot.nodeCount)
        for r in 0..<snapshot.relations.count {
            let f = snapshot.forward[r], b = snapshot.reverse[r]
            for node in 0..<snapshot.nodeCount { degree[node] += f.degree(node) + b.degree(node) }
        }
        var touched = [Bool](repeating: false, count: snapshot.nodeCount)
        var triples = 0, relations = 0
        for relation in snapshot.relations where !relation.isInteraction && relation.trainEdgeCount > 0 {
            relations += 1
            let csr = snapshot.forward[Int(relation.id)]
            triples += csr.nonZeroCount
            for node in 0..<snapshot.nodeCount where csr.degree(node) > 0 {
                touched[node] = true
                for target in csr.neighbours(node) { touched[Int(target)] = true }
            }
        }
        knowledgeGraphTriples = triples
        knowledgeGraphEntities = touched.reduce(0) { $0 + ($1 ? 1 : 0) }
        knowledgeGraphRelations = relations
        degrees = NodeKind.allCases.compactMap { kind in
            let values = snapshot.nodes(of: kind).map { degree[Int($0)] }.sorted()
            guard !values.isEmpty else { return nil }
            let mid = values.count / 2
            let median = values.count % 2 == 1 ? Double(values[mid]) : Double(values[mid - 1] + values[mid]) / 2
            return DegreeSummary(kind: kind, min: values[0], median: median,
                                 mean: Double(values.reduce(0, +)) / Double(values.count), max: values[values.count - 1])
        }
    }

    /// The relations, most edges first (ties by name).
    public var relationsBySize: [StoreStatistics.RelationCount] {
        statistics.relations.sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
    }
}
