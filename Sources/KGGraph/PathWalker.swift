/// Counts the walks that match a `RelationPath` from one start node, over train edges only.
///
/// The counts are the `paths` scorer's evidence ("reachable by 5 distinct paths") and the
/// query engine's candidate sets. A walker holds reusable buffers sized to the graph, so
/// one walker per thread answers many queries without allocating per node.
package struct PathWalker {
    package let snapshot: GraphSnapshot
    private var current: [Double]
    private var next: [Double]
    private var result: [Double]
    private var currentList: [Int32] = []
    private var nextList: [Int32] = []
    private var resultList: [Int32] = []

    package init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
        current = [Double](repeating: 0, count: snapshot.nodeCount)
        next = current
        result = current
    }

    /// The nodes the pattern reaches from `start`, each with its number of matching walks,
    /// in ascending node order.
    ///
    /// - Complexity: O(edges traversed); buffers are reset through touched-lists, not cleared.
    package mutating func reach(from start: Int32, along path: RelationPath) -> [(node: Int32, count: Double)] {
        for sequence in path.unrolled {
            setFrontier(start)
            for hop in sequence { step(hop) }
            for node in currentList {
                if result[Int(node)] == 0 { resultList.append(node) }
                result[Int(node)] += current[Int(node)]
            }
        }
        for node in currentList { current[Int(node)] = 0 }
        currentList.removeAll(keepingCapacity: true)
        var out: [(node: Int32, count: Double)] = []
        out.reserveCapacity(resultList.count)
        if resultList.count * 16 > result.count {
            // Dense: a scan in node order is cheaper than sorting.
            for node in 0..<result.count where result[node] != 0 { out.append((Int32(node), result[node])) }
        } else {
            resultList.sort()
            for node in resultList { out.append((node, result[Int(node)])) }
        }
        for node in resultList { result[Int(node)] = 0 }
        resultList.removeAll(keepingCapacity: true)
        return out
    }

    private mutating func setFrontier(_ start: Int32) {
        for node in currentList { current[Int(node)] = 0 }
        currentList.removeAll(keepingCapacity: true)
        current[Int(start)] = 1
        currentList.append(start)
    }

    /// Moves the frontier one hop along the given relations and direction.
    private mutating func step(_ hop: RelationPath.Hop) {
        let relations = hop.relations.isEmpty ? (0..<Int32(snapshot.relations.count)).map { $0 } : hop.relations
        for node in currentList {
            let weight = current[Int(node)]
            for r in relations {
                if hop.direction != .backward { spread(weight, from: node, over: snapshot.forward[Int(r)]) }
                if hop.direction != .forward { spread(weight, from: node, over: snapshot.reverse[Int(r)]) }
            }
        }
        for node in currentList { current[Int(node)] = 0 }
        swap(&current, &next)
        swap(&currentList, &nextList)
        nextList.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func spread(_ weight: Double, from node: Int32, over csr: CSR) {
        for p in csr.range(Int(node)) {
            let target = Int(csr.targets[p])
            if next[target] == 0 { nextList.append(Int32(target)) }
            next[target] += weight
        }
    }
}
