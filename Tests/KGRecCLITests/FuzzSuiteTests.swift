import Foundation
@testable import KGRecBench
import KGTestSupport
import Testing
@testable import KGRecCLI

/// Every reader, the query language and script mode take seeded mutations of well-formed
/// inputs without a crash, a hang, an error lacking its position, a message quoting the
/// input at length, or a store changed by a failed import. A fixed seed and case count keep
/// CI's run the same each time (about a minute); `KGREC_FUZZ_SECONDS=N` runs each kind for N
/// seconds instead, and `kgrec bench fuzz` runs it from the command line.
@Suite(.serialized) struct FuzzSuiteTests {
    static let casesPerKind: [String: Int] = [
        "csv": 400, "tsv": 300, "ntriples": 600, "rdfxml": 400, "turtle": 500, "jsonld": 400, "kgat": 400, "kgcn": 300, "bookcrossing": 300,
        "recbole": 300, "mapping": 300, "query": 1500, "script": 300,
    ]

    @Test func everyKindEndsEveryCaseCleanly() throws {
        let seconds = ProcessInfo.processInfo.environment["KGREC_FUZZ_SECONDS"].flatMap(Double.init)
        let targets = try BenchCommand.fuzzTargets([])
        #expect(Set(targets.map(\.name)) == Set(BenchCommand.fuzzKinds))
        let runner = FuzzRunner(seed: 20261203)
        for target in targets {
            let report = runner.run(target, cases: seconds == nil ? Self.casesPerKind[target.name] ?? 300 : nil,
                                    seconds: seconds ?? 0)
            let found = report.defects.prefix(3).map { "case \($0.caseIndex): \($0.message.prefix(300))" }
            #expect(report.defects.isEmpty, "\(target.name): \(report.defects.count) defects, e.g. \(found)")
            // Mutations must exercise both outcomes, or the seeds or mutator have gone wrong.
            #expect(report.accepted > 0 && report.rejected > 0, "\(target.name): \(report.accepted) accepted, \(report.rejected) rejected")
            #expect(report.peakResidentMegabytes < 2048, "\(target.name): peak RSS \(report.peakResidentMegabytes) MB")
        }
    }

    @Test func aCaseIsTheSameInputOnEveryRun() throws {
        let targets = try BenchCommand.fuzzTargets(["csv", "query"])
        for target in targets {
            let a = FuzzRunner(seed: 7).input(target, case: 123), b = FuzzRunner(seed: 7).input(target, case: 123)
            let c = FuzzRunner(seed: 8).input(target, case: 123)
            #expect(a == b)
            #expect(a != c)
        }
    }
}
