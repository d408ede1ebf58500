import Dispatch

/// How kernels split work across threads.
///
/// Every kernel takes the thread count as an argument (`threads`), so there is no global state:
/// the CLI's `--threads` flows through the trainer and evaluator into each call, and tests can run
/// 1- and 2-thread variants side by side. Work is split into at most `threads` contiguous chunks
/// that each write a disjoint part of the output; where a kernel reduces across chunks it adds
/// the partial results in chunk order. Results therefore depend only on the inputs and the
/// thread count, never on scheduling.
enum Parallel {
    /// Work thresholds below which a kernel stays on the calling thread: `concurrentPerform`
    /// costs tens of microseconds per call, so splitting pays off only above about a millisecond
    /// of work (docs/performance.md §7). Compute-bound kernels count floating-point operations (the
    /// tiled GEMM runs at about 60 GFLOP/s per core); memory-bound ones count floats touched
    /// (about 4 per nanosecond from memory, more from cache).
    static let parallelFlops = 40_000_000
    static let parallelElements = 1 << 20

    /// The number of chunks for a kernel of cost `work` against `threshold`, capped by `threads`.
    @inline(__always)
    static func chunkCount(work: Int, threshold: Int, threads: Int) -> Int {
        threads <= 1 || work < threshold ? 1 : threads
    }

    /// Runs `body(chunk)` for `chunk` in `0..<count`, concurrently when `count > 1`.
    @inline(__always)
    static func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 {
            body(0)
        } else {
            withoutActuallyEscaping(body) { body in
                let shared = UnsafeSendable(body)
                DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
            }
        }
    }

    /// Splits `0..<count` into `parts` contiguous ranges of near-equal length.
    static func evenRanges(_ count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, max(count, 1)))
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// Splits the rows of a CSR matrix into `parts` contiguous ranges with near-equal nonzero
    /// counts (binary search on the offsets), so power-law degrees do not leave a thread idle.
    static func balancedRanges(offsets: UnsafePointer<Int32>, rows: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, max(rows, 1)))
        if parts == 1 { return [0..<rows] }
        let total = Int(offsets[rows])
        var bounds = [0]
        for p in 1..<parts {
            let target = Int32(total * p / parts)
            var lo = bounds[bounds.count - 1], hi = rows
            while lo < hi {
                let mid = (lo + hi) >> 1
                if offsets[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            bounds.append(lo)
        }
        bounds.append(rows)
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
    }
}
