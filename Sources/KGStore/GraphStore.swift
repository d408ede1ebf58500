#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

/// How a command opens a store: reading only, writing an existing store, or creating one.
public enum StoreAccess: Sendable, Equatable {
    /// Queries, statistics, evaluation: the file is never written.
    case readOnly
    /// Writes to a store that must already exist.
    case readWrite
    /// Writes, creating the store when the file is absent or empty.
    case create
}

/// The persistent graph: one SQLite file holding nodes, relations, edges, properties,
/// labelled pairs, the import log and model checkpoints.
///
/// Every write is one transaction (an import either lands whole or not at all), and every
/// successful write bumps the store's revision, which snapshots and checkpoints record.
public final class GraphStore {
    /// The store file's path.
    public let path: String
    let database: Database

    /// Opens the store at `path`.
    ///
    /// Nothing is written to a file before it is known to be a kgrec store: a file that is not
    /// SQLite, an empty file (unless `access` is `.create`) and a SQLite database of another
    /// program are refused untouched. A read-only open writes nothing at all; a writable one
    /// switches the store to WAL and brings its schema up to date.
    public init(path: String, access: StoreAccess = .create, busy: BusyWait = BusyWait()) throws(StoreError) {
        self.path = path
        let isNew = try GraphStore.checkFile(path, access: access)
        database = try Database(path: path, create: access == .create, readOnly: access == .readOnly, busy: busy)
        let version = try validate(isNew: isNew)
        guard access != .readOnly else { return }
        try configure()
        try migrate(from: version)
    }

    /// Opens the store at `path` for writing, creating it (and its schema) when `create` is true.
    public convenience init(path: String, create: Bool) throws(StoreError) {
        try self.init(path: path, access: create ? .create : .readWrite)
    }

    /// Looks at the file before SQLite does; returns whether it is a new (absent or empty) store.
    private static func checkFile(_ path: String, access: StoreAccess) throws(StoreError) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT {
                guard access == .create else {
                    throw .cannotOpen(path: path, reason: "no such file (import data first, or check --store)")
                }
                return true
            }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotOpen(path: path, reason: "it is not a regular file")
        }
        if info.st_size == 0 {
            guard access == .create else {
                throw .incompatible(path: path, reason: "the file is empty; import data into it to make it a store")
            }
            return true
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        guard count == 16, header == Array("SQLite format 3\0".utf8) else {
            throw .incompatible(path: path, reason: "it is not a SQLite database; check --store")
        }
        return false
    }

    /// Checks that the open file is a kgrec store (or empty and new), reading only; returns
    /// its schema version.
    private func validate(isNew: Bool) throws(StoreError) -> Int {
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
        } else if !isNew {
            throw .incompatible(path: path, reason: "it is an empty SQLite database, not a kgrec store")
        }
        return version
    }

    private func configure() throws(StoreError) {
        // WAL lets readers (a REPL, a query) run while a training job writes a checkpoint.
        let mode = try database.prepare("PRAGMA journal_mode=WAL")
        _ = try mode.step()
        try database.execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;")
    }

    private func migrate(from version: Int) throws(StoreError) {
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

    /// The model queries without `using` rank with, when one was set (`set default model`).
    public var defaultModel: String? {
        get throws(StoreError) { try metaValue("default_model") }
    }

    /// Records the default model; `paths` (the model-free scorer) is stored like any other.
    public func setDefaultModel(_ name: String) throws(StoreError) { try setMetaValue("default_model", name) }

    /// The number of successful writes since the store was created.
    public var revision: Int64 {
        get throws(StoreError) { Int64(try metaValue("revision") ?? "0") ?? 0 }
    }

    func bumpRevision() throws(StoreError) -> Int64 {
        let next = try revision + 1
        try setMetaValue("revision", String(next))
        return next
    }

    /// What SQLite's `PRAGMA integrity_check` finds wrong with the file; empty when it is sound.
    package func integrityProblems() throws(StoreError) -> [String] {
        let check = try database.prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try check.step() { lines.append(check.string(0)) }
        return lines == ["ok"] ? [] : lines
    }

    /// Folds the write-ahead log into the main file, so the `.db` file alone holds the data.
    package func checkpointWAL() throws(StoreError) {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
