/// A streaming reader of N-Triples 1.1 (https://www.w3.org/TR/n-triples/).
///
/// The whole grammar: absolute IRIs with `\u`/`\U` escapes (the characters an IRI may not
/// hold are rejected, escaped or not), blank node labels with the PN_CHARS rules, literals
/// with string escapes, language tags and datatypes, comments, and LF, CR or CRLF line ends.
/// A file is memory-mapped and scanned byte by byte; `-` reads standard input.
///
/// The first error stops the read with `ImportError.syntax` at `file:line:column` (the column
/// counts Unicode scalars), saying what was expected and what was found. Three conventions go
/// beyond the grammar: a UTF-8 byte-order mark at the start is skipped; a literal typed
/// `xsd:string` is returned as a plain literal (RDF 1.1 makes them the same); and the input
/// must be text (`InputBytes.checkText`): invalid UTF-8 and lines over 16 MiB are errors, and
/// so is a NUL byte in a comment. A NUL in a literal, raw (the grammar and the W3C suite's
/// `literal_ascii_boundaries` allow it) or escaped as `\u0000`, is kept in the string.
///
/// - Complexity: O(n) in the file size; about 1 µs per triple or less in a release build
///   (see BENCHMARKS.md, "## Import").
package struct NTriplesReader: RDFReader {
    /// N-Triples has no lenient mode, so this is always empty.
    package private(set) var warnings: [ImportWarning] = []
    private let input: InputBytes

    /// Opens (memory-maps) the file at `path`; `-` reads standard input.
    package init(path: String) throws(ImportError) {
        input = try InputBytes(path: path, allowingNUL: true)
    }

    /// Reads N-Triples held in memory; `name` is used in error messages.
    package init(text: String, name: String = "<text>") {
        input = InputBytes(Array(text.utf8), name: name)
    }

    /// Reads N-Triples bytes held in memory; `name` is used in error messages.
    package init(bytes: [UInt8], name: String) {
        input = InputBytes(bytes, name: name)
    }

    /// The name errors use for the input: the path as given, or `<stdin>`.
    package var name: String { input.name }

    package mutating func read(_ emit: (RDFTriple) throws -> Void) throws {
        try input.checkText(allowingNUL: true)
        var parser = NTriplesParser(input)
        try withExtendedLifetime(input) {
            try parser.parse { triple, _, _ in try emit(triple) }
        }
    }

    package mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        try input.checkText(allowingNUL: true)
        var parser = NTriplesParser(input)
        let name = input.name
        try withExtendedLifetime(input) {
            try parser.parse { triple, line, column in
                try emit(triple, SourceLocation(file: name, line: line, column: column))
            }
        }
    }
}
