import CSQLite
import KGGraph

/// What applying one import changed, fact by fact: new, changed, unchanged and removed.
public struct ApplyReport: Sendable, Equatable {
    /// The store's revision after the import: a new one when anything changed, else the old one.
    public var revision: Int64
    public var nodesAdded: Int
    /// Nodes whose kind or label the import changed.
    public var nodesUpdated: Int
    var relationsAdded: Int
    public var edgesAdded: Int
    /// Edges already stored whose weight, timestamp or split the import changed.
    public var edgesUpdated: Int
    /// Edges the import names exactly as stored.
    public var edgesUnchanged: Int
    /// Edges of a described subject the import no longer names (replace mode).
    public var edgesRemoved: Int
    /// Property keys a node did not have.
    public var propertiesAdded: Int
    /// Property keys whose values the import changed (replace mode; merge mode only adds values).
    public var propertiesChanged: Int
    /// Property keys whose values the import repeats exactly.
    public var propertiesUnchanged: Int
    public var labelledPairs: Int

    /// Whether the import changed nothing (so the revision stayed).
    public var changedNothing: Bool {
        nodesAdded == 0 && nodesUpdated == 0 && relationsAdded == 0 && edgesAdded == 0 && edgesUpdated == 0
            && edgesRemoved == 0 && propertiesAdded == 0 && propertiesChanged == 0 && labelledPairs == 0
    }
}

/// How an import treats what the store already says about the subjects it describes.
public enum ApplyMode: String, Sendable, CaseIterable {
    /// The import's values replace a described subject's values of each property key it gives,
    /// and its edges replace the subject's outgoing edges of each relation it gives (a catalog's
    /// new price replaces the old one; a dropped category is removed).
    case replace
    /// Values and edges are added to what is stored; nothing is removed.
    case merge
}

extension GraphStore {
    /// Writes a delta in one transaction: every node, edge, property and pair lands, or
    /// nothing does and the store keeps its previous revision.
    ///
    /// Nodes are matched by external id. A node stored as `entity` takes a more specific kind
    /// from the delta; two different specific kinds are a `StoreError.kindConflict`. Edges are
    /// keyed by (source, relation, target): re-importing an edge updates its weight,
    /// timestamp and split.
    ///
    /// With `.replace`, a subject's stored values of each property key the delta gives, and its
    /// outgoing edges of each relation the delta gives it, become exactly the delta's. An import
    /// that changes nothing keeps the revision and is not logged.
    @discardableResult
    public func apply(_ delta: GraphDelta, source: String, format: String, mode: ApplyMode = .merge) throws(StoreError)
        -> ApplyReport {
        do {
            return try database.transaction { () throws(StoreError) -> ApplyReport in
                try write(delta, source: source, format: format, mode: mode)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, message: "\(error)", sql: nil)
        }
    }

