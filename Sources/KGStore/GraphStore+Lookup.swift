import KGGraph

/// Reading parts of the graph by external id without building a snapshot.
extension GraphStore {
    /// The external ids of every node of `kind`, in store order.
    public func externalIDs(of kind: NodeKind) throws(StoreError) -> [String] {
        let statement = try database.prepare("SELECT ext FROM nodes WHERE kind = ?1 ORDER BY id")
        statement.bind(1, Int64(kind.rawValue))
        var ids: [String] = []
        while try statement.step() { ids.append(statement.string(0)) }
        return ids
    }

    /// The (source, target) external ids of every edge of the relation `name`, in store
    /// order; empty when the store has no such relation.
    ///
    /// - Complexity: one scan of the edges table when the relation exists (edges are keyed
    ///   by source first), none otherwise.
    package func edgeExternalIDs(relation name: String) throws(StoreError) -> [(source: String, target: String)] {
        let find = try database.prepare("SELECT id FROM relations WHERE name = ?1")
        find.bind(1, name)
        guard try find.step() else { return [] }
        let relation = find.int64(0)
        let statement = try database.prepare("""
            SELECT s.ext, t.ext FROM edges e
            JOIN nodes s ON s.id = e.src
            JOIN nodes t ON t.id = e.dst
            WHERE e.rel = ?1 ORDER BY e.src, e.dst
            """)
        statement.bind(1, relation)
        var edges: [(source: String, target: String)] = []
        while try statement.step() { edges.append((statement.string(0), statement.string(1))) }
        return edges
    }
}
