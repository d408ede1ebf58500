/// A reader of JSON-LD 1.1 documents (https://www.w3.org/TR/json-ld11/), as RDF.
///
/// The W3C "Deserialize JSON-LD to RDF" algorithm
/// (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm): the document
/// is parsed (`JSONParser`), its contexts processed, expanded, gathered into a node map and
/// turned into quads. Blank nodes are labelled `b0`, `b1`, … in the order the algorithm meets
/// them; numbers become `xsd:integer` (digits as written) or `xsd:double` (canonical form);
/// `@json` literals are `rdf:JSON` in RFC 8785 form; `@direction` is dropped, as with
/// `rdfDirection` unset; triples with relative IRIs are dropped, as the algorithm says.
///
/// **No network, ever.** A remote context or `@import` is read through a
/// `JSONLDDocumentLoader` from the directories the user maps IRI prefixes to
/// (`--documents IRI-PREFIX=DIR`); any other is an error naming the IRI and the option.
///
/// As an `RDFReader` it emits the triples of every graph (graph names are dropped, as kgrec
/// imports triples); `readQuads` keeps them. The document is held in memory while it is
/// processed (JSON-LD's contexts and node map need all of it), so memory grows with the file.
/// Errors are `ImportError.syntax` at `file:line:column` (of the object at fault, for
/// JSON-LD errors, whose message opens with the specification's error code).
package struct JSONLDReader: RDFReader {
    /// Lines are not bounded: JSON is often written on one line, and the JSON parser bounds
    /// what it holds itself (strings, numbers, nesting).
    static let maxLineBytes = Int.max

    /// JSON-LD has no lenient mode, so this is always empty.
    package private(set) var warnings: [ImportWarning] = []
    private let input: InputBytes
    /// The document's base IRI, or nil (relative IRIs are then dropped).
    package let baseIRI: String?
    let loader: JSONLDDocumentLoader
    /// The processor's bounds (tests lower them).
    var limits = JSONLDProcessor.Limits()

    /// Opens the file at `path`; `-` reads standard input. The base IRI defaults to the file's
    /// `file://` IRI (none for `-`).
    package init(path: String, baseIRI: String? = nil,
                 loader: JSONLDDocumentLoader = JSONLDDocumentLoader()) throws(ImportError) {
        input = try InputBytes(path: path, checkingText: false)
        self.baseIRI = baseIRI ?? (path == "-" ? nil : RDFXMLReader.fileIRI(forPath: path))
        self.loader = loader
    }

    /// Reads JSON-LD held in memory; `name` is used in error messages.
    package init(text: String, name: String = "<text>", baseIRI: String? = nil,
                 loader: JSONLDDocumentLoader = JSONLDDocumentLoader()) {
        input = InputBytes(Array(text.utf8), name: name)
        self.baseIRI = baseIRI
        self.loader = loader
    }

    /// The name errors use for the input: the path as given, or `<stdin>`.
    package var name: String { input.name }

    package mutating func read(_ emit: (RDFTriple) throws -> Void) throws {
        try readQuads { triple, _ in try emit(triple) }
    }

    /// Parses the whole document, calling `emit` for every quad (`graph` nil for the default graph).
    package mutating func readQuads(_ emit: (RDFTriple, RDFTerm?) throws -> Void) throws {
        try run { triple, graph, _ in try emit(triple, graph) }
    }

    /// Parses the whole document, calling `emit` for every triple with where its subject's node
    /// object starts (the first one, when several describe it; nil for a list's cells).
    package mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        try run { triple, _, location in try emit(triple, location) }
    }

    private func run(_ emit: (RDFTriple, RDFTerm?, SourceLocation?) throws -> Void) throws {
        try input.checkText(maxLineBytes: Self.maxLineBytes)
        let processor = JSONLDProcessor(input: input, loader: loader, limits: limits)
        var nodeMap = JSONLDNodeMap(processor: processor)
        do {
            // The parsed and the expanded document are released as soon as the next stage has them.
            let expanded = try processor.expandDocument(try processor.parseInput(), context: JSONLDContext(base: baseIRI))
            var none: [JSONValue]?
            try nodeMap.add(.array(expanded), list: &none)
        }
        var origins = Set<JSONOrigin>()
        for nodes in nodeMap.graphs.values { for node in nodes.values { if let origin = node.origin { origins.insert(origin) } } }
        let locations = processor.locations(of: origins)
        try processor.emitRDF(nodeMap) { triple, graph, origin in try emit(triple, graph, origin.flatMap { locations[$0] }) }
    }
}
