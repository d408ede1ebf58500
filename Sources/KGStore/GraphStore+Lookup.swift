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

    /// The ids of `ids` that name a node of any kind in the store.
    ///
    /// - Complexity: one indexed lookup per id.
    package func existingIDs(_ ids: [String]) throws(StoreError) -> Set<String> {
        let find = try database.prepare("SELECT 1 FROM nodes WHERE ext = ?1")
        var found = Set<String>()
        for id in ids {
            find.bind(1, id)
            if try find.step() { found.insert(id) }
            find.reset()
        }
        return found
    }

    /// Whether any import so far was in one of `formats` (the RDF formats: a catalog or an
    /// ontology), so that interactions are checked against the items it describes.
    package func hasImported(formats: [String]) throws(StoreError) -> Bool {
        guard !formats.isEmpty else { return false }
        let placeholders = formats.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let statement = try database.prepare("SELECT 1 FROM imports WHERE format IN (\(placeholders)) LIMIT 1")
        for (i, format) in formats.enumerated() { statement.bind(Int32(i + 1), format) }
        return try statement.step()
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
