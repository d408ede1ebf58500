import KGTensor

/// A constant sparse matrix A as an operand of A · X, with what its backward pass Aᵀ · dY needs.
///
/// A matrix used on every step (a graph's adjacency) keeps its transpose, built once, or shared
/// when A is symmetric (LightGCN's normalised adjacency). A matrix used once (the rows of one
/// batch) skips the transpose: its backward pass scatters instead (`transposedMultiply`).
public struct SparseOperand: Sendable {
    package let matrix: SparseMatrix
    /// Aᵀ, or nil when the backward pass scatters.
    package let transpose: SparseMatrix?

    /// `matrix` and its transpose; pass `symmetric: true` when A = Aᵀ to share one copy.
    public init(_ matrix: SparseMatrix, symmetric: Bool = false) {
        self.matrix = matrix
        transpose = symmetric ? matrix : matrix.transposed()
    }

    /// `matrix` without a transpose: the backward pass computes Aᵀ · dY by scattering rows.
    public init(scatteringTransposeOf matrix: SparseMatrix) {
        self.matrix = matrix
        transpose = nil
    }

    /// gradient (=|+=) Aᵀ · G.
    func addTransposeTimes(_ g: Tensor, into gradient: inout Tensor?, threads: Int) {
        guard var existing = gradient else {
            gradient = transpose?.multiply(g, threads: threads) ?? matrix.transposedMultiply(g, threads: threads)
            return
        }
        gradient = nil
        if let transpose {
            transpose.multiply(g, into: &existing, accumulate: true, threads: threads)
        } else {
            matrix.transposedMultiply(g, into: &existing, accumulate: true, threads: threads)
        }
        gradient = existing
    }
}

extension Variable {
    /// op(self) · op(other). Backward: d op(A) = dC · op(B)ᵀ and d op(B) = op(A)ᵀ · dC, each
    /// arranged as one GEMM call with the transposes folded into the strides.
    package func matmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value, threads = tape.threads
        let c = a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther, threads: threads)
        return tape.record(c, inputs: [self, other]) { g, index in
            if index == 0 {
                // dA = g · op(B)ᵀ, or its transpose op(B) · gᵀ when A is used transposed.
                return transposeSelf
                    ? b.matmul(g, transposeSelf: transposeOther, transposeOther: true, threads: threads)
                    : g.matmul(b, transposeSelf: false, transposeOther: !transposeOther, threads: threads)
            }
            // dB = op(A)ᵀ · g, or its transpose gᵀ · op(A) when B is used transposed.
            return transposeOther
                ? g.matmul(a, transposeSelf: true, transposeOther: transposeSelf, threads: threads)
                : a.matmul(g, transposeSelf: !transposeSelf, transposeOther: false, threads: threads)
        }
    }

    /// A · X for a constant sparse A (message passing over a graph): CSR × dense forward,
    /// Aᵀ · dY backward.
    public static func * (lhs: SparseOperand, rhs: Variable) -> Variable {
        let threads = rhs.tape.threads
        return rhs.tape.record(lhs.matrix.multiply(rhs.value, threads: threads), inputs: [rhs], accumulating: { g, _, gradient in
            lhs.addTransposeTimes(g, into: &gradient, threads: threads)
        })
    }
}
