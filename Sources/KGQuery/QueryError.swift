/// Why a query failed, with the place in the query it points at.
///
/// Each pipeline stage raises its own category: the lexer and parser `syntax`, the planner
/// `unknownName` and `invalid`, the executor `runtime`. The message follows one style: a
/// sentence, the offending token in single quotes, the position, and a "Did you mean" hint
/// when a close name exists.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Category: String, Sendable {
        case syntax
        case unknownName
        case invalid
        case runtime
    }

    public var category: Category
    /// The sentence, without position or hint.
    public var message: String
    package var position: TextPosition?
    /// How many characters the caret underlines.
    package var length: Int
    /// A close name, for "Did you mean '…'?".
    public var suggestion: String?

    public init(_ category: Category, _ message: String, at position: TextPosition? = nil,
                length: Int = 1, suggestion: String? = nil) {
        self.category = category
        self.message = message
        self.position = position
        self.length = max(1, length)
        self.suggestion = suggestion
    }

    static func syntax(_ message: String, at position: TextPosition, length: Int = 1) -> QueryError {
        QueryError(.syntax, message, at: position, length: length)
    }

    /// `unknown relation 'in_categroy' at 1:38. Did you mean 'in_category'?`
    public var description: String {
        var text = message
        if let position { text += " at \(position)" }
        if let suggestion { text += ". Did you mean '\(suggestion)'?" }
        return text
    }

    /// The message followed by the query line it points into, with a caret under the column.
    public func rendered(query: String) -> String {
        guard let position else { return description }
        return description + caretLines(query: query, position: position)
    }

    /// `file:line:column: message. Did you mean '…'?` and the caret lines, for a query that
    /// starts at `line` and `column` of a file (a script): the position counts from there.
    public func rendered(query: String, file: String, line: Int, column: Int) -> String {
        var text = message
        if let suggestion { text += ". Did you mean '\(suggestion)'?" }
        guard let position else { return "\(file):\(line):\(column): " + text }
        let at = position.line == 1 ? "\(line):\(column + position.column - 1)"
            : "\(line + position.line - 1):\(position.column)"
        return "\(file):\(at): " + text + caretLines(query: query, position: position)
    }

    /// The widest query line an error shows: a longer line is shown as a window around the
    /// column, so a huge statement is not echoed back whole.
    static let widestLine = 100

    /// The query line `position` points into and a caret line under it (empty when the line is
    /// missing); a line wider than `widestLine` shows the part around the column, with `…`.
    private func caretLines(query: String, position: TextPosition) -> String {
        let lines = query.split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line - 1 < lines.count else { return "" }
        let line = Array(lines[position.line - 1])
        var start = 0, end = line.count
        if line.count > Self.widestLine {
            start = max(0, min(position.column - 1 - Self.widestLine / 2, line.count - Self.widestLine))
            end = min(line.count, start + Self.widestLine)
        }
        let head = start > 0 ? "…" : "", tail = end < line.count ? "…" : ""
        let column = position.column - 1 - start + head.count
        let available = max(1, end - (position.column - 1))
        let caret = String(repeating: " ", count: max(0, column)) + String(repeating: "^", count: min(length, available))
        return "\n  " + head + String(line[start..<end]) + tail + "\n  " + caret
    }
}
