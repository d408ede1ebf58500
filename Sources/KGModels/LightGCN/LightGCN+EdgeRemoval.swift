import KGGraph
import KGTensor

extension LightGCN: InteractionRemoval {
    /// The exact recompute without one interaction, prepared for `train` (its transpose and the
    /// propagation's scratch are built once).
    public func remover(train: CSR) -> any InteractionRemover { LightGCNRemover(model: self, train: train) }

    /// The scores ⟨e'_u, e'_i⟩ of `user` for each of `items` after deleting the train interaction
    /// (user, removed) and propagating again with the trained E (no retraining): the exact
    /// counterfactual that attributions are measured against (see `LightGCNRemover`).
    public func scoresAfterRemoving(user: Int32, item removed: Int32, scoring items: [Int32], train: CSR) -> [Float] {
        LightGCNRemover(model: self, train: train).scores(user: user, without: removed, scoring: items)
    }
}

/// LightGCN without one train interaction (user, removed), recomputed exactly.
///
/// Â' is the normalised adjacency of `train` without that edge: the degrees of the user and
/// the item drop by one and every entry 1/√(d'_x d'_y) is recomputed. Only the rows needed are
/// propagated: for each x in {u} ∪ items, x's row of Σ_k α_k Â'^k is built as a sparse vector
/// over the U + I nodes, hop by hop (row_k = row_{k−1} Â', Â' symmetric) with entries computed
/// on the fly from the degrees, then multiplied with E. `train` must be the graph the model
/// was built on and must hold the edge.
/// - Complexity: per row, O(Σ over the nodes within K − 1 hops of their degrees + touched · d).
final class LightGCNRemover: InteractionRemover {
    let model: LightGCN
    let train: CSR
    let byItem: CSR
    private var propagation: SparseRowPropagation

    init(model: LightGCN, train: CSR) {
        precondition(train.rowCount == model.userCount && train.columnCount == model.itemCount,
                     "train is \(train.rowCount)×\(train.columnCount), the model has \(model.userCount) users and \(model.itemCount) items")
        self.model = model
        self.train = train
        byItem = train.transposed()
        propagation = SparseRowPropagation(nodes: model.userCount + model.itemCount, weights: model.layerWeights)
    }

    private func graph(_ user: Int32, _ removed: Int32) -> EdgeRemovedGraph {
        precondition(user >= 0 && Int(user) < model.userCount, "user \(user) outside 0..<\(model.userCount)")
        precondition(train.contains(row: Int(user), column: removed), "user \(user) has no train interaction with item \(removed)")
        return EdgeRemovedGraph(train: train, byItem: byItem, user: Int(user), item: Int(removed))
    }

    func userVector(user: Int32, without removed: Int32) -> [Float] {
        propagation.finalRow(of: Int(user), graph: graph(user, removed), embedding: model.embedding.value)
    }

    func scores(user: Int32, without removed: Int32, scoring items: [Int32]) -> [Float] {
        let graph = graph(user, removed), e = model.embedding.value
        let userVector = propagation.finalRow(of: Int(user), graph: graph, embedding: e)
        return items.map { item in
            precondition(item >= 0 && Int(item) < model.itemCount, "item \(item) outside 0..<\(model.itemCount)")
            let itemVector = propagation.finalRow(of: model.userCount + Int(item), graph: graph, embedding: e)
            return userVector.withUnsafeBufferPointer { a in
                itemVector.withUnsafeBufferPointer { b in Tensor.dot(a.baseAddress!, b.baseAddress!, a.count) }
            }
        }
    }
}

/// The user–item graph of a train CSR with the edges (user, item) deleted, as the neighbours and
/// the degrees of nodes 0..<U (users) and U..<U+I (items), for `SparseRowPropagation`.
struct EdgeRemovedGraph {
    let train: CSR
    let byItem: CSR
    let user: Int
    let item: Int
    /// How many times (user, item) occurs in `train` (1 in a train set without repeats).
    let multiplicity: Int

