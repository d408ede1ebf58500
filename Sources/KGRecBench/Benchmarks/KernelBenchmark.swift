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

/// `kgrec bench kernels`: the GNN kernels on the shapes that matter, timed in-process.
///
/// GEMM 4096×64·64×64 and 40000×64·64×64 (a GNN layer's dense transform), CSR × dense on
/// Gowalla's normalised user–item adjacency with 64 columns (one LightGCN layer), and fused
/// top-20 for 1000 users against Gowalla's 40,981 items. Each figure is the median of
/// `repetitions` timed calls after one warm-up call, for each thread count. BENCHMARKS.md holds
/// the Python reference figures these are compared with.
public enum KernelBenchmark {
    /// One timed kernel.
    public struct Measurement: Sendable, Codable {
        public let kernel: String
        public let threads: Int
        /// Median wall time of one call.
        public let milliseconds: Double
        /// GFLOP/s at the median (2·m·n·k for GEMM, 2·nnz·d for SpMM, 2·users·items·d for top-K).
        public let gflops: Double
    }

    /// Runs the suite and returns the measurements; `report` receives one line per measurement.
    /// `gowalla` is the directory with Gowalla's `train.txt`; without it the SpMM rows are skipped.
    public static func run(gowalla: URL?, threadCounts: [Int] = [1, 2], repetitions: Int = 21,
                           report: (String) -> Void = { print($0) }) throws -> [Measurement] {
        var rng = SeededRNG(seed: 42)
        var results: [Measurement] = []
        func record(_ kernel: String, _ threads: Int, _ flops: Double, _ body: () -> Void) {
            let ms = medianMilliseconds(repetitions: repetitions, body)
            let m = Measurement(kernel: kernel, threads: threads, milliseconds: ms, gflops: flops / ms / 1e6)
            results.append(m)
            report(String(format: "%-44@ threads=%d  %9.3f ms  %6.1f GFLOP/s", kernel as NSString, threads, ms, m.gflops))
        }

        let w = Tensor.normal(rows: 64, columns: 64, standardDeviation: 0.1, using: &rng)
        for rows in [4096, 40_000] {
            let x = Tensor.normal(rows: rows, columns: 64, standardDeviation: 1, using: &rng)
            for t in threadCounts {
                record("gemm \(rows)x64 * 64x64", t, 2.0 * Double(rows) * 64 * 64) {
                    blackHole(x.matmul(w, threads: t))
                }
            }
        }

        let itemCount: Int
        if let gowalla {
            let interactions = try BenchmarkData.loadLightGCNTrain(gowalla)
            let adjacency = SparseMatrix.normalizedBipartiteAdjacency(interactions.train)
            itemCount = interactions.itemCount
            report("Gowalla adjacency: \(adjacency.rows) nodes, \(adjacency.nonZeroCount) nonzeros")
            let x = Tensor.normal(rows: adjacency.rows, columns: 64, standardDeviation: 0.1, using: &rng)
            for t in threadCounts {
                record("spmm gowalla-adj(\(adjacency.nonZeroCount) nnz) * Nx64", t,
                       2.0 * Double(adjacency.nonZeroCount) * 64) {
                    blackHole(adjacency.multiply(x, threads: t))
                }
            }
        } else {
            itemCount = 40_981
            report("spmm skipped: no Gowalla directory")
        }

        let users = Tensor.normal(rows: 1000, columns: 64, standardDeviation: 0.1, using: &rng)
        let items = Tensor.normal(rows: itemCount, columns: 64, standardDeviation: 0.1, using: &rng)
        let panels = ItemPanels(items: items)
        for t in threadCounts {
            record("top-20 1000 users x \(itemCount) items (d=64)", t, 2.0 * 1000 * Double(itemCount) * 64) {
                blackHole(panels.topK(users: users, k: 20, threads: t))
            }
        }
        return results
    }

    static func medianMilliseconds(repetitions: Int, _ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(1, repetitions) {
            let elapsed = clock.measure(body)
            times.append(elapsed.seconds * 1e3)
        }
        return Statistics.median(times)
    }
}

@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
