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
/// A hop's weight is the similarity of its two nodes' final representations, mapped from
/// cosine [-1, 1] to [0, 1], times the edge's weight normalised over the edges of that relation
/// leaving the hop's first node in the hop's direction. Nodes without a representation
/// (categories, for models that embed only users and items) contribute the edge weight alone.
final class ModelScorer: Scorer {
    let name: String
    private let loaded: LoadedModel
    private let snapshot: GraphSnapshot
    private let itemScorer: any ItemScorer
    /// Final user and item representations, for models that score by dot product.
    private let vectors: DotProductScorer?

    init(name: String, loaded: LoadedModel, snapshot: GraphSnapshot) {
        self.name = name
        self.loaded = loaded
        self.snapshot = snapshot
        itemScorer = loaded.model.scorer(threads: 1)
        vectors = itemScorer as? DotProductScorer
    }

    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        let u = loaded.data.userIndex[Int(user)]
        guard u >= 0, !candidates.isEmpty else { return [Double](repeating: 0, count: candidates.count) }
        let row = itemScorer.scoresOfAllItems(users: [u])
        return candidates.map { candidate in
            let i = loaded.data.itemIndex[Int(candidate)]
            return i >= 0 ? Double(row[0, Int(i)]) : 0
        }
    }

    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        guard vectorOf(anchor) != nil else { return pathCounts ?? [Double](repeating: 0, count: candidates.count) }
        return candidates.map { cosine(anchor, $0) ?? 0 }
    }

    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? {
        let similarity = cosine(from, to).map { (1 + $0) / 2 } ?? 1
        return similarity * normalisedWeight(from: from, step: step)
    }

    /// The edge's weight over the total weight of `from`'s edges of the same relation and direction.
    private func normalisedWeight(from: Int32, step: GraphPath.Step) -> Double {
        let csr = step.forward ? snapshot.forward[Int(step.relation)] : snapshot.reverse[Int(step.relation)]
        var total = 0.0
        for p in csr.range(Int(from)) { total += Double(csr.weights[p]) }
        return total > 0 ? Double(step.weight) / total : 0
    }

    /// The row of a node's final representation: (tensor, row), for users and items.
    private func vectorOf(_ node: Int32) -> (Tensor, Int)? {
        guard let vectors else { return nil }
        let u = loaded.data.userIndex[Int(node)]
        if u >= 0 { return (vectors.users, Int(u)) }
        let i = loaded.data.itemIndex[Int(node)]
        if i >= 0 { return (vectors.items, Int(i)) }
        return nil
    }

    private func cosine(_ a: Int32, _ b: Int32) -> Double? {
        guard let (ta, ra) = vectorOf(a), let (tb, rb) = vectorOf(b) else { return nil }
        var dot = 0.0, na = 0.0, nb = 0.0
        for c in 0..<ta.columns {
            let x = Double(ta[ra, c]), y = Double(tb[rb, c])
            dot += x * y
            na += x * x
            nb += y * y
        }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : nil
    }
}
