import Foundation
import KGGraph
import KGTestSupport
import Testing
@testable import KGImport

/// Turtle goes through the ontology mapping exactly as N-Triples does: the same graph
/// written in either gives the same delta (nodes, kinds, labels, relations, edges, properties)
/// and the same warnings.
@Suite struct TurtleImportTests {
    let formats = RDFFormatComparison()
    var dir: TemporaryDirectory { formats.dir }

    private func load(_ text: String, _ format: ImportFormat, name: String = "shop",
                      idNamespaces: [String] = []) throws -> ImportResult {
        try formats.load(text, format, name: name, idNamespaces: idNamespaces)
    }

    private func expectSameImport(_ a: ImportResult, _ b: ImportResult) {
        #expect(a.delta.nodeIDs == b.delta.nodeIDs)
        #expect(a.delta.nodeKinds == b.delta.nodeKinds)
        #expect(a.delta.nodeLabels == b.delta.nodeLabels)
        #expect(a.delta.relationNames == b.delta.relationNames)
        #expect(a.delta.edges == b.delta.edges)
        #expect(a.delta.properties == b.delta.properties)
        #expect(a.delta.idNamespaces == b.delta.idNamespaces)
        #expect(a.summary.recordsRead == b.summary.recordsRead)
        #expect(a.warnings.map(\.message) == b.warnings.map(\.message))
    }

    /// The demo ontology and catalog (`Ontologies/*.nt`), rendered as Turtle with prefixes,
    /// `a`, `;`/`,` lists and bare decimals, import to the same delta as the N-Triples.
    @Test func theDemoCatalogAsTurtleImportsLikeItsNTriples() throws {
        let (ntriples, triples) = try RDFFormatComparison.demoNTriples()
        let turtle = TurtleRendering.render(triples, prefixes: [
            ("demo", "https://kgrec.dev/demo/"), ("schema", Schema.ns), ("rdfs", RDFS.ns), ("xsd", XSD.ns),
        ])
        #expect(turtle.utf8.count < ntriples.utf8.count / 2)
        var turtleReader = TurtleReader(text: turtle, name: "demo.ttl")
        #expect(try turtleReader.readAll() == triples)

        let namespaces = ["https://kgrec.dev/demo/"]
        let fromTurtle = try load(turtle, .turtle, name: "demo", idNamespaces: namespaces)
        let fromNTriples = try load(ntriples, .ntriples, name: "demo", idNamespaces: namespaces)
        #expect(fromTurtle.summary.format == .turtle)
        #expect(fromTurtle.delta.nodeKinds.filter { $0 == .item }.count == 300)
        expectSameImport(fromTurtle, fromNTriples)
    }

    /// A product ontology that uses what N-Triples cannot say briefly: blank node offers,
    /// a collection, relative IRIs, numbers and booleans, prefixed names with escapes.
    @Test func aProductOntologyAsTurtleImportsLikeItsNTriples() throws {
        let turtle = #"""
            @base <https://shop.example/> .
            @prefix s: <https://schema.org/> .
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            <Tents> rdfs:subClassOf s:Product ; rdfs:label "Tents"@en .
            <i1> a <Tents> ; s:name """Dome "Two"
            Person""" ; s:keywords "camping" , "light" ;
                s:offers [ s:price 129.5 ; s:priceCurrency 'EUR' ; s:availability s:InStock ] ;
                s:brand <brand/acme> ; s:isFamilyFriendly true ;
                s:size ( "S" "M" ) .
            <brand/acme> s:name "Acme\u00A0Outdoor" .
            <i2> a <Tents> ; s:name "Tarp" ; s:sku s:tarp\-01 ; s:offers [ s:price 40 ] .
            """#
        let ntriples = #"""
            <https://shop.example/Tents> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://schema.org/Product> .
            <https://shop.example/Tents> <http://www.w3.org/2000/01/rdf-schema#label> "Tents"@en .
            <https://shop.example/i1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/Tents> .
            <https://shop.example/i1> <https://schema.org/name> "Dome \"Two\"\nPerson" .
            <https://shop.example/i1> <https://schema.org/keywords> "camping" .
            <https://shop.example/i1> <https://schema.org/keywords> "light" .
            <https://shop.example/i1> <https://schema.org/offers> _:b1 .
            _:b1 <https://schema.org/price> "129.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            _:b1 <https://schema.org/priceCurrency> "EUR" .
            _:b1 <https://schema.org/availability> <https://schema.org/InStock> .
            <https://shop.example/i1> <https://schema.org/brand> <https://shop.example/brand/acme> .
            <https://shop.example/i1> <https://schema.org/isFamilyFriendly> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
            <https://shop.example/i1> <https://schema.org/size> _:b2 .
            _:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "S" .
            _:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:b3 .
            _:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "M" .
            _:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
            <https://shop.example/brand/acme> <https://schema.org/name> "Acme\u00A0Outdoor" .
            <https://shop.example/i2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/Tents> .
            <https://shop.example/i2> <https://schema.org/name> "Tarp" .
            <https://shop.example/i2> <https://schema.org/sku> <https://schema.org/tarp-01> .
            <https://shop.example/i2> <https://schema.org/offers> _:b4 .
            _:b4 <https://schema.org/price> "40"^^<http://www.w3.org/2001/XMLSchema#integer> .

            """#
        var reader = TurtleReader(text: turtle, name: "shop.ttl")
        var expected = NTriplesReader(text: ntriples, name: "shop.nt")
        #expect(try reader.readAll() == expected.readAll())

        let namespaces = ["https://shop.example/"]
        let fromTurtle = try load(turtle, .turtle, idNamespaces: namespaces)
        let fromNTriples = try load(ntriples, .ntriples, idNamespaces: namespaces)
        #expect(fromTurtle.delta.nodeIDs.contains("i1") && fromTurtle.delta.nodeIDs.contains("Tents"))
        expectSameImport(fromTurtle, fromNTriples)
    }

    /// A file with an error imports nothing and reports where, through `Importer.load`.
    @Test func aFailedTurtleImportReportsItsPosition() {
        let path = dir.write("bad.ttl", "@prefix s: <https://schema.org/> .\n<https://shop.example/i1> s:name \"Tent\" ;\n  x:brand <b> .\n")
        #expect(dir.message { _ = try Importer.load(path: path) }
                == "bad.ttl:3:3: undefined prefix 'x:'; declare it with @prefix or PREFIX before its first use")
    }

}
