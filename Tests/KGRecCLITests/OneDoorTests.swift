import Foundation
import KGRecKit
import KGTestSupport
import Testing
@testable import KGRecCLI

/// Every front end goes through `Session.execute`, which parses a statement once and returns
/// typed results that front ends render.
@Suite struct OneDoorTests {
    static func demo(in dir: TemporaryDirectory) throws -> Session {
        let path = dir.path("demo.db")
        try DemoStore.build(at: path, searchingFrom: SharedData.projectRoot.path)
        return Session(storePath: path)
    }

    @Test func aREPLStatementWithThePlanShownIsParsedOnce() throws {
        let dir = TemporaryDirectory()
        let session = try Self.demo(in: dir)
        let console = RecordingConsole(directory: dir.url.path)
        let repl = ReplSession(workspace: session, console: console)
        repl.handle(":plan on")
        let before = session.statementsParsed
        repl.handle("recommend items for u42 via category limit 2")
        #expect(session.statementsParsed == before + 1)
        #expect(console.standardOutput.hasPrefix("Recommend items for u42\n├─ Candidates: path"))
        #expect(console.standardOutput.contains("Recommendations for u42"))
        repl.handle("explain plan show u42; stats")
        #expect(session.statementsParsed == before + 3)
    }

    @Test func statsAsJSONIsStructured() throws {
        let dir = TemporaryDirectory()
        let session = try Self.demo(in: dir)
        let run = kgrec(["query", "stats", "--format", "json", "--store", session.storePath], in: dir)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["revision"] as? Int == 3)
        let nodes = try #require(object["nodes"] as? [String: Int])
        #expect(nodes == ["users": 100, "items": 300, "categories": 32, "tags": 27, "entities": 15])
        let relations = try #require(object["relations"] as? [[String: Any]])
        #expect(relations.first?["name"] as? String == "viewed" && relations.first?["total"] as? Int == 1_934)
        #expect((object["degrees"] as? [[String: Any]])?.count == 5)
    }

    @Test func commandsAreTypedResults() throws {
        let dir = TemporaryDirectory()
        let session = try Self.demo(in: dir)
        guard case .stats(let stats) = try session.execute("stats").result else { Issue.record("stats"); return }
        #expect(stats.statistics.nodesByKind[.item] == 300)
        session.statementFiles = try StatementFileAccess(allowing: [SharedData.projectRoot.path])
        let path = SharedData.projectRoot.appendingPathComponent("Ontologies/demo-interactions.csv").path
        guard case .imported(let outcome) = try session.execute("import \"\(path)\"").result else {
            Issue.record("import")
            return
        }
        #expect(outcome.source == path && outcome.report.nodesAdded == 0 && outcome.summary.format.rawValue == "csv")
        #expect(throws: KGRecError.self) { try session.execute("explain plan train mf") }
    }
}
