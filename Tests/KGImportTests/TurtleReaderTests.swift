import Foundation
import KGTestSupport
import Testing
@testable import KGImport

@Suite struct TurtleReaderTests {
    private func parse(_ text: String, base: String? = "http://ex/doc") throws -> [RDFTriple] {
        var reader = TurtleReader(text: text, name: "t.ttl", baseIRI: base)
        return try reader.readAll()
    }

    private static let ex = "http://ex/"
    private func iri(_ local: String) -> RDFTerm { .iri(Self.ex + local) }

    @Test func readsPrefixesListsAndKeywords() throws {
        let triples = try parse("""
            @prefix : <http://ex/> .
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            :s a :T ; :p :o1 , :o2 ;; :q "x"@en-GB ;
               :r "1"^^xsd:int , "s"^^xsd:string , "2" ^^ # a comment
               xsd:int , "y"
               @de .
            """)
        #expect(triples == [
            RDFTriple(iri("s"), RDF.type, iri("T")),
            RDFTriple(iri("s"), Self.ex + "p", iri("o1")),
            RDFTriple(iri("s"), Self.ex + "p", iri("o2")),
            RDFTriple(iri("s"), Self.ex + "q", .literal("x", language: "en-GB")),
            RDFTriple(iri("s"), Self.ex + "r", .literal("1", datatype: XSD.ns + "int")),
            RDFTriple(iri("s"), Self.ex + "r", .literal("s")),
            RDFTriple(iri("s"), Self.ex + "r", .literal("2", datatype: XSD.ns + "int")),
            RDFTriple(iri("s"), Self.ex + "r", .literal("y", language: "de")),
        ])
    }

    @Test func readsNumbersAndBooleansWithTheirDatatypes() throws {
        let objects = try parse("@prefix : <http://ex/> . :s :p 1, -2, +3.5, .5, 1e3, 1.E-2, 2.5e+1, true, false, 7.")
            .map(\.object)
        #expect(objects == [
            .literal("1", datatype: XSD.integer), .literal("-2", datatype: XSD.integer),
            .literal("+3.5", datatype: XSD.decimal), .literal(".5", datatype: XSD.decimal),
            .literal("1e3", datatype: XSD.double), .literal("1.E-2", datatype: XSD.double),
            .literal("2.5e+1", datatype: XSD.double), .literal("true", datatype: XSD.boolean),
            .literal("false", datatype: XSD.boolean), .literal("7", datatype: XSD.integer),
        ])
    }

    @Test func readsEveryStringForm() throws {
        let objects = try parse(#"""
            <http://ex/s> <http://ex/p> "a\"b", 'c\'d', """e
            "f" ""g""", '''h
            'i''j''', "\t\u00E9\U0001F600\\", "" , '''''' .
            """#).map(\.object)
        #expect(objects == [
            .literal("a\"b"), .literal("c'd"), .literal("e\n\"f\" \"\"g"), .literal("h\n'i''j"),
            .literal("\té😀\\"), .literal(""), .literal(""),
        ])
    }

    @Test func resolvesRelativeIRIsAgainstTheBase() throws {
        let triples = try parse("""
            <a> <b> <#c> .
            @base <http://other/x/y> .
            <../z> <?q> <> .
            BASE <sub/>
            @prefix p: <n#> .
            p:l <//h/p> <g:h> .
            """, base: "http://ex/dir/doc")
        #expect(triples == [
            RDFTriple(.iri("http://ex/dir/a"), "http://ex/dir/b", .iri("http://ex/dir/doc#c")),
            RDFTriple(.iri("http://other/z"), "http://other/x/y?q", .iri("http://other/x/y")),
            RDFTriple(.iri("http://other/x/sub/n#l"), "http://h/p", .iri("g:h")),
        ])
    }

    @Test func keepsAbsoluteIRIsAsWritten() throws {
        let triples = try parse("<http://ex/a/./b/../c> <http://ex/p> <http://ex/o> .", base: nil)
        #expect(triples.first?.subject == .iri("http://ex/a/./b/../c"))
    }

    @Test func decodesLocalNameEscapesAndKeepsPercentEncoding() throws {
        let triples = try parse(#"@prefix e.g: <http://ex/> . e.g:a\~b\.c%20d e.g:p:q.r e.g:_1-x. e.g: e.g:p e.g:."#)
        #expect(triples == [
            RDFTriple(.iri("http://ex/a~b.c%20d"), "http://ex/p:q.r", .iri("http://ex/_1-x")),
            RDFTriple(.iri("http://ex/"), "http://ex/p", .iri("http://ex/")),
        ])
    }

    @Test func nestsPropertyListsAndCollections() throws {
        let triples = try parse("""
            @prefix : <http://ex/> .
            :s :p [ :q ( 1 [ :r :o ] () ) ] .
            [ :x :y ] .
            ( :a ) :p [] .
            """)
        let rest = RDF.rest, first = RDF.first, nil_ = RDFTerm.iri(RDF.nil_)
        #expect(triples == [
            RDFTriple(iri("s"), Self.ex + "p", .blank("b1")),
            RDFTriple(.blank("b1"), Self.ex + "q", .blank("b2")),
            RDFTriple(.blank("b2"), first, .literal("1", datatype: XSD.integer)),
            RDFTriple(.blank("b2"), rest, .blank("b3")),
            RDFTriple(.blank("b3"), first, .blank("b4")),
            RDFTriple(.blank("b4"), Self.ex + "r", iri("o")),
            RDFTriple(.blank("b3"), rest, .blank("b5")),
            RDFTriple(.blank("b5"), first, nil_),
            RDFTriple(.blank("b5"), rest, nil_),
            RDFTriple(.blank("b6"), Self.ex + "x", iri("y")),
            RDFTriple(.blank("b7"), first, iri("a")),
            RDFTriple(.blank("b7"), rest, nil_),
            RDFTriple(.blank("b7"), Self.ex + "p", .blank("b8")),
        ])
    }

    /// Document labels that look like the reader's own (`b1`) are renamed, so `[]` never meets them.
    @Test func freshBlankNodesNeverMeetDocumentLabels() throws {
        let triples = try parse("_:b1 <http://ex/p> [] . _:_b2 <http://ex/p> _:b1x . _:c <http://ex/p> _:b .")
        #expect(triples.map(\.subject) == [.blank("_b1"), .blank("__b2"), .blank("c")])
        #expect(triples.map(\.object) == [.blank("b1"), .blank("b1x"), .blank("b")])
    }

    @Test func reportsWhereEachObjectStartsWhenLocating() throws {
        var reader = TurtleReader(text: "@prefix : <http://ex/> .\n:s :p :o ,\n  \"é\" , ( :a ) .", name: "t.ttl")
        var places: [String] = []
        try reader.read(locating: { _, location in places.append(location.map { "\($0.line):\($0.column)" } ?? "-") })
        // :o, "é", the list's head at '(', :a, and the closing rdf:nil at ')'.
        #expect(places == ["2:7", "3:3", "3:9", "3:11", "3:14"])
    }

    @Test func skipsAByteOrderMarkAndCountsEveryLineEnd() throws {
        let text = "\u{FEFF}# c\r\n<http://ex/s> <http://ex/p> '''a\r\nb''' ;\r <http://ex/q> x"
        var reader = TurtleReader(text: text, name: "t.ttl")
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.ttl", line: 4, column: 16),
                                           "expected an object (an IRI, a blank node, '[', '(' or a literal), found 'x'")) {
            _ = try reader.readAll()
        }
        #expect(try parse("<http://ex/s> <http://ex/p> '''a\r\nb''' .").first?.object == .literal("a\r\nb"))
    }

    @Test func readsAFileWithTheFileIRIAsItsBase() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("shop.ttl", "<i1> a <Tent> .\n")
        var reader = try TurtleReader(path: path)
        let subject = try reader.readAll().first?.subject
        #expect(subject == .iri(RDFXMLReader.fileIRI(forPath: path).replacingOccurrences(of: "shop.ttl", with: "i1")))
        var based = try TurtleReader(path: path, baseIRI: "https://shop.example/")
        #expect(try based.readAll().first?.subject == .iri("https://shop.example/i1"))
    }

    /// Every syntax message, verbatim, with its line and column in `t.ttl`.
    @Test(arguments: [
        // Unterminated strings.
        ("<http://ex/s> <http://ex/p> \"abc .\n", "t.ttl:1:35: expected '\"' to end the string, found end of line"),
        ("<http://ex/s> <http://ex/p> 'abc", "t.ttl:1:33: expected ''' to end the string, found end of file"),
        ("<http://ex/s> <http://ex/p>\n  \"\"\"abc\n\" .",
         "t.ttl:2:3: expected '\"\"\"' to end the long string that starts here, found end of file"),
        ("<http://ex/s> <http://ex/p> \"a\\qb\" .", "t.ttl:1:32: expected one of t b n r f \" ' \\ u U after '\\', found 'q'"),
        ("<http://ex/s> <http://ex/p> \"\\uD800\" .", "t.ttl:1:30: expected an escape of a Unicode scalar value, found '\\uD800'"),
        // Prefixes.
        ("ex:s <http://ex/p> <http://ex/o> .",
         "t.ttl:1:1: undefined prefix 'ex:'; declare it with @prefix or PREFIX before its first use"),
        ("@prefix ex: <http://ex/> .\n<http://ex/s> <http://ex/p> ex2:o .",
         "t.ttl:2:29: undefined prefix 'ex2:'; declare it with @prefix or PREFIX before its first use"),
        ("@prefix ex <http://ex/> .", "t.ttl:1:9: expected a prefix name ending in ':' (such as 'ex:') after @prefix, found 'ex'"),
        ("@prefix ex: http://ex/ .", "t.ttl:1:13: expected '<' to start the namespace IRI of 'ex:', found 'http:'"),
        ("@prefix " + String(repeating: "x", count: 100) + ": .", "t.ttl:1:111: expected '<' to start the namespace IRI of '"
         + String(repeating: "x", count: 39) + "…:', found '.'"),
        ("@prefix ex: <http://ex/>\n<http://ex/s> <http://ex/p> ex:o .",
         "t.ttl:2:1: expected '.' to end the @prefix directive, found '<'"),
        ("PREFIX ex: <http://ex/> .", "t.ttl:1:25: expected a subject (an IRI, a blank node, '[' or '('), or a directive, found '.'"),
        ("@Prefix ex: <http://ex/> .", "t.ttl:1:1: expected '@prefix' or '@base', found '@Prefix'"),
        ("@prefix : <http://ex/> . :s :p :a%2 .", "t.ttl:1:36: expected two hexadecimal digits after '%' in a local name, found ' '"),
        ("@prefix : <http://ex/> . :s :p :a\\b .",
         "t.ttl:1:35: expected one of _ ~ . - ! $ & ' ( ) * + , ; = / ? # @ % after '\\' in a local name, found 'b'"),
        // Bad IRIs.
        ("<http://ex/a b> <http://ex/p> <http://ex/o> .", "t.ttl:1:13: expected '>' to end the IRI, found ' '"),
        ("<http://ex/s> <http://ex/p> <http://ex/o", "t.ttl:1:41: expected '>' to end the IRI, found end of file"),
        ("<http://ex/\\u0020> <http://ex/p> <http://ex/o> .",
         "t.ttl:1:12: expected a character an IRI may hold, found U+0020 written as an escape"),
        ("<http://ex/\\n> <http://ex/p> <http://ex/o> .",
         "t.ttl:1:13: expected 'u' or 'U' after '\\' in an IRI (only \\u and \\U escapes are allowed there), found 'n'"),
        ("<http://ex/s> <http://ex/p> <o> .",
         "t.ttl:1:29: cannot resolve the relative IRI '<o>': there is no base IRI (declare one with @base or give --base)"),
        // Missing or misplaced punctuation.
        ("<http://ex/s> <http://ex/p> <http://ex/o>\n<http://ex/s> <http://ex/p> <http://ex/o> .",
         "t.ttl:2:1: expected '.' to end the statement, found '<'"),
        ("@prefix : <http://ex/> .\n:s :p :o\n:t :p :o .", "t.ttl:3:1: expected '.' to end the statement, found ':t'"),
        ("<http://ex/s> <http://ex/p> <http://ex/o> ;", "t.ttl:1:44: expected '.' to end the statement, found end of file"),
        ("<http://ex/s> <http://ex/p> .", "t.ttl:1:29: expected an object (an IRI, a blank node, '[', '(' or a literal), found '.'"),
        ("<http://ex/s> \"p\" <http://ex/o> .", "t.ttl:1:15: expected a predicate (an IRI or 'a'), found '\"'"),
        ("<http://ex/s> _:p <http://ex/o> .", "t.ttl:1:15: expected a predicate (an IRI or 'a'), found '_:p'"),
        ("\"s\" <http://ex/p> <http://ex/o> .",
         "t.ttl:1:1: expected a subject (an IRI, a blank node, '[' or '('), or a directive, found '\"'"),
        ("<http://ex/s> <http://ex/p> [ <http://ex/q> 1 .",
         "t.ttl:1:47: expected ']' to end the blank node's property list, found '.'"),
        ("<http://ex/s> <http://ex/p> ( 1 2", "t.ttl:1:34: expected ')' to end the collection, found end of file"),
        ("[ <http://ex/p> 1 ]", "t.ttl:1:20: expected '.' to end the statement, found end of file"),
        ("[] .", "t.ttl:1:4: expected a predicate (an IRI or 'a'), found '.'"),
        ("<http://ex/s> <http://ex/p> \"a\"@en^^<http://ex/d> .", "t.ttl:1:35: expected '.' to end the statement, found '^'"),
        ("<http://ex/s> <http://ex/p> \"a\"^^\"b\" .",
         "t.ttl:1:34: expected an IRI ('<…>' or a prefixed name) after '^^', found '\"'"),
        ("<http://ex/s> <http://ex/p> \"a\"@1 .", "t.ttl:1:33: expected a letter to start the language tag, found '1'"),
        // Numbers and blank node labels.
        ("<http://ex/s> <http://ex/p> +-1 .", "t.ttl:1:30: expected a digit in the number, found '-'"),
        ("<http://ex/s> <http://ex/p> 1.5e .", "t.ttl:1:33: expected a digit in the number's exponent, found ' '"),
        ("_:a:b <http://ex/p> <http://ex/o> .",
         "t.ttl:1:4: undefined prefix ':'; declare it with @prefix or PREFIX before its first use"),
        ("_:-a <http://ex/p> <http://ex/o> .", "t.ttl:1:3: expected a letter, a digit or '_' to start the blank node label, found '-'"),
        // Text.
        ("<http://ex/s> <http://ex/p> <http://ex/o> . # \u{0}", "t.ttl:1:47: expected text, found a NUL byte"),
        ("<http://ex/s> <http://ex/p> \u{0} .",
         "t.ttl:1:29: expected an object (an IRI, a blank node, '[', '(' or a literal), found U+0000"),
    ])
    func rejectsWithMessage(_ input: String, _ message: String) {
        var reader = TurtleReader(text: input, name: "t.ttl")
        do {
            let triples = try reader.readAll()
            Issue.record("accepted: \(input) as \(triples)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func rejectsInvalidUTF8AtTheFaultyByte() {
        var bytes = Array("@prefix : <http://ex/> .\n:s :p \"ab".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\" .".utf8)
        var reader = TurtleReader(bytes: bytes, name: "t.ttl")
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.ttl", line: 2, column: 10),
                                           "expected UTF-8 text, found byte 0xC3")) {
            _ = try reader.readAll()
        }
    }

    /// Nesting of '[' and '(' is bounded (256 by default): one level more is an error at the
    /// bracket that opens it, in bounded memory and time.
    @Test(arguments: ["[ <http://ex/p> ", "( "])
    func boundsNesting(_ open: String) throws {
        let close = open == "( " ? ") " : "] "
        func document(_ depth: Int) -> String {
            "<http://ex/s> <http://ex/p> " + String(repeating: open, count: depth) + "1 " + String(repeating: close, count: depth) + "."
        }
        #expect(try parse(document(256)).count > 256)
        var reader = TurtleReader(text: document(257), name: "t.ttl")
        let column = 29 + 256 * open.count
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.ttl", line: 1, column: column),
                                           "'[' and '(' nest deeper than the limit of 256 levels")) {
            _ = try reader.readAll()
        }
        var deep = TurtleReader(text: document(100_000), name: "t.ttl")
        #expect(throws: ImportError.self) { _ = try deep.readAll() }
    }

    @Test func boundsLongStringsAndPrefixes() {
        var limits = TurtleReader.Limits()
        limits.maxStringBytes = 8
        limits.maxPrefixes = 2
        var long = TurtleReader(text: "<http://ex/s> <http://ex/p> \"\"\"0123\n45678\"\"\" .", name: "t.ttl", limits: limits)
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.ttl", line: 1, column: 29),
                                           "the long string that starts here is longer than the limit of 8 bytes")) {
            _ = try long.readAll()
        }
        let redefinitions = String(repeating: "@prefix a: <http://ex/> . PREFIX b: <http://ex/b> ", count: 1000)
        var redefining = TurtleReader(text: redefinitions + "a:s b:p a:o .", name: "t.ttl", limits: limits)
        #expect((try? redefining.readAll().count) == 1)
        var many = TurtleReader(text: redefinitions + "@prefix c: <http://ex/c> .", name: "t.ttl", limits: limits)
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.ttl", line: 1, column: 50_009),
                                           "the document declares more than the limit of 2 distinct prefixes")) {
            _ = try many.readAll()
        }
    }
}
