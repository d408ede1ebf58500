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
/// K = 8, d = 16) about 0.6 MFLOP per user. Users are split across `threads`.
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

    func scoresOfAllItems(users indices: [Int32]) -> Tensor {
        for user in indices {
            precondition(user >= 0 && Int(user) < users.rows, "user \(user) outside 0..<\(users.rows)")
        }
        let items = itemCount
        return Tensor(rows: indices.count, columns: items) { out in
            guard let base = out.baseAddress else { return }
            let output = UnsafeSendable(base)
            let parts = threads > 1 && indices.count >= 8 ? threads : 1
            let run: @Sendable (Int) -> Void = { part in
                let lower = indices.count * part / parts, upper = indices.count * (part + 1) / parts
                let workspace = Workspace(scorer: self)
                for row in lower..<upper {
                    self.scoreAllItems(user: Int(indices[row]), into: output.value + row * items, workspace: workspace)
                }
            }
            if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
        }
    }

    /// Writes ⟨u, v_u(i)⟩ for every item i to `out`.
    func scoreAllItems(user: Int, into out: UnsafeMutablePointer<Float>, workspace: Workspace) {
        let d = dimension
        users.withUnsafeBufferPointer { u in
            let u = u.baseAddress! + user * d
            relations.withUnsafeBufferPointer { r in
                // exp(⟨u, r⟩ − max): the softmax numerators of every relation, shared by all entities.
                var largest = -Float.infinity
                for relation in 0..<relations.rows {
                    let s = KGCNKernels.dot(u, r.baseAddress! + relation * d, d)
                    workspace.scores[relation] = s
                    largest = max(largest, s)
                }
                for relation in 0..<relations.rows {
                    workspace.numerators[relation] = expf(workspace.scores[relation] - largest)
                }
            }
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
            workspace.vectors.withUnsafeBufferPointer { v in
                for item in 0..<itemCount { out[item] = KGCNKernels.dot(u, v.baseAddress! + item * d, d) }
            }
        }
    }

    /// Row e of the workspace's vectors = σ(selfTerms[e] + Σ_j π̃_j neighbourTerms[n_ej] + b), e < rows.
    private func combine(rows: Int, selfTerms: Tensor?, neighbourTerms: Tensor, stage: Stage, workspace: Workspace) {
        let d = dimension, k = table.k
        let nb = table.neighbours, rel = table.relations, numerators = workspace.numerators
        workspace.vectors.withUnsafeMutableBufferPointer { out in
            let out = out.baseAddress!
            neighbourTerms.withUnsafeBufferPointer { q in
                stage.bias.withUnsafeBufferPointer { b in
                    let q = q.baseAddress!, b = b.baseAddress!
                    for e in 0..<rows {
                        let z = out + e * d, row = e * k
                        z.update(from: b, count: d)
                        var total: Float = 0
                        for j in 0..<k { total += numerators[Int(rel[row + j])] }
                        guard total.isNormal && total.isFinite else {
                            exactNeighbourhood(row: row, scores: workspace.scores, neighbourTerms: q, into: z)
                            continue
                        }
                        let inverse = 1 / total
                        for j in 0..<k {
                            KGCNKernels.axpy(z, numerators[Int(rel[row + j])] * inverse, q + Int(nb[row + j]) * d, d)
                        }
                    }
                }
            }
            if let selfTerms {
                selfTerms.withUnsafeBufferPointer { KGCNKernels.axpy(out, 1, $0.baseAddress!, rows * d) }
            }
            KGCNKernels.activate(out, rows * d, stage.activation)
        }
    }

    /// Adds the neighbourhood with a softmax over this entity's own scores, for the rare entity
    /// whose shared numerators all underflowed (relation scores far below the user's largest).
    private func exactNeighbourhood(row: Int, scores: UnsafeMutablePointer<Float>, neighbourTerms q: UnsafePointer<Float>,
                                    into z: UnsafeMutablePointer<Float>) {
        let k = table.k, nb = table.neighbours, rel = table.relations
        var largest = -Float.infinity
        for j in 0..<k { largest = max(largest, scores[Int(rel[row + j])]) }
        var total: Float = 0
        for j in 0..<k { total += expf(scores[Int(rel[row + j])] - largest) }
        for j in 0..<k {
            let weight = expf(scores[Int(rel[row + j])] - largest) / total
            KGCNKernels.axpy(z, weight, q + Int(nb[row + j]) * dimension, dimension)
        }
    }

    /// Per-thread scratch: the relation scores, their softmax numerators and one iteration's output.
    final class Workspace {
        let scores: UnsafeMutablePointer<Float>
        let numerators: UnsafeMutablePointer<Float>
        var vectors: Tensor

        init(scorer: KGCNScorer) {
            scores = .allocate(capacity: scorer.relations.rows)
            numerators = .allocate(capacity: scorer.relations.rows)
            vectors = Tensor(rows: scorer.stages.count == 1 ? scorer.itemCount : scorer.entityCount,
                             columns: scorer.dimension)
        }

        deinit {
            scores.deallocate()
            numerators.deallocate()
        }
    }
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
