import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// Real ontologies in `../shared/ontologies`: schema.org's RDF/XML must give the graph of its
/// N-Triples release; the GoodRelations examples parse with their known defects as warnings.
@Suite struct RDFXMLOntologyTests {
    @Test func schemaOrgMatchesItsNTriplesRelease() throws {
        guard let directory = SharedData.directory("ontologies/schemaorg") else { return }
        var reader = RDFXMLReader(path: directory.appendingPathComponent("schemaorg-current-https.rdf").path)
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        var ntriples = try NTriplesReader(path: directory.appendingPathComponent("schemaorg-current-https.nt").path)
        let expected = try ntriples.readAll()
        #expect(triples.count == 17_949)
        #expect(reader.warnings.isEmpty)
        #expect(RDFXMLGraphIsomorphism.isomorphic(triples, expected))
    }

    @Test(arguments: [("shop-vocabulary.rdf", 89, 0), ("goodrelations.rdf", 179, 43),
                      ("goodrelations-datasheets.rdf", 51, 17)])
    func goodRelationsExamples(_ file: String, triples expectedCount: Int, warnings expectedWarnings: Int) throws {
        guard let directory = SharedData.directory("ontologies/goodrelations-examples") else { return }
        let path = directory.appendingPathComponent(file).path
        var reader = RDFXMLReader(path: path)
        var count = 0
        try reader.read { _ in count += 1 }
        #expect(count == expectedCount)
        #expect(reader.warnings.count == expectedWarnings)
        // Strict mode turns the first defect into an error.
        var strict = RDFXMLReader(path: path, strict: true)
        if expectedWarnings > 0 {
            #expect(throws: ImportError.syntax(reader.warnings[0].location, reader.warnings[0].message)) {
                try strict.read { _ in }
            }
        }
    }
}
