import Testing
@testable import KGGraph

/// The one "Did you mean" rule: case-insensitive Levenshtein distance, at most a third of the
/// name's length (1 to 3), ties to the longer common prefix, then alphabetical order.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("lightgnc", ["mf", "lightgcn", "ngcf", "pinsage", "kgcn"], "lightgcn"),   // a swap costs 2; 8 letters allow 3
        ("lable", ["prefix", "label", "subclass"], "label"),                        // 5 letters allow 2
        ("ratng", ["user", "item", "rating"], "rating"),
        ("NEIGHBORS", ["neighbours", "walks"], "neighbours"),                       // case does not count
        ("xyz", ["mf", "kgcn"], nil),                                               // 3 letters allow only 1
        ("dropout", ["message_dropout", "node_dropout"], nil),
        ("u4200", ["u42", "u4201", "u4300"], "u4201"),                              // distance 1 beats 2
        ("abd", ["abc", "abe"], "abc"),                                             // a tie goes alphabetical
        ("abcx", ["abzz", "abcd"], "abcd"),                                         // closer wins before prefix
        ("", ["a"], "a"),
        ("anything", [], nil),
    ] as [(String, [String], String?)])
    func closest(name: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: name, in: candidates) == expected)
    }

    @Test func hintIsTheEndOfAMessage() {
        #expect(Suggestion.hint(for: "qeury", in: ["query", "import"]) == ". Did you mean 'query'?")
        #expect(Suggestion.hint(for: "zzz", in: ["query", "import"]) == "")
        // Candidates from an input file are quoted as excerpts: one printable line.
        #expect(Suggestion.hint(for: "name", in: ["nam\u{7}"]) == ". Did you mean 'nam\\u{7}'?")
    }

    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("flaw", "lawn", 2)])
    func editDistance(a: String, b: String, expected: Int) {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        #expect(Suggestion.editDistance(x, y, limit: 10) == expected)
        #expect(Suggestion.editDistance(x, y, limit: 1) == min(expected, 2))
    }
}
