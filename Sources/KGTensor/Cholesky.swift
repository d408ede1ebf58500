/// Solves small symmetric positive definite systems A x = b by Cholesky factorisation
/// A = L Lᵀ, in `Double`: the attributors' normal equations and the orthonormalisation of
/// `TruncatedSVD` (n ≤ a few hundred, so O(n³/3) stays small).
package enum Cholesky {
    /// x with A x = b, for A symmetric positive definite (n × n, row-major; only its lower
    /// triangle is read). nil when a pivot is not positive and finite: A is not positive definite
    /// (or holds NaN), so there is no factorisation to solve with.
    /// - Complexity: O(n³/3) for the factorisation, O(n²) for the two triangular solves.
    package static func solve(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        precondition(a.count == n * n && b.count == n, "a has \(a.count) entries, b \(b.count), n \(n)")
        guard n > 0 else { return [] }
        return factor(a, n: n).map { solve(factor: $0, b, n: n) }
    }

    /// L with A = L Lᵀ (n × n, row-major, lower triangular), or nil when a pivot is not positive
    /// and finite, or not above `relativeTolerance` times A's largest diagonal entry.
    /// - Complexity: O(n³/3).
    package static func factor(_ a: [Double], n: Int, relativeTolerance: Double = 0) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        let floor = relativeTolerance * ((0..<n).map { a[$0 * n + $0] }.max() ?? 0)
        let factored = l.withUnsafeMutableBufferPointer { l -> Bool in
            a.withUnsafeBufferPointer { a -> Bool in
                // L row by row: l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj, l_ii = √(a_ii − Σ_{k<i} l_ik²).
                for i in 0..<n {
                    for j in 0...i {
                        var s = a[i * n + j]
                        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                        if i == j {
                            guard s > 0 && s > floor && s.isFinite else { return false }
                            l[i * n + i] = s.squareRoot()
                        } else {
                            l[i * n + j] = s / l[j * n + j]
                        }
                    }
                }
                return true
            }
        }
        return factored ? l : nil
    }

    /// x with L Lᵀ x = b, for the factor L of `factor`. - Complexity: O(n²).
    package static func solve(factor l: [Double], _ b: [Double], n: Int) -> [Double] {
        var x = b
        for i in 0..<n {
            var s = x[i]
            for k in 0..<i { s -= l[i * n + k] * x[k] }
            x[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<n { s -= l[k * n + i] * x[k] }
            x[i] = s / l[i * n + i]
        }
        return x
    }
}
