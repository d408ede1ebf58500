import Testing
import KGTestSupport
@testable import KGImport

/// schema.org publishes one vocabulary in several formats: each rendering kgrec reads is the same
/// graph as its N-Triples (17,949 triples, blank nodes matched).
@Suite(.needsShared("ontologies/schemaorg")) struct SchemaOrgRenderingTests {
    @Test(arguments: ["ttl", "jsonld"])
    func eachRenderingIsTheNTriplesGraph(extension ext: String) throws {
        let directory = try #require(SharedData.directory("ontologies/schemaorg"))
        let path = directory.appendingPathComponent("schemaorg-current-https.\(ext)").path
        var reader: any RDFReader = ext == "ttl" ? try TurtleReader(path: path) : try JSONLDReader(path: path)
        let rendering = try reader.readAll()
        var ntriples = try NTriplesReader(path: directory.appendingPathComponent("schemaorg-current-https.nt").path)
        let expected = try ntriples.readAll()
        #expect(rendering.count == 17_949)
        #expect(RDFXMLGraphIsomorphism.isomorphic(rendering, expected))
    }
}
