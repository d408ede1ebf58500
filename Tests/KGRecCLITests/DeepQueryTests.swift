import KGTestSupport
import Testing
@testable import KGRecCLI

/// Deeply nested conditions through `kgrec query` and `kgrec repl`: a clean error, never a crash.
@Suite struct DeepQueryTests {
    /// A store of two users and three items.
    static func store(in dir: TemporaryDirectory) -> String {
        let file = dir.write("clicks.csv", "user,item\nu1,i1\nu1,i2\nu2,i2\nu2,i3\n")
        let store = dir.path("s.db")
        _ = kgrec(["import", file, "--store", store], in: dir)
        return store
    }

    @Test(arguments: ["(", "not "])
    func deepConditionsFailCleanlyInQueryAndRepl(unit: String) {
        let dir = TemporaryDirectory()
        let store = Self.store(in: dir)
        let query = "recommend items for u1 where " + String(repeating: unit, count: 100_000) + "id = i3"
        let column = 30 + 256 * unit.count
        let run = kgrec(["query", query, "--store", store], in: dir)
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("Error: conditions nest deeper than 256 levels at 1:\(column)\n"))
        let repl = kgrec(["repl", "--store", store], in: dir, input: query + "\nshow i1\n")
        #expect(repl.status == 1)
        #expect(repl.output.contains("conditions nest deeper than 256 levels"))
        #expect(repl.output.contains("i1 · item"))
    }
}
