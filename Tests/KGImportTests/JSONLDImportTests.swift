import Foundation
import KGGraph
import KGTestSupport
import Testing
@testable import KGImport

/// JSON-LD goes through the ontology mapping exactly as N-Triples does: the same graph written
/// in either gives the same store (nodes, kinds, labels, relations, edges, properties).
@Suite struct JSONLDImportTests {
    let formats = RDFFormatComparison()
    var dir: TemporaryDirectory { formats.dir }

    private func load(_ text: String, _ format: ImportFormat, name: String = "shop", idNamespaces: [String] = [],
                      documents: [JSONLDDocumentLoader.Mapping] = []) throws -> ImportResult {
        try formats.load(text, format, name: name, idNamespaces: idNamespaces, documents: documents)
    }

    private func expectSameStore(_ a: ImportResult, _ b: ImportResult) { RDFFormatComparison.expectSameStore(a, b) }

    /// The demo ontology and catalog (`Ontologies/*.nt`), rendered as JSON-LD with a context of
    /// prefixes, compact IRIs, `@type` and typed value objects, import to the same store as the
    /// N-Triples.
    @Test func theDemoCatalogAsJSONLDImportsLikeItsNTriples() throws {
        let (ntriples, triples) = try RDFFormatComparison.demoNTriples()
        let jsonld = JSONLDRendering.render(triples, prefixes: [
            ("demo", "https://kgrec.dev/demo/"), ("schema", Schema.ns), ("rdfs", RDFS.ns), ("xsd", XSD.ns),
        ])
        var jsonldReader = JSONLDReader(text: jsonld, name: "demo.jsonld")
        #expect(Set(try jsonldReader.readAll()) == Set(triples))

        let namespaces = ["https://kgrec.dev/demo/"]
        let fromJSONLD = try load(jsonld, .jsonld, name: "demo", idNamespaces: namespaces)
        let fromNTriples = try load(ntriples, .ntriples, name: "demo", idNamespaces: namespaces)
        #expect(fromJSONLD.summary.format == .jsonld)
        #expect(fromJSONLD.delta.nodeKinds.filter { $0 == .item }.count == 300)
        expectSameStore(fromJSONLD, fromNTriples)
    }

