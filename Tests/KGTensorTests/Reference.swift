@testable import KGTensor

/// Independent, obviously-correct implementations the kernels are checked against.
enum Reference {
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor.uniform(rows: rows, columns: columns, lower: -1, upper: 1, using: &rng)
    }

    /// op(a) · op(b) by the triple loop, accumulated in Double.
    static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        var c = Tensor(rows: m, columns: n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p, i] : a[i, p], y = transposeB ? b[j, p] : b[p, j]
                    total += Double(x) * Double(y)
                }
                c[i, j] = Float(total)
            }
        }
        return c
    }

    static func transpose(_ a: Tensor) -> Tensor {
        var t = Tensor(rows: a.columns, columns: a.rows)
        for i in 0..<a.rows { for j in 0..<a.columns { t[j, i] = a[i, j] } }
        return t
    }

    /// A random sparse matrix with about `density` of the entries set, some rows empty.
    static func sparse(_ rows: Int, _ columns: Int, density: Double, seed: UInt64) -> SparseMatrix {
        var rng = SeededRNG(seed: seed)
        var entries: [(row: Int32, column: Int32, value: Float)] = []
        for r in 0..<rows where r % 7 != 3 {
            for c in 0..<columns where rng.nextDouble() < density {
                entries.append((Int32(r), Int32(c), rng.nextFloat() * 2 - 1))
            }
        }
        return SparseMatrix(rows: rows, columns: columns, entries: entries)
    }

    /// The k best columns per row by a full sort (score descending, column ascending).
    static func topK(_ scores: Tensor, k: Int, excluded: [Set<Int32>]? = nil) -> ([[Int32]], [[Float]]) {
        var items: [[Int32]] = [], values: [[Float]] = []
        for r in 0..<scores.rows {
            let candidates = (0..<scores.columns).filter { excluded?[r].contains(Int32($0)) != true && scores[r, $0] > -.infinity }
            let sorted = candidates.sorted { (scores[r, $0], -$0) > (scores[r, $1], -$1) }.prefix(k)
            var rowItems = sorted.map { Int32($0) }, rowScores = sorted.map { scores[r, $0] }
            while rowItems.count < k { rowItems.append(-1); rowScores.append(-.infinity) }
            items.append(rowItems)
            values.append(rowScores)
        }
        return (items, values)
    }
}

func close(_ a: Tensor, _ b: Tensor, tolerance: Float = 1e-4) -> Bool {
    guard a.shape == b.shape else { return false }
    for i in 0..<a.count {
        let x = a.storage[i], y = b.storage[i]
        if abs(x - y) > tolerance * max(1, abs(y)) { return false }
    }
    return true
}
