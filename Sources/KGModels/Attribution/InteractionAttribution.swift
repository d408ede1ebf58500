import KGGraph
import KGTensor

/// How faithfully an explanation's contributions are the model's reasons.
public enum AttributionKind: String, Sendable, Equatable {
    /// The contributions are terms of the score itself: they add up to it (with a stated rest),
    /// because the model's score is linear in them (LightGCN's propagation, path counts).
    case exact
    /// Each contribution is the score's drop when the reason is removed and the score recomputed
    /// at inference time (no retraining).
    case counterfactual
    /// The contributions add up to the score but are a re-expression of it, not its cause:
    /// removing the reason would not change the model's score without retraining (MF's user
    /// vector is learned, not built from the history).
    case association
}

/// A dot-product model's final user representation split over the user's train interactions:
/// e_u = rest + Σ_j parts[j], so that ⟨e_u, e_i⟩ = ⟨rest, e_i⟩ + Σ_j ⟨parts[j], e_i⟩ for every
/// item i. The contribution of interaction j to the score of item i is ⟨parts[j], e_i⟩.
public struct UserDecomposition: Sendable {
    /// The user's train items (model item indices), ascending.
    public let items: [Int32]
    /// One part per item of `items`: items.count × d.
    public let parts: Tensor
    /// What is not carried by any interaction (the user's own layer-0 embedding, a residual): d.
    public let rest: [Float]

    public init(items: [Int32], parts: Tensor, rest: [Float]) {
        precondition(parts.rows == items.count && parts.columns == rest.count,
                     "\(items.count) items, parts \(parts.rows)×\(parts.columns), rest \(rest.count)")
        self.items = items
        self.parts = parts
        self.rest = rest
    }
}

extension UserDecomposition {
    /// The counterfactual split of `full` over `history`: parts[j] = reference − without(j), so
    /// ⟨parts[j], e_i⟩ is exactly the drop of the score of any item i when j is removed, and
    /// rest = full − Σ_j parts[j]. `reference` is the vector the removals are measured from
    /// (`full` itself, or an exact re-solve of it).
    package static func counterfactual(history: [Int32], full: [Float], reference: [Float],
                                       without: (Int32) -> [Float]) -> UserDecomposition {
        let width = full.count
        var parts = [Float](repeating: 0, count: history.count * width)
        var rest = full
        for (k, item) in history.enumerated() {
            let removed = without(item)
            for c in 0..<width {
                parts[k * width + c] = reference[c] - removed[c]
                rest[c] -= parts[k * width + c]
            }
        }
        return UserDecomposition(items: history, parts: Tensor(rows: history.count, columns: width, storage: parts), rest: rest)
    }
}

/// A model whose score ⟨e_u, e_i⟩ can be attributed to the user's train interactions.
public protocol InteractionAttribution: Recommender {
    /// How faithful `UserAttributor.decompose` is for this model.
    var attributionKind: AttributionKind { get }
    /// One sentence for the documentation and the output: which decomposition, and why it is the
    /// model's reason.
    var attributionMethod: String { get }
    /// The per-query view, prepared once (LightGCN's propagated layers); `train` is the
    /// users × items train interactions the model was trained on.
    func attributor(train: CSR, threads: Int) -> any UserAttributor
}

/// Attributions of one trained model, from representations prepared once.
public protocol UserAttributor {
    /// The final item representations e_i the scores use (items × d).
    var items: Tensor { get }
    /// The final user representation e_u (d).
    func userVector(user: Int32) -> [Float]
    /// e_u split over the user's train interactions.
    func decompose(user: Int32) -> UserDecomposition
    /// e_u recomputed as the model would build it without the train interactions with `removed`
    /// (model item indices), item representations as trained; nil when the model's user vector
    /// does not depend on the history (MF).
    func userVector(user: Int32, without removed: [Int32]) -> [Float]?
}

/// A model whose scores can be recomputed at inference time without one train interaction, no
/// retraining: what `kgrec bench explain` measures attributions against.
public protocol InteractionRemoval: Recommender {
    /// The recompute over `train` (the graph the model was trained on), prepared once.
    func remover(train: CSR) -> any InteractionRemover
}

/// Recomputes one trained model's representations without one train interaction.
public protocol InteractionRemover: AnyObject {
    /// The final user representation e′_u after deleting the train interaction (user, removed)
    /// and recomputing as the model does at inference.
    func userVector(user: Int32, without removed: Int32) -> [Float]
    /// ⟨e′_u, e′_i⟩ for each of `items` after the same deletion: user and item representations
    /// both recomputed.
    func scores(user: Int32, without removed: Int32, scoring items: [Int32]) -> [Float]
}

/// The recompute of a model whose items do not move when a user's interaction goes: the user's
/// vector from the attributor's `userVector(user:without:)` (the unchanged vector when the
/// model's user does not depend on the history), scored against the items as trained.
final class UserSideRemover: InteractionRemover {
    let attributor: any UserAttributor

    init(attributor: any UserAttributor) { self.attributor = attributor }

    func userVector(user: Int32, without removed: Int32) -> [Float] {
        attributor.userVector(user: user, without: [removed]) ?? attributor.userVector(user: user)
    }

    func scores(user: Int32, without removed: Int32, scoring items: [Int32]) -> [Float] {
        let vector = userVector(user: user, without: removed), table = attributor.items, d = table.columns
        return vector.withUnsafeBufferPointer { v in
            table.withUnsafeBufferPointer { y in items.map { Tensor.dot(v.baseAddress!, y.baseAddress! + Int($0) * d, d) } }
        }
    }
}

/// A model whose score of an item is a sum of terms, one per train interaction of the user,
/// that it computes pair by pair without a user vector (graph filters: s_ui = Σ_j w_ji over the
/// user's items j). Taking an interaction out of the user's history at inference removes its
/// term and nothing else, so each term is at once the exact share and the counterfactual drop.
public protocol FilterAttribution: Recommender {
    /// How faithful the terms are for this model.
    var attributionKind: AttributionKind { get }
    /// One sentence for the documentation and the output.
    var attributionMethod: String { get }
    /// The user's train items (model indices, ascending) and each one's term in the score of
    /// `item`; the terms add up to the score.
    func terms(user: Int32, item: Int32) -> (interactions: [Int32], terms: [Float])
    /// The row w_j· of the filter: what interaction j adds to the score of every item (items).
    func filterRow(item: Int32) -> [Float]
}
