import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// Malformed and hostile JSON-LD: each is a clean `ImportError.syntax` at `file:line:column`,
/// with the message tested verbatim.
@Suite struct JSONLDErrorTests {
    let dir = TemporaryDirectory()

    /// Writes `files` (name → text) into one directory mapped from `https://example.org/`, and
    /// reads `doc.jsonld` from it; the error as the user sees it, or "no error".
    private func message(_ text: String, files: [String: String] = [:], mapped: Bool = true) -> String {
        let path = dir.write("doc.jsonld", text)
        for (name, contents) in files { dir.write("contexts/" + name, contents) }
        let loader = JSONLDDocumentLoader(mappings: mapped ? [.init(prefix: "https://example.org/", directory: dir.path("contexts"))] : [])
        return dir.message {
            var reader = try JSONLDReader(path: path, baseIRI: "https://example.org/doc", loader: loader)
            _ = try reader.readAll()
        }
    }

    static let cases: [(text: String, files: [String: String], expected: String)] = [
        ("{\"a\": 1,}", [:], "doc.jsonld:1:9: expected a string key in an object, found '}'"),
        ("{\"a\": [1 2]}", [:], "doc.jsonld:1:10: expected ',' or ']' in an array, found '2'"),
        ("{\n  \"a\": tru\n}", [:], "doc.jsonld:2:8: expected a JSON value, found 't'"),
        ("{\"a\": 01}", [:], "doc.jsonld:1:8: expected no leading zero in a number, found '1'"),
        ("{\"a\": \"x\ty\"}", [:], "doc.jsonld:1:9: expected a control character in a string to be escaped, found byte 0x09"),
        ("{\"a\": \"\\ud800\"}", [:], "doc.jsonld:1:14: expected a low surrogate escape after '\\uD800', found '\"'"),
        ("{\"a\": \"open", [:], "doc.jsonld:1:7: expected '\"' to close the string, found the end of the input"),
        ("", [:], "doc.jsonld:1:1: expected a JSON value, found the end of the input"),
        ("{} {}", [:], "doc.jsonld:1:4: expected the end of the input after the JSON value, found '{'"),
        (String(repeating: "[", count: 300), [:],
         "doc.jsonld:1:257: expected at most 256 levels of nested arrays and objects, found more"),
        ("{\"@context\": \"https://example.net/ctx.jsonld\", \"@id\": \"x\"}", [:],
         "doc.jsonld:1:1: loading remote context failed: 'https://example.net/ctx.jsonld' is not available offline "
            + "(kgrec never uses the network); give --documents https://example.net/=DIR with a directory holding it"),
        ("{\"@context\": \"https://schema.org\", \"name\": \"x\"}", [:],
         "doc.jsonld:1:1: loading remote context failed: 'https://schema.org' is not available offline (kgrec never "
            + "uses the network); give --documents https://schema.org/=DIR with a directory holding schemaorgcontext.jsonld"),
        ("{\"@context\": \"https://example.org/missing.jsonld\"}", [:],
         "doc.jsonld:1:1: loading remote context failed: 'https://example.org/missing.jsonld' maps to "
            + "'CONTEXTS/missing.jsonld', which cannot be read (No such file or directory)"),
        ("{\"@context\": \"https://example.org/\"}", [:],
         "doc.jsonld:1:1: loading remote context failed: 'https://example.org/' does not name a file under "
            + "the directory 'CONTEXTS' that --documents maps 'https://example.org/' to"),
        ("{\"@context\": \"self.jsonld\", \"@id\": \"x\"}", ["self.jsonld": "{\"@context\": [\"self.jsonld\"]}"],
         "contexts/self.jsonld:1:1: recursive context inclusion: the context 'https://example.org/self.jsonld' includes itself"),
        ("{\"@context\": \"a.jsonld\"}", ["a.jsonld": "{\"@context\": \"b.jsonld\"}", "b.jsonld": "{\n \"@context\": \"a.jsonld\"}"],
         "contexts/b.jsonld:1:1: recursive context inclusion: the context 'https://example.org/a.jsonld' includes itself"),
        ("{\"@context\": \"bad.jsonld\"}", ["bad.jsonld": "{\"@context\": {\"a\": }}"],
         "contexts/bad.jsonld:1:20: expected a JSON value, found '}'"),
        ("{\"@context\": {\"term\": {\"@id\": 5}}}", [:],
         "doc.jsonld:1:23: invalid IRI mapping: the '@id' of 'term' must be an IRI or null"),
        ("{\"@context\": {\"term\": {\"@id\": \"relative\"}}}", [:],
         "doc.jsonld:1:23: invalid IRI mapping: 'relative' (the '@id' of 'term') is not an absolute IRI"),
        ("{\"@context\": {\"a\": \"b:x\", \"b\": \"a:y\"}, \"a\": 1}", [:],
         "doc.jsonld:1:14: cyclic IRI mapping: the definition of 'a' depends on itself"),
        ("{\"@context\": {\"@id\": \"x\"}}", [:], "doc.jsonld:1:14: keyword redefinition: '@id' is a keyword and cannot be defined"),
        ("{\"@context\": {\"@vocab\": \"https://v/\"},\n \"p\": {\"@value\": \"x\", \"@language\": \"en\", \"@type\": \"https://t/\"}}", [:],
         "doc.jsonld:2:7: invalid value object: a value object holds only '@value', '@type' or '@language' and '@direction', and '@index'"),
        ("{\"@id\": 5}", [:], "doc.jsonld:1:1: invalid @id value: '@id' must be a string"),
        ("{\"@context\": 5}", [:], "doc.jsonld:1:1: invalid local context: a context must be an object, an IRI or null"),
    ]

