extension Tensor {
    /// Elements drawn from N(mean, std²) with the given generator (row-major order).
    package static func normal(rows: Int, columns: Int, mean: Float = 0, standardDeviation: Float,
                              using rng: inout SeededRNG) -> Tensor {
        Tensor(rows: rows, columns: columns) { out in
            for i in 0..<out.count { out[i] = mean + standardDeviation * rng.nextNormal() }
        }
    }

    /// Elements drawn uniformly from [lower, upper) with the given generator (row-major order).
    public static func uniform(rows: Int, columns: Int, lower: Float, upper: Float,
                               using rng: inout SeededRNG) -> Tensor {
        Tensor(rows: rows, columns: columns) { out in
            for i in 0..<out.count { out[i] = lower + (upper - lower) * rng.nextFloat() }
        }
    }

    /// An inverted-dropout mask: each element is 0 with probability `rate`, else 1 / (1 − rate),
    /// so that x ⊙ mask keeps the expectation of x.
    package static func dropoutMask(rows: Int, columns: Int, rate: Float, using rng: inout SeededRNG) -> Tensor {
        precondition(rate >= 0 && rate < 1, "dropout rate \(rate) outside [0, 1)")
        let keep = 1 / (1 - rate)
        return Tensor(rows: rows, columns: columns) { out in
            for i in 0..<out.count { out[i] = rng.nextFloat() < rate ? 0 : keep }
        }
    }
}
