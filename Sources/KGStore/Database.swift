import CSQLite

/// One open SQLite connection. Owns the `sqlite3*` handle and closes it in `deinit`.
///
/// Not thread-safe: a `Database` belongs to one thread at a time (SQLITE_OPEN_NOMUTEX).
final class Database {
    let path: String
    private(set) var handle: OpaquePointer?

    /// Opens (and with `create`, creates) the database file at `path`.
    init(path: String, create: Bool, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX
        if readOnly { flags |= SQLITE_OPEN_READONLY } else { flags |= SQLITE_OPEN_READWRITE }
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            // sqlite3_open_v2 returns a handle even on failure; it must still be closed
            // (https://sqlite.org/c3ref/open.html).
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw .cannotOpen(path: path, reason: rc == SQLITE_CANTOPEN && !create
                ? "no such file (import data first, or check --store)" : reason)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        // close_v2 defers the close until every statement is finalized
        // (https://sqlite.org/c3ref/close.html), so statement lifetimes cannot bite here.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that take no parameters and return no rows.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw .sqlite(code: rc, message: text, sql: sql)
        }
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The last error SQLite reported on this connection.
    func lastError(_ rc: Int32, sql: String?) -> StoreError {
        .sqlite(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// The rowid of the last row inserted on this connection.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// `PRAGMA user_version`: the schema version the migrations have reached.
    var userVersion: Int {
        get throws(StoreError) {
            let statement = try prepare("PRAGMA user_version")
            return try statement.step() ? Int(statement.int64(0)) : 0
        }
    }
}
