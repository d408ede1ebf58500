import KGGraph
import KGImport
import KGModels
import KGQuery
import KGStore

/// Why a kgrec operation failed, as the person who asked for it should read it.
public enum KGRecError: Error, CustomStringConvertible {
    case store(StoreError)
    case importFailed(ImportError)
    /// A query error, with the query text so the message can point into it.
    case query(QueryError, text: String)
    case graph(GraphError)
    /// Training, evaluation or a checkpoint failed on the user's data or settings.
    case model(ModelError)
    /// No store exists where one is needed.
    case noStore(path: String)
    /// Any other user-facing failure, already phrased.
    case failed(String)
    /// The front end refused the statement before it ran (its result has no form in the output
    /// format asked for), already phrased: a usage mistake.
    case refused(String)

    public var description: String {
        switch self {
        case .store(let e): e.description
        case .importFailed(let e): e.description
        case .query(let e, _): e.description
        case .graph(let e): e.description
        case .model(let e): e.description
        case .noStore(let path):
            "no store at '\(path)'; import data first (kgrec import FILE --store \(path)), "
                + "or run 'kgrec query' without --store to use the demo"
        case .failed(let message), .refused(let message): message
        }
    }

    /// The message with context: for queries, the query line with a caret under the error.
    public var detailed: String {
        if case .query(let e, let text) = self { return e.rendered(query: text) }
        return description
    }

    /// `detailed` for a statement that starts at `line` and `column` of a script `file`:
    /// `tour.kgq:3:7: unknown node 'u7'` and the caret lines; errors without a position in the
    /// statement point at its start.
    public func detailed(file: String, line: Int, column: Int) -> String {
        if case .query(let e, let text) = self { return e.rendered(query: text, file: file, line: line, column: column) }
        return "\(file):\(line):\(column): \(description)"
    }

    /// Whether the failure is a usage mistake (a statement the front end cannot present as asked).
    public var isUsageError: Bool {
        if case .refused = self { return true }
        return false
    }

    /// Whether the failure is bad input data (a file that does not parse), as opposed to a usage mistake.
    public var isDataError: Bool {
        if case .importFailed = self { return true }
        return false
    }
}
