import Testing
import KGTestSupport
@testable import KGImport

/// RDF/XML stays linear in the file size: a start tag's attributes are bounded before
/// libxml2 (whose checks are quadratic in them) parses it, and nesting is bounded.
@Suite struct RDFXMLScalingTests {
    static let open = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">"#

    /// `elements` node elements on line 2, each with `attributes` property attributes named
    /// `ex:p0`, `ex:p1`, … cycling over `distinct` names (all different by default).
    static func document(elements: Int, attributes: Int, distinct: Int = .max) -> [UInt8] {
        var text = open + "\n"
        var k = 0
        for e in 0..<elements {
            text += #"<rdf:Description rdf:about="http://ex/s\#(e)""#
            for _ in 0..<attributes {
                text += #" ex:p\#(k % distinct)="v\#(k)""#
                k += 1
            }
            text += "/>"
        }
        return Array((text + "\n</rdf:RDF>\n").utf8)
    }

    /// The triples of `bytes`, or the error, and the seconds the read took.
    static func read(_ bytes: [UInt8], limits: RDFXMLReader.Limits = .init()) -> (Result<Int, ImportError>, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        var reader = RDFXMLReader(bytes: bytes, name: "big.rdf", limits: limits)
        var count = 0
        let result: Result<Int, ImportError>
        do {
            try reader.read { _ in count += 1 }
            result = .success(count)
        } catch let error as ImportError {
            result = .failure(error)
        } catch {
            result = .failure(.unreadable(path: "big.rdf", reason: "\(error)"))
        }
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test func aHundredThousandAttributesOnOneElementAreRefusedQuickly() {
        let (result, seconds) = Self.read(Self.document(elements: 1, attributes: 100_000))
        #expect(result == .failure(.syntax(SourceLocation(file: "big.rdf", line: 2, column: 1),
                                           "start tag has more than the limit of 1024 attributes (namespace declarations included)")))
        #expect(seconds < 1)
    }

    @Test func aHundredThousandNamespaceDeclarationsAreRefusedQuickly() {
        var text = Self.open + "\n<rdf:Description"
        for k in 0..<100_000 { text += #" xmlns:n\#(k)="http://ex/n\#(k)/""# }
        let (result, seconds) = Self.read(Array((text + "/>\n</rdf:RDF>\n").utf8))
        #expect(result == .failure(.syntax(SourceLocation(file: "big.rdf", line: 2, column: 1),
                                           "start tag has more than the limit of 1024 attributes (namespace declarations included)")))
        #expect(seconds < 1)
    }

    /// Elements of 1,000 attributes each (under the limit) all parse, however many there are:
    /// the limit is per start tag. (How long they take is a benchmark's business, not a test's:
    /// BENCHMARKS.md, "RDF/XML import".)
    @Test func manyElementsOfManyAttributesAllParse() {
        #expect(Self.read(Self.document(elements: 20, attributes: 1_000)).0 == .success(20_000))
        #expect(Self.read(Self.document(elements: 200, attributes: 1_000, distinct: 1_000)).0 == .success(200_000))
    }

    static let tooManyNames = "the document has more than the limit of 65536 distinct XML names "
        + "(elements, attributes, prefixes, namespaces, entities); schema.org has 121"

    /// libxml2's name dictionary slows with every new name, so a document of 100,000 distinct
    /// attribute names (3 MB, one buffer: checked every 64 KiB all the same) is refused
    /// before the parse turns quadratic, while the same attributes over fewer names parse.
    @Test func distinctNamesAreBounded() throws {
        let (result, _) = Self.read(Self.document(elements: 100, attributes: 1_000))
        guard case .failure(.syntax(let location, let message)) = result else {
            Issue.record("expected a syntax error, got \(result)")
            return
        }
        #expect(message == Self.tooManyNames)
        #expect(location.line == 2 && location.column > 1)
        #expect(Self.read(Self.document(elements: 100, attributes: 1_000, distinct: 60_000)).0 == .success(100_000))
    }

    /// `count` elements, nested or siblings, each declaring `declarations` namespaces and
    /// having one property attribute (nested ones also an `ex:q` property, empty in the last).
    static func namespaceDocument(count: Int, declarations: Int, nested: Bool) -> [UInt8] {
        var text = open + "\n"
        for e in 0..<count {
            text += #"<rdf:Description rdf:about="http://ex/s\#(e)" ex:p="v""#
            for k in 0..<declarations { text += #" xmlns:n\#(k)="http://ex/n\#(k)/""# }
            text += nested ? "><ex:q>\n" : "/>\n"
        }
        if nested { text += String(repeating: "</ex:q></rdf:Description>", count: count) }
        return Array((text + "</rdf:RDF>\n").utf8)
    }

    /// libxml2 resolves each prefix by walking every declaration in scope, so declarations
    /// in scope are bounded: nested ones add up, siblings' do not.
    @Test func namespaceDeclarationsInScopeAreBounded() {
        #expect(Self.read(Self.namespaceDocument(count: 100, declarations: 600, nested: false)).0 == .success(100))
        let (result, seconds) = Self.read(Self.namespaceDocument(count: 100, declarations: 600, nested: true))
        #expect(result == .failure(.syntax(SourceLocation(file: "big.rdf", line: 3, column: 1),
                                           "more than the limit of 1024 namespace declarations are in scope "
                                           + "(declared on this element and the ones enclosing it)")))
        #expect(seconds < 1)
        // rdf:RDF's 2 declarations and twice 600: at the limit, accepted; one fewer, refused.
        let twoNested = Self.namespaceDocument(count: 2, declarations: 600, nested: true)
        #expect(Self.read(twoNested, limits: .init(maxNamespacesInScope: 1_202)).0 == .success(4))
        #expect(Self.read(twoNested, limits: .init(maxNamespacesInScope: 1_201)).0 != .success(4))
    }

    /// Names declared in the DTD and processing-instruction targets count too.
    @Test func namesOutsideElementsCount() {
        let entities = (0..<3_000).map { #"<!ENTITY e\#($0) "x">"# }.joined(separator: "\n")
        let withEntities = "<!DOCTYPE rdf:RDF [\n" + entities + "\n]>\n" + Self.open + "</rdf:RDF>\n"
        let instructions = Self.open + (0..<3_000).map { "<?t\($0) x?>" }.joined() + "</rdf:RDF>\n"
        for text in [withEntities, instructions] {
            #expect(Self.read(Array(text.utf8)).0 == .success(0))
            let (result, _) = Self.read(Array(text.utf8), limits: .init(maxDistinctNames: 1_000))
            guard case .failure(.syntax(_, let message)) = result else {
                Issue.record("expected a syntax error, got \(result)")
                continue
            }
            #expect(message.hasPrefix("the document has more than the limit of 1000 distinct XML names"))
        }
    }

    @Test func theLimitCountsAttributesAndNamespaceDeclarationsOfOneTag() {
        let limits = RDFXMLReader.Limits(maxAttributes: 4)
        // rdf:RDF has 2 declarations; each element 1 + 3 attributes: at the limit, accepted.
        #expect(Self.read(Self.document(elements: 3, attributes: 3), limits: limits).0 == .success(9))
        let (result, _) = Self.read(Self.document(elements: 3, attributes: 4), limits: limits)
        #expect(result == .failure(.syntax(SourceLocation(file: "big.rdf", line: 2, column: 1),
                                           "start tag has more than the limit of 4 attributes (namespace declarations included)")))
    }

    /// `=` in text, comments, CDATA, processing instructions, end tags and the DOCTYPE
    /// (quoted, commented, bracketed) is not an attribute.
    @Test func onlyStartTagAttributesCount() {
        let text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE rdf:RDF [
              <!-- a=1 b=2 c=3 "unbalanced ' quote ] > -->
              <!ENTITY ex "http://ex/">
              <!ENTITY odd "a=b c=d e>f ]">
              <?pi x=1 y=2 z=3 ?>
            ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
              <!-- x=1 y=2 z=3 w=4 -->
              <rdf:Description rdf:about="&ex;s" ex:a="x=1 y=2 z=3 'q' >">
                <ex:b>a=1 b=2 c=3 d=4</ex:b>
                <ex:c><![CDATA[ <t a=1 b=2 c=3 d=4> ]] ] ]]></ex:c>
              </rdf:Description>
            </rdf:RDF>
            """
        let (result, _) = Self.read(Array(text.utf8), limits: .init(maxAttributes: 2))
        #expect(result == .success(3))
    }

    /// The tag's `<` is located by line and character, after 100 KB of text (more than a
    /// 64 KiB chunk of a file) and non-ASCII characters on its line.
    @Test func theOffendingTagIsLocatedAcrossChunks() throws {
        let dir = TemporaryDirectory()
        let padding = String(repeating: "<!-- éé -->\n", count: 8_000)
        let text = Self.open + "\n" + padding + "<!-- ü --><rdf:Description" + String(repeating: #" ex:p="v""#, count: 1)
            + (0..<5).map { #" ex:q\#($0)="v""# }.joined() + "/></rdf:RDF>\n"
        let path = dir.write("far.rdf", text)
        var reader = RDFXMLReader(path: path, limits: .init(maxAttributes: 5))
        #expect(throws: ImportError.syntax(SourceLocation(file: path, line: 8_002, column: 11),
                                           "start tag has more than the limit of 5 attributes (namespace declarations included)")) {
            try reader.read { _ in }
        }
    }

    static let nested = [
        open + String(repeating: "<rdf:Description><ex:p>", count: 50_000),
        open + #"<rdf:Description rdf:about="http://ex/s"><ex:p rdf:parseType="Literal">"#
            + String(repeating: "<ex:q>", count: 100_000),
    ]

    /// 100,000 open elements, as nodes and properties or inside an XML literal.
    @Test(arguments: nested)
    func aHundredThousandNestedElementsStopAtTheDepthLimit(_ document: String) throws {
        let (result, seconds) = Self.read(Array(document.utf8))
        guard case .failure(.syntax(let location, let message)) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(message == "elements nest deeper than the limit of 256 levels")
        #expect(location.line == 1)
        #expect(seconds < 2)
    }
}

/// The ontology mapping stays linear when one product has very many offers (its property
/// paths once deduplicated each offer against all the others).
@Suite struct MappingScalingTests {
    static func catalog(offers: Int) -> String {
        var text = "<http://ex/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .\n"
        for i in 0..<offers {
            text += "<http://ex/p> <https://schema.org/offers> <http://ex/o\(i)> .\n<http://ex/o\(i)> <https://schema.org/price> \"\(i)\" .\n"
        }
        return text
    }

    @Test func aProductWithManyOffersMapsInLinearTime() throws {
        func seconds(_ offers: Int) throws -> Double {
            var reader = NTriplesReader(text: Self.catalog(offers: offers))
            let triples = try reader.readAll()
            let clock = ContinuousClock()
            let start = clock.now
            var mapper = OntologyMapper(mapping: .builtIn, file: "offers.nt", context: ImportContext(), expectedNodes: 0)
            for triple in triples { mapper.add(triple, at: nil) }
            let delta = try mapper.finish()
            #expect(delta.nodeCount == offers + 2)
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let small = try [4_000, 4_000].map(seconds).min() ?? 0
        let large = try [20_000, 20_000].map(seconds).min() ?? 0
        #expect(large / small < 10, "4k offers: \(small) s, 20k: \(large) s")
    }
}
