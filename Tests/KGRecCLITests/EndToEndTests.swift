import Foundation
import KGTestSupport
import Testing
@testable import KGRecCLI

@Suite struct EndToEndTests {
    @Test func theDemoQueryWorksFromAnEmptyDirectory() throws {
        let dir = TemporaryDirectory()
        let run = kgrec(["query", "recommend items for u42 via category"], in: dir)
        #expect(run.status == 0)
        #expect(run.error.hasPrefix("No store at \(dir.path("kgrec.db")): building the demo store"))
        #expect(FileManager.default.fileExists(atPath: dir.path("kgrec.db")))
        let rows = run.output.split(separator: "\n").map { $0.drop { $0 == " " } }
            .filter { $0.first?.isNumber == true && $0.contains(" i") }
        #expect(rows.count >= 5)
        for row in rows { #expect(row.contains("u42 —") && row.contains("←in_category—")) }
        // The second query reuses the store silently.
        let again = kgrec(["query", "recommend items for u42 via category", "--format", "json"], in: dir)
        #expect(again.status == 0 && again.error.isEmpty)
        #expect(again.output.split(separator: "\n").count == 1)
        #expect(again.output.hasPrefix("{\"header\":{\"statement\":\"recommend\""))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any])
        #expect((document["results"] as? [Any])?.count == 10)
    }

    @Test func dotOutputDrawsTheUserItemsAndPaths() {
        let dir = TemporaryDirectory()
        let run = kgrec(["query", "recommend items for u42 via category limit 2 explain", "--format", "dot"], in: dir)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("digraph kgrec {"))
        #expect(run.output.contains("\"u42\" -> \"i"))
        // Edges are as wide as the contribution they carry; results show their rank and score.
        #expect(run.output.contains("[label=\"in_category\", penwidth=6.00]"))
        #expect(run.output.contains("#1 · score ") && run.output.contains("#2 · score "))
    }

    @Test func aBadFileIsReportedWithItsPositionAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let good = dir.write("good.csv", "user,item\nu1,i1\nu1,i2\nu2,i1\n")
        let store = dir.path("s.db")
        #expect(kgrec(["import", good, "--store", store], in: dir).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))

        let bad = dir.write("bad.csv", "user,item,weight\nu3,i9,1\nu4,i9,heavy\n")
        let run = kgrec(["import", bad, "--store", store], in: dir)
        #expect(run.status == 65)
        #expect(run.error == "Error: \(bad):3:7: expected a number for the weight, found 'heavy'\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        let stats = kgrec(["stats", "--store", store], in: dir)
        #expect(stats.output.contains("revision 1 · 1 import"))

        // A file that fails never creates a store either.
        let fresh = dir.path("fresh.db")
        #expect(kgrec(["import", bad, "--store", fresh], in: dir).status == 65)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    /// Data errors exit 65 with `file:line:column`: a node kind the store contradicts, a
    /// device given as a file.
    @Test func aKindConflictWithTheStoreIsADataErrorAtItsRow() throws {
        let dir = TemporaryDirectory()
        let store = dir.path("s.db")
        #expect(kgrec(["import", dir.write("a.csv", "user,item\na,x\n"), "--store", store], in: dir).status == 0)
        let next = dir.write("b.csv", "user,item\nb,y\nc,a\n")
        let run = kgrec(["import", next, "--store", store], in: dir)
        #expect(run.status == 65)
        #expect(run.error == "Error: \(next):3:3: node 'a' is already a user in the store and cannot also be an item; "
                + "ids are shared with earlier imports, so give them prefixes (--user-prefix u --item-prefix i)\n")
        let device = kgrec(["import", "/dev/zero", "--format", "csv", "--store", store], in: dir)
        #expect(device.status == 65)
        #expect(device.error == "Error: /dev/zero: cannot read the file: it is a character device, not a regular file; "
                + "pass '-' to read standard input\n")
    }

    @Test func importReportsWhatItAdded() {
        let dir = TemporaryDirectory()
        let file = dir.write("clicks.tsv", "visitor\tsku\tevent\n7\t100\tclick\n7\t101\tbuy\n8\t100\tclick\n")
        let run = kgrec(["import", file, "--store", dir.path("s.db"), "--user-col", "visitor", "--item-col", "sku",
                         "--relation-col", "event", "--user-prefix", "u", "--item-prefix", "i"], in: dir)
        #expect(run.status == 0)
        #expect(run.output.contains("2 users, 2 items; 3 edges in 2 relations"))
        #expect(run.output.contains("store revision 1: 4 new nodes, 3 new edges"))
        let show = kgrec(["query", "show u7", "--store", dir.path("s.db")], in: dir)
        #expect(show.output.contains("—buy→") && show.output.contains("—click→"))
    }

    @Test func convertPrintsCanonicalNTriplesAndFailsWithPosition() {
        let dir = TemporaryDirectory()
        let file = dir.write("a.nt", "<http://x/a>   <http://x/p> \"caf\\u00E9\"@fr . # note\n_:b <http://x/q> <http://x/a> .\n")
        let run = kgrec(["convert", file, "--to", "nt"], in: dir)
        #expect(run.status == 0)
        #expect(run.output == "<http://x/a> <http://x/p> \"café\"@fr .\n_:b <http://x/q> <http://x/a> .\n")
        let bad = dir.write("bad.nt", "<http://x/a> <http://x/p> \"unterminated .\n")
        let failed = kgrec(["convert", bad, "--to", "nt"], in: dir)
        #expect(failed.status == 65)
        #expect(failed.error.hasPrefix("Error: \(bad):1:"))
        #expect(kgrec(["convert", file], in: dir).status == 64)
        #expect(kgrec(["convert", file, "--to", "ttl"], in: dir).error.hasPrefix(
            "Error: option '--to' takes one of nt, nq, not 'ttl'"))
    }

    @Test func aScriptRunsEveryStatementAndReportsFailures() {
        let dir = TemporaryDirectory()
        _ = kgrec(["query", "show u42"], in: dir)
        let console = RecordingConsole(directory: dir.url.path)
        let session = ReplSession(workspace: .init(storePath: dir.path("kgrec.db")), console: console)
        let status = ReplCommand.runScript(Script("show i1; show i2\n:timing off\nshow nobody\n"), session, console)
        #expect(status == 1)
        #expect(console.standardOutput.components(separatedBy: "· item ·").count == 3)
        #expect(console.standardOutput.contains("Error: script:3:6: unknown node 'nobody'"))
    }
}
