/// Finds concrete simple paths between two nodes that match a `RelationPath`, over train
/// edges only: the raw material of explanations.
///
/// For each unrolled hop sequence it meets in the middle: forward frontiers from the start,
/// backward frontiers from the end, intersected, so the final depth-first walk only visits
/// nodes that lie on a complete path.
public struct PathFinder {
    public let snapshot: GraphSnapshot

    public init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
    }

    /// Up to `limit` simple paths from `start` to `end` that match `pattern`, shortest first,
    /// then in ascending node order (deterministic).
    public func paths(from start: Int32, to end: Int32, along pattern: RelationPath, limit: Int = 512) -> [GraphPath] {
        var found: [GraphPath] = []
        for sequence in pattern.unrolled where found.count < limit {
            found += paths(from: start, to: end, hops: sequence, limit: limit - found.count)
        }
        return found
    }

    /// Up to `limit` simple paths of 1…`maxHops` edges in any relation and direction.
    public func anyPaths(from start: Int32, to end: Int32, maxHops: Int = 4, limit: Int = 512) -> [GraphPath] {
        var found: [GraphPath] = []
        for length in 1...maxHops where found.count < limit {
            let hops = [RelationPath.Hop](repeating: .init(relations: [], direction: .both), count: length)
            found += paths(from: start, to: end, hops: hops, limit: limit - found.count)
        }
        return found
    }

    private func paths(from start: Int32, to end: Int32, hops: [RelationPath.Hop], limit: Int) -> [GraphPath] {
        let length = hops.count
        let middle = length / 2
        // Forward frontiers up to the middle, backward frontiers down to it.
        var forward: [Set<Int32>] = [[start]]
        for k in 0..<middle { forward.append(expand(forward[k], hops[k], reversed: false)) }
        var backward = [Set<Int32>](repeating: [], count: length + 1)
        backward[length] = [end]
        if length > middle {
            for k in stride(from: length - 1, through: middle, by: -1) {
                backward[k] = expand(backward[k + 1], hops[k], reversed: true)
            }
        }
        var allowed = backward
        allowed[middle] = forward[middle].intersection(backward[middle])
        if allowed[middle].isEmpty { return [] }
        if middle > 0 {
            for k in stride(from: middle - 1, through: 0, by: -1) {
                allowed[k] = expand(allowed[k + 1], hops[k], reversed: true).intersection(forward[k])
            }
        }
        guard allowed[0].contains(start) else { return [] }

        var result: [GraphPath] = []
        var nodes: [Int32] = [start]
        var steps: [GraphPath.Step] = []
        var onPath: Set<Int32> = [start]
        func walk(_ depth: Int) {
            if result.count >= limit { return }
            if depth == length {
                if nodes.last == end { result.append(GraphPath(nodes: nodes, steps: steps)) }
                return
            }
            for edge in neighbours(of: nodes[depth], hops[depth], reversed: false)
            where allowed[depth + 1].contains(edge.node) && !onPath.contains(edge.node) {
                nodes.append(edge.node)
                steps.append(edge.step)
                onPath.insert(edge.node)
                walk(depth + 1)
                onPath.remove(edge.node)
                nodes.removeLast()
                steps.removeLast()
                if result.count >= limit { return }
            }
        }
        walk(0)
        return result
    }

    /// The set of nodes one hop away from `nodes` (or, `reversed`, the nodes one hop before them).
    private func expand(_ nodes: Set<Int32>, _ hop: RelationPath.Hop, reversed: Bool) -> Set<Int32> {
        var out: Set<Int32> = []
        for node in nodes {
            for edge in neighbours(of: node, hop, reversed: reversed) { out.insert(edge.node) }
        }
        return out
    }

    /// The edges a hop can take from `node`, sorted by neighbour id then relation.
    private func neighbours(of node: Int32, _ hop: RelationPath.Hop, reversed: Bool)
        -> [(node: Int32, step: GraphPath.Step)] {
        var out: [(node: Int32, step: GraphPath.Step)] = []
        let relations = hop.relations.isEmpty ? (0..<Int32(snapshot.relations.count)).map { $0 } : hop.relations
        let useForward = hop.direction != .backward
        let useBackward = hop.direction != .forward
        for r in relations {
            // Walking a forward hop in reverse means following the reverse adjacency, and vice versa.
            if useForward {
                let csr = reversed ? snapshot.reverse[Int(r)] : snapshot.forward[Int(r)]
                for p in csr.range(Int(node)) {
                    out.append((csr.targets[p], .init(relation: r, forward: true, weight: csr.weights[p])))
                }
            }
            if useBackward {
                let csr = reversed ? snapshot.forward[Int(r)] : snapshot.reverse[Int(r)]
                for p in csr.range(Int(node)) {
                    out.append((csr.targets[p], .init(relation: r, forward: false, weight: csr.weights[p])))
                }
            }
        }
        out.sort { $0.node != $1.node ? $0.node < $1.node : $0.step.relation < $1.step.relation }
        return out
    }
}
