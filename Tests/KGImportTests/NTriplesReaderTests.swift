import Foundation
import Testing
import KGTestSupport
@testable import KGImport

@Suite struct NTriplesReaderTests {
    private func parse(_ text: String) throws -> [RDFTriple] {
        var reader = NTriplesReader(text: text, name: "t.nt")
        return try reader.readAll()
    }

    @Test func readsEveryKindOfTerm() throws {
        let triples = try parse("""
            <http://ex/s> <http://ex/p> <http://ex/o> .
            _:b1 <http://ex/p> "plain" .
            <http://ex/s> <http://ex/p> "chat"@fr-CA .
            <http://ex/s> <http://ex/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://ex/s> <http://ex/p> "s"^^<http://www.w3.org/2001/XMLSchema#string> .
            """)
        #expect(triples == [
            RDFTriple(.iri("http://ex/s"), "http://ex/p", .iri("http://ex/o")),
            RDFTriple(.blank("b1"), "http://ex/p", .literal("plain")),
            RDFTriple(.iri("http://ex/s"), "http://ex/p", .literal("chat", language: "fr-CA")),
            RDFTriple(.iri("http://ex/s"), "http://ex/p", .literal("42", datatype: XSD.integer)),
            RDFTriple(.iri("http://ex/s"), "http://ex/p", .literal("s")),
        ])
    }

    @Test func decodesEscapes() throws {
        let triples = try parse(#"<http://ex/\u0053\U00000074> <http://ex/p> "t\tb\bn\nr\rf\f q\" a' s\\ \u00E9\U0001F600" ."#)
        #expect(triples.first?.subject == .iri("http://ex/St"))
        #expect(triples.first?.object == .literal("t\tb\u{8}n\nr\rf\u{C} q\" a' s\\ é😀"))
    }

    @Test func acceptsUnicodeBlankNodeLabelsAndDotsInside() throws {
        let triples = try parse("_:é.x·1 <http://ex/p> _:a.b.\n_:0 <http://ex/p> _:x-y .")
        #expect(triples.map(\.subject) == [.blank("é.x·1"), .blank("0")])
        #expect(triples.map(\.object) == [.blank("a.b"), .blank("x-y")])
    }

    @Test(arguments: ["\n", "\r", "\r\n", "\n\n\r\n"])
    func acceptsEveryLineEnd(_ eol: String) throws {
        let text = "# c" + eol + "<http://ex/s> <http://ex/p> \"1\" ." + eol + "<http://ex/s> <http://ex/p> \"2\" ." + eol
        #expect(try parse(text).count == 2)
        var reader = NTriplesReader(text: text + "<http://ex/s> <p> \"3\" .", name: "t.nt")
        #expect(throws: ImportError.self) { try reader.readAll() }
        do {
            var again = NTriplesReader(text: text + "<http://ex/s> <p> \"3\" .", name: "t.nt")
            _ = try again.readAll()
        } catch let error as ImportError {
            let linesPerEnd = eol == "\n\n\r\n" ? 3 : 1  // CRLF is one line end
            #expect(error.location?.line == 1 + 3 * linesPerEnd)
        }
    }

    @Test func skipsAByteOrderMarkAndReadsFromAFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("bom.nt", "\u{FEFF}<http://ex/s> <http://ex/p> <http://ex/o> .\n")
        var reader = try NTriplesReader(path: path)
        #expect(try reader.readAll().count == 1)
        let empty = dir.write("empty.nt", "")
        var emptyReader = try NTriplesReader(path: empty)
        #expect(try emptyReader.readAll().isEmpty)
    }

    @Test func reportsTheTripleLocationWhenLocating() throws {
        var reader = NTriplesReader(text: "\n  <http://ex/s> <http://ex/p> <http://ex/o> .", name: "t.nt")
        var locations: [KGImport.SourceLocation?] = []
        try reader.read(locating: { _, location in locations.append(location) })
        #expect(locations == [KGImport.SourceLocation(file: "t.nt", line: 2, column: 3)])
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: ImportError.unreadable(path: "/nonexistent/x.nt", reason: "No such file or directory")) {
            _ = try NTriplesReader(path: "/nonexistent/x.nt")
        }
    }

    /// Every syntax message, verbatim (input on line 1 of `t.nt`).
    @Test(arguments: [
        ("@prefix : <http://ex/> .", "t.nt:1:1: expected '<' or '_:' to start a subject, found '@'"),
        ("<http://ex/s> _:p <http://ex/o> .", "t.nt:1:15: expected '<' to start a predicate IRI, found '_'"),
        ("<http://ex/s> <http://ex/p> 12 .", "t.nt:1:29: expected an IRI, a blank node or a literal, found '1'"),
        ("<http://ex/s> <http://ex/p>", "t.nt:1:28: expected an IRI, a blank node or a literal, found end of file"),
        ("<http://ex/s> <http://ex/p> <http://ex/o>", "t.nt:1:42: expected '.' to end the triple, found end of file"),
        ("<http://ex/s> <http://ex/p> <http://ex/o> . <http://ex/s> <http://ex/p> <http://ex/o> .",
         "t.nt:1:45: expected the end of the line after '.', found '<'"),
        ("<http://ex/a b> <http://ex/p> <http://ex/o> .", "t.nt:1:13: expected '>' to end the IRI, found ' '"),
        ("<http://ex/a{b}> <http://ex/p> <http://ex/o> .", "t.nt:1:13: expected '>' to end the IRI, found '{'"),
        ("<http://ex/s", "t.nt:1:13: expected '>' to end the IRI, found end of file"),
        ("<http://ex/\\u0020> <http://ex/p> <http://ex/o> .",
         "t.nt:1:12: expected a character an IRI may hold, found U+0020 written as an escape"),
        ("<http://ex/\\u003E> <http://ex/p> <http://ex/o> .",
         "t.nt:1:12: expected a character an IRI may hold, found '>' written as an escape"),
        ("<http://ex/\\n> <http://ex/p> <http://ex/o> .",
         "t.nt:1:13: expected 'u' or 'U' after '\\' in an IRI (only \\u and \\U escapes are allowed there), found 'n'"),
        ("<http://ex/\\u00G1> <http://ex/p> <http://ex/o> .",
         "t.nt:1:16: expected a hexadecimal digit in the '\\u' escape, found 'G'"),
        ("<s> <http://ex/p> <http://ex/o> .",
         "t.nt:1:1: expected an absolute IRI (one that starts with a scheme such as 'http:'), found '<s>'"),
        ("<1http://ex/s> <http://ex/p> <http://ex/o> .",
         "t.nt:1:1: expected an absolute IRI (one that starts with a scheme such as 'http:'), found '<1http://ex/s>'"),
        ("_x <http://ex/p> <http://ex/o> .", "t.nt:1:2: expected ':' after '_' in a blank node label, found 'x'"),
        ("_:-a <http://ex/p> <http://ex/o> .",
         "t.nt:1:3: expected a letter, a digit or '_' to start the blank node label, found '-'"),
        ("_:a:b <http://ex/p> <http://ex/o> .", "t.nt:1:4: expected '<' to start a predicate IRI, found ':'"),
        ("<http://ex/s> <http://ex/p> \"abc .", "t.nt:1:35: expected '\"' to end the literal, found end of file"),
        ("<http://ex/s> <http://ex/p> \"a\\qb\" .",
         "t.nt:1:32: expected one of t b n r f \" ' \\ u U after '\\', found 'q'"),
        ("<http://ex/s> <http://ex/p> \"a\\uD800\" .",
         "t.nt:1:31: expected an escape of a Unicode scalar value, found '\\uD800'"),
        ("<http://ex/s> <http://ex/p> \"a\\U00110000\" .",
         "t.nt:1:31: expected an escape of a Unicode scalar value, found '\\U00110000'"),
        ("<http://ex/s> <http://ex/p> \"a\"@ .", "t.nt:1:33: expected a letter to start the language tag, found ' '"),
        ("<http://ex/s> <http://ex/p> \"a\"@en- .",
         "t.nt:1:36: expected a letter or a digit after '-' in the language tag, found ' '"),
        ("<http://ex/s> <http://ex/p> \"a\"^<http://ex/d> .",
         "t.nt:1:33: expected '^^' before the datatype IRI, found '<'"),
        ("<http://ex/s> <http://ex/p> \"a\"^^xsd:int .",
         "t.nt:1:34: expected '<' to start the datatype IRI, found 'x'"),
        ("<http://ex/s> <http://ex/p> \"a\" , \"b\" .", "t.nt:1:33: expected '.' to end the triple, found ','"),
        ("<http://ex/s> <http://ex/p> \"\u{1}\" \u{7F}", "t.nt:1:33: expected '.' to end the triple, found U+007F"),
        ("<http://ex/s> <http://ex/p> \"é\" x", "t.nt:1:33: expected '.' to end the triple, found 'x'"),
    ])
    func rejectsWithMessage(_ input: String, _ message: String) {
        var reader = NTriplesReader(text: input, name: "t.nt")
        do {
            _ = try reader.readAll()
            Issue.record("accepted: \(input)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func rejectsInvalidUTF8AtTheFaultyByte() {
        var bytes = Array("<http://ex/s> <http://ex/p> \"ab".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\" .".utf8)
        var reader = NTriplesReader(bytes: bytes, name: "t.nt")
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: "t.nt", line: 1, column: 32),
                                           "expected UTF-8 text, found byte 0xC3")) {
            _ = try reader.readAll()
        }
    }

    @Test func roundTripsCanonicalSerialisation() throws {
        let original = [
            RDFTriple(.iri("http://ex/ä"), "http://ex/p", .literal("line\nbreak \"q\" \\ \u{1}")),
            RDFTriple(.blank("x.y"), "http://ex/p", .literal("v", language: "en")),
            RDFTriple(.blank("x"), "http://ex/p", .literal("1", datatype: XSD.integer)),
        ]
        let text = original.map(\.description).joined(separator: "\n")
        #expect(try parse(text) == original)
    }
}