    init(train: CSR, byItem: CSR, user: Int, item: Int) {
        self.train = train
        self.byItem = byItem
        self.user = user
        self.item = item
        multiplicity = train.neighbours(user).lazy.filter { Int($0) == item }.count
    }

    var userCount: Int { train.rowCount }

    /// The degree of `node` after the removal.
    func degree(_ node: Int) -> Int {
        let users = train.rowCount
        if node < users { return train.degree(node) - (node == user ? multiplicity : 0) }
        return byItem.degree(node - users) - (node - users == item ? multiplicity : 0)
    }

    /// Calls `body` with each neighbour of `node` after the removal (repeated edges repeatedly).
    @inline(__always)
    func forEachNeighbour(of node: Int, _ body: (Int) -> Void) {
        let users = train.rowCount
        if node < users {
            for p in train.range(node) where !(node == user && Int(train.targets[p]) == item) {
                body(users + Int(train.targets[p]))
            }
        } else {
            for p in byItem.range(node - users) where !(node - users == item && Int(byItem.targets[p]) == user) {
                body(Int(byItem.targets[p]))
            }
        }
    }
}

/// Rows of Σ_k α_k Â^k as sparse vectors over the graph's nodes: a dense scratch per hop with a
/// list of the touched entries, reset after each row, so a row costs what it touches.
struct SparseRowPropagation {
    private var current: [Float], next: [Float], total: [Float]
    private var currentTouched: [Int] = [], nextTouched: [Int] = [], totalTouched: [Int] = []
    private var inNext: [Bool], inTotal: [Bool]
    let weights: [Float]

    init(nodes: Int, weights: [Float]) {
        current = [Float](repeating: 0, count: nodes)
        next = current
        total = current
        inNext = [Bool](repeating: false, count: nodes)
        inTotal = inNext
        self.weights = weights
    }

    /// e_x = Σ_z (Σ_k α_k Â^k)_xz E_z for the node x, with Â's entries 1/√(d_y d_z) from `graph`.
    mutating func finalRow(of node: Int, graph: EdgeRemovedGraph, embedding: Tensor) -> [Float] {
        current[node] = 1
        currentTouched = [node]
        accumulate(weights[0])
        for k in 1..<weights.count {
            current.withUnsafeMutableBufferPointer { current in
              next.withUnsafeMutableBufferPointer { next in
                inNext.withUnsafeMutableBufferPointer { inNext in
                    for y in currentTouched {
                        let value = current[y] / Float(graph.degree(y)).squareRoot()
                        graph.forEachNeighbour(of: y) { z in
                            if !inNext[z] { inNext[z] = true; nextTouched.append(z) }
                            next[z] += value / Float(graph.degree(z)).squareRoot()
                        }
                        current[y] = 0
                    }
                }
              }
            }
            swap(&current, &next)
            swap(&currentTouched, &nextTouched)
            nextTouched.removeAll(keepingCapacity: true)
            for z in currentTouched { inNext[z] = false }
            accumulate(weights[k])
        }
        let d = embedding.columns
        var row = [Float](repeating: 0, count: d)
        embedding.withUnsafeBufferPointer { e in
            row.withUnsafeMutableBufferPointer { out in
                for z in totalTouched {
                    let w = total[z], source = e.baseAddress! + z * d
                    for c in 0..<d { out[c] += w * source[c] }
                    total[z] = 0
                    inTotal[z] = false
                }
            }
        }
        for y in currentTouched { current[y] = 0 }
        currentTouched.removeAll(keepingCapacity: true)
        totalTouched.removeAll(keepingCapacity: true)
        return row
    }

    /// total += α · current.
    private mutating func accumulate(_ alpha: Float) {
        for y in currentTouched {
            if !inTotal[y] { inTotal[y] = true; totalTouched.append(y) }
            total[y] += alpha * current[y]
        }
    }
}
