import KGGraph

/// Turns a (user, item) pair into the concrete graph paths that connect them, weighted by
/// the model that ranked the item, and into one plain sentence for editors.
///
/// Hop weights come from the scorer (embedding similarity × normalised edge weight, or
/// attention); scorers without a notion of hop weight (`paths`, `popularity`) get path
/// counts: a hop's weight is the share of the pair's paths that use that edge. A path's
/// weight is the product of its hop weights. Every path returned exists in the train graph.
struct Explainer {
    let snapshot: GraphSnapshot
    let finder: PathFinder
    /// How many candidate paths are enumerated per pair before the best are chosen.
    static let enumerationLimit = 256

    init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
        finder = PathFinder(snapshot: snapshot)
    }

    /// The `count` best paths from `anchor` to `target`: along `pattern` when one is given
    /// and matches, else any path of at most 4 hops.
    func explain(anchor: Int32, target: Int32, pattern: RelationPath?, scorer: any Scorer,
                        count: Int) -> [Explanation] {
        if scorer.weighsHops {
            // A model's hop weights lie in [0, 1]: find the heaviest paths directly.
            let weigh = { (from: Int32, to: Int32, step: GraphPath.Step) -> Double in
                scorer.hopWeight(user: anchor, item: target, from: from, to: to, step: step) ?? 0
            }
            let bound = { (from: Int32, step: GraphPath.Step) -> Double in scorer.hopWeightBound(from: from, step: step) }
            var best = pattern.map {
                finder.heaviestPaths(from: anchor, to: target, along: $0, count: count, hopWeight: weigh, hopBound: bound,
                                     boundKey: scorer.name)
            } ?? []
            if best.isEmpty {
                best = finder.heaviestPaths(from: anchor, to: target, along: PathFinder.anyPath(maxHops: 4), count: count,
                                            hopWeight: weigh, hopBound: bound, boundKey: scorer.name)
            }
            return best.map { Explanation(path: $0.path, hopWeights: $0.hopWeights, weight: $0.weight) }
        }
        var paths = pattern.map { finder.paths(from: anchor, to: target, along: $0, limit: Self.enumerationLimit) } ?? []
        if paths.isEmpty {
            paths = finder.anyPaths(from: anchor, to: target, maxHops: 4, limit: Self.enumerationLimit)
        }
        guard !paths.isEmpty else { return [] }

        var usage: [EdgeKey: Int] = [:]
        for path in paths {
            for (i, step) in path.steps.enumerated() { usage[EdgeKey(path, i, step), default: 0] += 1 }
        }
        let total = Double(paths.count)
        let explained = paths.map { path -> Explanation in
            var weights: [Double] = []
            for (i, step) in path.steps.enumerated() {
                let modelWeight = scorer.hopWeight(user: anchor, item: target, from: path.nodes[i],
                                                   to: path.nodes[i + 1], step: step)
                weights.append(modelWeight ?? Double(usage[EdgeKey(path, i, step)] ?? 0) / total)
            }
            return Explanation(path: path, hopWeights: weights, weight: weights.reduce(1, *))
        }
        let order = explained.indices.sorted { a, b in
            let x = explained[a], y = explained[b]
            if x.weight != y.weight { return x.weight > y.weight }
            if x.path.steps.count != y.path.steps.count { return x.path.steps.count < y.path.steps.count }
            return x.path.nodes.lexicographicallyPrecedes(y.path.nodes)
        }
        return order.prefix(count).map { explained[$0] }
    }

    private struct EdgeKey: Hashable {
        var from: Int32, to: Int32, relation: Int32, forward: Bool
        init(_ path: GraphPath, _ i: Int, _ step: GraphPath.Step) {
            from = path.nodes[i]
            to = path.nodes[i + 1]
            relation = step.relation
            forward = step.forward
        }
    }
}
