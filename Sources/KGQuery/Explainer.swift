import KGGraph

/// Turns a scorer's attribution of one score into the explanation editors read: the strongest
/// contributions, each with a readable path from the anchor through the interaction it rests on
/// to the result, and one sentence generated from those paths.
///
/// The weights shown are the scorer's contributions, never path weights found afterwards. A
/// scorer without an attribution of its own gets an association: its score divided over the
/// heaviest connecting paths in proportion to their weights, and labelled as such. Every path
/// returned exists in the train graph and has at most 4 hops.
public struct Explainer {
    public let snapshot: GraphSnapshot
    let finder: PathFinder
    /// Per node: its number of train interactions, the tie-break of co-interaction routes.
    let popularity: Popularity
    /// The relations a reason's first hop is looked up in: interactions first.
    let relationOrder: [Int32]
    /// How many candidate paths are enumerated per pair before the best are chosen.
    public static let enumerationLimit = 256
    /// The most hops of an explanation path.
    public static let maxHops = 4
    /// How many of the largest contributions are weighed by their counterfactual rank when the
    /// reasons shown are chosen.
    public static let counterfactualPool = 8

    /// `popularity`, when the caller has it, saves counting the interactions again.
    public init(snapshot: GraphSnapshot, popularity: Popularity? = nil) {
        self.snapshot = snapshot
        finder = PathFinder(snapshot: snapshot)
        self.popularity = popularity ?? Popularity(snapshot: snapshot)
        let interactions = snapshot.interactionRelations
        relationOrder = interactions + snapshot.relations.map(\.id).filter { !interactions.contains($0) }
    }

    /// The explanation of `target`'s score for `anchor` from `attribution`: the `count`
    /// strongest contributions as reasons (each with its counterfactual rank from `rankWithout`,
    /// when given), and a sentence when `withSentence`.
    public func explanation(anchor: Int32, target: Int32, attribution: Attribution, pattern: RelationPath?,
                            count: Int, withSentence: Bool, scorerName: String,
                            paths known: [Int32: GraphPath] = [:], rank: Int? = nil,
                            rankWithout: ((Int32) -> Reason.Without?)? = nil) -> Explanation {
        var reasons: [Reason] = []
        for (contribution, without) in strongest(attribution.contributions, count: count, rankWithout: rankWithout) {
            let connected = known[contribution.node]
                ?? reasonPath(anchor: anchor, source: contribution.node, target: target, pattern: pattern)
            let path = connected ?? edgeStep(from: anchor, to: contribution.node).map {
                GraphPath(nodes: [anchor, contribution.node], steps: [$0])
            }
            var rank: Int?
            if case .rank(let r)? = without { rank = r }
            reasons.append(Reason(path: path, source: contribution.node, contribution: contribution.value,
                                  rankWithout: rank, leavesCandidates: without == .leavesCandidates,
                                  reachesResult: connected != nil))
        }
        if reasons.isEmpty {
            // Nothing the anchor did carries the score (popularity, a user without history):
            // the rest is the reason.
            reasons.append(Reason(path: nil, source: nil, contribution: attribution.rest))
        }
        var explanation = Explanation(kind: attribution.kind, method: attribution.method, reasons: reasons,
                                      contributionCount: attribution.contributions.count, rest: attribution.rest,
                                      restMeaning: attribution.restMeaning, sentence: nil, rank: rank,
                                      counterfactual: nil, facts: [])
        if withSentence {
            let (text, facts) = sentence(for: explanation, anchor: anchor, target: target, scorerName: scorerName)
            explanation.sentence = text
            explanation.facts = facts
        }
        if let rank, let top = reasons.first, top.rankWithout != nil || top.leavesCandidates, let path = top.path,
           let source = top.source {
            explanation.counterfactual = counterfactual(anchor: anchor, step: path.steps[0], source: source, target: target,
                                                        rank: rank, without: top.rankWithout)
        }
        return explanation
    }

    /// The reasons to show: without counterfactual ranks, the `count` largest contributions;
    /// with them, of the `counterfactualPool` largest, the `count` whose removal sends the result
    /// furthest down (a result that would stop being a candidate first), ties by contribution;
    /// contributions that carry none of the score (zero or negative) come last.
    /// That is the reason an editor asks for — what keeps the item where it is — and its weight
    /// is still its contribution.
    func strongest(_ contributions: [Attribution.Contribution], count: Int,
                   rankWithout: ((Int32) -> Reason.Without?)?)
        -> [(Attribution.Contribution, Reason.Without?)] {
        guard let rankWithout else { return contributions.prefix(count).map { ($0, nil) } }
        let pool = contributions.prefix(max(count, Self.counterfactualPool)).map { ($0, rankWithout($0.node)) }
        func fall(_ without: Reason.Without?) -> Int {
            switch without {
            case .leavesCandidates?: Int.max
            case .rank(let r)?: r
            case nil: Int.min
            }
        }
        // A reason carries part of the score: an interaction whose removal would raise it (and
        // lower the result only by raising its rivals more) comes after every one that carries some.
        let order = pool.indices.sorted { a, b in
            let carriesA = pool[a].0.value > 0, carriesB = pool[b].0.value > 0
            if carriesA != carriesB { return carriesA }
            let x = fall(pool[a].1), y = fall(pool[b].1)
            return x != y ? x > y : a < b
        }
        return order.prefix(count).map { pool[$0] }
    }

