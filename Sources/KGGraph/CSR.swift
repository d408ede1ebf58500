/// Compressed sparse rows: the neighbours of row `r` are `targets[offsets[r]..<offsets[r+1]]`,
/// with matching `weights`.
///
/// Indices are `Int32` to halve the bandwidth of traversals (docs/performance.md §3).
public struct CSR: Sendable, Equatable {
    package let rowCount: Int
    package let columnCount: Int
    package let offsets: [Int32]
    package let targets: [Int32]
    public let weights: [Float]

    package var nonZeroCount: Int { targets.count }

    public init(rowCount: Int, columnCount: Int, offsets: [Int32], targets: [Int32], weights: [Float]) {
        precondition(offsets.count == rowCount + 1, "offsets \(offsets.count) != rows \(rowCount) + 1")
        precondition(targets.count == weights.count, "targets \(targets.count) != weights \(weights.count)")
        precondition(Int(offsets.last ?? 0) == targets.count, "last offset != nnz \(targets.count)")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
    }

    /// An empty matrix of the given shape.
    public static func empty(rows: Int, columns: Int) -> CSR {
        CSR(rowCount: rows, columnCount: columns, offsets: [Int32](repeating: 0, count: rows + 1),
            targets: [], weights: [])
    }

    /// Builds a CSR from coordinate triples by a counting sort: O(rows + nnz).
    ///
    /// Within a row, entries keep their input order, then are sorted by column so that
    /// lookups can binary-search and output is deterministic.
    /// - Complexity: O(rows + nnz log(max degree)).
    public init(rows: Int, columns: Int, sources: [Int32], targets: [Int32], weights: [Float]? = nil) {
        precondition(sources.count == targets.count, "sources and targets differ in length")
        var counts = [Int32](repeating: 0, count: rows + 1)
        for s in sources { counts[Int(s) + 1] &+= 1 }
        for r in 0..<rows { counts[r + 1] &+= counts[r] }
        let offsets = counts
        var cursor = counts
        var outTargets = [Int32](repeating: 0, count: sources.count)
        var outWeights = [Float](repeating: 1, count: sources.count)
        for e in 0..<sources.count {
            let r = Int(sources[e])
            let slot = Int(cursor[r])
            cursor[r] &+= 1
            outTargets[slot] = targets[e]
            if let weights { outWeights[slot] = weights[e] }
        }
        CSR.sortRows(offsets: offsets, targets: &outTargets, weights: &outWeights)
        self.init(rowCount: rows, columnCount: columns, offsets: offsets, targets: outTargets,
                  weights: outWeights)
    }

    /// A 0/1 matrix from (row, column) pairs, each distinct pair once with weight 1: interaction
    /// and attribute matrices, where a repeated pair says nothing more.
    static func distinctPairs(rows: Int, columns: Int, _ r: [Int32], _ c: [Int32]) -> CSR {
        let sorted = CSR(rows: rows, columns: columns, sources: r, targets: c)
        var offsets = [Int32](repeating: 0, count: rows + 1)
        var targets: [Int32] = []
        targets.reserveCapacity(sorted.nonZeroCount)
        for row in 0..<rows {
            var last: Int32 = -1
            for p in sorted.range(row) where sorted.targets[p] != last {
                targets.append(sorted.targets[p])
                last = sorted.targets[p]
            }
            offsets[row + 1] = Int32(targets.count)
        }
        return CSR(rowCount: rows, columnCount: columns, offsets: offsets, targets: targets,
                   weights: [Float](repeating: 1, count: targets.count))
    }

    /// The transpose: the reverse adjacency.
    package func transposed() -> CSR {
        var sources = [Int32](repeating: 0, count: nonZeroCount)
        for r in 0..<rowCount {
            for p in Int(offsets[r])..<Int(offsets[r + 1]) { sources[p] = Int32(r) }
        }
        return CSR(rows: columnCount, columns: rowCount, sources: targets, targets: sources, weights: weights)
    }

    /// The number of entries in row `r`.
    @inline(__always)
    public func degree(_ r: Int) -> Int { Int(offsets[r + 1] &- offsets[r]) }

    /// The range of positions of row `r` in `targets` and `weights`.
    @inline(__always)
    public func range(_ r: Int) -> Range<Int> { Int(offsets[r])..<Int(offsets[r + 1]) }

    /// The columns of row `r`.
    package func neighbours(_ r: Int) -> ArraySlice<Int32> { targets[range(r)] }

    /// Whether row `r` has an entry in column `c` (rows are sorted by column).
    public func contains(row r: Int, column c: Int32) -> Bool { weight(row: r, column: c) != nil }

    /// The weight of row `r`'s entry in column `c` (the first, when repeated), or nil when there
    /// is none; a binary search of the sorted row.
    public func weight(row r: Int, column c: Int32) -> Float? {
        var lo = Int(offsets[r]), hi = Int(offsets[r + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            if targets[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(offsets[r + 1]) && targets[lo] == c ? weights[lo] : nil
    }

    private static func sortRows(offsets: [Int32], targets: inout [Int32], weights: inout [Float]) {
        for r in 0..<(offsets.count - 1) {
            let lo = Int(offsets[r]), hi = Int(offsets[r + 1])
            if hi - lo < 2 { continue }
            var sorted = true
            for p in (lo + 1)..<hi where targets[p - 1] > targets[p] { sorted = false; break }
            if sorted { continue }
            var pairs = (lo..<hi).map { (targets[$0], weights[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (i, pair) in pairs.enumerated() {
                targets[lo + i] = pair.0
                weights[lo + i] = pair.1
            }
        }
    }
}
