import KGTestSupport
import KGModels
import Testing
@testable import KGRecBench
@testable import KGRecCLI

@Suite struct UsageErrorTests {
    /// A console with the executable's extensions, so `bench` and `demo` are among the commands.
    static var console: Console {
        let console = RecordingConsole(directory: "/")
        console.extensions = .measurement
        return console
    }

    @Test(arguments: [
        (["qeury"], """
            Error: unknown command 'qeury'. Did you mean 'query'?
            Usage: kgrec <command> [options]
            See 'kgrec help'.

            """),
        (["--verbose"], """
            Error: unknown option '--verbose'
            Usage: kgrec <command> [options]
            See 'kgrec help'.

            """),
        (["query", "--fromat", "json", "show i1"], """
            Error: unknown option '--fromat'. Did you mean '--format'?
            Usage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]
            See 'kgrec query --help'.

            """),
        (["query"], """
            Error: missing statement: the statement to run, quoted as one argument.
            Usage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]
            See 'kgrec query --help'.

            """),
        (["query", "show i1", "extra"], """
            Error: unexpected argument 'extra'
            Usage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]
            See 'kgrec query --help'.

            """),
        (["query", "show i1", "--format", "xml"], """
            Error: option '--format' takes table, json, csv or dot, not 'xml'
            Usage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]
            See 'kgrec query --help'.

            """),
        (["query", "show i1", "--format"], """
            Error: option '--format' needs a value (FORMAT)
            Usage: kgrec query <statement> [--store PATH] [--format table|json|csv|dot]
            See 'kgrec query --help'.

            """),
        (["import", "data.csv", "--seed", "-1"], """
            Error: option '--seed' takes a whole number at least 0, not '-1'
            Usage: kgrec import <file-or-directory> [--format FORMAT] [--store PATH] [options]
            See 'kgrec import --help'.

            """),
        (["import", "data.csv", "--strict=yes"], """
            Error: option '--strict' takes no value
            Usage: kgrec import <file-or-directory> [--format FORMAT] [--store PATH] [options]
            See 'kgrec import --help'.

            """),
        (["import", "data.csv", "--store", "a.db", "--store", "b.db"], """
            Error: option '--store' is given more than once
            Usage: kgrec import <file-or-directory> [--format FORMAT] [--store PATH] [options]
            See 'kgrec import --help'.

            """),
        (["bench", "train", "--dataset", "d", "--model", "mf", "--holdout", "1.5"], """
            Error: option '--holdout' takes a number between 0 and 1, not '1.5'
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "train", "--dataset", "d", "--model", "mf", "--kg", "shufled"], """
            Error: option '--kg' takes real, none or shuffled, not 'shufled'. Did you mean 'shuffled'?
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "kg-effect", "--dataset", "d", "--model", "mf", "--seeds", "0"], """
            Error: option '--seeds' takes a whole number from 1 to 100, not '0'
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "leaderboard", "--dataset", "d", "--models", "gfcf,lightgnc"], """
            Error: unknown model 'lightgnc'. Did you mean 'lightgcn'?
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "leaderboard", "--models", "als"], """
            Error: bench leaderboard needs --dataset DIR
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "coldstart", "--dataset", "d", "--cold-share", "0"], """
            Error: option '--cold-share' takes a number between 0 and 1, not '0'
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["bench", "coldstart", "--dataset", "d", "--init-from", "mf.ckpt"], """
            Error: bench coldstart trains on fewer items than a saved model has; --init-from does not apply
            Usage: kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]
            See 'kgrec bench --help'.

            """),
        (["help", "nope"], """
            Error: unknown command 'nope'
            Usage: kgrec help [command]
            See 'kgrec help --help'.

            """),
    ])
    func usageErrorsExit64WithUsageAndHint(arguments: [String], message: String) {
        let run = kgrec(arguments)
        #expect(run.status == 64)
        #expect(run.error == message)
        #expect(run.output.isEmpty)
    }

    @Test func everyCommandHasHelp() {
        for spec in CLI.commands(Self.console) {
            let run = kgrec([spec.name, "--help"])
            #expect(run.status == 0)
            #expect(run.output.hasPrefix(spec.summary + "\n\nUsage: kgrec \(spec.name)"))
            #expect(run.output.contains("--help"))
        }
        let general = kgrec(["--help"])
        #expect(general.status == 0 && general.output.contains("Commands:"))
        #expect(kgrec(["help", "query"]).output == kgrec(["query", "--help"]).output)
    }

    @Test func optionDescriptionsWrapToTheWidthInColumns() throws {
        for spec in CLI.commands(Self.console) {
            let lines = kgrec([spec.name, "--help"], environment: ["COLUMNS": "72"]).output.split(separator: "\n")
            let table = lines.drop { $0 != "Options:" }.dropFirst()
            for line in table { #expect(line.count <= 72, "\(spec.name): \(line)") }
            let wide = kgrec([spec.name, "--help"], environment: ["COLUMNS": "1000"]).output.split(separator: "\n")
            #expect(wide.drop { $0 != "Options:" }.count == spec.options.count + 2)
        }
        // A continuation line starts under the description column.
        let train = kgrec(["train", "--help"], environment: ["COLUMNS": "60"]).output.split(separator: "\n")
        let first = try #require(train.firstIndex { $0.hasPrefix("  --epochs N") })
        let column = train[first].range(of: "Most")!.lowerBound.utf16Offset(in: train[first])
        #expect(train[first + 1].prefix(column).allSatisfy { $0 == " " } && train[first + 1].dropFirst(column).first != " ")
    }

    @Test func trainHelpListsEachModelsSettings() {
        let help = kgrec(["train", "--help"]).output
        let words = Set(help.split { " ,\n".contains($0) }.map(String.init))
        for model in ModelCatalog.names {
            for key in ModelCatalog.optionKeys(for: model) { #expect(words.contains(key), "\(model): \(key)") }
        }
        #expect(help.contains("  ngcf: layer_sizes, message_dropout"))
    }

    @Test func wrappingKeepsEveryWordAndBreaksAtSpaces() {
        #expect("one two three four".wrapped(to: 9) == ["one two", "three", "four"])
        #expect("a verylongword b".wrapped(to: 5) == ["a", "verylongword", "b"])
        #expect("".wrapped(to: 10) == [""])
    }

    @Test func aMissingStoreIsAnErrorWithAWayForward() {
        let dir = TemporaryDirectory()
        let run = kgrec(["stats", "--store", dir.path("none.db")], in: dir)
        #expect(run.status == 1)
        #expect(run.error == "Error: no store at '\(dir.path("none.db"))'; import data first (kgrec import FILE --store \(dir.path("none.db"))), or run 'kgrec query' without --store to use the demo\n")
    }
}
