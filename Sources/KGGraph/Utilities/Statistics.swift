/// Summaries of repeated measurements, for the benchmarks.
package enum Statistics {
    /// The middle value of `values` (the mean of the two middle ones for an even count), 0 when
    /// there are none.
    package static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Statistics {
    /// Spearman's rank correlation of paired values: Pearson's correlation of their ranks, tied
    /// values sharing the mean of their ranks. Nil for fewer than two pairs or when either side
    /// is constant (the correlation is undefined).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "\(x.count) values paired with \(y.count)")
        guard x.count >= 2 else { return nil }
        let rx = ranks(x), ry = ranks(y)
        let n = Double(x.count)
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks of `values` in ascending order, ties sharing the mean of their ranks.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let shared = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = shared }
            start = end + 1
        }
        return ranks
    }
}
