import KGGraph
import KGTensor

extension PinSage: InteractionAttribution {
    /// Exact: a PinSage user is the importance-weighted mean of their items' representations.
    public var attributionKind: AttributionKind { .exact }

    public var attributionMethod: String {
        "PinSage's user vector is the importance-weighted mean of the user's items, u = Σ β_ui y_i, so each interaction "
            + "carries β_ui ⟨y_i, y_item⟩; without one, the others' weights are renormalised as in training"
    }

    /// Computes the item representations and the users once (`PinSageAttributor`).
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        let scorer = dotProductScorer(threads: threads)
        return PinSageAttributor(users: scorer.users, items: scorer.items, weights: userWeights)
    }
}

/// PinSage's score split over the user's items by its own importance weights β: parts[j] = β_uj y_j,
/// and the rest is only the rounding between that sum and the user vector the scorer uses.
/// Without some items, u′ = Σ_{j kept} β_uj y_j / Σ_{j kept} β_uj, the leave-out rule PinSage
/// trains with (`PinSage+Training.swift`); item representations as trained.
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
        let history = history(user), d = items.columns
        var parts = [Float](repeating: 0, count: history.count * d)
        var rest = userVector(user: user)
        items.withUnsafeBufferPointer { y in
            for (k, entry) in history.enumerated() {
                let row = y.baseAddress! + Int(entry.item) * d
                for c in 0..<d {
                    parts[k * d + c] = entry.beta * row[c]
                    rest[c] -= parts[k * d + c]
                }
            }
        }
        return UserDecomposition(items: history.map(\.item), parts: Tensor(rows: history.count, columns: d, storage: parts),
                                 rest: rest)
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
