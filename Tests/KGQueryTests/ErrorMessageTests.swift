import Testing
@testable import KGQuery

/// Every query error class, verbatim: lexer, parser, planner.
@Suite struct ErrorMessageTests {
    @Test(arguments: [
        ("recommend items for u42 via bought > in_categroy < in_category",
         "unknown relation 'in_categroy' at 1:38. Did you mean 'in_category'?"),
        ("recommend itmes for u42", "unknown kind 'itmes' at 1:11. Did you mean 'items'?"),
        ("recommend items for u4200", "unknown user 'u4200' at 1:21. Did you mean 'u42'?"),
        ("recommend items for i1", "'i1' is an item, not a user at 1:21"),
        ("recommend items for u42 using lightgcn", "unknown model 'lightgcn' at 1:31"),
        ("recommend items for u42 using popularty", "unknown model 'popularty' at 1:31. Did you mean 'popularity'?"),
        ("recommend items for u42 where prize < 50", "unknown property 'prize' at 1:31. Did you mean 'price'?"),
        ("recommend items for u42 where price < \"cheap\"",
         "property 'price' holds numbers; compare it with a number, not \"cheap\" at 1:39"),
        ("recommend items for u42 using popularity where label < 3",
         "'label' is text; use =, !=, in or contains, not '<' at 1:56"),
        ("recommend items for u42 via colour", "unknown relation 'colour' at 1:29"),
        ("recommend items for u42 via users", "no relation links items to users at 1:29"),
        ("recommend items for u42 diversify by colour max 2", "unknown relation 'colour' at 1:38"),
        ("show nobody", "unknown node 'nobody' at 1:6"),
        ("similar items to \"Nope\"", "unknown node 'Nope' at 1:18"),
        ("recommend categories for u42 using popularity via category",
         "no relation links categories to categories at 1:51"),
    ])
    func plannerErrors(query: String, message: String) throws {
        let actual = try Shop.error(query)
        #expect(actual == message)
    }

    @Test(arguments: [
        ("recomend items for u42", "unknown statement 'recomend' at 1:1. Did you mean 'recommend'?"),
        ("recommend items u42", "expected 'for' after 'recommend items', found 'u42' at 1:17"),
        ("recommend items for u42 limit 0", "'limit' takes a whole number from 1 to 1000000, not '0' at 1:31"),
        ("recommend items for u42 limit -5", "'limit' takes a whole number from 1 to 1000000, not '-5' at 1:31"),
        ("recommend items for u42 limit 2.5", "'limit' takes a whole number from 1 to 1000000, not '2.5' at 1:31"),
        ("recommend items for u42 limit 99999999999999999999",
         "'limit' takes a whole number from 1 to 1000000, not '99999999999999999999' at 1:31"),
        ("match u42 > bought limit 1000001", "'limit' takes a whole number from 1 to 1000000, not '1000001' at 1:26"),
        ("recommend items for u42 diversify by brand max 0",
         "'max' takes a whole number from 1 to 1000000, not '0' at 1:48"),
        ("recommend items for u42 via category via tag", "the 'via' clause is given twice at 1:38"),
        ("recommend items for u42 limit 5 limit 6", "the 'limit' clause is given twice at 1:33"),
        ("recommend items for u42 via bought >> in_category", "expected a relation name, found '>' at 1:37"),
        ("recommend items for u42 via bought > (in_category | has_tag",
         "expected '|' or ')', found the end of the query at 1:60"),
        ("recommend items for u42 via bought > in_category{5}",
         "repetition {5,5} must satisfy 0 <= min <= max, 1 <= max <= 4 at 1:49"),
        ("recommend items for u42 via bought > in_category{1,100000}",
         "repetition {1,100000} must satisfy 0 <= min <= max, 1 <= max <= 4 at 1:49"),
        ("recommend items for u42 via bought > in_category{0,99999999999999999999}",
         "repetition {0,99999999999999999999} must satisfy 0 <= min <= max, 1 <= max <= 4 at 1:49"),
        ("match u42 > bought{-1,2}", "repetition {-1,2} must satisfy 0 <= min <= max, 1 <= max <= 4 at 1:19"),
        ("recommend items for u42 via bought > in_category < in_category > brand < brand",
         "a path may have at most 4 hops; this one can take 5 at 1:29"),
        ("recommend items for u42 where price < 50 and",
         "expected a property name, found the end of the query at 1:45"),
        ("recommend items for u42 diversify by brand max",
         "expected a whole number from 1 to 1000000 after 'max', found the end of the query at 1:47"),
        ("why i1 u42", "expected 'for' after 'why i1', found 'u42' at 1:8"),
        ("match u42 bought", "expected '>' or '<' and a relation after the start node, found 'bought' at 1:11"),
        ("explain plan explain plan show i1", "'explain plan' cannot be nested at 1:14"),
        ("why i6 for u7 explain", "'explain' is not allowed here at 1:15"),
        ("recommend items for u42 via bought > in_category < in_category;;",
         "unexpected ';' after the end of the statement at 1:64"),
        ("recommend items for u42 sorted", "unexpected 'sorted'; expected a clause (diversify, exclude, explain, include, limit, using, via, where) at 1:25"),
        ("", "expected a statement (recommend, similar, why, match, show…), found the end of the query at 1:1"),
    ])
    func parserErrors(query: String, message: String) throws {
        let actual = try Shop.error(query)
        #expect(actual == message)
    }

    @Test(arguments: [
        ("recommend items for u42 \"unterminated", "unterminated string: add a closing \" at 1:25"),
        ("recommend items for u42 @", "unexpected character '@' at 1:25"),
        ("recommend items for u42 via bought — in_category", "unexpected '—': write paths with '>' and '<' at 1:36"),
        ("show \"a\\qb\"", "unknown escape '\\q' in a string at 1:8"),
    ])
    func lexerErrors(query: String, message: String) throws {
        let actual = try Shop.error(query)
        #expect(actual == message)
    }

    @Test func renderedErrorsPutACaretUnderTheColumn() {
        let query = "recommend items for u42 via bought > in_categroy < in_category"
        let error = QueryError(.unknownName, "unknown relation 'in_categroy'",
                               at: TextPosition(line: 1, column: 38, offset: 37), length: 11, suggestion: "in_category")
        #expect(error.rendered(query: query) == """
            unknown relation 'in_categroy' at 1:38. Did you mean 'in_category'?
              recommend items for u42 via bought > in_categroy < in_category
                                                   ^^^^^^^^^^^
            """)
    }

    /// A long statement is shown as a window around the error, not echoed whole.
    @Test func aLongQueryLineIsShownAroundTheError() {
        let query = "show " + String(repeating: "a", count: 300) + " @ " + String(repeating: "b", count: 300)
        let error = QueryError(.syntax, "unexpected character '@'", at: TextPosition(line: 1, column: 307, offset: 306))
        let lines = error.rendered(query: query).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "  …" + String(repeating: "a", count: 49) + " @ " + String(repeating: "b", count: 48) + "…")
        #expect(lines[2] == "  " + String(repeating: " ", count: 51) + "^")
    }

    /// A huge or unprintable token is quoted as a short excerpt.
    @Test func tokensAreQuotedAsShortExcerpts() throws {
        let long = String(repeating: "x", count: 5000)
        #expect(try Shop.error("show " + long) == "unknown node '" + String(repeating: "x", count: 39) + "…' at 1:6")
        #expect(try Shop.error("show \"a\u{7}b\"") == "unknown node 'a\\u{7}b' at 1:6")
    }
}
