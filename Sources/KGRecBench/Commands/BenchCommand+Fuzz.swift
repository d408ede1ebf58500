import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// `kgrec bench fuzz`: mutated inputs for every reader, the query language and script mode.
extension BenchCommand {
    static let fuzzHelp = """
        bench fuzz [--kind K,…] [--seconds N | --cases N] [--seed S] [--case N --dump]
            Feeds seeded mutations of small well-formed inputs to every reader (\(fuzzKinds.joined(separator: ", ")))
            and counts how each case ended: accepted, rejected with a well-formed error, or a
            defect (an error without a position, an internal error, a message quoting too much,
            a store changed by a failed import, a case slower than 5 s). Default: 200 cases per
            kind; --seconds N runs each kind for N seconds. One JSON line per kind; defects are
            listed on standard error with the case number, and the exit status is 1 when there
            are any. --case N --dump writes case N's input to standard output to reproduce it.
        """

    static let fuzzOptions: [OptionSpec] = [
        .value("--kind", "K,…", "bench fuzz: the input kinds to fuzz (default: all)."),
        .value("--seconds", "N", "bench fuzz: run each kind for N seconds instead of a number of cases."),
        .value("--cases", "N", "bench fuzz: cases per kind (default 200)."),
        .value("--case", "N", "bench fuzz: the first case to run (with --dump, the one case to write out)."),
        .flag("--dump", "bench fuzz: write the input of --case N to standard output and stop."),
    ]

    static let fuzzKinds = ["csv", "tsv", "ntriples", "rdfxml", "turtle", "jsonld", "kgat", "kgcn", "bookcrossing", "recbole",
                            "mapping", "query", "script"]

    /// Every fuzz target, or those `kinds` names.
    static func fuzzTargets(_ kinds: [String]) throws -> [any FuzzTarget] {
        let wanted = Set(kinds.isEmpty ? fuzzKinds : kinds)
        var targets: [any FuzzTarget] = try ImportFuzzTarget.all().filter { wanted.contains($0.name) }
        if wanted.contains("query") || wanted.contains("script") {
            let statements = try StatementFuzzTarget()
            if wanted.contains("query") { targets.append(statements) }
            if wanted.contains("script") { targets.append(ScriptFuzzTarget(statements: statements)) }
        }
        return targets
    }

    static func benchFuzz(_ args: ParsedArguments, _ console: Console) throws -> Int32 {
        let kinds = args.string("--kind").map { $0.split(separator: ",").map { String($0).trimmingWhitespace() } } ?? []
        for kind in kinds where !fuzzKinds.contains(kind) {
            throw UsageError(message: "unknown fuzz kind '\(kind)'" + Suggestion.hint(for: kind, in: fuzzKinds), command: "bench")
        }
        let seed = UInt64(try args.integer(.seed) ?? 2026)
        let first = try args.integer(.fuzzCase) ?? 0
        let seconds = try args.number(.fuzzSeconds)
        let cases = seconds == nil ? try args.integer(.fuzzCases) ?? 200 : nil
        let runner = FuzzRunner(seed: seed)
        if args.flag("--dump") {
            guard kinds.count == 1, args.string("--case") != nil else {
                throw UsageError(message: "--dump needs one --kind and --case N", command: "bench")
            }
            for target in try fuzzTargets(kinds) {
                let input = runner.input(target, case: first)
                if !input.slot.isEmpty { console.err("case \(first) replaces '\(input.slot)'\n") }
                FileHandle.standardOutput.write(Data(input.bytes))
            }
            return ExitCode.success
        }
        var defects = 0
        for target in try fuzzTargets(kinds) {
            let report = runner.run(target, cases: cases, seconds: seconds ?? 0, first: first,
                                    progress: { console.err("fuzz \($0.target): \($0.cases) cases, \($0.defects.count) defects…\n") })
            for finding in report.defects.prefix(20) {
                console.err("defect: \(report.target) case \(finding.caseIndex): \(finding.message)\n")
            }
            defects += report.defects.count
            console.line(JSON.object([
                ("fuzz", .string(report.target)), ("seed", .int(Int(report.seed))), ("cases", .int(report.cases)),
                ("accepted", .int(report.accepted)), ("rejected", .int(report.rejected)),
                ("defects", .int(report.defects.count)), ("slowest_case", .int(report.slowestCase)),
                ("slowest_ms", .number(report.slowestSeconds * 1000)), ("seconds", .number(report.seconds)),
                ("peak_rss_mb", .number(report.peakResidentMegabytes)),
            ]).text)
        }
        return defects == 0 ? ExitCode.success : ExitCode.failure
    }
}
