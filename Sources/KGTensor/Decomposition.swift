/// Eigen-decomposition of small dense symmetric matrices, in double precision.
package enum SymmetricEigen {
    /// Eigenvalues, largest first, and eigenvectors of the symmetric n × n matrix `a` (row-major;
    /// only its symmetry is assumed, not checked), by cyclic Jacobi rotations until the
    /// off-diagonal mass falls below 1e-24 of the total (at most 60 sweeps). `vectors` is n × n
    /// row-major with eigenvector j in column j, in the order of `values`.
    /// - Complexity: about 6n³ flops a sweep, a few sweeps: 0.5 s for n = 320.
    package static func decompose(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        precondition(a.count == n * n, "expected \(n)×\(n) = \(n * n) entries, got \(a.count)")
        var a = a
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<60 {
                    var off = 0.0
                    for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
                    if off <= 1e-24 * total || off == 0 { break }
                    for p in 0..<max(0, n - 1) {
                        for q in (p + 1)..<n {
                            let apq = a[p * n + q]
                            if apq == 0 { continue }
                            let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                            let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                            let c = 1 / (t * t + 1).squareRoot(), s = t * c
                            rotate(a.baseAddress!, v.baseAddress!, n: n, p: p, q: q, c: c, s: s)
                        }
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] || (a[$0 * n + $0] == a[$1 * n + $1] && $0 < $1) }
        var vectors = [Double](repeating: 0, count: n * n)
        for (j, source) in order.enumerated() {
            for i in 0..<n { vectors[i * n + j] = v[i * n + source] }
        }
        return (order.map { a[$0 * n + $0] }, vectors)
    }

    /// A ← Jᵀ A J and V ← V J for the rotation J in the (p, q) plane that zeroes a[p][q].
    @inline(__always)
    private static func rotate(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, n: Int,
                               p: Int, q: Int, c: Double, s: Double) {
        for k in 0..<n {
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        for k in 0..<n {
            let vkp = v[k * n + p], vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
        }
    }
}

/// The leading right singular vectors of a sparse matrix, for graph filters' low-pass parts.
package enum TruncatedSVD {
    /// The `rank` largest singular values of A (rows × columns) and their right singular
    /// vectors (columns × rank, vector j in column j), by randomised subspace iteration with a
    /// Rayleigh–Ritz step (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1): a Gaussian
    /// block of rank + oversampling columns is multiplied by AᵀA `iterations` times and
    /// re-orthonormalised after each product; the top of the spectrum converges as
    /// (σ_{l+1}/σ_j)^(2·iterations). `transposed` is Aᵀ, built once by the caller. Everything
    /// random comes from `rng`; results depend only on the inputs and `threads`.
    package static func rightSingularVectors(of a: SparseMatrix, transposed at: SparseMatrix, rank: Int,
                                             oversampling: Int, iterations: Int, rng: inout SeededRNG,
                                             threads: Int) -> (values: [Float], vectors: Tensor) {
        precondition(at.rows == a.columns && at.columns == a.rows, "Aᵀ is \(at.rows)×\(at.columns), A \(a.rows)×\(a.columns)")
        let width = min(rank + max(0, oversampling), a.columns, a.rows)
        let rank = min(rank, width)
        guard rank > 0 else { return ([], Tensor(rows: a.columns, columns: 0)) }
        var q = Orthonormal.columns(of: Tensor.normal(rows: a.columns, columns: width, standardDeviation: 1, using: &rng),
                                    threads: threads)
        for _ in 0..<max(0, iterations) {
            q = Orthonormal.columns(of: at.multiply(a.multiply(q, threads: threads), threads: threads), threads: threads)
        }
        // Rayleigh–Ritz: QᵀAᵀAQ = (AQ)ᵀ(AQ) = W Λ Wᵀ, and V = Q W.
        let aq = a.multiply(q, threads: threads)
        let gram = Orthonormal.gram(aq, threads: threads)
        let (values, w) = SymmetricEigen.decompose(gram, n: width)
        var top = [Float](repeating: 0, count: width * rank)
        for i in 0..<width { for j in 0..<rank { top[i * rank + j] = Float(w[i * width + j]) } }
        let vectors = q.matmul(Tensor(rows: width, columns: rank, storage: top), threads: threads)
        return (values.prefix(rank).map { Float(max(0, $0).squareRoot()) }, vectors)
    }
}

/// Orthonormal bases of the column spaces of tall dense matrices.
package enum Orthonormal {
    /// An orthonormal basis of the columns of `z` (n × m, n ≥ m), as n × m: two passes of
    /// Cholesky QR (Q = Z R⁻¹ with RᵀR = ZᵀZ, the Gram matrix and R in double precision); a
    /// Gram matrix that is not positive definite (dependent columns) is orthonormalised through
    /// its eigen-decomposition instead, dropping directions below 1e-10 of the largest, whose
    /// columns come out zero.
    package static func columns(of z: Tensor, threads: Int) -> Tensor {
        var q = z
        for _ in 0..<2 {
            let m = q.columns
            let g = gram(q, threads: threads)
            if let inverse = upperCholeskyInverse(g, n: m) {
                q = q.matmul(Tensor(rows: m, columns: m, storage: inverse.map { Float($0) }), threads: threads)
            } else {
                let (values, w) = SymmetricEigen.decompose(g, n: m)
                let floor = 1e-10 * max(values.first ?? 0, 0)
                var scaled = [Float](repeating: 0, count: m * m)
                for j in 0..<m where values[j] > floor {
                    let s = 1 / values[j].squareRoot()
                    for i in 0..<m { scaled[i * m + j] = Float(w[i * m + j] * s) }
                }
                q = q.matmul(Tensor(rows: m, columns: m, storage: scaled), threads: threads)
            }
        }
        return q
    }

    /// ZᵀZ (m × m, row-major) in double precision: single-precision products of row blocks of
    /// 2,048, added in double.
    static func gram(_ z: Tensor, threads: Int) -> [Double] {
        let m = z.columns, block = 2_048
        var g = [Double](repeating: 0, count: m * m)
        var start = 0
        while start < z.rows {
            let end = min(z.rows, start + block)
            let part = Tensor(rows: end - start, columns: m) { out in
                z.withUnsafeBufferPointer { x in
                    out.baseAddress!.update(from: x.baseAddress! + start * m, count: (end - start) * m)
                }
            }
            let product = part.matmul(part, transposeSelf: true, threads: threads)
            product.withUnsafeBufferPointer { p in
                for i in 0..<(m * m) { g[i] += Double(p[i]) }
            }
            start = end
        }
        return g
    }

    /// R⁻¹ (n × n, row-major, upper triangular) for the Cholesky factor R = Lᵀ of `g` (g = RᵀR),
    /// or nil when a pivot is not above 1e-12 of the largest diagonal entry.
    static func upperCholeskyInverse(_ g: [Double], n: Int) -> [Double]? {
        guard let l = Cholesky.factor(g, n: n, relativeTolerance: 1e-12) else { return nil }
        // Back substitution, column by column: R · X = I with X upper triangular, r_ik = l_ki.
        var x = [Double](repeating: 0, count: n * n)
        for c in 0..<n {
            x[c * n + c] = 1 / l[c * n + c]
            var i = c - 1
            while i >= 0 {
                var sum = 0.0
                for k in (i + 1)...c { sum += l[k * n + i] * x[k * n + c] }
                x[i * n + c] = -sum / l[i * n + i]
                i -= 1
            }
        }
        return x
    }
}

extension Tensor {
    /// The transpose (columns × rows), copied in 32 × 32 tiles split across `threads`.
    package func transposed(threads: Int = 1) -> Tensor {
        let m = rows, n = columns
        return Tensor(rows: n, columns: m) { out in
            withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let y = out.baseAddress else { return }
                let tile = 32
                let tileRows = (m + tile - 1) / tile
                let chunks = Parallel.chunkCount(work: m * n, threshold: Parallel.parallelElements, threads: threads)
                let ranges = Parallel.evenRanges(tileRows, parts: chunks)
                let shared = UnsafeSendable((x, y))
                Parallel.run(ranges.count) { chunk in
                    let (x, y) = shared.value
                    for tileRow in ranges[chunk] {
                        let r0 = tileRow * tile, r1 = min(m, r0 + tile)
                        var c0 = 0
                        while c0 < n {
                            let c1 = min(n, c0 + tile)
                            for r in r0..<r1 { for c in c0..<c1 { y[c * m + r] = x[r * n + c] } }
                            c0 = c1
                        }
                    }
                }
            }
        }
    }
}
