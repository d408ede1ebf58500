import CSQLite

/// One open SQLite connection. Owns the `sqlite3*` handle and closes it in `deinit`.
///
/// Not thread-safe: a `Database` belongs to one thread at a time (SQLITE_OPEN_NOMUTEX).
final class Database {
    let path: String
    private(set) var handle: OpaquePointer?
    /// Decides how long to wait when another process holds the file's write lock.
    private let busyWait: BusyWaiter

    /// Opens the database file at `path`: read-only, or read-write (creating it with `create`).
    ///
    /// A read-only open of a WAL-mode file in a directory kgrec cannot write to (where SQLite
    /// cannot create the `-shm` file) falls back to SQLite's `immutable` mode, which reads the
    /// file as it is (https://sqlite.org/wal.html#readonly).
    init(path: String, create: Bool, readOnly: Bool = false, busy: BusyWait = BusyWait()) throws(StoreError) {
        self.path = path
        self.busyWait = BusyWaiter(busy, path: path)
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        if readOnly { flags |= SQLITE_OPEN_READONLY } else { flags |= SQLITE_OPEN_READWRITE }
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        handle = try Database.open(Database.uri(path), flags: flags, path: path, create: create)
        if readOnly, !Database.canRead(handle) {
            sqlite3_close_v2(handle)
            handle = try Database.open(Database.uri(path, immutable: true), flags: flags, path: path, create: false)
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_handler(handle, { context, attempts in
            guard let context else { return 0 }
            return Unmanaged<BusyWaiter>.fromOpaque(context).takeUnretainedValue().shouldRetry(attempts: attempts)
        }, Unmanaged.passUnretained(busyWait).toOpaque())
    }

    private static func open(_ uri: String, flags: Int32, path: String, create: Bool) throws(StoreError) -> OpaquePointer {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(uri, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            // sqlite3_open_v2 returns a handle even on failure; it must still be closed
            // (https://sqlite.org/c3ref/open.html).
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw .cannotOpen(path: path, reason: rc & 0xff == SQLITE_CANTOPEN && !create
                ? "no such file (import data first, or check --store)" : reason)
        }
        return db
    }

    /// Whether the first read on a new connection succeeds (a WAL file in a read-only
    /// directory fails here, not at open).
    private static func canRead(_ handle: OpaquePointer?) -> Bool {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "SELECT count(*) FROM sqlite_master", -1, &statement, nil) == SQLITE_OK else {
            return false
        }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW
    }

    /// A `file:` URI for `path`, with the characters URIs reserve escaped
    /// (https://sqlite.org/uri.html).
    static func uri(_ path: String, immutable: Bool = false) -> String {
        var escaped = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7f...:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                escaped.unicodeScalars.append(contentsOf: ["%", hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        let prefix = path.hasPrefix("/") ? "file:" : "file:./"
        return prefix + escaped + (immutable ? "?immutable=1" : "")
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
        if rc & 0xff == SQLITE_BUSY {
            sqlite3_free(message)
            throw .busy(path: path, waited: busyWait.limit)
        }
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

    /// The last error SQLite reported on this connection; a lock held past the wait becomes `.busy`.
    func lastError(_ rc: Int32, sql: String?) -> StoreError {
        if rc & 0xff == SQLITE_BUSY { return .busy(path: path, waited: busyWait.limit) }
        return .sqlite(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
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
