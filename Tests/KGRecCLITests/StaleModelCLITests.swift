import KGTestSupport
import Testing
@testable import KGRecCLI

/// `using mf` after an import that added an item: the query answers, with a note on stderr
/// (`kgrec query`) or before the result (`kgrec repl`) saying how to include the new item.
@Suite struct StaleModelCLITests {
    @Test func aQueryWithAModelOlderThanTheStoreSaysSo() {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        #expect(kgrec(["train", "mf", "--epochs", "1", "--k", "3", "--store", store], in: dir).status == 0)
        #expect(kgrec(["import", dir.write("more.csv", "user,item\nu1,i4\n"), "--store", store], in: dir).status == 0)
        let note = "Note: model 'mf' was trained at store revision 1; the store is at revision 2 with 1 item it has "
            + "not learned; retrain with 'kgrec train mf' to include it\n"
        let query = kgrec(["query", "recommend items for u2 using mf", "--store", store], in: dir)
        #expect(query.status == 0)
        #expect(query.error == note)
        #expect(query.output.contains(" i1 ") && !query.output.contains(" i4 "))
        let repl = kgrec(["repl", "--store", store], in: dir, input: "recommend items for u2 using mf\n")
        #expect(repl.status == 0 && repl.output.hasPrefix(note))
    }
}
