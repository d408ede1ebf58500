import Testing
@testable import KGQuery

@Suite struct ParserTests {
    @Test func recommendWithEveryClause() throws {
        let statement = try Parser.parse("""
            recommend items for u42 via bought > in_category < in_category using lightgcn
            where price < 50 and brand != "Acme" or not organic = true
            diversify by brand max 2 include seen exclude i7, 'i9' limit 5 explain;
            """)
        #expect(statement.tree == """
            Recommend items
            ├─ for: u42
            ├─ via: > bought > in_category < in_category
            ├─ using: lightgcn
            ├─ where: ((price < 50 and brand != "Acme") or not organic = true)
            ├─ diversify: by brand max 2
            ├─ include seen
            ├─ exclude: i7, "i9"
            ├─ limit: 5
            └─ explain
            """)
    }

    @Test func pathsShorthandsAndRepetition() throws {
        #expect(try Parser.parse("recommend items for u42 via category").tree == """
            Recommend items
            ├─ for: u42
            └─ via: category
            """)
        #expect(try Parser.parse("recommend items for u42 via (in_category | has_tag)").tree.hasSuffix(
            "└─ via: (in_category | has_tag)"))
        #expect(try Parser.parse("similar items to i7 via > in_category > subclass_of{0,2} < in_category").tree == """
            Similar items
            ├─ to: i7
            └─ via: > in_category > subclass_of{0,2} < in_category
            """)
        #expect(try Parser.parse("match u42 > bought > (in_category | has_tag) where label contains 'boot' limit 3").tree == """
            Match from u42
            ├─ path: > bought > (in_category | has_tag)
            ├─ where: label contains "boot"
            └─ limit: 3
            """)
    }

    @Test func conditionPrecedenceAndLists() throws {
        let tree = try Parser.parse("recommend items for u1 where a = 1 or b = 2 and not (c in (x, \"y\", 3) or d not in (4))").tree
        #expect(tree.hasSuffix("└─ where: (a = 1 or (b = 2 and not (c in (x, \"y\", 3) or d not in (4))))"))
    }

    @Test func whyShowExplainPlanAndCommands() throws {
        #expect(try Parser.parse("WHY \"Hiking Boot\" FOR u42 USING paths").tree == """
            Why "Hiking Boot"
            ├─ for: u42
            └─ using: paths
            """)
        #expect(try Parser.parse("show 'https://kgrec.dev/demo/i7'").tree == "Show \"https://kgrec.dev/demo/i7\"")
        #expect(try Parser.parse("explain plan show i7").tree == "Explain plan\n  Show i7")
        #expect(try Parser.parse("train lightgcn epochs 20 lr 0.005").tree == """
            Command train
            ├─ argument: lightgcn
            ├─ epochs: 20
            └─ lr: 0.005
            """)
        #expect(try Parser.parse("eval k 10,20").tree == "Command eval\n└─ k: 10,20")
        #expect(try Parser.parse("eval mf k 10").tree == "Command eval\n├─ argument: mf\n└─ k: 10")
        #expect(try Parser.parse("import \"data/clicks.csv\" format csv").tree == """
            Command import
            ├─ argument: "data/clicks.csv"
            └─ format: csv
            """)
        #expect(try Parser.parse("stats").tree == "Command stats")
    }

    @Test func lexerKeepsIdsWithPunctuationWholeAndTracksPositions() throws {
        let tokens = try Lexer.tokenize("match brand-acme > music.artist.origin -- a comment\n< schema:brand")
        #expect(tokens.map(\.text) == ["match", "brand-acme", ">", "music.artist.origin", "<", "schema:brand", ""])
        #expect(tokens[5].position == TextPosition(line: 2, column: 3, offset: 54))
        #expect(try Lexer.tokenize("price>=-1.5e2").map(\.text) == ["price", ">=", "-1.5e2", ""])
        #expect(try Lexer.tokenize("42abc 42").map(\.kind) == [.word, .number, .end])
    }
}
