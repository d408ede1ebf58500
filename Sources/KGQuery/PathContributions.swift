import KGGraph

/// The walk counts of a `paths` ranking split by the anchor's first hop: for each node j the
/// pattern's first hop reaches from the anchor, the walks that continue from j to each node.
/// Summed over j they are the counts the ranking used, so they are its exact attribution, and
/// taking j's walks away is exactly the ranking without the anchor's edges to j.
struct PathContributions {
    /// Per first-hop node: (edges from the anchor to it, the nodes its walks reach with their counts, ascending).
    private var byFirstHop: [Int32: [(multiplicity: Double, reached: [(node: Int32, count: Double)])]] = [:]

    init(anchor: Int32, pattern: RelationPath, walker: inout PathWalker) {
        let snapshot = walker.snapshot
        for sequence in pattern.unrolled {
            let first = sequence[0]
            var multiplicity: [Int32: Double] = [:]
            let relations = first.relations.isEmpty ? snapshot.relations.map(\.id) : first.relations
            for r in relations {
                if first.direction != .backward {
                    for j in snapshot.forward[Int(r)].neighbours(Int(anchor)) { multiplicity[j, default: 0] += 1 }
                }
                if first.direction != .forward {
                    for j in snapshot.reverse[Int(r)].neighbours(Int(anchor)) { multiplicity[j, default: 0] += 1 }
                }
            }
            let tail = RelationPath(Array(sequence.dropFirst()))
            for (j, m) in multiplicity {
                let reached = tail.hops.isEmpty ? [(node: j, count: 1.0)] : walker.reach(from: j, along: tail)
                byFirstHop[j, default: []].append((m, reached))
            }
        }
    }

    /// The walks through `j` that end at `node`.
    func count(through j: Int32, to node: Int32) -> Double {
        var total = 0.0
        for part in byFirstHop[j] ?? [] {
            var lo = 0, hi = part.reached.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if part.reached[mid].node < node { lo = mid + 1 } else { hi = mid }
            }
            if lo < part.reached.count && part.reached[lo].node == node { total += part.multiplicity * part.reached[lo].count }
        }
        return total
    }

    /// Every node the walks through `j` reach, with their counts (a node may appear once per part).
    func counts(through j: Int32) -> [(node: Int32, count: Double)] {
        (byFirstHop[j] ?? []).flatMap { part in part.reached.map { ($0.node, part.multiplicity * $0.count) } }
    }

    /// The exact attribution of `target`'s count `score`.
    func attribution(of target: Int32, score: Double) -> Attribution {
        var contributions: [Attribution.Contribution] = []
        var total = 0.0
        for j in byFirstHop.keys {
            let value = count(through: j, to: target)
            if value > 0 {
                contributions.append(.init(node: j, value: value))
                total += value
            }
        }
        return Attribution(kind: .exact, contributions: contributions, rest: score - total,
                           method: "the score counts the paths that reach the item; each of the anchor's first hops "
                               + "carries the paths that start with it")
    }
}
