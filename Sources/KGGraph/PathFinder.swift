/// Finds concrete simple paths between two nodes that match a `RelationPath`, over train
/// edges only: the raw material of explanations.
///
/// For each unrolled hop sequence of length L the search meets in the middle at depth
/// m = min(L − 1, 2). From the start it builds, once per (start, pattern), the forward frontiers
/// F[0…m] and for every frontier node the edges that reach it from the previous frontier: a small
/// layered graph shared by every target explained for that start (a query explains many results
/// for one user). For each target it expands backward to depth m, keeps what meets F[m], and
/// walks from the target back to the start through the recorded edges, so no step explores a
/// node that is not on a complete path. Node sets are bitmaps, not hash sets.
public final class PathFinder {
    public let snapshot: GraphSnapshot

    /// The start and pattern the cached frontiers belong to.
    private var cachedStart: Int32 = -1
    private var cachedPattern: RelationPath?
    private var cachedSequences: [[RelationPath.Hop]] = []
    private var forwardCache: [ForwardLayers?] = []
    /// Node → position buffers for the forward layers, reused across queries (all -1 between uses).
    private var positionBuffers: [[Int32]] = []
    /// Per sequence and forward depth ≤ middle: node → the largest product of hop bounds over
    /// paths from the start (target-independent, so shared by every target), and the bound it
    /// was computed with.
    private var reachCache: [[[Int32: Double]]] = []
    private var reachKey: String?

