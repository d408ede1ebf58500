import KGGraph
import KGTensor

extension PinSage: InteractionAttribution {
    /// Counterfactual: a PinSage user is the importance-weighted mean of their items, u = Σ β_ui y_i,
    /// but without one item the others' weights are renormalised (as in training), so the term
    /// β_uj ⟨y_j, y_item⟩ is not what removing j takes away; the drop is, and it is what is shown.
    public var attributionKind: AttributionKind { .counterfactual }

    public var attributionMethod: String {
        "each interaction carries the drop of PinSage's score when it is left out of the user's importance-weighted "
            + "mean of items (the other weights renormalised, as in training; items as trained); the rest is what no "
            + "single interaction carries"
    }

    /// Computes the item representations and the users once (`PinSageAttributor`).
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        let scorer = dotProductScorer(threads: threads)
        return PinSageAttributor(users: scorer.users, items: scorer.items, weights: userWeights)
    }
}

/// PinSage's score split over the user's items by its own leave-out rule: without some items,
/// u′ = Σ_{j kept} β_uj y_j / Σ_{j kept} β_uj (`PinSage+Training.swift`), item representations as
/// trained, and parts[j] = u − u′(without j), so ⟨parts[j], y_i⟩ is exactly the drop of item i's
/// score when j is left out.
struct PinSageAttributor: UserAttributor {
    /// The scorer's users, Σ β_ui y_i (users × d).
    let users: Tensor
    /// y_i (items × d).
    let items: Tensor
    /// β, users × items.
    let weights: SparseMatrix

    func userVector(user: Int32) -> [Float] { users.row(Int(user)) }

    /// The user's items with their β, ascending by item.
    private func history(_ user: Int32) -> [(item: Int32, beta: Float)] {
        let range = Int(weights.offsets[Int(user)])..<Int(weights.offsets[Int(user) + 1])
        return range.map { (weights.indices[$0], weights.values[$0]) }.sorted { $0.item < $1.item }
    }

    func decompose(user: Int32) -> UserDecomposition {
        let full = userVector(user: user)
        return .counterfactual(history: history(user).map(\.item), full: full, reference: full) {
            userVector(user: user, without: [$0]) ?? full
        }
    }

    func userVector(user: Int32, without removed: [Int32]) -> [Float]? {
        let history = history(user)
        guard history.contains(where: { removed.contains($0.item) }) else { return userVector(user: user) }
        let d = items.columns
        var vector = [Float](repeating: 0, count: d)
        var kept: Float = 0
        items.withUnsafeBufferPointer { y in
            for entry in history where !removed.contains(entry.item) {
                kept += entry.beta
                let row = y.baseAddress! + Int(entry.item) * d
                for c in 0..<d { vector[c] += entry.beta * row[c] }
            }
        }
        guard kept > 0 else { return vector }
        return vector.map { $0 / kept }
    }
}

extension PinSage: InteractionRemoval {
    /// PinSage's own leave-out rule: the user without an item is the importance-weighted mean of
    /// the other items (β renormalised), item representations and walk neighbourhoods as trained.
    public func remover(train: CSR) -> any InteractionRemover {
        UserSideRemover(attributor: attributor(train: train, threads: 1))
    }
}
