#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import KGAutodiff
import KGGraph
import KGTensor

/// Scores every item for a user under KGCN, entity by entity instead of pair by pair.
///
/// With the neighbour table fixed, the representation of an entity after i iterations depends
/// only on the user and the entity (its sampled subtree), not on where it sits in an item's
/// receptive field, and the attention π̃(u, r) depends only on the user and the relation. So for
/// one user: π̃ comes from the R + 1 relation scores ⟨u, r⟩; iteration i computes the new
/// vectors of all entities (of the items only, in the last iteration); and every aggregator is
/// linear before its activation, update(v, v_N) = σ(v·A + v_N·B + b) with v_N·B = Σ π̃_j (e_j·B)
/// (sum: A = B = W; concat: A, B the two halves of W; neighbor: A = 0, B = W). The products E·A
/// and E·B of the first iteration do not depend on the user and are computed once.
///
/// Cost per user: O(R·d) for the relation scores, then per iteration O(rows·K·d) plus, for
/// iterations after the first, two rows × d × d products. For Last.FM (H = 1, 3,846 items,
/// K = 8, d = 16) about 0.6 MFLOP per user. With one iteration, blocks of `userBlock` users go
/// through the items together, so each item's K neighbour rows of E·B come from memory once per
/// block (E·B is 20 MB on Book-Crossing). Users are split across `threads`.
struct KGCNScorer: ItemScorer {
    let itemCount: Int
    let entityCount: Int
    let dimension: Int
    let threads: Int
    let users: Tensor
    let relations: Tensor
    let table: NeighbourIndices
    let stages: [Stage]
    /// E·A of the first iteration (nil for the neighbor aggregator), over the items when H = 1.
    let firstSelfTerms: Tensor?
    /// E·B of the first iteration, over all entities.
    let firstNeighbourTerms: Tensor

    /// One iteration's linear maps, bias and activation.
    struct Stage {
        let selfMap: Tensor?
        let neighbourMap: Tensor
        let bias: Tensor
        let activation: Activation
    }

    init(model: KGCN, threads: Int) {
        let d = model.config.dimension
        itemCount = model.itemCount
        entityCount = model.graph.entityCount
        dimension = d
        self.threads = threads
        users = model.userEmbedding.value
        relations = model.relationEmbedding.value
        table = NeighbourIndices(model.neighbourTable)
        stages = model.aggregators.map { aggregator in
            let w = aggregator.weight.value
            let (selfMap, neighbourMap): (Tensor?, Tensor) = switch aggregator.kind {
            case .sum: (w, w)
            case .concat: (w.rows(0..<d), w.rows(d..<(2 * d)))
            case .neighbor: (nil, w)
            }
            return Stage(selfMap: selfMap, neighbourMap: neighbourMap, bias: aggregator.bias.value,
                         activation: aggregator.activation)
        }
        let entities = model.entityEmbedding.value
        let selfRows = stages.count == 1 ? entities.rows(0..<itemCount) : entities
        firstSelfTerms = stages[0].selfMap.map { selfRows.matmul($0, threads: threads) }
        firstNeighbourTerms = entities.matmul(stages[0].neighbourMap, threads: threads)
    }

    /// Users scored together in the one-iteration path, so that each item's neighbour rows are
    /// read from memory once per block rather than once per user.
    static let userBlock = 8

    func scoresOfAllItems(users indices: [Int32]) -> Tensor {
        for user in indices {
            precondition(user >= 0 && Int(user) < users.rows, "user \(user) outside 0..<\(users.rows)")
        }
        let items = itemCount
        return Tensor(rows: indices.count, columns: items) { out in
            guard let base = out.baseAddress else { return }
            let output = UnsafeSendable(base)
            let parts = threads > 1 && indices.count >= 2 * KGCNScorer.userBlock ? threads : 1
            let run: @Sendable (Int) -> Void = { part in
                let lower = indices.count * part / parts, upper = indices.count * (part + 1) / parts
                let workspace = Workspace(scorer: self)
                if self.stages.count == 1 {
                    var start = lower
                    while start < upper {
                        let end = min(upper, start + KGCNScorer.userBlock)
                        self.scoreBlock(users: indices[start..<end], into: output.value + start * items, workspace: workspace)
                        start = end
                    }
                } else {
                    for row in lower..<upper {
                        self.scoreAllItems(user: Int(indices[row]), into: output.value + row * items, workspace: workspace)
                    }
                }
            }
            if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
        }
    }