    /// An association for a scorer without an attribution of its own: `score` divided over the
    /// heaviest paths from `anchor` to `target` (weighed by the scorer's hop weights, or by how
    /// many of the pair's paths use each edge) in proportion to their weights, grouped by the
    /// anchor's neighbour each path starts with. The paths are returned for the reasons to show.
    public func association(anchor: Int32, target: Int32, score: Double, pattern: RelationPath?,
                            scorer: any Scorer) -> (Attribution, [Int32: GraphPath]) {
        let found = heaviestPaths(anchor: anchor, target: target, pattern: pattern, scorer: scorer, count: 8)
        let total = found.reduce(0) { $0 + $1.weight }
        var shares: [Int32: Double] = [:]
        var paths: [Int32: GraphPath] = [:]
        for p in found where p.path.nodes.count > 1 {
            let source = p.path.nodes[1]
            shares[source, default: 0] += total > 0 ? score * p.weight / total : score / Double(found.count)
            if paths[source] == nil { paths[source] = p.path }
        }
        let method = found.isEmpty
            ? "no path of at most \(Self.maxHops) hops connects them; the score is \(scorer.name)'s own"
            : "\(scorer.name)'s score divided over the heaviest connecting paths in proportion to their weights; "
                + "\(scorer.name) has no decomposition of its own"
        let attribution = Attribution(
            kind: .association, contributions: shares.map { Attribution.Contribution(node: $0.key, value: $0.value) },
            rest: found.isEmpty ? score : 0,
            restMeaning: found.isEmpty ? "\(scorer.name)'s similarity of \(snapshot.displayName(anchor)) and "
                + "\(snapshot.displayName(target))" : nil,
            method: method)
        return (attribution, paths)
    }

    /// The heaviest paths, by the scorer's hop weights when it has them, else by path counts.
    func heaviestPaths(anchor: Int32, target: Int32, pattern: RelationPath?, scorer: any Scorer,
                       count: Int) -> [PathFinder.WeightedPath] {
        if scorer.weighsHops {
            let weigh = { (from: Int32, to: Int32, step: GraphPath.Step) -> Double in
                scorer.hopWeight(user: anchor, item: target, from: from, to: to, step: step) ?? 0
            }
            let bound = { (from: Int32, step: GraphPath.Step) -> Double in scorer.hopWeightBound(from: from, step: step) }
            var best = pattern.map {
                finder.heaviestPaths(from: anchor, to: target, along: $0, count: count, hopWeight: weigh, hopBound: bound,
                                     boundKey: scorer.name)
            } ?? []
            if best.isEmpty {
                best = finder.heaviestPaths(from: anchor, to: target, along: PathFinder.anyPath(maxHops: Self.maxHops),
                                            count: count, hopWeight: weigh, hopBound: bound, boundKey: scorer.name)
            }
            return best
        }
        var paths = pattern.map { finder.paths(from: anchor, to: target, along: $0, limit: Self.enumerationLimit) } ?? []
        if paths.isEmpty {
            paths = finder.anyPaths(from: anchor, to: target, maxHops: Self.maxHops, limit: Self.enumerationLimit)
        }
        var usage: [EdgeKey: Int] = [:]
        for path in paths {
            for (i, step) in path.steps.enumerated() { usage[EdgeKey(path, i, step), default: 0] += 1 }
        }
        let total = Double(paths.count)
        let weighed = paths.map { path -> PathFinder.WeightedPath in
            let weights = path.steps.enumerated().map { i, step in Double(usage[EdgeKey(path, i, step)] ?? 0) / total }
            return PathFinder.WeightedPath(path: path, hopWeights: weights, weight: weights.reduce(1, *))
        }
        let order = weighed.indices.sorted { a, b in
            let x = weighed[a], y = weighed[b]
            if x.weight != y.weight { return x.weight > y.weight }
            if x.path.steps.count != y.path.steps.count { return x.path.steps.count < y.path.steps.count }
            return x.path.nodes.lexicographicallyPrecedes(y.path.nodes)
        }
        return order.prefix(count).map { weighed[$0] }
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
