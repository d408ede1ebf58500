import Foundation
import Testing
import KGGraph
import KGImport
import KGQuery
import KGTestSupport
@testable import KGRecKit

/// Products taken off sale: `retire` keeps them for history and training and never recommends
/// them; `delete` removes them with their edges and properties.
@Suite struct CatalogLifecycleTests {
    let dir = TemporaryDirectory()

    func store() throws -> Session {
        let session = Session(storePath: dir.path("s.db"))
        let clicks = "user,item\nu1,i1\nu1,i2\nu2,i2\nu2,i3\nu3,i3\nu3,i4\nu4,i1\nu4,i4\n"
        _ = try session.importData(path: dir.write("clicks.csv", clicks), options: ImportOptions())
        return session
    }

    func items(_ session: Session, _ statement: String) throws -> [String] {
        let outcome = try session.execute(statement)
        guard case .recommendations(let r) = outcome.result else { return [] }
        return r.results.map { outcome.snapshot.externalIDs[Int($0.node)] }
    }

    func change(_ session: Session, _ statement: String) throws -> CatalogChange? {
        guard case .catalogChange(let change) = try session.execute(statement).result else { return nil }
        return change
    }

    @Test func aRetiredItemIsNeverRecommendedAndComesBackWhenUnretired() throws {
        let session = try store()
        let via = "recommend items for u1 via interacted < interacted > interacted"
        #expect(try items(session, via) == ["i3", "i4"])
        let revision = try session.store().revision
        let retired = try #require(try change(session, "retire i3"))
        #expect(retired.report.changed && retired.report.revision == revision + 1)
        #expect(try items(session, via) == ["i4"])
        #expect(try items(session, "recommend items for u1 using popularity") == ["i4"])
        // Still in the graph, the history and explanations.
        #expect(try session.snapshot().property(CatalogProperty.retired, of: try #require(session.snapshot().node("i3")))
                == [.bool(true)])
        #expect(try session.execute("why i3 for u1").notes.contains("i3 is retired: it is never recommended"))
        let again = try #require(try change(session, "retire i3"))
        #expect(!again.report.changed && again.report.revision == revision + 1)
        _ = try change(session, "unretire i3")
        #expect(try items(session, via) == ["i3", "i4"])
    }

    @Test func whenEveryCandidateIsRetiredTheResultSaysSo() throws {
        let session = try store()
        _ = try change(session, "retire i3")
        _ = try change(session, "retire i4")
        let outcome = try session.execute("recommend items for u1 via interacted < interacted > interacted")
        guard case .recommendations(let r) = outcome.result else { Issue.record("not recommendations"); return }
        #expect(r.results.isEmpty)
        #expect(r.emptyReason == "the path reaches 4 items; u1 has seen 2 and the other 2 are retired")
    }

    @Test func aDeletedItemIsGoneWithItsEdges() throws {
        let session = try store()
        _ = try session.execute("train mf epochs 2 dim 8 batch 64 seed 1")
        let deleted = try #require(try change(session, "delete i4"))
        #expect(deleted.report.edgesRemoved == 2 && deleted.report.changed)
        #expect(try session.snapshot().node("i4") == nil)
        #expect(try items(session, "recommend items for u1 via interacted < interacted > interacted") == ["i3"])
        // A model trained before the deletion is stale: refused with the way forward.
        #expect {
            _ = try session.execute("recommend items for u1 using mf")
        } throws: { error in
            "\(error)".contains("model 'mf' was trained at store revision 1 on other users and items than the store "
                                + "holds at revision 2; retrain with 'kgrec train mf'")
        }
    }

    @Test(arguments: [
        ("retire i9", "unknown node 'i9'"),
        ("retire", "expected the node to retire"),
        ("delete", "expected the node to delete"),
    ])
    func mistakesAreExplained(statement: String, message: String) throws {
        let session = try store()
        #expect {
            _ = try session.execute(statement)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

/// The right to be forgotten: after `forget user`, the store file holds no byte of the user's id.
@Suite struct ForgetUserTests {
    let dir = TemporaryDirectory()

    func fileContains(_ path: String, _ text: String) throws -> Bool {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { bytes += data }
        }
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && Array(bytes[start..<(start + needle.count)]) == needle
        }
    }

    @Test func aForgottenUserLeavesNoTraceInTheFile() throws {
        let path = dir.path("s.db")
        let session = Session(storePath: path)
        var clicks = "user,item\n"
        for user in ["visitor-zqx7", "u2", "u3"] { for item in ["i1", "i2", "i3"] { clicks += "\(user),\(item)\n" } }
        clicks += "u2,i4\nu3,i4\n"
        _ = try session.importData(path: dir.write("clicks.csv", clicks), options: ImportOptions())
        _ = try session.execute("train mf epochs 2 dim 8 batch 64 seed 1")
        session.close()
        #expect(try fileContains(path, "visitor-zqx7"))

        let again = Session(storePath: path)
        guard case .forgotten(let report) = try again.execute("forget user \"visitor-zqx7\"").result else {
            Issue.record("not forgotten"); return
        }
        #expect(report.change.edgesRemoved == 3 && report.checkpointsDropped == 1 && !report.receipt.isEmpty)
        again.close()
        #expect(try !fileContains(path, "visitor-zqx7"))
        #expect(try fileContains(path, report.receipt))
        let after = Session(storePath: path)
        #expect(try after.snapshot().node("visitor-zqx7") == nil)
        #expect(throws: KGRecError.self) { try after.execute("recommend items for u2 using mf") }
        // Only users are forgotten.
        #expect(throws: KGRecError.self) { try after.execute("forget user i1") }
    }
}

/// A session that only reads (the fuzz suite, a read-only front end) refuses catalog changes.
@Suite struct ReadOnlySessionTests {
    @Test(arguments: ["retire i1", "unretire i1", "delete i1", "forget user u1", "set default model paths"])
    func catalogChangesAreRefused(statement: String) throws {
        let dir = TemporaryDirectory()
        let session = Session(storePath: dir.path("s.db"))
        _ = try session.importData(path: dir.write("clicks.csv", "user,item\nu1,i1\nu2,i1\n"), options: ImportOptions())
        session.allowsCatalogChanges = false
        let revision = try session.store().revision
        #expect {
            _ = try session.execute(statement)
        } throws: { error in
            "\(error)".contains("changes the store, and this session only reads it")
        }
        #expect(try session.store().revision == revision && session.snapshot().node("i1") != nil)
    }
}
