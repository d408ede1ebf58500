import CSQLite
import KGGraph

/// What applying one import changed.
public struct ApplyReport: Sendable, Equatable {
    public var revision: Int64
    public var nodesAdded: Int
    public var nodesUpdated: Int
    var relationsAdded: Int
    public var edgesAdded: Int
    public var edgesUpdated: Int
    public var propertiesAdded: Int
    public var labelledPairs: Int
}

extension GraphStore {
    /// Writes a delta in one transaction: every node, edge, property and pair lands, or
    /// nothing does and the store keeps its previous revision.
    ///
    /// Nodes are matched by external id. A node stored as `entity` takes a more specific kind
    /// from the delta; two different specific kinds are a `StoreError.kindConflict`. Edges are
    /// keyed by (source, relation, target): re-importing an edge updates its weight,
    /// timestamp and split.
    @discardableResult
    public func apply(_ delta: GraphDelta, source: String, format: String) throws(StoreError) -> ApplyReport {
        do {
            return try database.transaction { () throws(StoreError) -> ApplyReport in
                try write(delta, source: source, format: format)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, message: "\(error)", sql: nil)
        }
    }

    private func write(_ delta: GraphDelta, source: String, format: String) throws(StoreError) -> ApplyReport {
        var report = ApplyReport(revision: 0, nodesAdded: 0, nodesUpdated: 0, relationsAdded: 0,
                                 edgesAdded: 0, edgesUpdated: 0, propertiesAdded: 0, labelledPairs: 0)
        let nodeIDs = try writeNodes(delta, report: &report)
        let relationIDs = try writeRelations(delta, report: &report)
        try writeEdges(delta, nodeIDs: nodeIDs, relationIDs: relationIDs, report: &report)

        let property = try database.prepare(
            "INSERT OR IGNORE INTO properties(node, key, type, value) VALUES (?1, ?2, ?3, ?4)")
        for p in delta.properties {
            property.bind(1, nodeIDs[Int(p.node)])
            property.bind(2, p.key)
            switch p.value {
            case .string(let s): property.bind(3, Int64(0)); property.bind(4, s)
            case .number(let n): property.bind(3, Int64(1)); property.bind(4, n)
            case .bool(let b): property.bind(3, Int64(2)); property.bind(4, Int64(b ? 1 : 0))
            }
            try property.run()
            report.propertiesAdded += Int(sqlite3_changes(database.handle))
        }

        let pair = try database.prepare(
            "INSERT OR REPLACE INTO labelled_pairs(user, item, label, split) VALUES (?1, ?2, ?3, ?4)")
        for p in delta.labelledPairs {
            pair.bind(1, nodeIDs[Int(p.user)])
            pair.bind(2, nodeIDs[Int(p.item)])
            pair.bind(3, Int64(p.label ? 1 : 0))
            pair.bind(4, Int64(p.split.rawValue))
            try pair.run()
        }
        report.labelledPairs = delta.labelledPairs.count

        try recordIDNamespaces(delta.idNamespaces)
        report.revision = try bumpRevision()
        let log = try database.prepare("""
            INSERT INTO imports(source, format, revision, nodes, edges, at)
            VALUES (?1, ?2, ?3, ?4, ?5, strftime('%s', 'now'))
            """)
        log.bind(1, source)
        log.bind(2, format)
        log.bind(3, report.revision)
        log.bind(4, delta.nodeCount)
        log.bind(5, delta.edges.count)
        try log.run()
        return report
    }

    /// Adds the delta's id namespaces to the ones earlier imports recorded (`meta`
    /// `id_namespaces`, one per line), which snapshots use to find a node by its full IRI.
    private func recordIDNamespaces(_ namespaces: [String]) throws(StoreError) {
        guard !namespaces.isEmpty else { return }
        var known = try idNamespaces()
        for namespace in namespaces where !namespace.isEmpty && !namespace.contains("\n") && !known.contains(namespace) {
            known.append(namespace)
        }
        try setMetaValue("id_namespaces", known.joined(separator: "\n"))
    }

