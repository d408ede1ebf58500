import Testing
@testable import KGImport

/// IRIs as the RDF/XML reader emits them: RFC 3986 §5.2 resolution exactly (the §5.4
/// examples through a whole document), the one documented repair, and never an IRI that
/// kgrec's own N-Triples reader would refuse.
@Suite struct RDFXMLIRIReadingTests {
    static let open = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">"#

    /// The subject `rdf:about="reference"` gives under `xml:base="base"`, the warnings, and
    /// the triple read back from its N-Triples form.
    static func subject(_ reference: String, base: String = RDFXMLIRIResolverTests.base)
        throws -> (iri: String?, warnings: [String], reread: [RDFTriple]) {
        let escaped = reference.replacingAll("&", with: "&amp;").replacingAll("\"", with: "&quot;")
        let document = open + #"<rdf:Description xml:base="\#(base)" rdf:about="\#(escaped)" ex:p="v"/></rdf:RDF>"#
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "iri.rdf")
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        var again = NTriplesReader(text: triples.map(\.description).joined(separator: "\n"), name: "again.nt")
        return (triples.first?.subject.iriValue, reader.warnings.map(\.description), try again.readAll())
    }

    @Test(arguments: RDFXMLIRIResolverTests.normal + RDFXMLIRIResolverTests.abnormal)
    func rfc3986ExamplesThroughTheReader(_ example: (reference: String, expected: String)) throws {
        let (iri, warnings, reread) = try Self.subject(example.reference)
        #expect(iri == example.expected)
        #expect(warnings == [])
        #expect(reread.first?.subject.iriValue == example.expected)
    }

    /// A reference with a scheme is absolute as it is: its dot segments go, nothing else
    /// changes (the reviewer's `http:/a/../b` became `<http://b>`).
    @Test(arguments: [
        ("http:/a/../b", "http:/b"), ("http:x/y", "http:x/y"), ("https:/x", "https:/x"), ("http:g", "http:g"),
        ("http:/www", "http:/www"), ("HTTP:/www.ex.org/a", "HTTP:/www.ex.org/a"), ("urn:a:b/../c", "urn:/c"),
    ])
    func aReferenceWithASchemeIsKeptAsWritten(_ reference: String, _ expected: String) throws {
        let (iri, warnings, reread) = try Self.subject(reference)
        #expect(iri == expected)
        #expect(warnings == [])
        #expect(reread.first?.subject.iriValue == expected)
    }

    /// Only `http:/www.…` and `https:/www.…` get their `//` back, before resolution.
    @Test(arguments: [
        ("http:/www.ex.org/a", "http://www.ex.org/a"),
        ("https:/www.ex.org/x/../y", "https://www.ex.org/y"),
        ("http:/www.ex.org/../b", "http://www.ex.org/b"),
    ])
    func onlyTheDocumentedOneSlashTypoIsRepaired(_ reference: String, _ expected: String) throws {
        let (iri, warnings, reread) = try Self.subject(reference)
        #expect(iri == expected)
        #expect(warnings == ["iri.rdf:1:135: warning: IRI '\(reference)' has no '//' after its scheme; read as '\(expected)'"])
        #expect(reread.first?.subject.iriValue == expected)
    }

    @Test func aRelativeBaseIsAnErrorNotARelativeIRI() {
        #expect(throws: ImportError.syntax(SourceLocation(file: "iri.rdf", line: 1, column: 88),
                                           "relative IRI 'example.org/' cannot be resolved: the document has no base IRI "
                                           + "(give one with xml:base or --base)")) {
            _ = try Self.subject("g", base: "example.org/")
        }
        let document = Self.open + #"<rdf:Description rdf:about="g"/></rdf:RDF>"#
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "iri.rdf", baseIRI: "relative/dir/")
        #expect(throws: ImportError.syntax(SourceLocation(file: "iri.rdf", line: 1, column: 105),
                                           "relative IRI 'g' cannot be resolved: the base IRI 'relative/dir/' is not "
                                           + "absolute (it has no scheme such as 'http:')")) {
            try reader.read { _ in }
        }
    }

    /// libxml2 refuses a namespace that is not a URI reference (one with a space); the
    /// documented one-slash typo is repaired, once per namespace.
    @Test func aNamespaceIsCheckedAndRepairedOnce() throws {
        let document = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http:/www.ex.org/">"#
            + #"<ex:T rdf:about="http://ex/s" ex:p="1"/><ex:T rdf:about="http://ex/t"/></rdf:RDF>"#
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "ns.rdf")
        var triples: [RDFTriple] = []
        try reader.read { triples.append($0) }
        #expect(triples.map(\.description) == [
            "<http://ex/s> <\(RDF.type)> <http://www.ex.org/T> .",
            "<http://ex/s> <http://www.ex.org/p> \"1\" .",
            "<http://ex/t> <\(RDF.type)> <http://www.ex.org/T> .",
        ])
        #expect(reader.warnings.map(\.description) == [
            "ns.rdf:1:95: warning: namespace 'http:/www.ex.org/' has no '//' after its scheme; read as 'http://www.ex.org/'",
        ])
        let spaced = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/a b/"/>"#
        var refused = RDFXMLReader(bytes: Array(spaced.utf8), name: "ns.rdf")
        #expect(throws: ImportError.syntax(SourceLocation(file: "ns.rdf", line: 1, column: 91),
                                           "malformed XML: xmlns:ex: 'http://ex/a b/' is not a valid URI")) {
            try refused.read { _ in }
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced (the standard library's own, without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
