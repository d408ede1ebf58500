extension Tensor {
    /// The matrix product op(self) · op(other), where op transposes when asked.
    ///
    /// Shapes: op(self) is m × k, op(other) is k × n, the result m × n.
    /// - Complexity: 2·m·n·k flops on the register-tiled kernel (`GEMM`); split across `threads`
    ///   when the product exceeds about a millisecond of work.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false,
                       threads: Int = 1) -> Tensor {
        let m = transposeSelf ? columns : rows
        let n = transposeOther ? other.rows : other.columns
        var result = Tensor(rows: m, columns: n)
        Tensor.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther,
                    into: &result, accumulate: false, threads: threads)
        return result
    }

    /// c (=|+=) op(a) · op(b): the in-place form the autodiff backward passes use to accumulate
    /// gradients without temporaries.
    ///
    /// Shapes: op(a) m × k, op(b) k × n, c m × n.
    public static func gemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool,
                            into c: inout Tensor, accumulate: Bool, threads: Int = 1) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "matmul inner dimensions differ: op(a) is \(m)×\(k), op(b) is \(kb)×\(n)")
        precondition(c.rows == m && c.columns == n, "output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else {
                        // Some dimension is zero: c is empty, or k == 0 and c must be zeroed.
                        if !accumulate { for i in 0..<pc.count { pc[i] = 0 } }
                        return
                    }
                    GEMM.multiply(m: m, n: n, k: k,
                                  a: pa, aRowStride: transposeA ? 1 : a.columns,
                                  aColumnStride: transposeA ? a.columns : 1,
                                  b: pb, bRowStride: transposeB ? 1 : b.columns,
                                  bColumnStride: transposeB ? b.columns : 1,
                                  c: pc, ldc: n, accumulate: accumulate, threads: threads)
                }
            }
        }
    }
}
