import Testing
@testable import KGRecCLI

/// Multi-line statements at the REPL prompt: a line that leaves a statement open continues on
/// the next one ("Wrapped lines" and cypher-shell habits: a trailing '\', an open '(' or string).
@Suite struct ReplContinuationTests {
    @Test(arguments: [
        ("recommend items for u42 via category", ReplSession.Continuation.complete),
        ("recommend items for u42 \\", .needsMore("recommend items for u42 ")),
        ("recommend items for u42 via (bought | viewed", .needsMore("recommend items for u42 via (bought | viewed")),
        ("recommend items for u42 via (bought | viewed) > category", .complete),
        ("show \"Cascade River", .needsMore("show \"Cascade River")),
        ("show \"a ( b\"", .complete),
        ("show \"ends in \\\\\"", .complete),
        ("stats; recommend items for u42 via (bought", .needsMore("stats; recommend items for u42 via (bought")),
        ("stats (; show i1", .complete),
        (":format json \\", .complete),
        ("", .complete),
    ])
    func aStatementContinuesWhileItIsOpen(text: String, expected: ReplSession.Continuation) {
        #expect(ReplSession.continuation(of: text) == expected)
    }

    /// Lines joined as the prompt joins them make the statement a single line would.
    @Test func joinedLinesParseAsOneStatement() {
        var pending = ""
        for line in ["recommend items for u42 via (bought |", "viewed) > category \\", "limit 3"] {
            let text = pending.isEmpty ? line : pending + " " + line
            if case .needsMore(let open) = ReplSession.continuation(of: text) { pending = open; continue }
            pending = ""
            #expect(ReplSession.splitStatements(text) == ["recommend items for u42 via (bought | viewed) > category  limit 3"])
        }
        #expect(pending.isEmpty)
    }
}
