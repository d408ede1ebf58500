import KGGraph
/// A position in an input file, 1-based; `column` counts Unicode scalars.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    /// `file:line:column`.
    public var description: String { "\(Excerpt.path(file)):\(line):\(column)" }
}

/// Why an import failed. Every case names the file, and where the file is at fault, the
/// line and column, in the `file:line:column: message` form editors and compilers use.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's content does not follow its format.
    case syntax(SourceLocation, String)
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is well-formed but describes a graph kgrec cannot hold (a user that is also an item…).
    case invalidGraph(SourceLocation, String)
    /// A benchmark directory lacks a file its layout requires.
    case missingFile(directory: String, expected: String)
    /// The format could not be told from the extension or content.
    case unknownFormat(path: String, hint: String)

    public var description: String {
        switch self {
        case .syntax(let location, let message), .invalidGraph(let location, let message):
            "\(location): \(message)"
        case .unreadable(let path, let reason):
            "\(Excerpt.path(path)): cannot read the file: \(reason)"
        case .missingFile(let directory, let expected):
            "\(Excerpt.path(directory)): missing '\(expected)'"
        case .unknownFormat(let path, let hint):
            "\(Excerpt.path(path)): cannot tell the file's format; \(hint)"
        }
    }

    /// The location, when the error points into a file.
    public var location: SourceLocation? {
        switch self {
        case .syntax(let l, _), .invalidGraph(let l, _): l
        default: nil
        }
    }
}

/// A defect the importer worked around (a malformed IRI in a real-world file, an ill-typed
/// literal). `--strict` turns warnings into errors.
public struct ImportWarning: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): warning: \(message)" }
}
