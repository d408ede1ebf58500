import KGGraph

/// A position in query text: 1-based line and column (in characters), and the character offset.
public struct TextPosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int = 1, column: Int = 1, offset: Int = 0) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(line):\(column)" }

    public static func < (a: TextPosition, b: TextPosition) -> Bool { a.offset < b.offset }
}

/// One lexical token of the query language.
package struct Token: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A bare word: a keyword, an id, a relation or property name (`recommend`, `u42`, `in_category`).
        case word
        /// A quoted string, unescaped (`"Hiking Boot"`, `'https://…'`).
        case string
        /// A number literal.
        case number
        /// Punctuation or an operator: `> < >= <= = != ( ) | { } , ; *`.
        case symbol
        /// The end of the input.
        case end
    }

    package var kind: Kind
    /// The token's text (for strings, the unescaped content).
    package var text: String
    package var position: TextPosition
    /// The token's length in characters in the source, for carets.
    package var length: Int

    /// Whether this is the bare word `keyword`, case-insensitively.
    func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.lowercased() == keyword
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// How the token reads in an error message.
    package var quoted: String {
        switch kind {
        case .end: "the end of the query"
        case .string: "'\"" + Excerpt.of(text) + "\"'"
        default: Excerpt.quoted(text)
        }
    }
}
