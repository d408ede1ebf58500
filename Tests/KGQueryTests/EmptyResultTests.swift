import KGGraph
import Testing
@testable import KGQuery

/// An empty answer names the step that emptied it, with what each earlier step removed; the
/// counts come from the executor.
@Suite struct EmptyResultTests {
    @Test(arguments: [
        ("recommend items for u42 via category where price < 1",
         "the path reaches 6 items; u42 has seen 3 and 'where price < 1' removed the other 3"),
        ("recommend items for u42 via > bought include seen where price < 1",
         "the path reaches 2 items; 'where price < 1' removed all of them"),
        ("recommend items for u42 via > bought",
         "the path reaches 2 items; u42 has seen all of them ('include seen' keeps them)"),
        ("recommend items for u42 via > viewed", "the path reaches 1 item; u42 has seen it ('include seen' keeps it)"),
        ("recommend items for u42 via > viewed include seen where price < 1",
         "the path reaches 1 item; 'where price < 1' removed it"),
        ("recommend items for u9 via brand", "the path reaches no items"),
        ("recommend items for u42 via category exclude i3, i4, i6",
         "the path reaches 6 items; u42 has seen 3 and 'exclude' removed the other 3"),
        ("recommend items for u42 via category exclude i3, i4 where label contains \"boot\"",
         "the path reaches 6 items; u42 has seen 3, 'exclude' removed 2 and 'where label contains \"boot\"' removed the other one"),
        ("recommend items for u42 using popularity where price > 1000",
         "the store has 6 items; u42 has seen 3 and 'where price > 1000' removed the other 3"),
        ("similar items to i4 via brand", "the path reaches 1 item: i4 itself"),
        ("similar items to i1 via brand where price < 1",
         "the path reaches 2 items; one is i1 itself and 'where price < 1' removed the other one"),
        ("similar tags to waterproof", "the path reaches 1 tag: waterproof itself"),
    ])
    func anEmptyRecommendationSaysWhichStepEmptiedIt(query: String, reason: String) throws {
        guard case .recommendations(let r) = try Shop.run(query) else { Issue.record("not recommendations"); return }
        #expect(r.results.isEmpty)
        #expect(r.emptyReason == reason)
    }

    @Test func theCountsAddUpStepByStep() throws {
        guard case .recommendations(let r) = try Shop.run("recommend items for u42 via category where price < 1") else {
            Issue.record("not recommendations"); return
        }
        var expected = CandidateCounts()
        expected.reached = 6
        expected.seen = 3
        expected.filtered = 3
        #expect(r.counts == expected && r.counts.remaining == 0 && r.candidateCount == 0)
        guard case .recommendations(let some) = try Shop.run("recommend items for u42 via category") else { return }
        #expect(some.emptyReason == nil && some.counts.reached == 6 && some.counts.seen == 3 && some.candidateCount == 3)
    }

    @Test func candidatesTheModelCannotScoreAreCounted() throws {
        let s = try Shop.snapshot()
        let catalog = SnapshotCatalog(snapshot: s, modelNames: BuiltinScorers.names + ["fussy"])
        var executor = Executor(snapshot: s, scorerNamed: { $0 == "fussy" ? FussyScorer() : nil })
        func reason(_ query: String) throws -> String? {
            guard case .recommendations(let r) = try executor.run(try Planner(catalog: catalog).plan(try Parser.parse(query)))
            else { return "not recommendations" }
            return r.emptyReason
        }
        #expect(try reason("recommend items for u42 via category using fussy")
                == "the path reaches 6 items; u42 has seen 3 and model 'fussy' cannot score the other 3")
        #expect(try reason("recommend items for u42 via category include seen using fussy")
                == "the path reaches 6 items; model 'fussy' cannot score any of them")
    }

    @Test(arguments: [
        ("match u42 > bought where price < 1", "the path reaches 2 nodes; 'where price < 1' removed all of them"),
        ("match u42 > viewed where price < 1", "the path reaches 1 node; 'where price < 1' removed it"),
        ("match u9 > viewed", "the path reaches no nodes"),
    ])
    func anEmptyMatchSaysWhy(query: String, reason: String) throws {
        guard case .match(let m) = try Shop.run(query) else { Issue.record("not a match"); return }
        #expect(m.rows.isEmpty && m.emptyReason == reason)
    }
}

/// A model that can score nothing: the executor must count its candidates as unscorable.
private struct FussyScorer: Scorer {
    let name = "fussy"
    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] { candidates.map { _ in 0 } }
    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] { candidates.map { _ in 0 } }
    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? { nil }
    func canScore(_ candidate: Int32) -> Bool { false }
}