    /// The id namespaces of every import so far.
    func idNamespaces() throws(StoreError) -> [String] {
        (try metaValue("id_namespaces") ?? "").split(separator: "\n").map(String.init)
    }

    /// Inserts or matches every node of the delta; returns the store id of each local index.
    private func writeNodes(_ delta: GraphDelta, report: inout ApplyReport) throws(StoreError) -> [Int64] {
        var ids = [Int64](repeating: 0, count: delta.nodeCount)
        let storeIsEmpty = try count("nodes") == 0
        let find = try database.prepare("SELECT id, kind, label FROM nodes WHERE ext = ?1")
        let insert = try database.prepare("INSERT INTO nodes(kind, ext, label) VALUES (?1, ?2, ?3)")
        let update = try database.prepare("UPDATE nodes SET kind = ?2, label = coalesce(?3, label) WHERE id = ?1")
        for i in 0..<delta.nodeCount {
            let ext = delta.nodeIDs[i], kind = delta.nodeKinds[i], label = delta.nodeLabels[i]
            if !storeIsEmpty {
                find.bind(1, ext)
                if try find.step() {
                    let id = find.int64(0)
                    let existing = NodeKind(rawValue: UInt8(truncatingIfNeeded: find.int64(1))) ?? .entity
                    let existingLabel = find.optionalString(2)
                    find.reset()
                    guard let merged = existing.merged(with: kind) else {
                        throw .kindConflict(id: ext, existing: existing.withArticle, new: kind.withArticle)
                    }
                    if merged != existing || (label != nil && label != existingLabel) {
                        update.bind(1, id)
                        update.bind(2, Int64(merged.rawValue))
                        update.bind(3, label)
                        try update.run()
                        report.nodesUpdated += 1
                    }
                    ids[i] = id
                    continue
                }
                find.reset()
            }
            insert.bind(1, Int64(kind.rawValue))
            insert.bind(2, ext)
            insert.bind(3, label)
            try insert.run()
            ids[i] = database.lastInsertedRowID
            report.nodesAdded += 1
        }
        return ids
    }

    private func writeRelations(_ delta: GraphDelta, report: inout ApplyReport) throws(StoreError) -> [Int64] {
        let find = try database.prepare("SELECT id FROM relations WHERE name = ?1")
        let insert = try database.prepare("INSERT INTO relations(name) VALUES (?1)")
        var ids: [Int64] = []
        for name in delta.relationNames {
            find.bind(1, name)
            if try find.step() {
                ids.append(find.int64(0))
                find.reset()
                continue
            }
            find.reset()
            insert.bind(1, name)
            try insert.run()
            ids.append(database.lastInsertedRowID)
            report.relationsAdded += 1
        }
        return ids
    }

    private func writeEdges(_ delta: GraphDelta, nodeIDs: [Int64], relationIDs: [Int64],
                            report: inout ApplyReport) throws(StoreError) {
        let before = try count("edges")
        let insert = try database.prepare("""
            INSERT INTO edges(src, rel, dst, weight, ts, split) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(src, rel, dst) DO UPDATE
            SET weight = excluded.weight, ts = excluded.ts, split = excluded.split
            """)
        for e in delta.edges {
            insert.bind(1, nodeIDs[Int(e.source)])
            insert.bind(2, relationIDs[Int(e.relation)])
            insert.bind(3, nodeIDs[Int(e.target)])
            insert.bind(4, e.weight.map(Double.init))
            insert.bind(5, e.timestamp)
            insert.bind(6, Int64(e.split.rawValue))
            try insert.run()
        }
        report.edgesAdded = try count("edges") - before
        report.edgesUpdated = delta.edges.count - report.edgesAdded
    }

    func count(_ table: String) throws(StoreError) -> Int {
        let statement = try database.prepare("SELECT count(*) FROM \(table)")
        return try statement.step() ? Int(statement.int64(0)) : 0
    }
}
