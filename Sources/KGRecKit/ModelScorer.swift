#if canImport(Glibc)
import Glibc
#endif
import KGGraph
import KGModels
import KGQuery
import KGTensor

/// A trained model as the query engine's `Scorer`: it ranks candidate items with the model's
/// scores and weighs explanation hops.
///
/// For embedding models (MF, LightGCN, NGCF, PinSage) a hop's weight is the similarity of its
/// two nodes' final representations, mapped from cosine [-1, 1] to [0, 1], times the edge's
/// weight normalised over the edges of that relation leaving the hop's first node in the hop's
/// direction. Nodes without a representation (categories, for models that embed only users and
/// items) contribute the edge weight alone.
///
/// For KGCN a knowledge-graph hop weighs KGCN's attention: the user-specific relation score
/// π(u, r) = ⟨u, r⟩ softmax-normalised over the hop's first node's knowledge-graph edges, the
/// full-neighbourhood form of the attention KGCN computes over its sampled neighbours. A hop
/// over an interaction (not part of KGCN's graph) weighs its normalised edge weight.
final class ModelScorer: Scorer {
    let name: String
    private let loaded: LoadedModel
    private let snapshot: GraphSnapshot
    private let itemScorer: any ItemScorer
    /// Final user and item representations, for models that score by dot product.
    private let vectors: DotProductScorer?
    /// The same representations scaled to unit length (zero rows stay zero), so a cosine is one dot product.
    private let unitUsers: Tensor?
    private let unitItems: Tensor?
    /// Per relation: whether every edge weighs 1, so normalising is dividing by the degree.
    private let unitWeights: [Bool]
    /// Total edge weight per (node, relation, direction) for weighted relations, filled as asked.
    private var totals: [Int64: Double] = [:]
    /// The model, when it weighs knowledge-graph hops by its own attention (KGCN), and the
    /// per-user work that attention keeps.
    private let attentionModel: (any KnowledgeGraphAttention)?
    private var attentionCache = AttentionCache()
    /// The model's split of its scores over a user's interactions, when it has one (prepared on
    /// first use), and the last user's decomposition.
    private lazy var attributor: (any UserAttributor)? = attributing?.attributor(train: loaded.data.train, threads: 1)
    private let attributing: (any InteractionAttribution)?
    private var decomposed: (user: Int32, parts: UserDecomposition)?
    /// The model, when its score is a sum of per-interaction filter weights (GF-CF), and the
    /// last user's scores of every item, for rescoring without an interaction.
    private let filter: (any FilterAttribution)?
    private var filterScores: (user: Int32, scores: Tensor)?

    init(name: String, loaded: LoadedModel, snapshot: GraphSnapshot) {
        self.name = name
        self.loaded = loaded
        self.snapshot = snapshot
        itemScorer = loaded.model.scorer(threads: 1)
        vectors = itemScorer as? DotProductScorer
        unitUsers = vectors.map { Self.unitRows($0.users) }
        unitItems = vectors.map { Self.unitRows($0.items) }
        unitWeights = snapshot.forward.map { csr in csr.weights.allSatisfy { $0 == 1 } }
        attentionModel = loaded.model as? any KnowledgeGraphAttention
        attributing = loaded.model as? any InteractionAttribution
        filter = loaded.model as? any FilterAttribution
    }

