import Foundation
import KGGraph
import KGTestSupport
import Testing
@testable import KGImport

/// What the tests that import one graph written in two RDF formats share: the loader, the demo
/// catalog as N-Triples, and the comparison of two imports as a store would hold them.
struct RDFFormatComparison {
    let dir = TemporaryDirectory()

    /// Imports `text` as `format` from a file named `name` in its own directory (blank node ids
    /// are scoped by the file's name, so both imports use one name).
    func load(_ text: String, _ format: ImportFormat, name: String = "shop", idNamespaces: [String] = [],
              documents: [JSONLDDocumentLoader.Mapping] = []) throws -> ImportResult {
        var options = ImportOptions()
        options.format = format
        options.idNamespaces = idNamespaces
        options.documents = documents
        return try Importer.load(path: dir.write("\(format.rawValue)/\(name)", text), options: options)
    }

    /// The demo ontology and catalog (`Ontologies/*.nt`): their text and their triples.
    static func demoNTriples() throws -> (text: String, triples: [RDFTriple]) {
        let ontologies = SharedData.projectRoot.appendingPathComponent("Ontologies")
        var text = ""
        for file in ["demo-ontology.nt", "demo-catalog.nt"] {
            text += try String(contentsOf: ontologies.appendingPathComponent(file), encoding: .utf8)
        }
        var reader = NTriplesReader(text: text, name: "demo.nt")
        return (text, try reader.readAll())
    }

    /// The delta as sets (JSON-LD emits triples by subject, not in the file's order).
    static func contents(_ delta: GraphDelta) -> (nodes: Set<String>, edges: Set<String>, properties: Set<String>) {
        let ids = delta.nodeIDs
        let nodes = Set(ids.indices.map { "\(ids[$0]) \(delta.nodeKinds[$0]) \(delta.nodeLabels[$0] ?? "-")" })
        let edges = Set(delta.edges.map {
            "\(ids[Int($0.source)]) \(delta.relationNames[Int($0.relation)]) \(ids[Int($0.target)]) \($0.weight.map { "\($0)" } ?? "-")"
        })
        let properties = Set(delta.properties.map { "\(ids[Int($0.node)]) \($0.key) \($0.value)" })
        return (nodes, edges, properties)
    }

    /// The two imports would leave the same store: nodes, edges and properties as sets.
    static func expectSameStore(_ a: ImportResult, _ b: ImportResult) {
        let x = contents(a.delta), y = contents(b.delta)
        #expect(x.nodes == y.nodes)
        #expect(x.edges == y.edges)
        #expect(x.properties == y.properties)
        #expect(a.delta.idNamespaces == b.delta.idNamespaces)
        #expect(a.summary.recordsRead == b.summary.recordsRead)
        #expect(a.warnings.map(\.message).sorted() == b.warnings.map(\.message).sorted())
    }
}
