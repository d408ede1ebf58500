import KGAutodiff
import KGTensor

/// One LightGCN propagation layer (He et al., SIGIR 2020, eq. 3): e_u^(k+1) = Σ_{i ∈ N_u}
/// 1/√(|N_u||N_i|) · e_i^(k), and symmetrically for items.
///
/// As message passing: **message** m_{j→i} = Â_ij · e_j (the normalised edge weight times the
/// neighbour's embedding), **aggregate** by sum over N_i, **update** = identity (no feature
/// transform, no non-linearity, no self-loop). Message and aggregate are fused into one
/// CSR × dense product over Â = D^−1/2 A D^−1/2, so no per-edge messages are materialised.
/// Shapes: (users + items) × d in and out.
public struct LightGCNConv: Sendable {
    /// Â and its transpose (Â is symmetric, so one copy).
    package let adjacency: SparseOperand

    public init(adjacency: SparseMatrix) {
        self.adjacency = SparseOperand(adjacency, symmetric: true)
    }

    /// E^(k+1) = Â E^(k) on a tape.
    func callAsFunction(_ embeddings: Variable) -> Variable {
        adjacency * embeddings
    }

    /// E^(k+1) = Â E^(k) without a tape (inference).
    func callAsFunction(_ embeddings: Tensor, threads: Int) -> Tensor {
        adjacency.matrix.multiply(embeddings, threads: threads)
    }
}
