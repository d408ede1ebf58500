import Foundation
import KGRecKit
import KGTestSupport
import Testing
@testable import KGRecCLI

/// Results in every output format: empty answers say why in each, JSON is one document with a
/// header first, CSV quotes as RFC 4180 says, DOT draws every query, and what a format cannot
/// show is refused before it runs.
@Suite struct OutputFormatTests {
    /// The example: the path reaches items, u42 has seen some and the filter removes the rest.
    static let empty = "recommend items for u42 via category where price < 1"
    static let reason = "the path reaches 128 items; u42 has seen 24 and 'where price < 1' removed the other 104"

    /// A demo store in `dir`, for `kgrec … --store`.
    static func demo(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.path("demo.db")
        try DemoStore.build(at: path, searchingFrom: SharedData.projectRoot.path)
        return path
    }

    @Test func anEmptyAnswerSaysWhyInEveryFormat() throws {
        let dir = TemporaryDirectory()
        let store = try Self.demo(dir)
        let table = kgrec(["query", Self.empty, "--store", store], in: dir)
        #expect(table.status == 0)
        #expect(table.output == "Recommendations for u42 · model paths · via (bought | viewed) > in_category < in_category\n"
                + "No results: \(Self.reason).\n")

        let json = kgrec(["query", Self.empty, "--store", store, "--format", "json"], in: dir)
        #expect(json.status == 0 && json.output.split(separator: "\n").count == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let header = try #require(document["header"] as? [String: Any])
        #expect(header["empty_reason"] as? String == Self.reason)
        let candidates = try #require(header["candidates"] as? [String: Any])
        #expect(candidates["reached"] as? Int == 128 && candidates["seen"] as? Int == 24
                && candidates["filtered"] as? Int == 104 && candidates["remaining"] as? Int == 0)
        #expect((header["filters"] as? [String: Any])?["where"] as? String == "price < 1")
        #expect((document["results"] as? [Any])?.isEmpty == true)

        let dot = kgrec(["query", Self.empty, "--store", store, "--format", "dot"], in: dir)
        #expect(dot.status == 0)
        #expect(dot.output.contains("\n  label=\"No results: \(Self.reason).\"; labelloc=t;\n"))

        let csv = kgrec(["query", Self.empty, "--store", store, "--format", "csv"], in: dir)
        #expect(csv.status == 0)
        #expect(csv.output == "rank,id,kind,label,score,path_count,reason\n")
        #expect(csv.error == "Note: no results: \(Self.reason)\n")
    }

    @Test(arguments: [
        ("recommend items for u7 via category limit 2", "recommend"),
        ("similar users to u42 limit 2", "similar"),
        ("why i58 for u7", "why"),
        ("match u7 > bought", "match"),
        ("show i1", "show"),
        ("explain plan show i1", "explain plan"),
        ("stats", "stats"),
    ])
    func jsonIsOneDocumentPerStatementWithAHeaderFirst(statement: String, verb: String) throws {
        let dir = TemporaryDirectory()
        let run = kgrec(["query", statement, "--store", try Self.demo(dir), "--format", "json"], in: dir)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("{\"header\":{\"statement\":\"\(verb)\""))
        #expect(run.output.split(separator: "\n").count == 1)
        #expect(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) is [String: Any])
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rlf", "\"cr\rlf\""),
        ("u7 —viewed→ i91", "u7 —viewed→ i91"),
    ])
    func csvFieldsAreQuotedAsRFC4180Says(field: String, written: String) {
        #expect(CSVRenderer.field(field) == written)
    }

    @Test func csvHasAHeaderRowThenOneRowPerResult() throws {
        let dir = TemporaryDirectory()
        let store = try Self.demo(dir)
        let run = kgrec(["query", "recommend items for u7 via category limit 2", "--store", store, "--format", "csv"], in: dir)
        #expect(run.status == 0 && run.error.isEmpty)
        #expect(run.output == """
            rank,id,kind,label,score,path_count,reason
            1,i93,item,Urban Bivy,9,9,u7 —viewed→ i91 —in_category→ Tents ←in_category— i93
            2,i102,item,Tempo Tent,9,9,u7 —viewed→ i91 —in_category→ Tents ←in_category— i102

            """)
        let stats = kgrec(["stats", "--store", store, "--format", "csv"], in: dir)
        #expect(stats.status == 0)
        #expect(stats.output.hasPrefix("relation,train,valid,test,total\nviewed,1586,181,167,1934\n"))
        let statsJSON = kgrec(["stats", "--store", store, "--format", "json"], in: dir)
        #expect(statsJSON.output.hasPrefix("{\"header\":{\"statement\":\"stats\"},\"store\":"))
    }

    /// A result a format cannot show is refused before the statement runs: exit 64, nothing done.
    @Test(arguments: [
        (["explain plan show i1", "--format", "csv"], "'explain plan' results have no csv form; use table or json"),
        (["stats", "--format", "dot"], "'stats' results have no dot form; use table, json or csv"),
        (["train mf epochs 1", "--format", "csv"], "'train' results have no csv form; use table or json"),
        (["import \"x.csv\"", "--format", "dot"], "'import' results have no dot form; use table or json"),
    ])
    func aFormatThatCannotShowAResultIsAUsageError(arguments: [String], message: String) throws {
        let dir = TemporaryDirectory()
        let store = try Self.demo(dir)
        let run = kgrec(["query"] + arguments + ["--store", store], in: dir)
        #expect(run.status == 64)
        #expect(run.error == "Error: \(message)\nUsage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]\n"
                + "See 'kgrec query --help'.\n")
        #expect(run.output.isEmpty)
        // Nothing ran: no checkpoint was trained.
        #expect(try Session(storePath: store).statistics().statistics.checkpoints == 0)
    }

    @Test func dotDrawsMatchAndShow() throws {
        let dir = TemporaryDirectory()
        let store = try Self.demo(dir)
        let match = kgrec(["query", "match u7 > bought > in_category > subclass_of limit 2", "--store", store,
                           "--format", "dot"], in: dir)
        #expect(match.status == 0)
        #expect(match.output.contains("  \"u7\" [label=\"u7\", shape=ellipse, style=filled, fillcolor=\"#dbe9ff\"];\n"))
        #expect(match.output.contains("  \"Home\" [label=\"Home\\n6 paths\", style=\"rounded,filled\", fillcolor=\"#fff2cc\"];\n"))
        for edge in ["\"u7\" -> \"i245\" [label=\"bought\"", "\"i245\" -> \"Furniture\" [label=\"in_category\"",
                     "\"Furniture\" -> \"Home\" [label=\"subclass_of\""] {
            #expect(match.output.contains(edge))
        }
        let show = kgrec(["query", "show Stoves", "--store", store, "--format", "dot"], in: dir)
        #expect(show.status == 0)
        #expect(show.output.contains("  \"Stoves\" -> \"Camping\" [label=\"subclass_of\"];\n"))
        #expect(show.output.contains("  \"i119\" -> \"Stoves\" [label=\"in_category\"];\n"))
        #expect(show.output.contains("  \"in:in_category:more\" [label=\"4 more\", shape=plaintext];\n"))
        #expect(show.output.components(separatedBy: "-> \"Stoves\" [label=\"in_category\"]").count == 11)
    }

    @Test func dashCapitalVPrintsTheVersion() {
        for flag in ["-V", "--version"] {
            let run = kgrec([flag])
            #expect(run.status == 0 && run.output == "kgrec \(CLI.version)\n" && run.error.isEmpty)
        }
    }

    /// Ctrl-C stops training after the current batch, keeps the best finished epoch and exits
    /// 130, from `kgrec train` and from a `train` statement alike.
    @Test func trainingStoppedByCtrlCExits130AndKeepsItsBestEpoch() throws {
        let dir = TemporaryDirectory()
        let store = try Self.demo(dir)
        // One batch per epoch, and the question is asked after each: epoch 1 finishes, epoch 2 is cancelled.
        let run = kgrec(["train", "mf", "--epochs", "5", "--batch", "100000", "--store", store], in: dir, interruptAfter: 1)
        #expect(run.status == 130)
        #expect(run.output.contains("Saved checkpoint #1: mf, epoch 1 of 1"))
        #expect(run.output.contains("(cancelled during epoch 2)"))
        let statement = kgrec(["query", "train mf epochs 5 batch 100000", "--store", store], in: dir, interruptAfter: 1)
        #expect(statement.status == 130 && statement.output.contains("(cancelled during epoch 2)"))
        let whole = kgrec(["train", "mf", "--epochs", "2", "--batch", "100000", "--store", store], in: dir)
        #expect(whole.status == 0 && !whole.output.contains("cancelled"))
        let eval = kgrec(["eval", "mf", "--store", store, "--format", "csv", "--k", "10,20"], in: dir)
        #expect(eval.status == 0)
        let lines = eval.output.split(separator: "\n")
        #expect(lines.first == "k,recall,ndcg,precision,hit,mrr" && lines.count == 3 && lines[1].hasPrefix("10,"))
    }
}