    /// `t` with every row divided by its Euclidean norm.
    static func unitRows(_ t: Tensor) -> Tensor {
        var out = t
        out.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<t.rows {
                let row = buffer.baseAddress! + r * t.columns
                var sum: Float = 0
                for c in 0..<t.columns { sum += row[c] * row[c] }
                let scale: Float = sum > 0 ? 1 / sum.squareRoot() : 0
                for c in 0..<t.columns { row[c] *= scale }
            }
        }
        return out
    }

    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        let u = loaded.userRows[Int(user)]
        guard u >= 0, !candidates.isEmpty else { return [Double](repeating: 0, count: candidates.count) }
        let itemIndices = candidates.map { loaded.itemRows[Int($0)] }
        if let vectors {
            // Dot products with the candidates only: no pass over every item.
            return Self.dots(vectors.users, row: Int(u), vectors.items, rows: itemIndices)
        }
        let row = itemScorer.scoresOfAllItems(users: [u])
        return itemIndices.map { $0 >= 0 ? Double(row[0, Int($0)]) : 0 }
    }

    /// ⟨a[row], b[r]⟩ for each r of `rows` (0 where r < 0), eight lanes at a time.
    static func dots(_ a: Tensor, row: Int, _ b: Tensor, rows: [Int32]) -> [Double] {
        var out = [Double](repeating: 0, count: rows.count)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                let u = x.baseAddress! + row * a.columns
                for (index, r) in rows.enumerated() where r >= 0 {
                    out[index] = Double(Tensor.dot(u, y.baseAddress! + Int(r) * b.columns, a.columns))
                }
            }
        }
        return out
    }

    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        guard unitRow(anchor) != nil else { return pathCounts ?? [Double](repeating: 0, count: candidates.count) }
        return candidates.map { cosine(anchor, $0) ?? 0 }
    }

    var weighsHops: Bool { true }

    /// Users and items added after the model was trained have no row: it cannot rank for them.
    func checkAnchor(_ anchor: Int32) throws(QueryError) {
        let kind = snapshot.kinds[Int(anchor)]
        let rows = kind == .user ? loaded.userRows : kind == .item ? loaded.itemRows : nil
        guard let rows, rows[Int(anchor)] < 0, loaded.note != nil else { return }
        throw QueryError(.runtime, loaded.coverage.newerThanModel(kind: kind, id: snapshot.externalIDs[Int(anchor)],
                                                                   model: name))
    }

    /// Items added after the model was trained are left out of its rankings.
    func canScore(_ candidate: Int32) -> Bool {
        snapshot.kinds[Int(candidate)] != .item || loaded.itemRows[Int(candidate)] >= 0
    }

    var notes: [String] { loaded.note.map { [$0] } ?? [] }

    /// The model's own contributions of `user`'s interactions to its score of `item`: for a
    /// model that splits its user representation over the user's items (LightGCN exactly, MF as
    /// an association), ⟨part_j, e_item⟩ for each interaction j and ⟨rest, e_item⟩ for the rest.
    /// Nil for other models and for item anchors (the explainer falls back to an association).
    func attribution(user: Int32, item: Int32, score: Double) -> Attribution? {
        if snapshot.kinds[Int(user)] == .user, let filter { return filterAttribution(filter, user: user, item: item, score: score) }
        guard snapshot.kinds[Int(user)] == .user, let attributing, let attributor else { return nil }
        let u = loaded.userRows[Int(user)], i = loaded.itemRows[Int(item)]
        guard u >= 0, i >= 0 else { return nil }
        if decomposed?.user != u { decomposed = (u, attributor.decompose(user: u)) }
        let parts = decomposed!.parts
        let d = attributor.items.columns
        var contributions: [Attribution.Contribution] = []
        contributions.reserveCapacity(parts.items.count)
        var rest = 0.0
        attributor.items.withUnsafeBufferPointer { items in
            let target = items.baseAddress! + Int(i) * d
            parts.parts.withUnsafeBufferPointer { rows in
                for (k, row) in parts.items.enumerated() {
                    let value = Double(Tensor.dot(rows.baseAddress! + k * d, target, d))
                    contributions.append(.init(node: loaded.data.items[Int(row)], value: value))
                }
            }
            parts.rest.withUnsafeBufferPointer { r in rest = Double(Tensor.dot(r.baseAddress!, target, d)) }
        }
        let kind: Attribution.Kind = switch attributing.attributionKind {
        case .exact: .exact
        case .counterfactual: .counterfactual
        case .association: .association
        }
        let anchor = snapshot.displayName(user)
        let restMeaning = switch kind {
        case .association: "the part of \(anchor)'s vector that \(anchor)'s items do not span"
        case .counterfactual: "what no single interaction of \(anchor)'s carries"
        case .exact: "\(anchor)'s own embedding"
        }
        return Attribution(kind: kind, contributions: contributions, rest: rest, restMeaning: restMeaning,
                           method: attributing.attributionMethod)
    }

    /// `user`'s scores with the representation rebuilt without the interactions with `removed`
    /// (the model's own inference-time recompute; items as trained). A candidate's score moves
    /// by ⟨e_u − e′_u, e_c⟩, at most ‖e_u − e′_u‖ · max ‖e_c‖.
    func rescoring(user: Int32, without removed: Int32) -> Rescoring? {
        if let filter { return filterRescoring(filter, user: user, without: removed) }
        guard let attributor else { return nil }
        let u = loaded.userRows[Int(user)], j = loaded.itemRows[Int(removed)]
        guard u >= 0, j >= 0, let vector = attributor.userVector(user: u, without: [j]) else { return nil }
        let original = attributor.userVector(user: u)
        var shift: Float = 0
        for (a, b) in zip(original, vector) { shift += (a - b) * (a - b) }
        let items = attributor.items, d = items.columns, rows = loaded.itemRows
        let bound = Double(shift.squareRoot()) * largestItemNorm * (1 + 1e-5) + 1e-12
        return Rescoring(bound: bound) { node in
            let row = rows[Int(node)]
            guard row >= 0 else { return 0 }
            return vector.withUnsafeBufferPointer { v in
                items.withUnsafeBufferPointer { e in Double(Tensor.dot(v.baseAddress!, e.baseAddress! + Int(row) * d, d)) }
            }
        }
    }

    /// A filter's terms: w_ji for each of the user's items j; they add up to the score.
    private func filterAttribution(_ filter: any FilterAttribution, user: Int32, item: Int32, score: Double) -> Attribution? {
        let u = loaded.userRows[Int(user)], i = loaded.itemRows[Int(item)]
        guard u >= 0, i >= 0 else { return nil }
        let (interactions, terms) = filter.terms(user: u, item: i)
        let contributions = zip(interactions, terms).map { Attribution.Contribution(node: loaded.data.items[Int($0)], value: Double($1)) }
        let rest = score - terms.reduce(0.0) { $0 + Double($1) }
        let kind: Attribution.Kind = filter.attributionKind == .exact ? .exact : .association
        return Attribution(kind: kind, contributions: contributions, rest: rest,
                           restMeaning: "rounding (the filter's terms are the whole score)", method: filter.attributionMethod)
    }

    /// A filter without one interaction: every score loses that interaction's row of the filter,
    /// and nothing else changes (the filter is fixed; only the user's history is its input).
    private func filterRescoring(_ filter: any FilterAttribution, user: Int32, without removed: Int32) -> Rescoring? {
        let u = loaded.userRows[Int(user)], j = loaded.itemRows[Int(removed)]
        guard u >= 0, j >= 0 else { return nil }
        if filterScores?.user != u { filterScores = (u, itemScorer.scoresOfAllItems(users: [u])) }
        let scores = filterScores!.scores
        let row = filter.filterRow(item: j)
        let rows = loaded.itemRows
        let bound = Double(row.reduce(Float(0)) { max($0, abs($1)) }) * (1 + 1e-5) + 1e-12
        return Rescoring(bound: bound) { node in
            let r = rows[Int(node)]
            return r >= 0 ? Double(scores[0, Int(r)] - row[Int(r)]) : 0
        }
    }

    /// The largest Euclidean norm of an item representation, for rescoring bounds.
    private lazy var largestItemNorm: Double = {
        guard let items = attributor?.items else { return 0 }
        var largest: Float = 0
        items.withUnsafeBufferPointer { e in
            for r in 0..<items.rows {
                let row = e.baseAddress! + r * items.columns
                largest = max(largest, Tensor.dot(row, row, items.columns))
            }
        }
        return Double(largest.squareRoot())
    }()

    /// The similarity factor is at most 1, so the normalised edge weight bounds an embedding
    /// model's hop; KGCN's attention is its own (exact) bound.
    func hopWeightBound(from: Int32, step: GraphPath.Step) -> Double {
        if let attentionModel, attentionModel.attends(to: step.relation) { return 1 }
        return normalisedWeight(from: from, step: step)
    }

    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? {
        if let attention = attention(user: user, from: from, step: step) { return attention }
        let similarity = cosine(from, to).map { (1 + $0) / 2 } ?? 1
        return similarity * normalisedWeight(from: from, step: step)
    }

    /// The model's own attention of `user` on a knowledge-graph hop leaving `from` (KGCN's);
    /// nil for models without it and for hops over interactions.
    private func attention(user: Int32, from: Int32, step: GraphPath.Step) -> Double? {
        guard let attentionModel else { return nil }
        let u = loaded.userRows[Int(user)]
        guard u >= 0 else { return nil }
        return attentionModel.hopAttention(user: u, from: from, relation: step.relation, cache: &attentionCache)
    }

    /// The edge's weight over the total weight of `from`'s edges of the same relation and direction.
    private func normalisedWeight(from: Int32, step: GraphPath.Step) -> Double {
        let csr = step.forward ? snapshot.forward[Int(step.relation)] : snapshot.reverse[Int(step.relation)]
        if unitWeights[Int(step.relation)] {
            let degree = csr.degree(Int(from))
            return degree > 0 ? 1 / Double(degree) : 0
        }
        let key = Int64(from) << 32 | Int64(step.relation) << 1 | (step.forward ? 1 : 0)
        let total: Double
        if let cached = totals[key] {
            total = cached
        } else {
            var sum = 0.0
            for p in csr.range(Int(from)) { sum += Double(csr.weights[p]) }
            totals[key] = sum
            total = sum
        }
        return total > 0 ? Double(step.weight) / total : 0
    }

    /// The unit-length representation of a user or item: (tensor, row).
    private func unitRow(_ node: Int32) -> (Tensor, Int)? {
        let u = loaded.userRows[Int(node)]
        if u >= 0, let unitUsers { return (unitUsers, Int(u)) }
        let i = loaded.itemRows[Int(node)]
        if i >= 0, let unitItems { return (unitItems, Int(i)) }
        return nil
    }

    private func cosine(_ a: Int32, _ b: Int32) -> Double? {
        guard let (ta, ra) = unitRow(a), let (tb, rb) = unitRow(b) else { return nil }
        return ta.withUnsafeBufferPointer { x in
            tb.withUnsafeBufferPointer { y in
                Double(Tensor.dot(x.baseAddress! + ra * ta.columns, y.baseAddress! + rb * tb.columns, ta.columns))
            }
        }
    }
}
