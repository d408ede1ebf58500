extension Tensor {
    /// The matrix product op(self) · op(other), where op transposes when asked.
    ///
    /// Shapes: op(self) is m × k, op(other) is k × n, the result m × n.
    /// - Complexity: 2·m·n·k flops on the register-tiled kernel (`GEMM`); split across `threads`
    ///   when the product exceeds about a millisecond of work.
    package func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false,
                       threads: Int = 1) -> Tensor {
        let (m, n) = Tensor.checkProduct(self, transposeSelf, other, transposeOther)
        return Tensor(rows: m, columns: n) { c in
            Tensor.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther,
                        into: c, accumulate: false, threads: threads)
        }
    }

    /// c (=|+=) op(a) · op(b): the in-place form the autodiff backward passes use to accumulate
    /// gradients without temporaries.
    ///
    /// Shapes: op(a) m × k, op(b) k × n, c m × n.
    package static func gemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool,
                            into c: inout Tensor, accumulate: Bool, threads: Int = 1) {
        let (m, n) = checkProduct(a, transposeA, b, transposeB)
        precondition(c.rows == m && c.columns == n, "output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        c.withUnsafeMutableBufferPointer {
            gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: $0, accumulate: accumulate,
                 threads: threads)
        }
    }

    private static func checkProduct(_ a: Tensor, _ transposeA: Bool, _ b: Tensor, _ transposeB: Bool) -> (Int, Int) {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows, n = transposeB ? b.rows : b.columns
        precondition(k == kb, "matmul inner dimensions differ: op(a) is \(m)×\(k), op(b) is \(kb)×\(n)")
        return (m, n)
    }

    private static func gemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool,
                             into pc: UnsafeMutableBufferPointer<Float>, accumulate: Bool, threads: Int) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let pa = pa.baseAddress, let pb = pb.baseAddress, let c = pc.baseAddress else {
                    // Some dimension is zero: c is empty, or k == 0 and c must be zeroed.
                    if !accumulate { pc.update(repeating: 0) }
                    return
                }
                GEMM.multiply(m: m, n: n, k: k,
                              a: pa, aRowStride: transposeA ? 1 : a.columns,
                              aColumnStride: transposeA ? a.columns : 1,
                              b: pb, bRowStride: transposeB ? 1 : b.columns,
                              bColumnStride: transposeB ? b.columns : 1,
                              c: c, ldc: n, accumulate: accumulate, threads: threads)
            }
        }
    }
}
