import KGGraph
import Testing
@testable import KGQuery

/// User text cannot drive any recursive stage (parser, AST and plan rendering, planner,
/// predicate evaluation) past a bound: conditions nest at most `Parser.maxNesting` levels.
@Suite struct NestingLimitTests {
    static let prefix = "recommend items for u42 via category where "

    /// The query: `count` copies of `unit`, then `tail`, then `count` copies of `closing`.
    static func query(_ unit: String, _ count: Int, _ tail: String, closing: String = "") -> String {
        prefix + String(repeating: unit, count: count) + tail + String(repeating: closing, count: count)
    }

    /// Where the error points: the column of the token that goes one level too deep.
    @Test(arguments: [
        ("(", 100_000, 256),
        ("not ", 100_000, 256 * 4),
        ("not (", 200, 128 * 5),
        ("price < 5 and ", 100_000, 256 * 14 + 10),
        ("price < 5 or ", 100_000, 256 * 13 + 10),
    ])
    func deepConditionsAreASyntaxErrorAtTheFirstTokenTooDeep(unit: String, count: Int, offset: Int) {
        let message = "conditions nest deeper than 256 levels at 1:\(Self.prefix.count + 1 + offset)"
        #expect { try Parser.parse(Self.query(unit, count, "price < 5")) } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.category == .syntax && error.description == message
        }
    }

    /// The deepest conditions allowed go through every stage: AST text, planning, the plan's
    /// rendering, evaluation against every candidate.
    @Test(arguments: [("(", 256, ")"), ("not ", 256, ""), ("price < 500 and ", 256, ""), ("not (", 128, ")")])
    func theDeepestConditionsAllowedRunThroughEveryStage(unit: String, count: Int, closing: String) throws {
        let text = Self.query(unit, count, "price < 500", closing: closing)
        let statement = try Parser.parse(text)
        #expect(statement.tree.hasPrefix("Recommend items\n├─ for: u42"))
        #expect(try Parser.parse("explain plan " + text).tree.hasPrefix("Explain plan\n  Recommend items"))
        let snapshot = try Shop.snapshot()
        let plan = try Planner(catalog: SnapshotCatalog(snapshot: snapshot)).plan(statement)
        #expect(plan.rendered(snapshot: snapshot).contains("Filter: "))
        var executor = Executor(snapshot: snapshot)
        guard case .recommendations(let result) = try executor.run(plan) else {
            Issue.record("not recommendations")
            return
        }
        #expect(result.results.map { snapshot.externalIDs[Int($0.node)] } == ["i3", "i4", "i6"])
    }
}

extension NestingLimitTests {
    /// A long alternation is a loop, not a recursion, and a relation named many times is walked once.
    @Test func longAlternationsParseAndWalkEachRelationOnce() throws {
        let names = Array(repeating: "in_category", count: 20_000).joined(separator: " | ")
        for query in ["recommend items for u42 via bought > (\(names)) < in_category",
                      "recommend items for u42 via (\(names))",
                      "recommend items for u42 via (\(Array(repeating: "category", count: 20_000).joined(separator: " | ")))"] {
            let snapshot = try Shop.snapshot()
            let plan = try Planner(catalog: SnapshotCatalog(snapshot: snapshot)).plan(try Parser.parse(query))
            guard case .recommend(let p) = plan, case .path(let path, _) = p.candidates else {
                Issue.record("not a path plan")
                return
            }
            #expect(path.hops.allSatisfy { Set($0.relations).count == $0.relations.count && $0.relations.count <= 2 })
        }
    }
}