    @Test(arguments: cases.indices)
    func malformedJSONLDFailsWithPosition(_ index: Int) {
        let c = Self.cases[index]
        let got = message(c.text, files: c.files).replacingOccurrences(of: dir.path("contexts"), with: "CONTEXTS")
        #expect(got == c.expected)
    }

    /// A million levels of nesting, a string over 16 MiB and bad UTF-8 are clean errors.
    @Test func hostileInputFailsCleanly() {
        #expect(message(String(repeating: "[", count: 1_000_000))
                == "doc.jsonld:1:257: expected at most 256 levels of nested arrays and objects, found more")
        let path = dir.write("bytes.jsonld", "")
        writeFile(path, Array("{\"a\": \"".utf8) + [0xFF] + Array("\"}".utf8))
        #expect(dir.message { var r = try JSONLDReader(path: path); _ = try r.readAll() }
                == "bytes.jsonld:1:8: expected UTF-8 text, found byte 0xFF")
        var reader = JSONLDReader(text: "{\"https://p\": " + String(repeating: "{\"@list\": [", count: 100) + "]"
                                  + String(repeating: "}]", count: 99) + "}}",
                                  name: "lists.jsonld")
        reader.limits.maxDepth = 64
        #expect(dir.message { _ = try reader.readAll() }
                == "lists.jsonld:1:367: expected at most 64 levels of nested contexts and values, found more")
    }

    /// A remote context whose 5,000 terms each name the context itself as their scoped context
    /// is checked once, not once per term (which would cost its size squared).
    @Test func aContextWhoseTermsAllScopeItselfIsCheckedOnce() {
        let terms = (0..<5_000).map { "\"t\($0)\": {\"@id\": \"https://v/t\($0)\", \"@context\": \"big.jsonld\"}" }
        let big = "{\"@context\": {" + terms.joined(separator: ", ") + "}}"
        let clock = ContinuousClock()
        var result = ""
        let elapsed = clock.measure {
            result = message("{\"@context\": \"big.jsonld\", \"@id\": \"https://s\", \"t1\": {\"t2\": \"x\"}}",
                             files: ["big.jsonld": big])
        }
        #expect(result == "no error")
        #expect(elapsed < .seconds(20))
    }

    /// Numbers: integers keep their digits, others are canonical doubles; `@json` is RFC 8785.
    @Test func numbersAndJSONLiterals() throws {
        let text = #"""
            {"@context": {"@vocab": "https://v/", "j": {"@type": "@json"}},
             "@id": "https://s", "big": 12345678901234567890, "huge": 123456789012345678901234, "int": -0, "frac": 1.50, "exp": 2e3,
             "small": 1.5e-7, "typed": {"@value": 5, "@type": "http://www.w3.org/2001/XMLSchema#double"},
             "j": {"b": [1.0, 1e21, "\u0007"], "a": null}}
            """#
        var reader = JSONLDReader(text: text)
        let objects = Dictionary(uniqueKeysWithValues: try reader.readAll().map { ($0.predicate, $0.object.ntriples) })
        #expect(objects["https://v/big"] == "\"12345678901234567890\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        #expect(objects["https://v/huge"] == "\"1.2345678901234569E23\"^^<http://www.w3.org/2001/XMLSchema#double>")
        #expect(objects["https://v/int"] == "\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        #expect(objects["https://v/frac"] == "\"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>")
        #expect(objects["https://v/exp"] == "\"2000\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        #expect(objects["https://v/small"] == "\"1.5E-7\"^^<http://www.w3.org/2001/XMLSchema#double>")
        #expect(objects["https://v/typed"] == "\"5.0E0\"^^<http://www.w3.org/2001/XMLSchema#double>")
        #expect(objects["https://v/j"] == #""{\"a\":null,\"b\":[1,1e+21,\"\\u0007\"]}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>"#)
    }

    /// A duplicate key: the later member wins, as ECMAScript's `JSON.parse` does.
    @Test func aDuplicateKeyTakesTheLaterValue() throws {
        var reader = JSONLDReader(text: #"{"@id": "https://s", "https://p": "first", "https://p": "second"}"#)
        #expect(try reader.readAll() == [RDFTriple(.iri("https://s"), "https://p", .literal("second"))])
    }
}