    private func write(_ delta: GraphDelta, source: String, format: String, mode: ApplyMode) throws(StoreError)
        -> ApplyReport {
        var report = ApplyReport(revision: 0, nodesAdded: 0, nodesUpdated: 0, relationsAdded: 0, edgesAdded: 0,
                                 edgesUpdated: 0, edgesUnchanged: 0, edgesRemoved: 0, propertiesAdded: 0,
                                 propertiesChanged: 0, propertiesUnchanged: 0, labelledPairs: 0)
        let nodeIDs = try writeNodes(delta, report: &report)
        let relationIDs = try writeRelations(delta, report: &report)
        try writeEdges(delta, nodeIDs: nodeIDs, relationIDs: relationIDs, report: &report)
        if mode == .replace { try removeEdgesNotNamed(delta, nodeIDs: nodeIDs, relationIDs: relationIDs, report: &report) }
        try writeProperties(delta, nodeIDs: nodeIDs, mode: mode, report: &report)

        let pair = try database.prepare("""
            INSERT INTO labelled_pairs(user, item, label, split) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT(user, item) DO UPDATE SET label = excluded.label, split = excluded.split
            WHERE label IS NOT excluded.label OR split IS NOT excluded.split
            """)
        for p in delta.labelledPairs {
            pair.bind(1, nodeIDs[Int(p.user)])
            pair.bind(2, nodeIDs[Int(p.item)])
            pair.bind(3, Int64(p.label ? 1 : 0))
            pair.bind(4, Int64(p.split.rawValue))
            try pair.run()
            report.labelledPairs += Int(sqlite3_changes(database.handle))
        }

        let namespacesAdded = try recordIDNamespaces(delta.idNamespaces)
        if report.changedNothing && !namespacesAdded {
            report.revision = try revision
            return report
        }
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
    /// `id_namespaces`, one per line), which snapshots use to find a node by its full IRI;
    /// returns whether any was new.
    private func recordIDNamespaces(_ namespaces: [String]) throws(StoreError) -> Bool {
        guard !namespaces.isEmpty else { return false }
        let known = try idNamespaces()
        var all = known
        for namespace in namespaces where !namespace.isEmpty && !namespace.contains("\n") && !all.contains(namespace) {
            all.append(namespace)
        }
        guard all.count > known.count else { return false }
        try setMetaValue("id_namespaces", all.joined(separator: "\n"))
        return true
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
        // Only a real change touches a stored edge, so the changes SQLite counts are the edges
        // added or changed.
        let insert = try database.prepare("""
            INSERT INTO edges(src, rel, dst, weight, ts, split) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(src, rel, dst) DO UPDATE
            SET weight = excluded.weight, ts = excluded.ts, split = excluded.split
            WHERE weight IS NOT excluded.weight OR ts IS NOT excluded.ts OR split IS NOT excluded.split
            """)
        var touched = 0
        for e in delta.edges {
            insert.bind(1, nodeIDs[Int(e.source)])
            insert.bind(2, relationIDs[Int(e.relation)])
            insert.bind(3, nodeIDs[Int(e.target)])
            insert.bind(4, e.weight.map(Double.init))
            insert.bind(5, e.timestamp)
            insert.bind(6, Int64(e.split.rawValue))
            try insert.run()
            touched += Int(sqlite3_changes(database.handle))
        }
        report.edgesAdded = try count("edges") - before
        report.edgesUpdated = touched - report.edgesAdded
        report.edgesUnchanged = delta.edges.count - touched
    }

    /// Replace mode: each source node's stored edges of a relation the delta gives it, to a
    /// target the delta does not name, are removed.
    private func removeEdgesNotNamed(_ delta: GraphDelta, nodeIDs: [Int64], relationIDs: [Int64],
                                     report: inout ApplyReport) throws(StoreError) {
        var named: [SubjectRelation: Set<Int64>] = [:]
        for e in delta.edges {
            named[SubjectRelation(node: nodeIDs[Int(e.source)], relation: relationIDs[Int(e.relation)]), default: []]
                .insert(nodeIDs[Int(e.target)])
        }
        let targets = try database.prepare("SELECT dst FROM edges WHERE src = ?1 AND rel = ?2")
        let remove = try database.prepare("DELETE FROM edges WHERE src = ?1 AND rel = ?2 AND dst = ?3")
        for (key, keep) in named {
            targets.bind(1, key.node)
            targets.bind(2, key.relation)
            var gone: [Int64] = []
            while try targets.step() {
                let target = targets.int64(0)
                if !keep.contains(target) { gone.append(target) }
            }
            targets.reset()
            for target in gone {
                remove.bind(1, key.node)
                remove.bind(2, key.relation)
                remove.bind(3, target)
                try remove.run()
                report.edgesRemoved += 1
            }
        }
    }

    /// Writes the delta's properties key by key: in replace mode a node's values of a key become
    /// the delta's; in merge mode the delta's values are added. Counts keys added, changed and
    /// unchanged.
    private func writeProperties(_ delta: GraphDelta, nodeIDs: [Int64], mode: ApplyMode,
                                 report: inout ApplyReport) throws(StoreError) {
        var values: [SubjectKey: [PropertyValue]] = [:]
        var order: [SubjectKey] = []
        for p in delta.properties {
            let key = SubjectKey(node: nodeIDs[Int(p.node)], key: p.key)
            if values[key] == nil { order.append(key) }
            if !(values[key]?.contains(p.value) ?? false) { values[key, default: []].append(p.value) }
        }
        let stored = try database.prepare("SELECT type, value FROM properties WHERE node = ?1 AND key = ?2")
        let remove = try database.prepare("DELETE FROM properties WHERE node = ?1 AND key = ?2")
        let insert = try database.prepare(
            "INSERT OR IGNORE INTO properties(node, key, type, value) VALUES (?1, ?2, ?3, ?4)")
        for key in order {
            let new = values[key] ?? []
            stored.bind(1, key.node)
            stored.bind(2, key.key)
            var old: [PropertyValue] = []
            while try stored.step() {
                switch stored.int64(0) {
                case 1: old.append(.number(stored.double(1)))
                case 2: old.append(.bool(stored.int64(1) != 0))
                default: old.append(.string(stored.string(1)))
                }
            }
            stored.reset()
            let sameValues = Set(old.map(\.storedForm)) == Set(new.map(\.storedForm))
            let addsNothing = new.allSatisfy { value in old.contains { $0.storedForm == value.storedForm } }
            if old.isEmpty {
                report.propertiesAdded += 1
            } else if sameValues || (mode == .merge && addsNothing) {
                report.propertiesUnchanged += 1
                continue
            } else {
                report.propertiesChanged += 1
            }
            if mode == .replace && !old.isEmpty {
                remove.bind(1, key.node)
                remove.bind(2, key.key)
                try remove.run()
            }
            for value in new {
                insert.bind(1, key.node)
                insert.bind(2, key.key)
                switch value {
                case .string(let s): insert.bind(3, Int64(0)); insert.bind(4, s)
                case .number(let n): insert.bind(3, Int64(1)); insert.bind(4, n)
                case .bool(let b): insert.bind(3, Int64(2)); insert.bind(4, Int64(b ? 1 : 0))
                }
                try insert.run()
            }
        }
    }

    func count(_ table: String) throws(StoreError) -> Int {
        let statement = try database.prepare("SELECT count(*) FROM \(table)")
        return try statement.step() ? Int(statement.int64(0)) : 0
    }
}

/// A node and one of its relations, as store ids.
private struct SubjectRelation: Hashable {
    var node: Int64
    var relation: Int64
}

/// A node and one of its property keys.
private struct SubjectKey: Hashable {
    var node: Int64
    var key: String
}

private extension PropertyValue {
    /// The value as the store compares it: its type and its text.
    var storedForm: String {
        switch self {
        case .string(let s): "s" + s
        case .number(let n): "n" + String(n)
        case .bool(let b): b ? "b1" : "b0"
        }
    }
}
