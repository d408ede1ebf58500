import KGImport
import KGQuery
import KGTestSupport
import Testing
@testable import KGRecKit

/// A stored model after an import added users or items: it keeps ranking the users and items it
/// learned, leaves the new items out, says how to include them, and refuses what it cannot rank.
@Suite struct StaleModelTests {
    /// A store of four users and six items (revision 1, or 2 after `before`), with `model` trained on it.
    static func store(_ dir: TemporaryDirectory, model: String, before: String? = nil) throws -> Session {
        let workspace = Session(storePath: dir.path("s.db"))
        workspace.statementFiles = try StatementFileAccess(allowing: [dir.url.path])
        if let before { _ = try workspace.importData(path: dir.write("before.nt", before), options: ImportOptions()) }
        let first = dir.write("first.csv", """
            user,item
            u1,i1
            u1,i2
            u2,i2
            u2,i3
            u3,i4
            u3,i5
            u4,i5
            u4,i6
            u4,i1

            """)
        // After an RDF file the store has a catalog, which does not list these items.
        var options = ImportOptions()
        options.missingItems = .create
        _ = try workspace.importData(path: first, options: options)
        _ = try workspace.execute("train \(model) epochs 2 dim 8 batch 64 seed 1")
        return workspace
    }

    /// Adds item i7 (bought by u2) and user u9: one new item, one new user.
    static func grow(_ workspace: Session, _ dir: TemporaryDirectory) throws {
        _ = try workspace.execute("import \"\(dir.write("second.csv", "user,item\nu2,i7\nu9,i1\n"))\"")
    }

    static func recommendations(_ workspace: Session, _ query: String) throws -> (ids: [String], scores: [Double], notes: [String]) {
        let outcome = try workspace.execute(query)
        guard case .recommendations(let r) = outcome.result else { return ([], [], []) }
        return (r.results.map { outcome.snapshot.externalIDs[Int($0.node)] }, r.results.map(\.score), r.notes)
    }

    static func message(_ workspace: Session, _ query: String) -> String {
        do {
            _ = try workspace.execute(query)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test(arguments: ["mf", "lightgcn", "ngcf"])
    func aModelKeepsRankingWhatItLearnedAfterAnImport(model: String) throws {
        let dir = TemporaryDirectory()
        let workspace = try Self.store(dir, model: model)
        let before = try Self.recommendations(workspace, "recommend items for u2 using \(model)")
        #expect(before.notes.isEmpty && before.ids.count == 4)
        try Self.grow(workspace, dir)

        let after = try Self.recommendations(workspace, "recommend items for u2 using \(model)")
        #expect(after.ids == before.ids && after.scores == before.scores)
        let note = "model '\(model)' was trained at store revision 1; the store is at revision 2 with 1 item and 1 user "
            + "it has not learned; retrain with 'kgrec train \(model)' to include them"
        #expect(after.notes == [note])
        #expect(Self.message(workspace, "recommend items for u9 using \(model)")
                == "user 'u9' is newer than model '\(model)', trained at store revision 1 (the store is at revision 2); "
                + "retrain with 'kgrec train \(model)' to include it")
        #expect(Self.message(workspace, "why i7 for u1 using \(model)")
                == "item 'i7' is newer than model '\(model)', trained at store revision 1 (the store is at revision 2); "
                + "retrain with 'kgrec train \(model)' to include it")
        let why = try workspace.execute("why i3 for u1 using \(model)")
        #expect(why.notes == [note])
        let evaluation = try workspace.execute("eval \(model) k 3")
        guard case .evaluated(let report) = evaluation.result else { Issue.record("not evaluated"); return }
        #expect(evaluation.notes == [note] && report.model == model && report.checkpointID == 1)

        // Retraining learns the new nodes, and the note goes away.
        _ = try workspace.execute("train \(model) epochs 1 dim 8 batch 64 seed 1")
        let retrained = try Self.recommendations(workspace, "recommend items for u9 using \(model)")
        #expect(retrained.notes.isEmpty && retrained.ids.contains("i7"))
    }

    @Test func aModelThatReadsTheGraphIsRefusedWithAWayForward() throws {
        let dir = TemporaryDirectory()
        let workspace = try Self.store(dir, model: "pinsage")
        try Self.grow(workspace, dir)
        #expect(Self.message(workspace, "recommend items for u1 using pinsage")
                == "model 'pinsage' was trained at store revision 1 and "
                + "cannot rank the store at revision 2, which has 1 item and 1 user it has not learned; "
                + "retrain with 'kgrec train pinsage'")
    }

    /// An import that makes an older entity an item puts it among the learned items: the model's
    /// rows no longer match, and it is refused rather than ranking the wrong items.
    @Test func anEntityTurnedIntoAnOlderItemIsDetected() throws {
        let dir = TemporaryDirectory()
        let workspace = try Self.store(dir, model: "mf", before: "<http://e/a> <http://e/rel> <http://e/y> .\n")
        _ = try workspace.execute("import \"\(dir.write("second.csv", "user,item\nu2,http://e/y\n"))\"")
        #expect(Self.message(workspace, "recommend items for u1 using mf")
                == "model 'mf' was trained at store revision 2 on other users "
                + "and items than the store holds at revision 3; retrain with 'kgrec train mf'")
    }
}