    public init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
    }

    /// A path with the weight of each hop and their product.
    public struct WeightedPath: Sendable {
        public var path: GraphPath
        public var hopWeights: [Double]
        public var weight: Double

        public init(path: GraphPath, hopWeights: [Double], weight: Double) {
            self.path = path
            self.hopWeights = hopWeights
            self.weight = weight
        }
    }

    /// Up to `limit` simple paths from `start` to `end` that match `pattern`, shortest first,
    /// then in ascending node order (deterministic).
    public func paths(from start: Int32, to end: Int32, along pattern: RelationPath, limit: Int = 512) -> [GraphPath] {
        prepare(start, pattern)
        var found: [GraphPath] = []
        for index in cachedSequences.indices where found.count < limit {
            var sequence: [GraphPath] = []
            search(start: start, end: end, sequence: index) { path, _ in
                sequence.append(path)
                return sequence.count < limit - found.count
            }
            sequence.sort { $0.nodes.lexicographicallyPrecedes($1.nodes) }
            found += sequence
        }
        return found
    }

    /// Up to `limit` simple paths of 1…`maxHops` edges in any relation and direction.
    public func anyPaths(from start: Int32, to end: Int32, maxHops: Int = 4, limit: Int = 512) -> [GraphPath] {
        paths(from: start, to: end, along: Self.anyPath(maxHops: maxHops), limit: limit)
    }

    /// Any relation, either direction, 1…`maxHops` times.
    public static func anyPath(maxHops: Int) -> RelationPath {
        RelationPath([.init(relations: [], direction: .both, minCount: 1, maxCount: maxHops)])
    }

    /// The `count` heaviest simple paths from `start` to `end` along `pattern`, where a path
    /// weighs the product of `hopWeight` over its hops. Exact: a branch-and-bound walk from the
    /// target back to the start that tries the heaviest hops first and drops any branch whose
    /// partial product cannot beat the current `count`-th best; this is sound because hop weights
    /// lie in [0, 1] (a weight outside that range turns pruning off). Ties go to shorter paths,
    /// then ascending nodes.
    ///
    /// `hopBound`, when given, is an upper bound of `hopWeight` for every hop leaving a node over a
    /// relation and direction; children are then visited in decreasing bound and weighed only
    /// while the bound can still beat the current `count`-th best.
    ///
    /// `boundKey` names the bound function (a scorer's name): bounds computed for one start and
    /// pattern are reused across calls with the same key.
    public func heaviestPaths(from start: Int32, to end: Int32, along pattern: RelationPath, count: Int,
                              hopWeight: (_ from: Int32, _ to: Int32, _ step: GraphPath.Step) -> Double,
                              hopBound: ((_ from: Int32, _ step: GraphPath.Step) -> Double)? = nil,
                              boundKey: String = "") -> [WeightedPath] {
        prepare(start, pattern)
        if reachKey != boundKey {
            reachKey = boundKey
            reachCache = [[[Int32: Double]]](repeating: [], count: cachedSequences.count)
        }
        var best: [WeightedPath] = []
        func better(_ a: WeightedPath, _ b: WeightedPath) -> Bool {
            if a.weight != b.weight { return a.weight > b.weight }
            if a.path.steps.count != b.path.steps.count { return a.path.steps.count < b.path.steps.count }
            return a.path.nodes.lexicographicallyPrecedes(b.path.nodes)
        }
        let noBound: (Int32, GraphPath.Step) -> Double = { _, _ in 1 }
        withoutActuallyEscaping(hopWeight) { weigh in
          withoutActuallyEscaping(hopBound ?? noBound) { upper in
            for index in cachedSequences.indices {
                search(start: start, end: end, sequence: index, weigh: weigh, upper: upper,
                       bound: { best.count == count ? best[count - 1].weight : -1 }) { path, weights in
                    let candidate = WeightedPath(path: path, hopWeights: weights, weight: weights.reduce(1, *))
                    if best.count < count || better(candidate, best[best.count - 1]) {
                        let at = best.firstIndex { better(candidate, $0) } ?? best.count
                        best.insert(candidate, at: at)
                        if best.count > count { best.removeLast() }
                    }
                    return true
                }
            }
          }
        }
        return best
    }

    // MARK: The search

    /// Walks every path of one hop sequence from `end` back to `start`, calling `emit` with the
    /// path (in forward order) and its hop weights (empty without `weigh`) until it returns false.
    /// With `weigh` and `bound`, children are tried heaviest first and a branch stops once its
    /// partial product falls below `bound()`.
    private func search(start: Int32, end: Int32, sequence: Int,
                        weigh: ((Int32, Int32, GraphPath.Step) -> Double)? = nil,
                        upper: ((Int32, GraphPath.Step) -> Double)? = nil, bound: (() -> Double)? = nil,
                        emit: (GraphPath, [Double]) -> Bool) {
        let hops = cachedSequences[sequence]
        let length = hops.count
        let middle = min(length - 1, 2)
        let layers = forwardLayers(start: start, sequence: sequence, depth: middle)
        // Backward sets from the end down to the middle: allowed[k] for k in middle...length.
        var allowed = [NodeSet](repeating: NodeSet(capacity: 0), count: length + 1)
        var last = NodeSet(capacity: snapshot.nodeCount)
        last.insert(end)
        allowed[length] = last
        for k in stride(from: length - 1, through: middle, by: -1) {
            allowed[k] = expand(allowed[k + 1], hops[k], reversed: true,
                                keepingOnly: k == middle ? layers.frontiers[middle] : nil)
            if allowed[k].isEmpty { return }
        }

        /// The edges that reach `node` (at forward depth `depth`) from the previous depth.
        func incoming(_ node: Int32, _ depth: Int) -> [(node: Int32, step: GraphPath.Step)] {
            if depth > middle { return edges(into: node, hops[depth - 1], from: allowed[depth - 1]) }
            let range = layers.parentRange(of: node, depth: depth)
            var out: [(node: Int32, step: GraphPath.Step)] = []
            out.reserveCapacity(range.count)
            for i in range { out.append((layers.parentNodes[depth][i], layers.parentSteps[depth][i])) }
            return out
        }

        // reach(v, d): the largest product of hop bounds over paths start → v at forward depth d;
        // with the bound of the hop into a child, an upper bound of any full path through it.
        // Levels up to the middle are memoised across targets; later levels are per target.
        if weigh != nil && reachCache[sequence].isEmpty {
            reachCache[sequence] = [[Int32: Double]](repeating: [:], count: middle + 1)
            reachCache[sequence][0][start] = 1
        }
        var laterReach = [[Int32: Double]](repeating: [:], count: length)
        func reach(_ v: Int32, _ d: Int) -> Double {
            if d <= middle, let known = reachCache[sequence][d][v] { return known }
            if d > middle, let known = laterReach[d][v] { return known }
            if d == 0 { return v == start ? 1 : 0 }
            var best = 0.0
            for edge in incoming(v, d) {
                let r = reach(edge.node, d - 1)
                if r > 0 { best = max(best, r * (upper?(edge.node, edge.step) ?? 1)) }
            }
            if d <= middle { reachCache[sequence][d][v] = best } else { laterReach[d][v] = best }
            return best
        }

        var reversedNodes: [Int32] = [end]
        var reversedSteps: [GraphPath.Step] = []
        var reversedWeights: [Double] = []
        var pruning = true
        var stop = false

        // depth: the forward depth of the node at the end of `reversedNodes`.
        func walk(_ depth: Int, _ product: Double) {
            if stop { return }
            let node = reversedNodes[reversedNodes.count - 1]
            if depth == 0 {
                guard node == start else { return }
                let path = GraphPath(nodes: reversedNodes.reversed(), steps: reversedSteps.reversed())
                if !emit(path, reversedWeights.reversed()) { stop = true }
                return
            }
            var children: [(node: Int32, step: GraphPath.Step, weight: Double)] = []
            for edge in incoming(node, depth) where !reversedNodes.contains(edge.node) {
                children.append((edge.node, edge.step, 1))
            }
            if weigh != nil {
                // Order by the bound of the best full path through each child.
                for c in children.indices {
                    let r = reach(children[c].node, depth - 1)
                    children[c].weight = (upper?(children[c].node, children[c].step) ?? 1) * r
                }
                children.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.node < $1.node }
            } else if children.count > 1 {
                children.sort { $0.node != $1.node ? $0.node < $1.node : $0.step.relation < $1.step.relation }
            }
            for var child in children {
                if let weigh {
                    if pruning, let bound, product * child.weight < bound() { break }
                    let w = weigh(child.node, node, child.step)
                    let cap = upper?(child.node, child.step) ?? 1
                    if w < 0 || w > 1 || w > cap + 1e-12 { pruning = false }
                    if pruning, let bound, product * w * reach(child.node, depth - 1) < bound() { continue }
                    child.weight = w
                }
                reversedNodes.append(child.node)
                reversedSteps.append(child.step)
                if weigh != nil { reversedWeights.append(child.weight) }
                walk(depth - 1, product * child.weight)
                reversedNodes.removeLast()
                reversedSteps.removeLast()
                if weigh != nil { reversedWeights.removeLast() }
                if stop { return }
            }
        }
        walk(length, 1)
    }

    // MARK: Forward layers

    /// Forward frontiers F[0…depth] from one start, with each frontier node's parent edges.
    private struct ForwardLayers {
        var frontiers: [NodeSet]
        /// Per depth k ≥ 1: node → its position in frontiers[k].members (-1 when absent).
        var position: [[Int32]]
        /// Per depth k ≥ 1, CSR over frontiers[k].members: the (parent, step) edges from depth k − 1.
        var offsets: [[Int32]]
        var parentNodes: [[Int32]]
        var parentSteps: [[GraphPath.Step]]

        /// Positions in `parentNodes[depth]`/`parentSteps[depth]` of the edges reaching `node`.
        func parentRange(of node: Int32, depth: Int) -> Range<Int> {
            let index = position[depth][Int(node)]
            guard index >= 0 else { return 0..<0 }
            return Int(offsets[depth][Int(index)])..<Int(offsets[depth][Int(index) + 1])
        }
    }

    /// Points the caches at (start, pattern), dropping them when either changed.
    private func prepare(_ start: Int32, _ pattern: RelationPath) {
        guard start != cachedStart || pattern != cachedPattern else { return }
        cachedStart = start
        cachedPattern = pattern
        cachedSequences = pattern.unrolled
        // Hand the position buffers back, reset where they were written: moved out of the cache,
        // not copied (each is as long as the graph has nodes).
        var old = forwardCache
        forwardCache = []
        for i in old.indices {
            guard var layers = old[i] else { continue }
            old[i] = nil
            for depth in 1..<layers.frontiers.count {
                var buffer: [Int32] = []
                swap(&buffer, &layers.position[depth])
                for node in layers.frontiers[depth].members { buffer[Int(node)] = -1 }
                positionBuffers.append(buffer)
            }
        }
        forwardCache = [ForwardLayers?](repeating: nil, count: cachedSequences.count)
        reachCache = [[[Int32: Double]]](repeating: [], count: cachedSequences.count)
    }

    private func forwardLayers(start: Int32, sequence: Int, depth: Int) -> ForwardLayers {
        if let cached = forwardCache[sequence] { return cached }
        let hops = cachedSequences[sequence]
        var first = NodeSet(capacity: snapshot.nodeCount)
        first.insert(start)
        var layers = ForwardLayers(frontiers: [first], position: [[]], offsets: [[]], parentNodes: [[]], parentSteps: [[]])
        for k in 0..<depth {
            var next = NodeSet(capacity: snapshot.nodeCount)
            var childOf: [Int32] = [], parents: [Int32] = [], steps: [GraphPath.Step] = []
            for parent in layers.frontiers[k].members {
                forEachEdge(from: parent, hops[k], reversed: false) { child, step in
                    next.insert(child)
                    childOf.append(child)
                    parents.append(parent)
                    steps.append(step)
                }
            }
            var position = positionBuffers.popLast() ?? [Int32](repeating: -1, count: snapshot.nodeCount)
            for (i, node) in next.members.enumerated() { position[Int(node)] = Int32(i) }
            // Group the edges by child: a counting sort over member positions.
            var offsets = [Int32](repeating: 0, count: next.count + 1)
            for child in childOf { offsets[Int(position[Int(child)]) + 1] += 1 }
            for i in 0..<next.count { offsets[i + 1] += offsets[i] }
            var cursor = offsets
            var groupedNodes = [Int32](repeating: 0, count: childOf.count)
            var groupedSteps = [GraphPath.Step](repeating: .init(relation: 0, forward: true, weight: 0), count: childOf.count)
            for e in childOf.indices {
                let slot = Int(cursor[Int(position[Int(childOf[e])])])
                cursor[Int(position[Int(childOf[e])])] += 1
                groupedNodes[slot] = parents[e]
                groupedSteps[slot] = steps[e]
            }
            layers.frontiers.append(next)
            layers.position.append(position)
            layers.offsets.append(offsets)
            layers.parentNodes.append(groupedNodes)
            layers.parentSteps.append(groupedSteps)
        }
        forwardCache[sequence] = layers
        return layers
    }

    // MARK: Adjacency helpers

    /// Calls `body` with every (neighbour, step) a hop can take from `node` (or, `reversed`,
    /// every node a hop could have come from).
    @inline(__always)
    private func forEachEdge(from node: Int32, _ hop: RelationPath.Hop, reversed: Bool,
                             _ body: (Int32, GraphPath.Step) -> Void) {
        let relationCount = hop.relations.isEmpty ? snapshot.relations.count : hop.relations.count
        for index in 0..<relationCount {
            let r = hop.relations.isEmpty ? Int32(index) : hop.relations[index]
            // Walking a forward hop in reverse follows the reverse adjacency, and vice versa.
            if hop.direction != .backward {
                let csr = reversed ? snapshot.reverse[Int(r)] : snapshot.forward[Int(r)]
                for p in csr.range(Int(node)) { body(csr.targets[p], .init(relation: r, forward: true, weight: csr.weights[p])) }
            }
            if hop.direction != .forward {
                let csr = reversed ? snapshot.forward[Int(r)] : snapshot.reverse[Int(r)]
                for p in csr.range(Int(node)) { body(csr.targets[p], .init(relation: r, forward: false, weight: csr.weights[p])) }
            }
        }
    }

    /// The nodes one hop away from `nodes` (or, `reversed`, one hop before them), optionally
    /// only those in `filter`.
    private func expand(_ nodes: NodeSet, _ hop: RelationPath.Hop, reversed: Bool, keepingOnly filter: NodeSet?) -> NodeSet {
        var out = NodeSet(capacity: snapshot.nodeCount)
        for node in nodes.members {
            forEachEdge(from: node, hop, reversed: reversed) { neighbour, _ in
                if filter?.contains(neighbour) ?? true { out.insert(neighbour) }
            }
        }
        return out
    }

    /// The edges of `hop` that end at `node` and start in `sources`, as (source, step).
    private func edges(into node: Int32, _ hop: RelationPath.Hop, from sources: NodeSet)
        -> [(node: Int32, step: GraphPath.Step)] {
        var out: [(node: Int32, step: GraphPath.Step)] = []
        forEachEdge(from: node, hop, reversed: true) { source, step in
            if sources.contains(source) { out.append((source, step)) }
        }
        return out
    }
}
