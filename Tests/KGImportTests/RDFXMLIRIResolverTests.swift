import Testing
@testable import KGImport

/// RFC 3986 §5.4: every normal and abnormal example, resolved against
/// `http://a/b/c/d;p?q`, plus the cases RDF/XML relies on.
@Suite struct RDFXMLIRIResolverTests {
    static let base = "http://a/b/c/d;p?q"

    static let normal: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]

    static let abnormal: [(String, String)] = [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
    ]

    @Test(arguments: normal + abnormal)
    func rfc3986Example(_ example: (reference: String, expected: String)) {
        #expect(IRIResolver.resolve(example.reference, against: Self.base) == example.expected)
        // The prepared base (with its fast path for plain relative paths) agrees.
        #expect(IRIResolver.resolve(example.reference, against: IRIResolver.Base(Self.base)) == example.expected)
    }

    @Test func preparedBasesAgreeWithTheGeneralAlgorithm() {
        let bases = ["http://example.org", "http://example.org/", "http://e.org/a/b", "http://e.org/a/../b/c",
                     "urn:x:y", "file:///tmp/x.rdf#f", "http://e.org/a?q#f"]
        let references = ["", "g", "g/h", "./g", "../g", "#f", "?q", "/g", "//h/g", "g:h", "a.b", "é", "g?x#y"]
        for base in bases {
            for reference in references {
                #expect(IRIResolver.resolve(reference, against: IRIResolver.Base(base))
                        == IRIResolver.resolve(reference, against: base), "\(reference) against \(base)")
            }
        }
    }

    @Test func rdfXMLCases() {
        // The empty reference drops the base's fragment; a fragment replaces it.
        #expect(IRIResolver.resolve("", against: "http://example.org/dir/file#frag") == "http://example.org/dir/file")
        #expect(IRIResolver.resolve("#x", against: "http://example.org/dir/file#frag") == "http://example.org/dir/file#x")
        // A base without a path gets "/" before a relative path.
        #expect(IRIResolver.resolve("relfile", against: "http://example.org") == "http://example.org/relfile")
        // Absolute IRIs keep their text, dot segments aside; non-ASCII passes through.
        #expect(IRIResolver.resolve("https://schema.org/Thing", against: "https://schema.org/") == "https://schema.org/Thing")
        #expect(IRIResolver.resolve("http://x/a/./b/../c", against: "http://y/") == "http://x/a/c")
        #expect(IRIResolver.resolve("é/ü", against: "http://example.org/ä/") == "http://example.org/ä/é/ü")
        #expect(IRIResolver.resolve("urn:isbn:0451450523", against: "http://a/") == "urn:isbn:0451450523")
        #expect(IRIResolver.resolve("http:/www.example.org/a", against: "http://a/b") == "http:/www.example.org/a")
    }

    @Test func componentsFollowAppendixB() {
        let c = IRIResolver.components(of: "http://u@h:8/p/q?x=1#f")
        #expect(c == IRIResolver.Components(scheme: "http", authority: "u@h:8", path: "/p/q", query: "x=1", fragment: "f"))
        // "1a:b" is not a scheme (schemes start with a letter), so it is a relative path.
        #expect(IRIResolver.components(of: "1a:b").scheme == nil)
        #expect(IRIResolver.components(of: "?").query == "")
        #expect(IRIResolver.components(of: "#").fragment == "")
    }

    @Test func removeDotSegmentsMatchesTheRFCWalkthrough() {
        #expect(IRIResolver.removeDotSegments("/a/b/c/./../../g") == "/a/g")
        #expect(IRIResolver.removeDotSegments("mid/content=5/../6") == "mid/6")
    }

    @Test func fileIRIsAreAbsoluteAndPercentEncoded() {
        #expect(RDFXMLReader.fileIRI(forPath: "/data/my file#1.rdf") == "file:///data/my%20file%231.rdf")
        #expect(RDFXMLReader.fileIRI(forPath: "x.rdf").hasPrefix("file:///"))
        #expect(RDFXMLReader.fileIRI(forPath: "x.rdf").hasSuffix("/x.rdf"))
    }
}
