import KGGraph
import KGTensor

extension NGCF: InteractionAttribution {
    /// Counterfactual: NGCF builds the user vector through non-linear layers, which do not split
    /// over interactions, so each interaction's part is what removing it takes away.
    public var attributionKind: AttributionKind { .counterfactual }

    public var attributionMethod: String {
        "each interaction carries the drop of NGCF's score when the user's representation is recomputed without it "
            + "(the user's row through every layer again, items as trained); the rest is what no single interaction carries"
    }

    /// Propagates once, keeping each layer's input: the least-squares view over the final
    /// vectors, and the user-side recompute (`NGCFAttributor`).
    public func attributor(train: CSR, threads: Int) -> any UserAttributor { ngcfAttributor(train: train, threads: threads) }

    func ngcfAttributor(train: CSR, threads: Int) -> NGCFAttributor {
        let (final, inputs) = propagateLayers(threads: threads)
        return NGCFAttributor(model: self, layerInputs: inputs, users: final.rows(0..<userCount),
                              items: final.rows(userCount..<(userCount + itemCount)))
    }
}

extension NGCF: InteractionRemoval {
    /// The user's row recomputed without the interaction (items' layers as trained).
    public func remover(train: CSR) -> any InteractionRemover {
        UserSideRemover(attributor: ngcfAttributor(train: train, threads: 1))
    }
}

/// NGCF's contributions as counterfactual drops of its user-side recompute: without
/// some items, the user's row of the adjacency is rebuilt (the other items' weights
/// renormalised to the lower degree: √(d/(d − r)) for L = D^−1/2 A D^−1/2, d/(d − r) for
/// D^−1 A + I, whose self entry stays) and the user's row propagated through every layer again,
/// each layer reading the items' inputs as trained.
struct NGCFAttributor: UserAttributor {
    let model: NGCF
    /// The input of each layer for every node: E^(0), then each layer's output but the last.
    let layerInputs: [Tensor]
    /// Final user rows (users × width), as the scorer has them.
    let users: Tensor
    /// Final item rows (items × width).
    let items: Tensor

    func userVector(user: Int32) -> [Float] { users.row(Int(user)) }

    /// The user's row of the adjacency: (column, value), items at `userCount` and up.
    private func adjacencyRow(_ user: Int32) -> [(column: Int32, value: Float)] {
        let matrix = model.adjacency.matrix, u = Int(user)
        return (Int(matrix.offsets[u])..<Int(matrix.offsets[u + 1])).map { (matrix.indices[$0], matrix.values[$0]) }
    }

    /// parts[j] = e_u − e′_u(without j), so ⟨parts[j], e_i⟩ is exactly the drop of the score of
    /// any item i when j is removed; rest = e_u − Σ_j parts[j].
    func decompose(user: Int32) -> UserDecomposition {
        let users = Int32(model.userCount)
        let history = Array(Set(adjacencyRow(user).filter { $0.column >= users }.map { $0.column - users })).sorted()
        let full = userVector(user: user)
        return .counterfactual(history: history, full: full, reference: full) { userVector(user: user, without: [$0]) ?? full }
    }

    func userVector(user: Int32, without removed: [Int32]) -> [Float]? {
        let u = Int(user), users = Int32(model.userCount)
        let entries = adjacencyRow(user)
        let gone = Set(removed.map { users + $0 })
        let degree = entries.filter { $0.0 >= users }.count
        let kept = degree - entries.filter { gone.contains($0.0) }.count
        guard kept < degree else { return userVector(user: user) }
        let factor: Float = switch model.config.adjacency {
        case .symmetric: kept > 0 ? (Float(degree) / Float(kept)).squareRoot() : 0
        case .meanPlusIdentity: Float(max(1, degree)) / Float(max(1, kept))
        }
        var ego = Tensor(rows: 1, columns: layerInputs[0].columns, storage: layerInputs[0].row(u))
        var blocks = [ego]
        for (k, convolution) in model.convolutions.enumerated() {
            let inputs = layerInputs[k], d = inputs.columns
            var side = [Float](repeating: 0, count: d)
            let own = ego.storage
            for (index, value) in entries where !gone.contains(index) {
                let weight = index >= users ? value * factor : value
                let row = Int(index) == u ? own : inputs.row(Int(index))
                for c in 0..<d { side[c] += weight * row[c] }
            }
            ego = convolution.update(ego: ego, side: Tensor(rows: 1, columns: d, storage: side), threads: 1)
            blocks.append(ego.rowL2Normalized())
        }
        return Tensor.concatColumns(blocks).storage
    }
}
