/// Why a store operation failed.
///
/// User-facing cases name the store file and say what to do; `sqlite` carries SQLite's own
/// message and result code for the rare failures that are not the user's (disk full, I/O).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened as a SQLite database.
    case cannotOpen(path: String, reason: String)
    /// The file is a SQLite database, but not a kgrec store, or one from a newer kgrec.
    case incompatible(path: String, reason: String)
    /// An import would give an existing node a different kind.
    case kindConflict(id: String, existing: String, new: String)
    /// A checkpoint or other record that was asked for does not exist.
    case notFound(String)
    /// Another process held the store's write lock for longer than the command would wait.
    case busy(path: String, waited: Double)
    /// SQLite reported an error.
    case sqlite(code: Int32, message: String, sql: String?)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the store '\(path)': \(reason)"
        case .incompatible(let path, let reason):
            "'\(path)' is not a kgrec store this version can use: \(reason)"
        case .kindConflict(let id, let existing, let new):
            "node '\(id)' is already \(existing) in the store and cannot also be \(new)"
        case .busy(let path, let waited):
            "the store '\(path)' is busy: another process kept it locked for \(Int(waited.rounded())) s; "
                + "try again when it has finished, or wait longer with --wait SECONDS"
        case .notFound(let what):
            what
        case .sqlite(let code, let message, let sql):
            "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(80)))" } ?? "")
        }
    }
}
