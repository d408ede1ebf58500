import KGTensor

/// LightGCN's score split exactly over the user's train interactions.
///
/// e = Σ_{k=0..K} α_k Â^k E, and a user's row of Â has item columns only, so
/// (Â^k E)_u = Σ_{j∈N(u)} Â_uj (Â^{k−1} E)_j for k ≥ 1 and
/// e_u = α_0 E_u + Σ_{j∈N(u)} Â_uj m_j with m_j = Σ_{k=1..K} α_k (Â^{k−1} E)_j, the propagated
/// messages item j sends to its users. So rest = α_0 E_u and parts[j] = Â_uj m_j, with no
/// approximation: ⟨e_u, e_i⟩ = ⟨rest, e_i⟩ + Σ_j ⟨parts[j], e_i⟩ for every item i.
///
/// Prepared once: the item rows of M = Σ_{k=1..K} α_k Â^{k−1} E and the final e, from the same
/// layer-by-layer propagation as `LightGCN.propagate(threads:)` (so `userVector(user:)` and `items`
/// are the scorer's rows, bit for bit). A query then reads only the user's row of Â.
struct LightGCNAttributor: UserAttributor {
    /// Final item rows e_i, items × d.
    let items: Tensor
    /// Final user rows e_u, users × d.
    let users: Tensor
    /// The item rows of M, items × d (0 × d when K = 0).
    let messages: Tensor
    /// α_0 E_u for every user, users × d.
    let selfTerms: Tensor
    /// Â, users first, then items.
    let adjacency: SparseMatrix
    /// K.
    let layers: Int

    /// Propagates `model`'s embeddings once (K sparse products, as `propagate(threads:)` does).
    init(model: LightGCN, threads: Int) {
        let userCount = model.userCount, nodes = model.userCount + model.itemCount
        let alpha = model.layerWeights
        var layer = model.embedding.value
        var total = layer.scaled(by: alpha[0])
        var messages = Tensor(rows: model.config.layers == 0 ? 0 : nodes, columns: layer.columns)
        for k in 0..<model.config.layers {
            messages.add(layer, scaledBy: alpha[k + 1])
            layer = model.convolution(layer, threads: threads)
            total.add(layer, scaledBy: alpha[k + 1])
        }
        items = total.rows(userCount..<nodes)
        users = total.rows(0..<userCount)
        self.messages = model.config.layers == 0 ? messages : messages.rows(userCount..<nodes)
        selfTerms = model.embedding.value.rows(0..<userCount).scaled(by: alpha[0])
        adjacency = model.convolution.adjacency.matrix
        layers = model.config.layers
    }

    func userVector(user: Int32) -> [Float] {
        precondition(user >= 0 && Int(user) < users.rows, "user \(user) outside 0..<\(users.rows)")
        return users.row(Int(user))
    }

    /// - Complexity: O(|N(u)| · d) (plus a sort of the user's row if Â's row is not sorted).
    func decompose(user: Int32) -> UserDecomposition {
        let rest = selfTerms.row(checked(user))
        guard layers > 0 else {
            return UserDecomposition(items: [], parts: Tensor(rows: 0, columns: rest.count), rest: rest)
        }
        let (history, weights) = edges(of: user)
        let d = messages.columns
        let parts = Tensor(rows: history.count, columns: d) { out in
            messages.withUnsafeBufferPointer { m in
                for (r, j) in history.enumerated() {
                    let w = weights[r], source = m.baseAddress! + Int(j) * d, target = out.baseAddress! + r * d
                    for c in 0..<d { target[c] = w * source[c] }
                }
            }
        }
        return UserDecomposition(items: history, parts: parts, rest: rest)
    }

    /// The user-side recompute: α_0 E_u + Σ_{j kept} m_j / √(d'_u · d_j) with d'_u the user's
    /// degree without the removed interactions, item messages and degrees as trained. The exact
    /// LightGCN without those edges for K = 1 on the user's side; for K ≥ 2 the items' messages
    /// would change too (`LightGCN.scoresAfterRemoving` computes that). Items not in the user's
    /// history are ignored; when none is, this is `userVector(user:)`.
    /// - Complexity: O(|N(u)| · d + |removed|).
    func userVector(user: Int32, without removed: [Int32]) -> [Float]? {
        let u = checked(user)
        let dropped = Set(removed)
        let row = Int(adjacency.offsets[u])..<Int(adjacency.offsets[u + 1])
        let userCount = Int32(users.rows)
        let kept = row.filter { !dropped.contains(adjacency.indices[$0] - userCount) }
        if kept.count == row.count { return users.row(u) }
        var vector = selfTerms.row(u)
        guard layers > 0 && !kept.isEmpty else { return vector }
        let d = messages.columns, degree = Float(kept.count)
        messages.withUnsafeBufferPointer { m in
            vector.withUnsafeMutableBufferPointer { v in
                for p in kept {
                    let node = Int(adjacency.indices[p])
                    let w = 1 / (degree * Float(adjacency.degree(node))).squareRoot()
                    let source = m.baseAddress! + (node - Int(userCount)) * d
                    for c in 0..<d { v[c] += w * source[c] }
                }
            }
        }
        return vector
    }

    private func checked(_ user: Int32) -> Int {
        precondition(user >= 0 && Int(user) < users.rows, "user \(user) outside 0..<\(users.rows)")
        return Int(user)
    }

    /// The user's items (ascending, distinct) and their Â_uj (summed over repeated entries).
    private func edges(of user: Int32) -> (items: [Int32], weights: [Float]) {
        let u = Int(user), userCount = Int32(users.rows)
        var pairs = (Int(adjacency.offsets[u])..<Int(adjacency.offsets[u + 1])).map {
            (item: adjacency.indices[$0] - userCount, weight: adjacency.values[$0])
        }
        if !zip(pairs, pairs.dropFirst()).allSatisfy({ $0.item <= $1.item }) { pairs.sort { $0.item < $1.item } }
        var items: [Int32] = [], weights: [Float] = []
        items.reserveCapacity(pairs.count)
        weights.reserveCapacity(pairs.count)
        for pair in pairs {
            if items.last == pair.item {
                weights[weights.count - 1] += pair.weight
            } else {
                items.append(pair.item)
                weights.append(pair.weight)
            }
        }
        return (items, weights)
    }
}