    /// Writes ⟨u, r⟩ of every relation to `workspace.scores` and exp(⟨u, r⟩ − max) to
    /// `workspace.numerators`, from `slot` · relations on: the softmax numerators of the user's
    /// attention, shared by all entities.
    private func prepareRelations(user: Int, slot: Int, workspace: Workspace) {
        let d = dimension, count = relations.rows
        let scores = workspace.scores + slot * count, numerators = workspace.numerators + slot * count
        users.withUnsafeBufferPointer { u in
            relations.withUnsafeBufferPointer { r in
                var largest = -Float.infinity
                for relation in 0..<count {
                    scores[relation] = KGCNKernels.dot(u.baseAddress! + user * d, r.baseAddress! + relation * d, d)
                    largest = max(largest, scores[relation])
                }
                for relation in 0..<count { numerators[relation] = expf(scores[relation] - largest) }
            }
        }
    }

    /// The one-iteration path for up to `userBlock` users: item by item, each user's
    /// v_u(i) = σ(selfTerms[i] + Σ_j π̃_j neighbourTerms[n_ij] + b) and its score ⟨u, v_u(i)⟩,
    /// written to row b of `out` (rows of itemCount floats).
    private func scoreBlock(users block: ArraySlice<Int32>, into out: UnsafeMutablePointer<Float>, workspace: Workspace) {
        typealias F8 = KGCNKernels.F8
        let d = dimension, k = table.k, relationCount = relations.rows, stage = stages[0]
        let vectorColumns = d - d % 8
        for (slot, user) in block.enumerated() { prepareRelations(user: Int(user), slot: slot, workspace: workspace) }
        let nb = table.neighbours, w = workspace.weights
        users.withUnsafeBufferPointer { u in
            firstNeighbourTerms.withUnsafeBufferPointer { q in
                stage.bias.withUnsafeBufferPointer { b in
                    let u = u.baseAddress!, q = q.baseAddress!, b = b.baseAddress!
                    withOptionalPointer(firstSelfTerms) { p in
                        for item in 0..<itemCount {
                            let row = item * k
                            for (slot, user) in block.enumerated() {
                                attentionWeights(row: row, scores: workspace.scores + slot * relationCount,
                                                 numerators: workspace.numerators + slot * relationCount, into: w)
                                let uRow = u + Int(user) * d
                                // Eight columns at a time in registers: bias, self term, the K
                                // weighted neighbour rows, the activation and the dot with u.
                                var score = F8()
                                var c = 0
                                while c < vectorColumns {
                                    var z = KGCNKernels.load(b + c)
                                    if let p { z += KGCNKernels.load(p + item * d + c) }
                                    for j in 0..<k {
                                        z = z.addingProduct(F8(repeating: w[j]), KGCNKernels.load(q + Int(nb[row + j]) * d + c))
                                    }
                                    score = score.addingProduct(KGCNKernels.load(uRow + c), KGCNKernels.activated(z, stage.activation))
                                    c += 8
                                }
                                var total = score.sum()
                                while c < d {
                                    var z = b[c] + (p.map { $0[item * d + c] } ?? 0)
                                    for j in 0..<k { z += w[j] * q[Int(nb[row + j]) * d + c] }
                                    total += uRow[c] * stage.activation.value(z)
                                    c += 1
                                }
                                out[slot * itemCount + item] = total
                            }
                        }
                    }
                }
            }
        }
    }

    /// π̃ of the K sampled neighbours at `row` of the table, from a user's relation numerators,
    /// or from its raw scores when the numerators all underflowed (scores far below the user's
    /// largest).
    @inline(__always)
    private func attentionWeights(row: Int, scores: UnsafeMutablePointer<Float>, numerators: UnsafeMutablePointer<Float>,
                                  into w: UnsafeMutablePointer<Float>) {
        let k = table.k, rel = table.relations
        var total: Float = 0
        for j in 0..<k {
            w[j] = numerators[Int(rel[row + j])]
            total += w[j]
        }
        if total.isNormal && total.isFinite {
            let inverse = 1 / total
            for j in 0..<k { w[j] *= inverse }
            return
        }
        var largest = -Float.infinity
        for j in 0..<k { largest = max(largest, scores[Int(rel[row + j])]) }
        total = 0
        for j in 0..<k {
            w[j] = expf(scores[Int(rel[row + j])] - largest)
            total += w[j]
        }
        for j in 0..<k { w[j] /= total }
    }

