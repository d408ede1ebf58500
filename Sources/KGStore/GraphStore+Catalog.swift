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

/// The living catalog: a product taken off sale stays in the graph (`retire`), or goes
/// altogether (`delete`).
extension GraphStore {
    /// The property a retired node carries; the query engine never recommends such a node.
    public static let retiredProperty = CatalogProperty.retired

    /// Marks the node `ext` retired (a `retired` property, true): it stays in the graph, in the
    /// history and in training, and is never recommended. Nil when no node has that id.
    public func retire(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) -> CatalogChangeReport in
            let insert = try database.prepare(
                "INSERT OR IGNORE INTO properties(node, key, type, value) VALUES (?1, ?2, 2, 1)")
            insert.bind(1, id)
            insert.bind(2, Self.retiredProperty)
            try insert.run()
            return CatalogChangeReport(revision: 0, changed: sqlite3_changes(database.handle) > 0, edgesRemoved: 0,
                                       propertiesRemoved: 0)
        }
    }

    /// Lifts a retirement. Nil when no node has that id.
    public func unretire(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) -> CatalogChangeReport in
            let remove = try database.prepare("DELETE FROM properties WHERE node = ?1 AND key = ?2")
            remove.bind(1, id)
            remove.bind(2, Self.retiredProperty)
            try remove.run()
            return CatalogChangeReport(revision: 0, changed: sqlite3_changes(database.handle) > 0, edgesRemoved: 0,
                                       propertiesRemoved: 0)
        }
    }

    /// Deletes the node `ext` with every edge that touches it, its properties and its labelled
    /// pairs, in one transaction. Nil when no node has that id.
    public func delete(_ ext: String) throws(StoreError) -> CatalogChangeReport? {
        try change(ext) { (id) throws(StoreError) -> CatalogChangeReport in
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
    }

    /// Runs `body` on the store id of `ext` in one transaction, bumping the revision when it
    /// changed something.
    private func change(_ ext: String, _ body: (Int64) throws(StoreError) -> CatalogChangeReport)
        throws(StoreError) -> CatalogChangeReport? {
        do {
            return try database.transaction { () throws(StoreError) -> CatalogChangeReport? in
                let find = try database.prepare("SELECT id FROM nodes WHERE ext = ?1")
                find.bind(1, ext)
                guard try find.step() else { return nil }
                let id = find.int64(0)
                find.reset()
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
