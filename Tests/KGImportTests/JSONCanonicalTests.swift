import Testing
@testable import KGImport

/// The canonical forms JSON-LD's RDF conversion writes: XSD doubles, integers, and RFC 8785
/// JSON (numbers as ECMAScript writes them; the examples are RFC 8785 Appendix B's).
@Suite struct JSONCanonicalTests {
    @Test(arguments: [
        (0.0, "0.0E0"), (1.0, "1.0E0"), (-2.5, "-2.5E0"), (1.1, "1.1E0"), (123.456, "1.23456E2"),
        (0.001, "1.0E-3"), (1e21, "1.0E21"), (5e-324, "5.0E-324"), (-0.0, "0.0E0"),
    ])
    func xsdDouble(_ value: Double, _ expected: String) {
        #expect(JSONCanonical.xsdDouble(value) == expected)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (0.000001, "0.000001"),
        (1e-7, "1e-7"), (123.456, "123.456"), (-1.5e-7, "-1.5e-7"), (9007199254740991, "9007199254740991"),
        (295147905179352830000, "295147905179352830000"), (4.50, "4.5"), (2e-3, "0.002"), (1e23, "1e+23"),
    ])
    func ecmaScriptNumbers(_ value: Double, _ expected: String) {
        #expect(JSONCanonical.ecmaScript(value) == expected)
    }

    @Test func integersBeyondInt64KeepTheirDigits() {
        #expect(JSONCanonical.integer(1e20) == "100000000000000000000")
        #expect(JSONCanonical.integer(-42) == "-42")
    }

    @Test func objectsSortTheirKeysByUTF16AndEscapeOnlyWhatTheyMust() throws {
        var parser = JSONParser(InputBytes(Array(#"{"b": [true, null], "a": "\u20ac\n\u0001\"/", "\r": 1, "\ud83d\ude00": 2}"#.utf8),
                                           name: "x.json"))
        let value = try parser.parse()
        #expect(JSONCanonical.serialize(value) == "{\"\\r\":1,\"a\":\"€\\n\\u0001\\\"/\",\"b\":[true,null],\"😀\":2}")
    }
}