    /// Writes ⟨u, v_u(i)⟩ for every item i to `out`, iteration by iteration over all entities
    /// (the path for two or more iterations).
    func scoreAllItems(user: Int, into out: UnsafeMutablePointer<Float>, workspace: Workspace) {
        let d = dimension
        prepareRelations(user: user, slot: 0, workspace: workspace)
        var selfTerms = firstSelfTerms, neighbourTerms = firstNeighbourTerms
        for (i, stage) in stages.enumerated() {
            if i > 0 {
                let previous = workspace.vectors
                selfTerms = stage.selfMap.map { previous.matmul($0) }
                neighbourTerms = previous.matmul(stage.neighbourMap)
            }
            combine(rows: i == stages.count - 1 ? itemCount : entityCount, selfTerms: selfTerms,
                    neighbourTerms: neighbourTerms, stage: stage, workspace: workspace)
        }
        users.withUnsafeBufferPointer { u in
            workspace.vectors.withUnsafeBufferPointer { v in
                for item in 0..<itemCount {
                    out[item] = KGCNKernels.dot(u.baseAddress! + user * d, v.baseAddress! + item * d, d)
                }
            }
        }
    }

    /// Row e of the workspace's vectors = σ(selfTerms[e] + Σ_j π̃_j neighbourTerms[n_ej] + b), e < rows.
    private func combine(rows: Int, selfTerms: Tensor?, neighbourTerms: Tensor, stage: Stage, workspace: Workspace) {
        let d = dimension, k = table.k, nb = table.neighbours, w = workspace.weights
        workspace.vectors.withUnsafeMutableBufferPointer { out in
            let out = out.baseAddress!
            neighbourTerms.withUnsafeBufferPointer { q in
                stage.bias.withUnsafeBufferPointer { b in
                    let q = q.baseAddress!, b = b.baseAddress!
                    for e in 0..<rows {
                        let z = out + e * d, row = e * k
                        z.update(from: b, count: d)
                        attentionWeights(row: row, scores: workspace.scores, numerators: workspace.numerators, into: w)
                        for j in 0..<k { KGCNKernels.axpy(z, w[j], q + Int(nb[row + j]) * d, d) }
                    }
                }
            }
            if let selfTerms {
                selfTerms.withUnsafeBufferPointer { KGCNKernels.axpy(out, 1, $0.baseAddress!, rows * d) }
            }
            KGCNKernels.activate(out, rows * d, stage.activation)
        }
    }

    /// Per-thread scratch: the relation scores and softmax numerators of a block of users, the K
    /// attention weights of one (user, item), and one iteration's output over all entities (two
    /// or more iterations only).
    final class Workspace {
        let scores: UnsafeMutablePointer<Float>
        let numerators: UnsafeMutablePointer<Float>
        let weights: UnsafeMutablePointer<Float>
        var vectors: Tensor

        init(scorer: KGCNScorer) {
            let count = scorer.relations.rows * KGCNScorer.userBlock
            scores = .allocate(capacity: count)
            numerators = .allocate(capacity: count)
            weights = .allocate(capacity: scorer.table.k)
            vectors = Tensor(rows: scorer.stages.count == 1 ? 0 : scorer.entityCount, columns: scorer.dimension)
        }

        deinit {
            scores.deallocate()
            numerators.deallocate()
            weights.deallocate()
        }
    }
}

/// Calls `body` with a pointer to the elements of `tensor`, or nil when there is none.
private func withOptionalPointer<R>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let tensor else { return body(nil) }
    return tensor.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// A neighbour table's columns in memory the scorer owns, so its loops run on plain pointers.
final class NeighbourIndices: @unchecked Sendable {
    let k: Int
    let neighbours: UnsafeMutablePointer<Int32>
    let relations: UnsafeMutablePointer<Int32>

    init(_ table: NeighbourTable) {
        k = table.k
        neighbours = .allocate(capacity: max(1, table.neighbours.count))
        relations = .allocate(capacity: max(1, table.relations.count))
        neighbours.initialize(from: table.neighbours, count: table.neighbours.count)
        relations.initialize(from: table.relations, count: table.relations.count)
    }

    deinit {
        neighbours.deallocate()
        relations.deallocate()
    }
}
