/// A reader of one RDF document (N-Triples, RDF/XML, Turtle, JSON-LD).
///
/// `read` calls `emit` for each triple in document order and throws `ImportError.syntax`
/// (with `file:line:column`) at the first error. Triples emitted before an error belong to
/// a failed document: callers that write to a store collect them and discard them on error.
package protocol RDFReader {
    /// The defects the reader worked around so far (only readers with a lenient mode emit any).
    var warnings: [ImportWarning] { get }

    /// Parses the whole document, calling `emit` for every triple.
    mutating func read(_ emit: (RDFTriple) throws -> Void) throws

    /// Parses the whole document, calling `emit` for every triple with where it starts in the
    /// file, so that later stages (the ontology mapping) can point their warnings into the file.
    ///
    /// Readers that do not track positions keep the default, which passes `nil`.
    mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws

    /// Parses the whole document, calling `emit` for every quad: a triple and its graph's name
    /// (nil for the default graph). Readers of formats without named graphs keep the default,
    /// which puts every triple in the default graph.
    mutating func readQuads(_ emit: (RDFTriple, RDFTerm?) throws -> Void) throws
}

extension RDFReader {
    package mutating func readQuads(_ emit: (RDFTriple, RDFTerm?) throws -> Void) throws {
        try read { try emit($0, nil) }
    }
}

extension RDFReader {
    package mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        try read { try emit($0, nil) }
    }
}

extension RDFReader {
    /// Parses every triple and returns them in order (for small inputs and tests).
    package mutating func readAll() throws -> [RDFTriple] {
        var triples: [RDFTriple] = []
        try read { triples.append($0) }
        return triples
    }

    /// Counts the triples without keeping them (the benchmarks' inner loop). Each triple is
    /// built and touched, so the optimiser cannot skip making it.
    package mutating func countTriples() throws -> (triples: Int, checksum: Int) {
        var count = 0
        var checksum = 0
        try read { triple in
            count &+= 1
            checksum &+= triple.predicate.utf8.count
            if case .literal(let lexical, _, _) = triple.object { checksum &+= lexical.utf8.count }
        }
        return (count, checksum)
    }
}