    /// A small product catalog as a shop would publish it: schema.org's context (read from a
    /// `--documents` directory), nested offers and brands, numbers, a language map, `@graph`.
    @Test func aProductCatalogAsJSONLDImportsLikeItsNTriples() throws {
        let contexts = dir.write("contexts/schemaorgcontext.jsonld", """
            {"@context": {"@vocab": "https://schema.org/", "schema": "https://schema.org/",
              "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
              "subClassOf": {"@id": "rdfs:subClassOf", "@type": "@id"},
              "brand": {"@type": "@id"}, "url": {"@type": "@id"}}}
            """)
        let documents = [JSONLDDocumentLoader.Mapping(prefix: "https://schema.org/",
                                                      directory: (contexts as NSString).deletingLastPathComponent)]
        let jsonld = #"""
            {
              "@context": ["https://schema.org", {"@base": "https://shop.example/", "shop": "https://shop.example/", "label": {"@id": "rdfs:label", "@container": "@language"}}],
              "@graph": [
                {"@id": "Tents", "subClassOf": "schema:Product", "label": {"en": "Tents"}},
                {"@id": "i1", "@type": "shop:Tents", "name": "Dome \"Two\"\nPerson", "keywords": ["camping", "light"],
                 "offers": {"@type": "Offer", "price": 129.5, "priceCurrency": "EUR", "availability": "schema:InStock"},
                 "brand": {"@id": "brand/acme", "name": "Acme\u00A0Outdoor"}, "isFamilyFriendly": true},
                {"@id": "i2", "@type": "shop:Tents", "name": "Tarp", "offers": {"price": 40}}
              ]
            }
            """#
        let expected = #"""
            <https://shop.example/Tents> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://schema.org/Product> .
            <https://shop.example/Tents> <http://www.w3.org/2000/01/rdf-schema#label> "Tents"@en .
            <https://shop.example/i1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/Tents> .
            <https://shop.example/i1> <https://schema.org/name> "Dome \"Two\"\nPerson" .
            <https://shop.example/i1> <https://schema.org/keywords> "camping" .
            <https://shop.example/i1> <https://schema.org/keywords> "light" .
            <https://shop.example/i1> <https://schema.org/offers> _:o1 .
            _:o1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Offer> .
            _:o1 <https://schema.org/price> "1.295E2"^^<http://www.w3.org/2001/XMLSchema#double> .
            _:o1 <https://schema.org/priceCurrency> "EUR" .
            _:o1 <https://schema.org/availability> "schema:InStock" .
            <https://shop.example/i1> <https://schema.org/brand> <https://shop.example/brand/acme> .
            <https://shop.example/brand/acme> <https://schema.org/name> "Acme\u00A0Outdoor" .
            <https://shop.example/i1> <https://schema.org/isFamilyFriendly> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
            <https://shop.example/i2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/Tents> .
            <https://shop.example/i2> <https://schema.org/name> "Tarp" .
            <https://shop.example/i2> <https://schema.org/offers> _:o2 .
            _:o2 <https://schema.org/price> "40"^^<http://www.w3.org/2001/XMLSchema#integer> .

            """#
        var reader = JSONLDReader(text: jsonld, name: "shop.jsonld", loader: JSONLDDocumentLoader(mappings: documents))
        let triples = try reader.readAll()
        var ntriples = NTriplesReader(text: expected, name: "shop.nt")
        #expect(RDFXMLGraphIsomorphism.isomorphic(triples, try ntriples.readAll()))

        // The same graph as N-Triples with the JSON-LD reader's blank node labels.
        let sameGraph = triples.map { $0.description + "\n" }.joined()
        let namespaces = ["https://shop.example/"]
        let fromJSONLD = try load(jsonld, .jsonld, idNamespaces: namespaces, documents: documents)
        let fromNTriples = try load(sameGraph, .ntriples, idNamespaces: namespaces)
        #expect(fromJSONLD.delta.nodeIDs.contains("i1") && fromJSONLD.delta.nodeIDs.contains("Tents"))
        expectSameStore(fromJSONLD, fromNTriples)
    }

    /// `.jsonld` is detected by its extension; `--format json-ld` names it too.
    @Test func jsonldIsDetectedAndNamed() throws {
        #expect(try ImportFormat.detect(path: dir.write("x.jsonld", "{}")) == .jsonld)
        #expect(ImportFormat(name: "json-ld") == .jsonld && ImportFormat(name: "jsonld") == .jsonld)
        #expect(ImportFormat.jsonld.isRDF)
        #expect(try ImportFormat.detect(path: dir.write("page.json", "{\n  \"@context\": \"https://schema.org\"}")) == .jsonld)
        #expect(try ImportFormat.detect(path: dir.write("list", "[{\"@id\": \"https://x/a\"}]")) == .jsonld)
    }

    /// A file with an error imports nothing and reports where, through `Importer.load`.
    @Test func aFailedJSONLDImportReportsItsPosition() {
        let path = dir.write("bad.jsonld", "{\n  \"@id\": \"https://shop.example/i1\",\n  \"name\" \"Tent\"\n}\n")
        #expect(dir.message { _ = try Importer.load(path: path) }
                == "bad.jsonld:3:10: expected ':' after the key 'name', found '\"'")
    }


    /// A product page's JSON-LD with `"@context": "https://schema.org"` reads offline with
    /// schema.org's context from a `--documents` directory, and imports a product with its
    /// brand and offer.
    @Test(.needsShared("ontologies/schemaorg")) func aProductPageReadsSchemaOrgsContextFromADocumentsDirectory() throws {
        guard let directory = SharedData.directory("ontologies/schemaorg") else { return }
        let page = #"""
            {"@context": "https://schema.org", "@type": "Product", "@id": "https://shop.example/p1", "name": "Trail Shoe",
             "brand": {"@type": "Brand", "name": "Acme"}, "image": "https://shop.example/p1.jpg",
             "offers": {"@type": "Offer", "price": "49.90", "priceCurrency": "EUR"}, "category": "Footwear"}
            """#
        let documents = [JSONLDDocumentLoader.Mapping(prefix: "https://schema.org/", directory: directory.path)]
        var reader = JSONLDReader(text: page, name: "page.jsonld", loader: JSONLDDocumentLoader(mappings: documents))
        let triples = Set(try reader.readAll())
        let p1 = RDFTerm.iri("https://shop.example/p1")
        #expect(triples.contains(RDFTriple(p1, RDF.type, .iri("http://schema.org/Product"))))
        #expect(triples.contains(RDFTriple(p1, "http://schema.org/image", .iri("https://shop.example/p1.jpg"))))
        #expect(triples.count == 11)
        let result = try load(page, .jsonld, name: "page", idNamespaces: ["https://shop.example/"], documents: documents)
        #expect(result.delta.nodeIDs.contains("p1"))
        #expect(result.delta.nodeKinds[result.delta.nodeIDs.firstIndex(of: "p1") ?? 0] == .item)
    }
}
