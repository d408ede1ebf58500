import KGTensor

/// A sparse matrix with its transpose, for products whose backward pass multiplies by Aᵀ.
///
/// The transpose is built once (or shared, for a symmetric matrix such as LightGCN's
/// normalised adjacency) instead of on every backward pass.
public struct SparseOperand: Sendable {
    public let matrix: SparseMatrix
    public let transpose: SparseMatrix

    /// `matrix` and its transpose; pass `symmetric: true` when A = Aᵀ to share one copy.
    public init(_ matrix: SparseMatrix, symmetric: Bool = false) {
        self.matrix = matrix
        transpose = symmetric ? matrix : matrix.transposed()
    }
}

extension Variable {
    /// op(self) · op(other). Backward: dA = dC · op(B)ᵀ, dB = op(A)ᵀ · dC (transposes arranged
    /// so each product is one GEMM call with no explicit transpose).
    public func matmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value, threads = tape.threads
        let c = a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther, threads: threads)
        return derived(c, from: [self, other]) { tape, g in
            if self.needsGradient {
                // dop(A) = g · op(B)ᵀ; if A is transposed, dA = (g · op(B)ᵀ)ᵀ = op(B) · gᵀ.
                let da = transposeSelf
                    ? b.matmul(g, transposeSelf: transposeOther, transposeOther: true, threads: threads)
                    : g.matmul(b, transposeSelf: false, transposeOther: !transposeOther, threads: threads)
                tape.accumulate(da, into: self)
            }
            if other.needsGradient {
                // dop(B) = op(A)ᵀ · g; if B is transposed, dB = gᵀ · op(A).
                let db = transposeOther
                    ? g.matmul(a, transposeSelf: true, transposeOther: transposeSelf, threads: threads)
                    : a.matmul(g, transposeSelf: !transposeSelf, transposeOther: false, threads: threads)
                tape.accumulate(db, into: other)
            }
        }
    }

    /// A · X for a constant sparse A (message passing over a graph): CSR × dense forward,
    /// Aᵀ · dY backward.
    public static func * (lhs: SparseOperand, rhs: Variable) -> Variable {
        let threads = rhs.tape.threads
        return rhs.derived(lhs.matrix.multiply(rhs.value, threads: threads), from: [rhs]) { tape, g in
            tape.accumulate(lhs.transpose.multiply(g, threads: threads), into: rhs)
        }
    }
}
