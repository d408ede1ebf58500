#if canImport(Glibc)
#endif
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

/// `kgrec bench query`: the latency of statements run through the query engine (parse, plan,
/// walk, score, top-K, explanations; not rendering), one thread.
public enum QueryBenchmark {
    public struct Result: Sendable {
        /// Wall-clock milliseconds of every timed statement, in run order.
        public var milliseconds: [Double]
        /// The calling thread's CPU milliseconds for the same statements: what a statement costs
        /// when the machine is shared (wall time counts the waits for a core).
        public var cpuMilliseconds: [Double]
        public var statements: Int
        public var failures: [String]

        /// The `q` quantile (0…1) of the wall-clock latencies (or CPU times), nearest rank.
        public func quantile(_ q: Double, cpu: Bool = false) -> Double {
            let sorted = (cpu ? cpuMilliseconds : milliseconds).sorted()
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
            return sorted[max(0, min(sorted.count - 1, rank))]
        }

        public var mean: Double { milliseconds.isEmpty ? 0 : milliseconds.reduce(0, +) / Double(milliseconds.count) }
    }

    /// Runs every statement once to warm up (loading models), then `runs` timed passes.
    public static func run(workspace: Session, statements: [String], runs: Int) throws(KGRecError) -> Result {
        var failures: [String] = []
        for statement in statements {
            do { _ = try workspace.execute(statement) } catch { failures.append("\(statement): \(error)") }
        }
        let clock = ContinuousClock()
        var times: [Double] = [], cpuTimes: [Double] = []
        times.reserveCapacity(statements.count * runs)
        cpuTimes.reserveCapacity(statements.count * runs)
        for _ in 0..<runs {
            for statement in statements {
                let cpuStart = threadCPUMilliseconds()
                let start = clock.now
                _ = try? workspace.execute(statement)
                times.append((clock.now - start).seconds * 1000)
                cpuTimes.append(threadCPUMilliseconds() - cpuStart)
            }
        }
        return Result(milliseconds: times, cpuMilliseconds: cpuTimes, statements: statements.count, failures: failures)
    }

    /// CPU time the calling thread has used, in milliseconds.
    static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    /// `count` statements from a template with `{user}` replaced by users drawn from the store
    /// with a seed (users with at least one train interaction).
    public static func sample(workspace: Session, template: String, count: Int, seed: UInt64) throws(KGRecError) -> [String] {
        let snapshot = try workspace.snapshot()
        let matrix = InteractionMatrix(snapshot: snapshot)
        let active = (0..<matrix.userCount).filter { matrix.train.degree($0) > 0 }
        guard !active.isEmpty else { throw .failed("the store has no user with train interactions") }
        var rng = SeededRNG(seed: seed)
        return (0..<count).map { _ in
            let user = matrix.users[active[rng.next(below: active.count)]]
            return template.replacingAll("{user}", with: snapshot.externalIDs[Int(user)])
        }
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation in this path).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
