import CSQLite
import KGGraph

/// What retiring, unretiring or deleting one node changed.
public struct CatalogChangeReport: Sendable, Equatable {
    /// The store's revision after the change (unchanged when nothing changed).
    public var revision: Int64
    /// Whether anything changed (retiring a retired node does not).
    public var changed: Bool
    /// Edges removed with a deleted node.
    public var edgesRemoved: Int
    /// Property values removed with a deleted node.
    public var propertiesRemoved: Int
}

/// What forgetting a user removed.
public struct ForgetReport: Sendable, Equatable {
    public var change: CatalogChangeReport
    /// Checkpoints dropped: every one had learned from the user.
    public var checkpointsDropped: Int
    /// The receipt the audit table records instead of the id.
    public var receipt: String
}

/// The living catalog: a product taken off sale stays in the graph (`retire`), or goes
/// altogether (`delete`).
extension GraphStore {
    /// The property a retired node carries; the query engine never recommends such a node.
    public static let retiredProperty = CatalogProperty.retired

    /// Marks the node `ext` retired (a `retired` property, true): it stays in the graph, in the
    /// history and in training, and is never recommended. Nil when no node has that id.
    public func retire(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) in try setRetired(id, true) }
    }

    /// Lifts a retirement. Nil when no node has that id.
    public func unretire(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) in try setRetired(id, false) }
    }

    /// Adds or removes the `retired` property of the node `id`.
    private func setRetired(_ id: Int64, _ retired: Bool) throws(StoreError) -> CatalogChangeReport {
        let statement = try database.prepare(retired
            ? "INSERT OR IGNORE INTO properties(node, key, type, value) VALUES (?1, ?2, 2, 1)"
            : "DELETE FROM properties WHERE node = ?1 AND key = ?2")
        statement.bind(1, id)
        statement.bind(2, Self.retiredProperty)
        try statement.run()
        return CatalogChangeReport(revision: 0, changed: sqlite3_changes(database.handle) > 0, edgesRemoved: 0,
                                   propertiesRemoved: 0)
    }

    /// Deletes the node `ext` with every edge that touches it, its properties and its labelled
    /// pairs, in one transaction. Nil when no node has that id.
    public func delete(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) in try erase(id) }
    }

    /// Removes the node `id` with its edges, properties and labelled pairs.
    private func erase(_ id: Int64) throws(StoreError) -> CatalogChangeReport {
        var removed: [Int] = []
        for sql in ["DELETE FROM edges WHERE src = ?1", "DELETE FROM edges WHERE dst = ?1",
                    "DELETE FROM properties WHERE node = ?1",
                    "DELETE FROM labelled_pairs WHERE user = ?1 OR item = ?1", "DELETE FROM nodes WHERE id = ?1"] {
            let statement = try database.prepare(sql)
            statement.bind(1, id)
            try statement.run()
            removed.append(Int(sqlite3_changes(database.handle)))
        }
        return CatalogChangeReport(revision: 0, changed: true, edgesRemoved: removed[0] + removed[1],
                                   propertiesRemoved: removed[2])
    }

    /// Forgets the user `ext`: the node, every edge and property and labelled pair of theirs, and
    /// every checkpoint (each learned from the user's interactions, and holds their embedding),
    /// with SQLite's `secure_delete` on so the freed bytes are zeroed, then the write-ahead log
    /// folded into the file and truncated. The audit table records the time and `receipt`, not
    /// the id. Nil when no user has that id.
    public func forget(user ext: String, receipt: String) throws(StoreError) -> ForgetReport? {
        try database.execute("PRAGMA secure_delete = ON")
        defer { try? database.execute("PRAGMA secure_delete = OFF") }
        var checkpoints = 0
        let change = try change(ext, kind: .user) { (id) throws(StoreError) -> CatalogChangeReport in
            let report = try erase(id)
            try database.execute("DELETE FROM checkpoints")
            checkpoints = Int(sqlite3_changes(database.handle))
            let audit = try database.prepare("INSERT INTO forgotten(at, receipt) VALUES (strftime('%s', 'now'), ?1)")
            audit.bind(1, receipt)
            try audit.run()
            return report
        }
        guard let change else { return nil }
        try checkpointWAL()
        return ForgetReport(change: change, checkpointsDropped: checkpoints, receipt: receipt)
    }

    /// Runs `body` on the store id of `ext` in one transaction, bumping the revision when it
    /// changed something.
    private func change(_ ext: String, kind: NodeKind? = nil, _ body: (Int64) throws(StoreError) -> CatalogChangeReport)
        throws(StoreError) -> CatalogChangeReport? {
        do {
            return try database.transaction { () throws(StoreError) -> CatalogChangeReport? in
                let find = try database.prepare("SELECT id, kind FROM nodes WHERE ext = ?1")
                find.bind(1, ext)
                guard try find.step() else { return nil }
                let id = find.int64(0)
                let found = NodeKind(rawValue: UInt8(truncatingIfNeeded: find.int64(1)))
                find.reset()
                if let kind, found != kind { return nil }
                var report = try body(id)
                report.revision = report.changed ? try bumpRevision() : try revision
                return report
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, message: "\(error)", sql: nil)
        }
    }
}
