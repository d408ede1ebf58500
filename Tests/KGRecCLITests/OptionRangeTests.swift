import KGTestSupport
import Testing
@testable import KGRecCLI
@testable import KGRecKit

/// Every numeric option of every command, as a flag and as a statement option, is checked
/// against its range with a message naming the option, the value and the range; negative
/// numbers are values, not flags.
@Suite struct OptionRangeTests {
    @Test(arguments: [
        (["train", "mf", "--lr", "-0.1"], "option '--lr' takes a number greater than 0 and at most 10, not '-0.1'"),
        (["train", "mf", "--lr=-0.1"], "option '--lr' takes a number greater than 0 and at most 10, not '-0.1'"),
        (["train", "mf", "--lr", "nan"], "option '--lr' takes a number greater than 0 and at most 10, not 'nan'"),
        (["train", "mf", "--lr", "inf"], "option '--lr' takes a number greater than 0 and at most 10, not 'inf'"),
        (["train", "mf", "--epochs", "0"], "option '--epochs' takes a whole number from 1 to 1000000, not '0'"),
        (["train", "mf", "--dim", "-3"], "option '--dim' takes a whole number from 1 to 4096, not '-3'"),
        (["train", "mf", "--layers", "17"], "option '--layers' takes a whole number from 0 to 16, not '17'"),
        (["train", "mf", "--batch", "0"], "option '--batch' takes a whole number from 1 to 10000000, not '0'"),
        (["train", "mf", "--threads", "10000"], "option '--threads' takes a whole number from 1 to 256, not '10000'"),
        (["train", "mf", "--reg", "-1"], "option '--reg' takes a number from 0 to 10, not '-1'"),
        (["train", "mf", "--lr-decay", "0"], "option '--lr-decay' takes a number greater than 0 and at most 1, not '0'"),
        (["train", "mf", "--margin", "-0.5"], "option '--margin' takes a number from 0 to 1000, not '-0.5'"),
        (["train", "mf", "--patience", "0"], "option '--patience' takes a whole number from 1 to 1000000, not '0'"),
        (["train", "mf", "--eval-every", "2.5"], "option '--eval-every' takes a whole number from 1 to 1000000, not '2.5'"),
        (["train", "mf", "--seed", "-1"], "option '--seed' takes a whole number at least 0, not '-1'"),
        (["train", "mf", "--seed", "99999999999999999999"],
         "option '--seed' takes a whole number at least 0, not '99999999999999999999'"),
        (["train", "mf", "--k", "0"], "option '--k' takes positive whole numbers separated by commas, not '0'"),
        (["train", "foo"], "unknown model 'foo'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als"),
        (["train", "lightgnc"], "unknown model 'lightgnc'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als. Did you mean 'lightgcn'?"),
        (["eval", "--threads", "0"], "option '--threads' takes a whole number from 1 to 256, not '0'"),
        (["eval", "--k", "10,-5"], "option '--k' takes positive whole numbers separated by commas, not '10,-5'"),
        (["import", "x.csv", "--seed", "-1"], "option '--seed' takes a whole number at least 0, not '-1'"),
        (["demo", "--out", "x", "--seed", "-5"], "option '--seed' takes a whole number at least 0, not '-5'"),
        (["bench", "query", "--runs", "0"], "option '--runs' takes a whole number from 1 to 1000, not '0'"),
        (["bench", "import", "--synthetic-rdfxml", "0"],
         "option '--synthetic-rdfxml' takes a whole number from 1 to 10000000, not '0'"),
        (["bench", "query", "--store", "s.db", "--template", "show {user}", "--sample", "0"],
         "option '--sample' takes a whole number from 1 to 1000000, not '0'"),
        (["bench", "train", "--dataset", "d", "--model", "mf", "--monitor", "-1"],
         "option '--monitor' takes a whole number from 0 to 1000000, not '-1'"),
        (["bench", "train", "--dataset", "d", "--model", "mf", "--holdout", "1"],
         "option '--holdout' takes a number between 0 and 1, not '1'"),
        (["bench", "train", "--dataset", "d", "--model", "kgcn", "--neighbours", "0"],
         "option '--neighbours' takes a whole number from 1 to 1024, not '0'"),
        (["bench", "train", "--dataset", "d", "--model", "kgcn", "--rank-every", "-1"],
         "option '--rank-every' takes a whole number from 0 to 1000000, not '-1'"),
        (["bench", "train", "--dataset", "d", "--model", "foo"],
         "unknown model 'foo'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als"),
        (["bench", "coldstart", "--dataset", "d", "--cold-share", "-0.1"],
         "option '--cold-share' takes a number between 0 and 1, not '-0.1'"),
        (["bench", "coldstart", "--dataset", "d", "--cold-seed", "-1"],
         "option '--cold-seed' takes a whole number at least 0, not '-1'"),
    ])
    func outOfRangeFlagsAreUsageErrors(arguments: [String], message: String) {
        let dir = TemporaryDirectory()
        let run = kgrec(arguments, in: dir)
        #expect(run.status == 64)
        #expect(run.error.split(separator: "\n").first.map(String.init) == "Error: " + message)
        #expect(run.output.isEmpty)
    }

