import Testing
@testable import KGImport

/// Every RDF/XML error message, verbatim, with its line and column. Line 1 of each document
/// is the `rdf:RDF` start tag; the snippet starts on line 2.
@Suite struct RDFXMLErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var body: String
        var message: String
        var description: String { message }
    }

    static let cases: [Case] = [
        Case(body: #"<rdf:li/>"#, message: "2:1: 'rdf:li' cannot be used as a node element"),
        Case(body: #"<rdf:aboutEach/>"#, message: "2:1: 'rdf:aboutEach' was withdrawn from RDF and cannot be used"),
        Case(body: #"<rdf:Description><rdf:Description/></rdf:Description>"#,
             message: "2:18: 'rdf:Description' cannot be used as a property element"),
        Case(body: #"<rdf:Description><rdf:about/></rdf:Description>"#,
             message: "2:18: 'rdf:about' cannot be used as a property element"),
        Case(body: #"<ex:T rdf:bagID="x"/>"#, message: "2:7: 'rdf:bagID' was withdrawn from RDF and cannot be used"),
        Case(body: #"<ex:T rdf:li="x"/>"#, message: "2:7: 'rdf:li' cannot be used as an attribute"),
        Case(body: #"<ex:T rdf:resource="x"/>"#, message: "2:7: 'rdf:resource' is not allowed on a node element"),
        Case(body: #"<ex:T rdf:parseType="Resource"/>"#, message: "2:7: 'rdf:parseType' is not allowed on a node element"),
        Case(body: #"<ex:T rdf:datatype="http://example.org/d"/>"#,
             message: "2:7: 'rdf:datatype' is not allowed on a node element"),
        Case(body: #"<ex:T><ex:p><rdf:RDF/></ex:p></ex:T>"#, message: "2:13: 'rdf:RDF' cannot be used as a node element"),
        Case(body: #"<ex:T rdf:about="a" rdf:nodeID="n"/>"#,
             message: "2:21: a node element can have only one of rdf:ID, rdf:about and rdf:nodeID"),
        Case(body: #"<ex:T rdf:ID="1a"/>"#, message: "2:7: rdf:ID '1a' is not an XML name (NCName)"),
        Case(body: #"<ex:T rdf:nodeID="a:b"/>"#, message: "2:7: rdf:nodeID 'a:b' is not an XML name (NCName)"),
        Case(body: #"<ex:T rdf:ID="x"/><ex:T rdf:ID="x"/>"#,
             message: "2:25: rdf:ID 'x' is used twice with the same base IRI (<http://example.org/doc#x>)"),
        Case(body: #"<ex:T><ex:p rdf:about="x"/></ex:T>"#, message: "2:13: 'rdf:about' is not allowed on a property element"),
        Case(body: #"<ex:T><ex:p rdf:resource="a" rdf:nodeID="n"/></ex:T>"#,
             message: "2:30: a property element cannot have both rdf:resource and rdf:nodeID"),
        Case(body: #"<ex:T><ex:p rdf:parseType="Literal" rdf:resource="a"/></ex:T>"#,
             message: "2:37: rdf:parseType cannot be combined with rdf:resource"),
        Case(body: #"<ex:T><ex:p rdf:parseType="Resource" ex:q="v"/></ex:T>"#,
             message: "2:38: rdf:parseType cannot be combined with property attributes"),
        Case(body: #"<ex:T><ex:p rdf:datatype="d" rdf:resource="a"/></ex:T>"#,
             message: "2:13: rdf:datatype cannot be combined with rdf:resource or rdf:nodeID"),
        Case(body: #"<ex:T><ex:p rdf:resource="a"><ex:U/></ex:p></ex:T>"#,
             message: "2:30: property element 'http://example.org/p' has rdf:resource, rdf:nodeID or property attributes, so it must be empty"),
        Case(body: #"<ex:T><ex:p><ex:U/><ex:V/></ex:p></ex:T>"#,
             message: "2:20: property element 'http://example.org/p' can contain only one node element"),
        Case(body: #"<ex:T><ex:p rdf:datatype="http://example.org/d"><ex:U/></ex:p></ex:T>"#,
             message: "2:49: property element 'http://example.org/p' has rdf:datatype, so it must contain text, not an element"),
        Case(body: #"<ex:T><ex:p>text<ex:U/></ex:p></ex:T>"#,
             message: "2:17: property element 'http://example.org/p' contains both text and an element"),
        Case(body: #"<ex:T>stray</ex:T>"#, message: "2:7: unexpected text 'stray'; only property elements may appear here"),
        Case(body: "text", message: "2:1: unexpected text 'text'; only node elements may appear here"),
        Case(body: #"<ex:T><ex:p rdf:resource="a"> x </ex:p></ex:T>"#,
             message: "2:31: unexpected text 'x'; this property element's value is given by its attributes or its node element"),
        Case(body: #"<T/>"#, message: "2:1: element 'T' has no namespace; RDF/XML element names must be namespace-qualified"),
        Case(body: #"<ex:T foo="x"/>"#,
             message: "2:7: attribute 'foo' has no namespace; RDF/XML attributes must be namespace-qualified (did you mean 'rdf:foo'?)"),
        Case(body: #"<ex:T rdf:about="a" about="b"/>"#, message: "2:21: attribute 'rdf:about' is given twice"),
        Case(body: #"<ex:T><ex:p>unclosed</ex:T>"#,
             message: "2:28: malformed XML: Opening and ending tag mismatch: p line 2 and T"),
        Case(body: #"<ex:T><undeclared:p/></ex:T>"#,
             message: "2:20: malformed XML: Namespace prefix undeclared on p is not defined"),
        Case(body: #"<ex:T><ex:p><![CDAx[text]]></ex:p></ex:T>"#,
             message: "2:13: malformed XML: expected an element, text, a comment or a CDATA section, found markup that is not one"),
    ]

    @Test(arguments: cases)
    func message(_ testCase: Case) {
        let document = RDFXMLReaderTests.header + "\n" + testCase.body + "\n</rdf:RDF>"
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "bad.rdf", baseIRI: "http://example.org/doc")
        do {
            try reader.read { _ in }
            Issue.record("accepted: \(testCase.body)")
        } catch {
            #expect("\(error)" == "bad.rdf:" + testCase.message)
        }
    }

    @Test func relativeIRIWithoutBaseIsAnError() {
        let document = RDFXMLReaderTests.header + "\n<ex:T rdf:about=\"rel\"/>\n</rdf:RDF>"
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "bad.rdf")
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "bad.rdf", line: 2, column: 7),
                                           "relative IRI 'rel' cannot be resolved: the document has no base IRI "
                                           + "(give one with xml:base or --base)")) {
            try reader.read { _ in }
        }
    }

    @Test func emptyAndTruncatedDocuments() {
        for (text, message) in [("", "bad.rdf:1:1: malformed XML: the document has no root element"),
                                (RDFXMLReaderTests.header + "<ex:T>",
                                 "bad.rdf:1:103: malformed XML: the document ends before element 'T' is closed"),
                                (RDFXMLReaderTests.header + "</rdf:RDF><ex:T/>",
                                 "bad.rdf:1:107: malformed XML: Extra content at the end of the document")] {
            var reader = RDFXMLReader(bytes: Array(text.utf8), name: "bad.rdf")
            do {
                try reader.read { _ in }
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    @Test func missingFileIsUnreadable() {
        var reader = RDFXMLReader(path: "/nonexistent/x.rdf")
        #expect(throws: ImportError.unreadable(path: "/nonexistent/x.rdf", reason: "No such file or directory")) {
            try reader.read { _ in }
        }
    }

    @Test func rdfRootWithRDFAttributesIsAnError() {
        let document = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="x"/>"#
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "bad.rdf")
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "bad.rdf", line: 1, column: 1),
                                           "rdf:RDF cannot have attributes other than xml:lang, xml:base and "
                                           + "namespace declarations")) {
            try reader.read { _ in }
        }
    }

    struct WarningCase: Sendable, CustomStringConvertible {
        var body: String
        var warning: String
        var description: String { warning }
    }

    static let warningCases: [WarningCase] = [
        WarningCase(body: #"<ex:T rdf:about="http://example.org/a b"/>"#,
                    warning: "2:7: warning: IRI 'http://example.org/a b' contains a space; read as 'http://example.org/a%20b'"),
        WarningCase(body: #"<ex:T rdf:about="http://example.org/a&#9;b"/>"#,
                    warning: #"2:1: warning: IRI 'http://example.org/a\u{9}b' contains a control character; read as 'http://example.org/a%09b'"#),
        WarningCase(body: #"<ex:T rdf:about="http://example.org/{a}"/>"#,
                    warning: "2:7: warning: IRI 'http://example.org/{a}' contains '{', which IRIs do not allow; read as 'http://example.org/%7Ba%7D'"),
        WarningCase(body: #"<ex:T rdf:about=" http://example.org/a"/>"#,
                    warning: "2:7: warning: IRI ' http://example.org/a' starts with white space; read as 'http://example.org/a'"),
        WarningCase(body: #"<ex:T rdf:about="http://example.org/a b "/>"#,
                    warning: "2:7: warning: IRI 'http://example.org/a b ' ends with white space; read as 'http://example.org/a%20b'"),
        WarningCase(body: #"<ex:T rdf:about="https:/www.example.org/a"/>"#,
                    warning: "2:7: warning: IRI 'https:/www.example.org/a' has no '//' after its scheme; read as 'https://www.example.org/a'"),
        WarningCase(body: #"<ex:T><ex:p rdf:datatype="xsd:float">1.5</ex:p></ex:T>"#,
                    warning: "2:13: warning: datatype 'xsd:float' is a prefixed name, not an IRI; read as 'http://www.w3.org/2001/XMLSchema#float'"),
        WarningCase(body: #"<ex:T xml:lang="not a tag" ex:p="v"/>"#,
                    warning: "2:7: warning: 'not a tag' is not a well-formed language tag"),
        WarningCase(body: #"<ex:T><ex:p rdf:datatype="http://example.org/d" ex:q="v"/></ex:T>"#,
                    warning: "2:13: warning: rdf:datatype is ignored on a property element with property attributes"),
        WarningCase(body: #"<ex:T><ex:p rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">4.5</ex:p></ex:T>"#,
                    warning: "2:7: warning: '4.5' is not a valid integer literal"),
    ]

    /// Defects a lenient parse reports and goes past; strict mode stops at them.
    @Test(arguments: warningCases)
    func warning(_ testCase: WarningCase) throws {
        let document = RDFXMLReaderTests.header + "\n" + testCase.body + "\n</rdf:RDF>"
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "odd.rdf", baseIRI: "http://example.org/doc")
        var count = 0
        try reader.read { _ in count += 1 }
        #expect(count > 0)
        #expect(reader.warnings.map(\.description) == ["odd.rdf:" + testCase.warning])
        var strict = RDFXMLReader(bytes: Array(document.utf8), name: "odd.rdf", baseIRI: "http://example.org/doc",
                                  strict: true)
        #expect(throws: ImportError.self) { try strict.read { _ in } }
    }
}
