/// A streaming reader of Turtle 1.1 (https://www.w3.org/TR/turtle/).
///
/// The whole grammar: `@prefix`/`PREFIX` and `@base`/`BASE` (relative IRIs resolved against
/// the base as RFC 3986 §5.2 says), prefixed names with `\`-escapes and `%XX`, `a`, predicate
/// lists (`;`) and object lists (`,`), blank node property lists `[ … ]`, collections `( … )`
/// (as `rdf:first`/`rdf:rest`/`rdf:nil` lists), the four string forms with their escapes,
/// integer, decimal, double and boolean literals with their XSD datatypes, language tags,
/// `^^` datatypes and comments. A file is memory-mapped and scanned byte by byte; `-` reads
/// standard input.
///
/// Triples are emitted as the grammar completes them, so memory is bounded by the nesting of
/// `[` and `(` (`Limits.maxDepth`), the prefixes declared and the longest string, never by
/// the file size. The first error stops the read with `ImportError.syntax` at
/// `file:line:column` (the column counts Unicode scalars), saying what was expected and what
/// was found.
///
/// Conventions shared with `NTriplesReader`: a UTF-8 byte-order mark at the start is skipped;
/// a literal typed `xsd:string` is returned as a plain literal; the input must be text
/// (invalid UTF-8 and lines over 16 MiB are errors, and so is a NUL byte outside a string).
/// An absolute IRI is kept as written (as N-Triples keeps it); only relative ones are
/// resolved. Blank nodes the reader makes (`[ … ]`, `( … )`) are labelled `b1`, `b2`, …; a
/// document label of the form `_*b<digits>` gets one more leading `_`, so the two never meet.
///
/// - Complexity: O(n) in the file size.
package struct TurtleReader: RDFReader {
    /// Bounds that keep hostile input from exhausting memory (documented in SECURITY.md,
    /// "Limits on input").
    package struct Limits: Sendable, Equatable {
        /// Deepest nesting of `[ … ]` and `( … )`: 256, as the RDF/XML reader's elements.
        var maxDepth = 256
        /// Longest string literal, in UTF-8 bytes as written: 16 MiB. Only long strings
        /// (`"""…"""`) can reach it, since other tokens end with their line.
        var maxStringBytes = 16 << 20
        /// Most distinct prefix names one document declares: 65,536 (redefining one is free).
        var maxPrefixes = 65_536

        /// The default bounds.
        package init() {}
    }

    /// Turtle has no lenient mode, so this is always empty.
    package private(set) var warnings: [ImportWarning] = []
    private let input: InputBytes
    /// The document's base IRI before any `@base`, or nil (relative IRIs are then errors).
    package let baseIRI: String?
    let limits: Limits

    /// Opens (memory-maps) the file at `path`; `-` reads standard input. The base IRI defaults
    /// to the file's `file://` IRI (none for `-`).
    package init(path: String, baseIRI: String? = nil, limits: Limits = Limits()) throws(ImportError) {
        input = try InputBytes(path: path, allowingNUL: true)
        self.baseIRI = baseIRI ?? (path == "-" ? nil : RDFXMLReader.fileIRI(forPath: path))
        self.limits = limits
    }

    /// Reads Turtle held in memory; `name` is used in error messages.
    package init(text: String, name: String = "<text>", baseIRI: String? = nil, limits: Limits = Limits()) {
        self.init(bytes: Array(text.utf8), name: name, baseIRI: baseIRI, limits: limits)
    }

    /// Reads Turtle bytes held in memory; `name` is used in error messages.
    package init(bytes: [UInt8], name: String, baseIRI: String? = nil, limits: Limits = Limits()) {
        input = InputBytes(bytes, name: name)
        self.baseIRI = baseIRI
        self.limits = limits
    }

    /// The name errors use for the input: the path as given, or `<stdin>`.
    package var name: String { input.name }

    package mutating func read(_ emit: (RDFTriple) throws -> Void) throws {
        try input.checkText(allowingNUL: true)
        var parser = TurtleParser(input, baseIRI: baseIRI, limits: limits, locating: false)
        try withExtendedLifetime(input) {
            try parser.parse { triple, _, _ in try emit(triple) }
        }
    }

    /// Parses the whole document, calling `emit` for every triple with where its object
    /// starts (for a list's closing `rdf:rest rdf:nil`, the `)`): the place a triple becomes
    /// complete.
    package mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        try input.checkText(allowingNUL: true)
        var parser = TurtleParser(input, baseIRI: baseIRI, limits: limits, locating: true)
        let name = input.name
        try withExtendedLifetime(input) {
            try parser.parse { triple, line, column in
                try emit(triple, SourceLocation(file: name, line: line, column: column))
            }
        }
    }
}
