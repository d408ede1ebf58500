/// A streaming reader of one RDF document (N-Triples, RDF/XML).
///
/// `read` calls `emit` for each triple in document order and throws `ImportError.syntax`
/// (with `file:line:column`) at the first error. Triples emitted before an error belong to
/// a failed document: callers that write to a store collect them and discard them on error.
public protocol RDFReader {
    /// The defects the reader worked around so far (only readers with a lenient mode emit any).
    var warnings: [ImportWarning] { get }

    /// Parses the whole document, calling `emit` for every triple.
    mutating func read(_ emit: (RDFTriple) throws -> Void) throws
}
