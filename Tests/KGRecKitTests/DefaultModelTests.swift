import Testing
import KGImport
import KGQuery
import KGTestSupport
@testable import KGRecKit

/// Which model a query without `using` ranks with: `paths` until `set default model` says
/// otherwise, so training never silently changes an existing query's answer.
@Suite struct DefaultModelTests {
    let dir = TemporaryDirectory()

    func trainedStore() throws -> Session {
        let session = Session(storePath: dir.path("s.db"))
        session.statementFiles = try StatementFileAccess(allowing: [dir.url.path])
        let clicks = "user,item\nu1,i1\nu1,i2\nu2,i2\nu2,i3\nu3,i4\nu3,i5\nu4,i5\nu4,i6\nu4,i1\n"
        _ = try session.importData(path: dir.write("clicks.csv", clicks), options: ImportOptions())
        return session
    }

    func model(of outcome: StatementOutcome) -> String? {
        guard case .recommendations(let r) = outcome.result else { return nil }
        return r.plan.model
    }

    @Test func trainingDoesNotChangeTheDefaultAndTheQuerySaysHowTo() throws {
        let session = try trainedStore()
        let before = try session.execute("recommend items for u1")
        #expect(model(of: before) == "paths" && before.notes.isEmpty)
        _ = try session.execute("train mf epochs 2 dim 8 batch 64 seed 1")
        let after = try session.execute("recommend items for u1")
        #expect(model(of: after) == "paths")
        #expect(after.notes == ["ranked by paths (no default model is set); 'set default model mf' or 'using mf' ranks "
                                + "with a trained model"])
        // Naming the model is not asking for the default.
        #expect(try session.execute("recommend items for u1 using paths").notes.isEmpty)
    }

    @Test func setDefaultModelIsStoredAndUsedUntilChanged() throws {
        let session = try trainedStore()
        _ = try session.execute("train mf epochs 2 dim 8 batch 64 seed 1")
        guard case .defaultModel(let change) = try session.execute("set default model MF").result else {
            Issue.record("not a default-model change"); return
        }
        #expect(change == DefaultModelChange(model: "mf", previous: "paths"))
        let outcome = try session.execute("recommend items for u1")
        #expect(model(of: outcome) == "mf" && outcome.notes.isEmpty)
        // Stored: another session on the same file sees it.
        let again = Session(storePath: dir.path("s.db"))
        #expect(try again.defaultModel() == "mf")
        _ = try again.execute("set default model paths")
        #expect(model(of: try again.execute("recommend items for u1")) == "paths")
    }

    @Test(arguments: [
        ("set default model lightgnc", "no model 'lightgnc' to rank with; choose one of paths, popularity, mf"),
        ("set model mf", "expected 'default model <name>' after 'set'"),
        ("set default mf", "expected 'model' after 'set default'"),
    ])
    func mistakesAreExplained(statement: String, message: String) throws {
        let session = try trainedStore()
        _ = try session.execute("train mf epochs 2 dim 8 batch 64 seed 1")
        #expect {
            _ = try session.execute(statement)
        } throws: { error in
            "\(error)".contains(message)
        }
        #expect(try session.defaultModel() == "paths")
    }
}
