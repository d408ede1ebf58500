import Testing
@testable import KGImport

/// The RDF/XML grammar, production by production, against hand-written N-Triples.
@Suite struct RDFXMLReaderTests {
    static let header = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">"#

    static func parse(_ body: String, base: String? = "http://example.org/doc", strict: Bool = false,
                      wrap: Bool = true) throws -> (triples: [RDFTriple], warnings: [ImportWarning]) {
        let document = wrap ? header + "\n" + body + "\n</rdf:RDF>" : body
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "test.rdf", baseIRI: base, strict: strict)
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        return (triples, reader.warnings)
    }

    /// Parses `body` and checks the graph is isomorphic to `expected` (N-Triples).
    static func check(_ body: String, _ expected: String, base: String? = "http://example.org/doc",
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let got = try parse(body, base: base).triples
        var ntriples = NTriplesReader(text: expected, name: "expected.nt")
        let want = try ntriples.readAll()
        let same = RDFXMLGraphIsomorphism.isomorphic(got, want)
        #expect(same, "got:\n\(got.map(\.description).sorted().joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }

    @Test func nodeElementsWithAboutIDNodeIDAndBlank() throws {
        try Self.check("""
            <rdf:Description rdf:about="http://example.org/a"><ex:p rdf:nodeID="n1"/></rdf:Description>
            <rdf:Description rdf:ID="b"><ex:p rdf:nodeID="n1"/></rdf:Description>
            <rdf:Description rdf:nodeID="n1"><ex:q>v</ex:q></rdf:Description>
            <rdf:Description><ex:q>w</ex:q></rdf:Description>
            """, """
            <http://example.org/a> <http://example.org/p> _:x .
            <http://example.org/doc#b> <http://example.org/p> _:x .
            _:x <http://example.org/q> "v" .
            _:y <http://example.org/q> "w" .
            """)
    }

    @Test func typedNodeAndPropertyAttributes() throws {
        try Self.check("""
            <ex:Person rdf:about="#me" ex:name="Me" rdf:type="http://example.org/Agent" xml:lang="en"/>
            """, """
            <http://example.org/doc#me> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Person> .
            <http://example.org/doc#me> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Agent> .
            <http://example.org/doc#me> <http://example.org/name> "Me"@en .
            """)
    }

    @Test func resourceLiteralAndEmptyPropertyElements() throws {
        try Self.check("""
            <rdf:Description rdf:about="http://example.org/a">
              <ex:knows><ex:Person rdf:about="http://example.org/b"/></ex:knows>
              <ex:name>  spaced  </ex:name>
              <ex:age rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">42</ex:age>
              <ex:plain rdf:datatype="http://www.w3.org/2001/XMLSchema#string">s</ex:plain>
              <ex:empty/>
              <ex:emptyTyped rdf:datatype="http://example.org/dt"/>
              <ex:link rdf:resource="c"/>
              <ex:anon ex:x="1"/>
              <ex:named rdf:nodeID="k" ex:y="2"></ex:named>
            </rdf:Description>
            """, """
            <http://example.org/a> <http://example.org/knows> <http://example.org/b> .
            <http://example.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Person> .
            <http://example.org/a> <http://example.org/name> "  spaced  " .
            <http://example.org/a> <http://example.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://example.org/a> <http://example.org/plain> "s" .
            <http://example.org/a> <http://example.org/empty> "" .
            <http://example.org/a> <http://example.org/emptyTyped> ""^^<http://example.org/dt> .
            <http://example.org/a> <http://example.org/link> <http://example.org/c> .
            <http://example.org/a> <http://example.org/anon> _:b1 .
            _:b1 <http://example.org/x> "1" .
            <http://example.org/a> <http://example.org/named> _:k .
            _:k <http://example.org/y> "2" .
            """)
    }

    @Test func parseTypeResourceAndCollection() throws {
        try Self.check("""
            <rdf:Description rdf:about="http://example.org/a">
              <ex:address rdf:parseType="Resource"><ex:city>Paris</ex:city><rdf:li>first</rdf:li></ex:address>
              <ex:list rdf:parseType="Collection">
                <rdf:Description rdf:about="http://example.org/one"/>
                <ex:Thing/>
              </ex:list>
              <ex:none rdf:parseType="Collection"></ex:none>
            </rdf:Description>
            """, """
            <http://example.org/a> <http://example.org/address> _:r .
            _:r <http://example.org/city> "Paris" .
            _:r <http://www.w3.org/1999/02/22-rdf-syntax-ns#_1> "first" .
            <http://example.org/a> <http://example.org/list> _:c1 .
            _:c1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://example.org/one> .
            _:c1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c2 .
            _:c2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _:t .
            _:t <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Thing> .
            _:c2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
            <http://example.org/a> <http://example.org/none> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
            """)
    }

    @Test func liNumbersPerElementNotPerResource() throws {
        try Self.check("""
            <rdf:Seq rdf:about="http://example.org/s"><rdf:li>a</rdf:li><rdf:li>b</rdf:li><rdf:_3>c</rdf:_3><rdf:li>d</rdf:li></rdf:Seq>
            <rdf:Description rdf:about="http://example.org/s"><rdf:li>again</rdf:li></rdf:Description>
            """, """
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Seq> .
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_1> "a" .
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_2> "b" .
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_3> "c" .
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_3> "d" .
            <http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_1> "again" .
            """)
    }

    @Test func languageInheritsAndEmptyLanguageResets() throws {
        try Self.check("""
            <rdf:Description rdf:about="http://example.org/a" xml:lang="fr">
              <ex:p>chat</ex:p>
              <ex:p xml:lang="en-GB">cat</ex:p>
              <ex:p xml:lang="">none</ex:p>
              <ex:p rdf:datatype="http://example.org/dt">typed</ex:p>
              <ex:q rdf:parseType="Resource"><ex:r>inner</ex:r></ex:q>
            </rdf:Description>
            """, """
            <http://example.org/a> <http://example.org/p> "chat"@fr .
            <http://example.org/a> <http://example.org/p> "cat"@en-GB .
            <http://example.org/a> <http://example.org/p> "none" .
            <http://example.org/a> <http://example.org/p> "typed"^^<http://example.org/dt> .
            <http://example.org/a> <http://example.org/q> _:b .
            _:b <http://example.org/r> "inner"@fr .
            """)
    }

    @Test func xmlBaseResolvesAndNests() throws {
        try Self.check("""
            <rdf:Description xml:base="http://example.org/dir/file#frag" rdf:about="">
              <ex:p rdf:resource="../up"/>
              <ex:p rdf:resource="#f"/>
              <ex:q xml:base="sub/" rdf:resource="x?y"/>
            </rdf:Description>
            <rdf:Description rdf:about="rel"/>
            """, """
            <http://example.org/dir/file> <http://example.org/p> <http://example.org/up> .
            <http://example.org/dir/file> <http://example.org/p> <http://example.org/dir/file#f> .
            <http://example.org/dir/file> <http://example.org/q> <http://example.org/dir/sub/x?y> .
            """, base: "http://example.org/doc")
        // The last description has no properties, so it gives no triple; its IRI still resolves.
    }

    @Test func reificationByIDOnEveryPropertyKind() throws {
        try Self.check("""
            <rdf:Description rdf:about="http://example.org/a">
              <ex:p rdf:ID="s1">v</ex:p>
              <ex:p rdf:ID="s2" rdf:resource="http://example.org/b"/>
              <ex:p rdf:ID="s3" rdf:parseType="Resource"/>
            </rdf:Description>
            """, """
            <http://example.org/a> <http://example.org/p> "v" .
            <http://example.org/doc#s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .
            <http://example.org/doc#s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://example.org/a> .
            <http://example.org/doc#s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://example.org/p> .
            <http://example.org/doc#s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> "v" .
            <http://example.org/a> <http://example.org/p> <http://example.org/b> .
            <http://example.org/doc#s2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .
            <http://example.org/doc#s2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://example.org/a> .
            <http://example.org/doc#s2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://example.org/p> .
            <http://example.org/doc#s2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <http://example.org/b> .
            <http://example.org/a> <http://example.org/p> _:r .
            <http://example.org/doc#s3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .
            <http://example.org/doc#s3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://example.org/a> .
            <http://example.org/doc#s3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://example.org/p> .
            <http://example.org/doc#s3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> _:r .
            """)
    }

    @Test func xmlAttributesAreIgnoredAndLegacyUnqualifiedAttributesWarn() throws {
        let (triples, warnings) = try Self.parse("""
            <rdf:Description about="http://example.org/a" xml:space="preserve" xmlFoo="x">
              <ex:p resource="http://example.org/b"/>
            </rdf:Description>
            """)
        #expect(triples == [RDFTriple(.iri("http://example.org/a"), "http://example.org/p", .iri("http://example.org/b"))])
        #expect(warnings.map(\.description) == [
            "test.rdf:2:18: warning: unqualified attribute 'about' is read as 'rdf:about'",
            "test.rdf:3:9: warning: unqualified attribute 'resource' is read as 'rdf:resource'",
        ])
    }

    @Test func documentWithoutRDFRootIsOneNodeElement() throws {
        let triples = try Self.parse(#"<ex:Thing xmlns:ex="http://example.org/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="http://example.org/t"><ex:p>v</ex:p></ex:Thing>"#,
                                     wrap: false).triples
        #expect(Set(triples) == [
            RDFTriple(.iri("http://example.org/t"), RDF.type, .iri("http://example.org/Thing")),
            RDFTriple(.iri("http://example.org/t"), "http://example.org/p", .literal("v")),
        ])
    }

    @Test func nodeIDsMapToDistinctGeneratedLabels() throws {
        let triples = try Self.parse("""
            <rdf:Description rdf:nodeID="b1"><ex:p rdf:nodeID="x.y"/></rdf:Description>
            <rdf:Description><ex:p rdf:nodeID="b1"/></rdf:Description>
            """).triples
        let labels = triples.flatMap { [$0.subject, $0.object] }.compactMap { term -> String? in
            if case .blank(let label) = term { return label } else { return nil }
        }
        #expect(Set(labels).count == 3)                     // b1, x.y and the anonymous node
        #expect(labels.allSatisfy { $0.first == "b" && $0.dropFirst().allSatisfy(\.isNumber) })
        #expect(triples[0].subject == triples[1].object)    // nodeID b1 is one node
    }

    @Test func illTypedLiteralsAndBrokenIRIsWarnOrFailInStrictMode() throws {
        let body = """
            <rdf:Description rdf:about="http:/www.example.org/a">
              <ex:flag rdf:datatype="http://www.w3.org/2001/XMLSchema#boolean">true></ex:flag>
            </rdf:Description>
            """
        let (triples, warnings) = try Self.parse(body)
        #expect(triples.count == 1)
        #expect(warnings.map(\.description) == [
            "test.rdf:2:18: warning: IRI 'http:/www.example.org/a' has no '//' after its scheme; read as 'http://www.example.org/a'",
            "test.rdf:3:3: warning: 'true>' is not a valid boolean literal",
        ])
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "test.rdf", line: 2, column: 18),
                                           "IRI 'http:/www.example.org/a' has no '//' after its scheme")) {
            try Self.parse(body, strict: true)
        }
    }

    @Test func locatingReadPointsEachTripleAtItsStartTag() throws {
        let document = Self.header + """

            <ex:T rdf:about="http://example.org/a" ex:n="1">
              <ex:p>text</ex:p>
              <ex:q rdf:resource="http://example.org/b"/>
              <ex:r>
                <ex:U rdf:about="http://example.org/c"/></ex:r>
            </ex:T>
            </rdf:RDF>
            """
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "loc.rdf")
        var located: [String] = []
        try reader.read(locating: { triple, location in
            located.append("\(location.map { "\($0.line):\($0.column)" } ?? "-") \(triple.predicate)")
        })
        #expect(located == [
            "2:1 \(RDF.type)", "2:1 http://example.org/n", "3:3 http://example.org/p",
            "4:3 http://example.org/q", "6:5 \(RDF.type)", "6:5 http://example.org/r",
        ])
    }

    @Test func relativeNamespaceIsAnError() throws {
        let document = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rel="vocab/">"#
            + #"<rel:T rdf:about="http://example.org/a"/><rel:T rdf:about="http://example.org/b"/></rdf:RDF>"#
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "ns.rdf", baseIRI: "http://example.org/")
        #expect(throws: ImportError.syntax(SourceLocation(file: "ns.rdf", line: 1, column: 85),
                                           "namespace 'vocab/' of 'T' is not an absolute IRI, so it names no IRI "
                                           + "(XML does not resolve namespaces against the base)")) {
            try reader.read { _ in }
        }
    }
}
