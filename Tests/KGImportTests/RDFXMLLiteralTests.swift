import Testing
@testable import KGImport

/// `rdf:parseType="Literal"` serialisation (exclusive XML canonicalization with comments).
@Suite struct RDFXMLLiteralTests {
    static func literal(_ content: String, declarations: String = "") throws -> String {
        let document = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/" "#
            + declarations + #"><rdf:Description rdf:about="http://example.org/a" xml:lang="en">"#
            + #"<ex:p rdf:parseType="Literal">"# + content + "</ex:p></rdf:Description></rdf:RDF>"
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "literal.rdf")
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        guard triples.count == 1, case .literal(let value, let datatype, let language) = triples[0].object,
              datatype == RDF.xmlLiteral, language == nil else {
            Issue.record("expected one XML literal, got \(triples)")
            return ""
        }
        return value
    }

    static let cases: [(content: String, declarations: String, expected: String)] = [
        ("plain text", "", "plain text"),
        ("", "", ""),
        ("a &amp; b &lt; c &gt; d", "", "a &amp; b &lt; c &gt; d"),
        // Empty elements become start/end pairs; attributes sort by namespace then name and
        // escape quotes, tabs and newlines; visibly used namespaces are declared.
        (#"<ex:b z="1" a="2" ex:y="&quot;&#9;&#10;"/>"#, "",
         #"<ex:b xmlns:ex="http://example.org/" a="2" z="1" ex:y="&quot;&#x9;&#xA;"></ex:b>"#),
        // Namespaces in scope but not used are left out; the default namespace is declared
        // once and reset with xmlns="" below it.
        (#"<h:p xmlns:h="http://www.w3.org/1999/xhtml" xmlns:unused="u:x">x<h:i>y</h:i></h:p>"#, "",
         #"<h:p xmlns:h="http://www.w3.org/1999/xhtml">x<h:i>y</h:i></h:p>"#),
        (#"<p xmlns="http://www.w3.org/1999/xhtml"><q xmlns=""/></p>"#, "",
         #"<p xmlns="http://www.w3.org/1999/xhtml"><q xmlns=""></q></p>"#),
        // A namespace declared outside the literal is declared on the literal's element.
        ("<d:x/>", #"xmlns:d="http://example.org/d#""#, #"<d:x xmlns:d="http://example.org/d#"></d:x>"#),
        // Comments and processing instructions are kept; CDATA becomes text.
        ("<!--note--><?pi data?><![CDATA[<&>]]>", "", "<!--note--><?pi data?>&lt;&amp;&gt;"),
        // xml:lang inside the literal is an ordinary attribute; the outer one is not inherited.
        (#"<ex:t xml:lang="fr">chat</ex:t>"#, "",
         #"<ex:t xmlns:ex="http://example.org/" xml:lang="fr">chat</ex:t>"#),
        // Sibling elements each declare what they use.
        ("<ex:a/><ex:b/>", "",
         #"<ex:a xmlns:ex="http://example.org/"></ex:a><ex:b xmlns:ex="http://example.org/"></ex:b>"#),
    ]

    @Test(arguments: cases)
    func canonicalForm(_ testCase: (content: String, declarations: String, expected: String)) throws {
        #expect(try Self.literal(testCase.content, declarations: testCase.declarations) == testCase.expected)
    }
}
