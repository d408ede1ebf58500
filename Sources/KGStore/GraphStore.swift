import CSQLite

/// The persistent graph: one SQLite file holding nodes, relations, edges, properties,
/// labelled pairs, the import log and model checkpoints.
///
/// Every write is one transaction (an import either lands whole or not at all), and every
/// successful write bumps the store's revision, which snapshots and checkpoints record.
public final class GraphStore {
    /// The store file's path.
    public let path: String
    let database: Database

    /// Opens the store at `path`, creating it (and its schema) when `create` is true.
    ///
    /// Opening an existing, current store writes nothing.
    public init(path: String, create: Bool = true) throws(StoreError) {
        self.path = path
        database = try Database(path: path, create: create)
        try configure()
        try migrate()
    }

    private func configure() throws(StoreError) {
        // WAL lets readers (a REPL, a query) run while a training job writes a checkpoint.
        let mode = try database.prepare("PRAGMA journal_mode=WAL")
        _ = try mode.step()
        try database.execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;")
    }

    private func migrate() throws(StoreError) {
        let version = try database.userVersion
        if version > Migrations.latest {
            throw .incompatible(path: path, reason:
                "its schema version \(version) is newer than this kgrec's \(Migrations.latest); upgrade kgrec")
        }
        if version > 0 {
            let format = try? metaValue("format")
            guard format == "kgrec-store" else {
                throw .incompatible(path: path, reason: "it has no kgrec metadata")
            }
        } else if try tableCount() > 0 {
            throw .incompatible(path: path, reason: "it is a SQLite database with other tables")
        }
        guard version < Migrations.latest else { return }
        do {
            try database.transaction {
                for index in version..<Migrations.latest {
                    try database.execute(Migrations.all[index])
                    try database.execute("PRAGMA user_version = \(index + 1)")
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, message: "\(error)", sql: nil)
        }
    }

    private func tableCount() throws(StoreError) -> Int {
        let statement = try database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return try statement.step() ? Int(statement.int64(0)) : 0
    }

    func metaValue(_ key: String) throws(StoreError) -> String? {
        let statement = try database.prepare("SELECT value FROM meta WHERE key = ?1")
        statement.bind(1, key)
        return try statement.step() ? statement.string(0) : nil
    }

    func setMetaValue(_ key: String, _ value: String) throws(StoreError) {
        let statement = try database.prepare(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        statement.bind(1, key)
        statement.bind(2, value)
        try statement.run()
    }

    /// The number of successful writes since the store was created.
    public var revision: Int64 {
        get throws(StoreError) { Int64(try metaValue("revision") ?? "0") ?? 0 }
    }

    func bumpRevision() throws(StoreError) -> Int64 {
        let next = try revision + 1
        try setMetaValue("revision", String(next))
        return next
    }

    /// Folds the write-ahead log into the main file, so the `.db` file alone holds the data.
    public func checkpointWAL() throws(StoreError) {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
