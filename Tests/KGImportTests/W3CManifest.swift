import Foundation
import KGTestSupport
@testable import KGImport

/// A W3C RDF test suite's `manifest.ttl` (N-Triples, RDF/XML, Turtle), read with kgrec's own
/// `TurtleReader` (itself a test: the manifests use prefixes, relative IRIs, `a`, `;`-lists
/// and collections of hundreds of members).
///
/// The tests are the members of the manifest's `mf:entries` list, in order; each names its
/// type (`rdf:type`, e.g. `rdft:TestTurtleEval`), `mf:name`, `mf:action` and, for an eval
/// test, `mf:result`. Their IRIs are relative to the manifest, so actions and results are
/// paths relative to the suite's directory.
struct W3CManifest: Sendable {
    struct Entry: Sendable, CustomStringConvertible {
        var name: String
        /// The local name of the test's type: `TestTurtleEval`, `TestXMLNegativeSyntax`…
        var type: String
        /// The action's path, relative to the suite's directory.
        var action: String
        var result: String?
        var description: String { name }

        var isNegative: Bool { type.contains("Negative") }
        var isEval: Bool { type.hasSuffix("Eval") }
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { "manifest: \(message)" }
    }

    /// The base the manifest is read with: IRIs under it are files of the suite.
    private static let base = "http://manifest.invalid/"
    private static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"

    /// The suite's directory.
    var directory: URL
    /// The tests in the order `mf:entries` lists them.
    var entries: [Entry] = []
    /// `mf:assumedTestBase`, when the manifest gives one.
    var assumedTestBase: String?

    /// Reads `../shared/conformance/<suite>/manifest.ttl`; nil when the suite is absent (the
    /// suites that read it carry `.needsShared`, so they are reported as skipped).
    static func suite(_ suite: String) throws -> W3CManifest? {
        guard let directory = SharedData.directory("conformance/\(suite)") else { return nil }
        return try W3CManifest(directory: directory)
    }

    /// Reads `directory/manifest.ttl`.
    init(directory: URL) throws {
        self.directory = directory
        var reader = try TurtleReader(path: directory.appendingPathComponent("manifest.ttl").path,
                                      baseIRI: Self.base + "manifest.ttl")
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
                  let typeName = type.split(separator: "#").last,
                  case .literal(let name, _, _)? = described[Self.mf + "name"]?.first,
                  let action = try file(described[Self.mf + "action"]?.first) else {
                throw ParseError(message: "an entry without a type, a name or an action: \(test)")
            }
            entries.append(Entry(name: name, type: String(typeName), action: action,
                                 result: try file(described[Self.mf + "result"]?.first)))
            cell = next
        }
    }

    /// The absolute path of a suite file.
    func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// The entries whose action (and result, when they have one) files exist.
    var presentEntries: [Entry] {
        entries.filter { entry in
            FileManager.default.fileExists(atPath: path(entry.action))
                && (entry.result.map { FileManager.default.fileExists(atPath: path($0)) } ?? true)
        }
    }
}
