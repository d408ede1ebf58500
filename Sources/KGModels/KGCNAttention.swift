import KGAutodiff
import KGTensor

/// KGCN's user–relation attention (eq. 2 and 4): π(u, r) = ⟨u, r⟩, normalised by a softmax over
/// each entity's K sampled neighbours, π̃(u, r_vj) = exp π(u, r_vj) / Σ_{j′ ∈ S(v)} exp π(u, r_vj′).
///
/// The paper scores with the inner product; the reference code uses its mean over the d
/// dimensions (⟨u, r⟩ / d). kgrec follows the paper.
public enum KGCNAttention {
    /// π for each neighbour row: `users` and `relations` are (n · K) × d (the pair's user repeated
    /// for each of its neighbours); returns (n · K) × 1.
    public static func scores(users: Variable, relations: Variable) -> Variable {
        users.rowDot(relations)
    }

    /// π̃: softmax of `scores` ((n · K) × 1) within each consecutive group of `k`.
    public static func normalized(_ scores: Variable, k: Int) -> Variable {
        precondition(scores.rows % k == 0, "\(scores.rows) scores do not split into groups of \(k)")
        return scores.segmentSoftmax(Segments(count: scores.rows / k, size: k))
    }

    /// π̃ from user and relation rows.
    public static func weights(users: Variable, relations: Variable, k: Int) -> Variable {
        normalized(scores(users: users, relations: relations), k: k)
    }
}
