import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// Real ontologies in `../shared/ontologies`: schema.org's RDF/XML must give the graph of its
/// N-Triples release; the GoodRelations examples parse with their known defects repaired and
/// reported as warnings at their line:column, and strict mode stops at the first.
@Suite struct RDFXMLOntologyTests {
    @Test(.needsShared("ontologies/schemaorg")) func schemaOrgMatchesItsNTriplesRelease() throws {
        let directory = try SharedData.require("ontologies/schemaorg")
        var reader = RDFXMLReader(path: directory.appendingPathComponent("schemaorg-current-https.rdf").path)
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        var ntriples = try NTriplesReader(path: directory.appendingPathComponent("schemaorg-current-https.nt").path)
        let expected = try ntriples.readAll()
        #expect(triples.count == 17_949)
        #expect(reader.warnings.isEmpty)
        #expect(RDFXMLGraphIsomorphism.isomorphic(triples, expected))
    }

    struct Defects: Sendable, CustomStringConvertible {
        var file: String
        var triples: Int
        /// Warnings by kind: IRIs without '//', white space, prefixed datatypes, ill-typed booleans.
        var counts: [String: Int]
        /// Some of the warnings, verbatim (`file:line:column: warning: …` without the directory).
        var examples: [String]
        var description: String { file }
    }

    static let defects: [Defects] = [
        Defects(file: "shop-vocabulary.rdf", triples: 89, counts: [:], examples: []),
        Defects(file: "goodrelations.rdf", triples: 179,
                counts: ["no //": 41, "white space": 1, "prefixed datatype": 9, "boolean": 1],
                examples: [
                    "goodrelations.rdf:27:22: warning: IRI 'http:/www.heppnetz.de/gr4shops/index.html#company' has no '//' "
                        + "after its scheme; read as 'http://www.heppnetz.de/gr4shops/index.html#company'",
                    "goodrelations.rdf:81:12: warning: IRI 'http://search.yahoo.com/searchmonkey/commerce/Business ' ends with "
                        + "white space; read as 'http://search.yahoo.com/searchmonkey/commerce/Business'",
                    "goodrelations.rdf:97:20: warning: datatype 'xsd:float' is a prefixed name, not an IRI; "
                        + "read as 'http://www.w3.org/2001/XMLSchema#float'",
                    "goodrelations.rdf:270:4: warning: 'true>' is not a valid boolean literal",
                ]),
        Defects(file: "goodrelations-datasheets.rdf", triples: 51, counts: ["no //": 16, "boolean": 1],
                examples: [
                    "goodrelations-datasheets.rdf:43:18: warning: IRI 'http:/www.heppnetz.de/gr4shops/logo.jpg' has no '//' "
                        + "after its scheme; read as 'http://www.heppnetz.de/gr4shops/logo.jpg'",
                    "goodrelations-datasheets.rdf:86:2: warning: 'true>' is not a valid boolean literal",
                ]),
    ]

    static func kind(_ message: String) -> String {
        if message.contains("has no '//'") { return "no //" }
        if message.contains("white space") { return "white space" }
        if message.contains("is a prefixed name") { return "prefixed datatype" }
        if message.contains("boolean literal") { return "boolean" }
        return message
    }

    @Test(.needsShared("ontologies/goodrelations-examples"), arguments: defects)
    func goodRelationsDefectsAreRepairedWithWarnings(_ expected: Defects) throws {
        let directory = try SharedData.require("ontologies/goodrelations-examples")
        let path = directory.appendingPathComponent(expected.file).path
        var reader = RDFXMLReader(path: path)
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        #expect(triples.count == expected.triples)
        #expect(Dictionary(grouping: reader.warnings, by: { Self.kind($0.message) }).mapValues(\.count) == expected.counts)
        let shown = Set(reader.warnings.map { "\($0)".replacingOccurrences(of: directory.path + "/", with: "") })
        for example in expected.examples { #expect(shown.contains(example), "missing: \(example)") }
        // Every IRI is repaired: none keeps a single slash or white space.
        for term in triples.flatMap({ [$0.subject, $0.object] }) {
            if case .iri(let iri) = term { #expect(!iri.hasPrefix("http:/w") && !iri.hasSuffix(" "), "\(iri)") }
        }
        // Strict mode stops at the first defect, with the defect alone as its message.
        guard let first = reader.warnings.first else { return }
        var strict = RDFXMLReader(path: path, strict: true)
        let problem = first.message.components(separatedBy: "; read as").first ?? first.message
        #expect(throws: ImportError.syntax(first.location, problem)) { try strict.read { _ in } }
    }
}
