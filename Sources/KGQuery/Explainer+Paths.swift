import KGGraph

extension Explainer {
    /// The path a reason shows: the anchor's edge to `source`, then the shortest connection from
    /// `source` to `target` — along the rest of `pattern` when the query named one; else through
    /// a user who interacted with both (`source` ← u′ → target, the route a user–item
    /// propagation weighs most when u′ has the fewest interactions); else the heaviest path of at
    /// most 3 more hops, hops weighed by their normalised degree. Nil when nothing connects them
    /// within `maxHops`. The path is simple and every hop is a train edge.
    func reasonPath(anchor: Int32, source: Int32, target: Int32, pattern: RelationPath?) -> GraphPath? {
        guard let first = edgeStep(from: anchor, to: source) else { return nil }
        let head = GraphPath(nodes: [anchor, source], steps: [first])
        if source == target { return head }
        let shared = sharedInteraction(anchor: anchor, source: source, target: target)
        if let pattern {
            // The co-interaction route first, when the pattern allows it (`< interacted > interacted`).
            if let shared, let joined = join(head, shared), pattern.unrolled.contains(where: { sequence in
                sequence.count == 3 && admits(sequence[0], first) && admits(sequence[1], shared.steps[0])
                    && admits(sequence[2], shared.steps[1])
            }) {
                return joined
            }
            for sequence in pattern.unrolled where sequence.count >= 2 && admits(sequence[0], first) {
                let tail = RelationPath(Array(sequence.dropFirst()))
                for path in finder.paths(from: source, to: target, along: tail, limit: 8) {
                    if let joined = join(head, path) { return joined }
                }
            }
        }
        if let shared, let joined = join(head, shared) {
            return joined
        }
        let rest = finder.heaviestPaths(from: source, to: target, along: PathFinder.anyPath(maxHops: Self.maxHops - 1),
                                        count: 4, hopWeight: normalisedWeight, boundKey: "degree")
        return rest.lazy.compactMap { join(head, $0.path) }.first
    }

    /// The step of a train edge between `from` and `to`, interaction relations first; nil when
    /// none joins them.
    func edgeStep(from: Int32, to: Int32) -> GraphPath.Step? {
        for r in relationOrder {
            if let weight = snapshot.forward[Int(r)].weight(row: Int(from), column: to) {
                return GraphPath.Step(relation: r, forward: true, weight: weight)
            }
            if let weight = snapshot.reverse[Int(r)].weight(row: Int(from), column: to) {
                return GraphPath.Step(relation: r, forward: false, weight: weight)
            }
        }
        return nil
    }

    /// `source ←r— u′ —r′→ target` for the user u′ ≠ anchor with the fewest interactions who
    /// interacted with both (ties: the lower id).
    private func sharedInteraction(anchor: Int32, source: Int32, target: Int32) -> GraphPath? {
        var best: (user: Int32, into: GraphPath.Step, out: GraphPath.Step)?
        for r in snapshot.interactionRelations {
            let reverse = snapshot.reverse[Int(r)]
            for p in reverse.range(Int(source)) {
                let user = reverse.targets[p]
                guard user != anchor, user != target else { continue }
                if let current = best, popularity[user] > popularity[current.user]
                    || (popularity[user] == popularity[current.user] && user >= current.user) {
                    continue
                }
                guard let out = interactionStep(from: user, to: target) else { continue }
                best = (user, GraphPath.Step(relation: r, forward: false, weight: reverse.weights[p]), out)
            }
        }
        return best.map { GraphPath(nodes: [source, $0.user, target], steps: [$0.into, $0.out]) }
    }

    /// The step of an interaction edge `user → item`, or nil.
    private func interactionStep(from user: Int32, to item: Int32) -> GraphPath.Step? {
        for r in snapshot.interactionRelations {
            if let weight = snapshot.forward[Int(r)].weight(row: Int(user), column: item) {
                return GraphPath.Step(relation: r, forward: true, weight: weight)
            }
        }
        return nil
    }

    /// A hop's weight over the total weight of its first node's edges of that relation and direction.
    func normalisedWeight(from: Int32, to: Int32, step: GraphPath.Step) -> Double {
        let csr = step.forward ? snapshot.forward[Int(step.relation)] : snapshot.reverse[Int(step.relation)]
        var total = 0.0
        for p in csr.range(Int(from)) { total += Double(csr.weights[p]) }
        return total > 0 ? Double(step.weight) / total : 0
    }

    /// Whether the pattern hop allows `step`.
    private func admits(_ hop: RelationPath.Hop, _ step: GraphPath.Step) -> Bool {
        (hop.relations.isEmpty || hop.relations.contains(step.relation))
            && (hop.direction == .both || (hop.direction == .forward) == step.forward)
    }

    /// `a` followed by `b` (which starts where `a` ends); nil when the result would revisit a node
    /// or exceed `maxHops`.
    private func join(_ a: GraphPath, _ b: GraphPath) -> GraphPath? {
        let nodes = a.nodes + b.nodes.dropFirst()
        guard nodes.count - 1 <= Self.maxHops, Set(nodes).count == nodes.count else { return nil }
        return GraphPath(nodes: nodes, steps: a.steps + b.steps)
    }
}
