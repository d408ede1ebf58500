#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGRecKit

/// What fuzzing one target found.
public struct FuzzReport: Sendable {
    /// One defect, with the case number that reproduces it (`kgrec bench fuzz --case N --dump`).
    public struct Finding: Sendable {
        public var caseIndex: Int
        public var message: String
    }

    public var target: String
    public var seed: UInt64
    public var cases = 0
    public var accepted = 0
    public var rejected = 0
    public var defects: [Finding] = []
    /// The slowest case and its wall time: a hang shows here.
    public var slowestCase = 0
    public var slowestSeconds = 0.0
    public var seconds = 0.0
    /// The process's peak resident memory (VmHWM) after the run, in MB.
    public var peakResidentMegabytes = 0.0
}

/// Feeds seeded mutations of each target's seeds to the target, case after case, for a number
/// of cases or a time budget, and counts the verdicts.
public struct FuzzRunner {
    /// A case slower than this is a defect: kgrec's readers are linear, and fuzz inputs are at
    /// most `Mutator.maxLength` bytes.
    public var slowCaseSeconds = 5.0
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The input of case `index` for `target` (what `run` fed it).
    public func input(_ target: some FuzzTarget, case index: Int) -> FuzzInput {
        Mutator(dictionary: target.dictionary).input(from: target.seeds, seed: seed, case: index)
    }

    /// Runs `cases` cases, or as many as fit in `seconds` when `cases` is nil, starting at case `first`.
    public func run(_ target: some FuzzTarget, cases: Int?, seconds: Double = 0, first: Int = 0,
                    progress: ((FuzzReport) -> Void)? = nil) -> FuzzReport {
        let mutator = Mutator(dictionary: target.dictionary)
        var report = FuzzReport(target: target.name, seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        var lastProgress = start
        var index = first
        while true {
            if let cases, index - first >= cases { break }
            if cases == nil, ((clock.now - start) / .seconds(1)) >= seconds { break }
            let input = mutator.input(from: target.seeds, seed: seed, case: index)
            let caseStart = clock.now
            let verdict = target.run(input)
            let took = (clock.now - caseStart) / .seconds(1)
            report.cases += 1
            switch verdict {
            case .accepted: report.accepted += 1
            case .rejected: report.rejected += 1
            case .defect(let message): report.defects.append(.init(caseIndex: index, message: message))
            }
            if took > report.slowestSeconds { (report.slowestSeconds, report.slowestCase) = (took, index) }
            if took > slowCaseSeconds {
                report.defects.append(.init(caseIndex: index, message: "the case took \(took) s"))
            }
            if let progress, (clock.now - lastProgress) / .seconds(1) >= 10 {
                lastProgress = clock.now
                report.seconds = ((clock.now - start) / .seconds(1))
                progress(report)
            }
            index += 1
        }
        report.seconds = ((clock.now - start) / .seconds(1))
        report.peakResidentMegabytes = TrainingBenchmark.peakResidentMegabytes()
        return report
    }
}