    @Test(arguments: [
        ("train mf epochs 0", "'epochs' takes a whole number from 1 to 1000000, not '0' at 1:17"),
        ("train mf dim -3", "'dim' takes a whole number from 1 to 4096, not '-3' at 1:14"),
        ("train mf batch 0", "'batch' takes a whole number from 1 to 10000000, not '0' at 1:16"),
        ("train mf threads 10000", "'threads' takes a whole number from 1 to 256, not '10000' at 1:18"),
        ("train mf lr nan", "'lr' takes a number greater than 0 and at most 10, not 'nan' at 1:13"),
        ("train mf lr -0.1", "'lr' takes a number greater than 0 and at most 10, not '-0.1' at 1:13"),
        ("train mf epochs 2.5", "'epochs' takes a whole number from 1 to 1000000, not '2.5' at 1:17"),
        ("train mf seed 1e20", "'seed' takes a whole number at least 0, not '1e+20' at 1:15"),
        ("train foo", "unknown model 'foo'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als at 1:7"),
        ("eval k 0", "'k' takes positive whole numbers separated by commas, not '0' at 1:8"),
        ("eval threads 0", "'threads' takes a whole number from 1 to 256, not '0' at 1:14"),
        ("import \"x.csv\" seed -1", "'seed' takes a whole number at least 0, not '-1' at 1:21"),
        ("recommend items for u1 limit 99999999999999999999",
         "'limit' takes a whole number from 1 to 1000000, not '99999999999999999999' at 1:30"),
        ("recommend items for u1 diversify by interacted max 0",
         "'max' takes a whole number from 1 to 1000000, not '0' at 1:52"),
    ])
    func outOfRangeStatementOptionsAreQueryErrors(statement: String, message: String) {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let run = kgrec(["query", statement, "--store", store], in: dir)
        #expect(run.status == 1)
        #expect(run.error.split(separator: "\n").first.map(String.init) == "Error: " + message)
    }

    @Test func cutoffsAboveTheItemCountAreLoweredWithANote() {
        #expect(Cutoffs.clamped([10, 100_000_000, 20], itemCount: 300)
                    == ([10, 20, 300], ["k 100000000 is more than the 300 items; using 300"]))
        #expect(Cutoffs.clamped([300, 301], itemCount: 300) == ([300], ["k 301 is more than the 300 items; using 300"]))
        #expect(Cutoffs.clamped([10], itemCount: 1) == ([1], ["k 10 is more than the 1 item; using 1"]))
        #expect(Cutoffs.clamped(metric: "ndcg@100000000", itemCount: 300) == "ndcg@300")
        #expect(Cutoffs.clamped(metric: "ndcg@20", itemCount: 300) == "ndcg@20")
    }

    @Test func hugeCutoffsRankEveryItemInsteadOfExhaustingMemory() {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let train = kgrec(["train", "mf", "--epochs", "1", "--k", "100000000", "--store", store], in: dir)
        #expect(train.status == 0)
        #expect(train.error == "Note: k 100000000 is more than the 3 items; using 3\n")
        let eval = kgrec(["eval", "--k", "10000000", "--store", store], in: dir)
        #expect(eval.status == 0)
        #expect(eval.error == "Note: k 10000000 is more than the 3 items; using 3\n")
        #expect(eval.output.contains("\n     3 "))
        let statement = kgrec(["query", "eval k 100000000", "--store", store], in: dir)
        #expect(statement.status == 0)
        // A statement's notes go to standard error, like a query's, and its report to standard output.
        #expect(statement.error == "Note: k 100000000 is more than the 3 items; using 3\n")
        #expect(statement.output.hasPrefix("mf (checkpoint #1)"))
        let retrain = kgrec(["query", "train mf epochs 1 k 100000000", "--store", store], in: dir)
        #expect(retrain.error == "Note: k 100000000 is more than the 3 items; using 3\n")
        #expect(retrain.output.hasPrefix("Saved checkpoint #2"))
    }
}
