@testable import KGImport

/// The W3C Turtle suite's `manifest.ttl`, read with kgrec's own `TurtleReader` (itself a test:
/// the manifest uses prefixes, relative IRIs, `a`, `;`-lists and a 313-member collection).
///
/// The tests are the members of the manifest's `mf:entries` list, in order; each names its
/// kind (`rdf:type`), `mf:name`, `mf:action` and, for an eval test, `mf:result`. IRIs are
/// resolved against the suite's base, so an action is the base followed by its file name.
struct TurtleManifest: Sendable {
    enum Kind: String, Sendable {
        case eval = "TestTurtleEval"
        case positiveSyntax = "TestTurtlePositiveSyntax"
        case negativeSyntax = "TestTurtleNegativeSyntax"
        case negativeEval = "TestTurtleNegativeEval"
    }

    struct Entry: Sendable, CustomStringConvertible {
        var name: String
        var kind: Kind
        /// The action's file name, relative to the suite's directory.
        var action: String
        var result: String?
        var description: String { name }
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { "manifest: \(message)" }
    }

    static let base = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"
    static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    static let rdft = "http://www.w3.org/ns/rdftest#"

    /// The tests in the order `mf:entries` lists them.
    var entries: [Entry] = []
    /// `mf:assumedTestBase`.
    var assumedTestBase: String?

    /// Reads the manifest at `path`.
    init(path: String) throws {
        var reader = try TurtleReader(path: path, baseIRI: Self.base + "manifest.ttl")
        var properties: [RDFTerm: [String: [RDFTerm]]] = [:]
        try reader.read { triple in properties[triple.subject, default: [:]][triple.predicate, default: []].append(triple.object) }
        guard let manifest = properties.first(where: { $0.value[RDF.type]?.first == .iri(Self.mf + "Manifest") })?.value else {
            throw ParseError(message: "no mf:Manifest")
        }
        assumedTestBase = manifest[Self.mf + "assumedTestBase"]?.first?.iriValue
        guard var cell = manifest[Self.mf + "entries"]?.first else { throw ParseError(message: "no mf:entries") }
        func file(_ term: RDFTerm?) throws -> String? {
            guard let term else { return nil }
            guard let iri = term.iriValue, iri.hasPrefix(Self.base) else { throw ParseError(message: "not a suite file: \(term)") }
            return String(iri.dropFirst(Self.base.count))
        }
        while cell != .iri(RDF.nil_) {
            guard let cellProperties = properties[cell], let test = cellProperties[RDF.first]?.first,
                  let next = cellProperties[RDF.rest]?.first else {
                throw ParseError(message: "a broken mf:entries list at \(cell)")
            }
            guard let described = properties[test], let type = described[RDF.type]?.first?.iriValue,
                  type.hasPrefix(Self.rdft), let kind = Kind(rawValue: String(type.dropFirst(Self.rdft.count))),
                  case .literal(let name, _, _)? = described[Self.mf + "name"]?.first,
                  let action = try file(described[Self.mf + "action"]?.first) else {
                throw ParseError(message: "an entry without a known type, a name or an action: \(test)")
            }
            entries.append(Entry(name: name, kind: kind, action: action, result: try file(described[Self.mf + "result"]?.first)))
            cell = next
        }
    }
}
