import Testing
@testable import KGImport

/// The RDF/XML writer: what it writes, read back by `RDFXMLReader`, is the same graph.
@Suite struct RDFXMLWriterTests {
    static let ex = "https://shop.example/"

    static func read(_ document: String) throws -> [RDFTriple] {
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "out.rdf")
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        #expect(reader.warnings.isEmpty)
        return triples
    }

    @Test func writesTypedNodesRelativeIRIsAndEscapedLiterals() throws {
        let triples = [
            RDFTriple(.iri(Self.ex + "i1"), RDF.type, .iri(Schema.product)),
            RDFTriple(.iri(Self.ex + "i1"), Schema.name, .literal("Tom & Jerry <3> \"quoted\"", language: "en-GB")),
            RDFTriple(.iri(Self.ex + "i1"), Schema.price, .literal("9.5", datatype: XSD.decimal)),
            RDFTriple(.iri(Self.ex + "i1"), Schema.brand, .iri(Self.ex + "brand/acme?x=1&y=2")),
            RDFTriple(.iri(Self.ex + "i2"), RDF.type, .iri(Self.ex + "Thing")),
        ]
        let writer = RDFXMLWriter(prefixes: [("schema", Schema.ns), ("unused", "http://unused.example/")],
                                  base: Self.ex, comment: "two items")
        let document = try writer.document(triples)
        #expect(document == """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- two items -->
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns:schema="https://schema.org/"
                     xmlns:ns1="https://shop.example/"
                     xml:base="https://shop.example/">
              <schema:Product rdf:about="i1">
                <schema:name xml:lang="en-GB">Tom &amp; Jerry &lt;3&gt; "quoted"</schema:name>
                <schema:price rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">9.5</schema:price>
                <schema:brand rdf:resource="https://shop.example/brand/acme?x=1&amp;y=2"/>
              </schema:Product>
              <ns1:Thing rdf:about="i2"/>
            </rdf:RDF>

            """)
        #expect(try Self.read(document) == triples)
    }

    /// Blank nodes, white space and control characters XML keeps, rdf:type that cannot be an
    /// element, xsd:string (the same literal as a plain one) and unknown namespaces.
    @Test func roundTripsAwkwardGraphs() throws {
        let triples = [
            RDFTriple(.blank("1.x"), "http://a.example/ns#p", .literal("  spaced\tand\r\nbroken  ")),
            RDFTriple(.blank("1.x"), RDF.type, .iri(RDF.ns + "Description")),
            RDFTriple(.blank("b2"), "http://b.example/q", .blank("1.x")),
            RDFTriple(.iri("http://c.example/x"), "http://b.example/q", .literal("plain", datatype: XSD.string)),
            RDFTriple(.iri("http://c.example/x"), RDF.type, .iri("http://c.example/T")),
            RDFTriple(.iri("http://c.example/x"), "http://b.example/r", .literal("é ✓ 𝄞")),
        ]
        let document = try RDFXMLWriter().document(triples)
        let back = try Self.read(document)
        #expect(RDFXMLGraphIsomorphism.isomorphic(back, triples.map {
            $0.object == .literal("plain", datatype: XSD.string) ? RDFTriple($0.subject, $0.predicate, .literal("plain")) : $0
        }))
        #expect(document.contains(#"<rdf:Description rdf:nodeID="b1">"#))     // "1.x" is no XML name
        #expect(document.contains("&#13;"))
    }

    @Test(arguments: [
        (RDFTriple(.iri("http://ex/s"), "http://ex/1st", .literal("x")),
         "<RDF/XML output>:0:0: cannot write <http://ex/1st> in RDF/XML: it does not end in an XML name"),
        (RDFTriple(.iri("http://ex/s"), RDF.ns + "li", .literal("x")),
         "<RDF/XML output>:0:0: cannot write <\(RDF.ns)li> in RDF/XML: it reserves the name 'rdf:li'"),
        (RDFTriple(.iri("http://ex/s"), "http://ex/p", .literal("bell\u{7}")),
         "<RDF/XML output>:0:0: cannot write the literal \"bell\\u0007\" in RDF/XML: XML 1.0 cannot hold the character U+7"),
    ])
    func refusesWhatRDFXMLCannotSay(_ triple: RDFTriple, _ message: String) {
        do {
            _ = try RDFXMLWriter().document([triple])
            Issue.record("wrote \(triple)")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
