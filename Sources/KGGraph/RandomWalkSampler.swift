/// Random walks with restart over an item–context bipartite graph, counting item visits: the
/// importance-based neighbourhoods of PinSage (Ying et al., KDD 2018, §3.2) and its personalised
/// PageRank ranks.
///
/// Contexts are whatever links items: users (item → user → item, co-interaction) and
/// attributes such as categories, tags and KG entities (item → attribute → item). One hop goes
/// from an item to a context chosen uniformly among the item's edges, then to an item chosen
/// uniformly among that context's edges. A walk from an item makes one hop, counts the item it
/// lands on (the start itself is never counted), then stops with probability
/// `restartProbability` or hops on, up to `maxHops` hops. A walk from a context (a user) first
/// steps to one of its items, counts it, then continues in the same way. Over many walks the
/// counts estimate the personalised PageRank of each item with respect to the start.
///
/// Generic over `RandomNumberGenerator`, so a seeded generator fixes every walk. Each choice
/// among n neighbours takes one draw r and picks ⌊r·n / 2⁶⁴⌋; each restart test takes one draw
/// and compares (r >> 11) / 2⁵³ with the restart probability.
package struct RandomWalkSampler: Sendable {
    /// items × contexts.
    package let itemToContext: CSR
    /// contexts × items (the transpose).
    let contextToItem: CSR

    /// How many walks and how long.
    package struct Walks: Sendable, Equatable {
        /// Walks per start node.
        package var count: Int
        /// Chance of stopping after each hop (the restart of random walk with restart).
        package var restartProbability: Double
        /// The most hops of one walk.
        package var maxHops: Int

        package init(count: Int, restartProbability: Double, maxHops: Int) {
            precondition(count >= 0 && maxHops >= 1 && (0...1).contains(restartProbability),
                         "invalid walks: \(count) walks, restart \(restartProbability), \(maxHops) hops")
            self.count = count
            self.restartProbability = restartProbability
            self.maxHops = maxHops
        }
    }

    /// Visit counts of one or more walks, kept sparse: reset between starts by its touched list.
    package struct VisitCounts: Sendable {
        /// counts[item] for every item (zero where not visited).
        package private(set) var counts: [Int32]
        /// The visited items, in first-visit order.
        package private(set) var visited: [Int32] = []

        package init(itemCount: Int) {
            counts = [Int32](repeating: 0, count: itemCount)
        }

        @inline(__always)
        mutating func add(_ item: Int32) {
            if counts[Int(item)] == 0 { visited.append(item) }
            counts[Int(item)] += 1
        }

        /// Forgets every count (O(visited)).
        package mutating func reset() {
            for item in visited { counts[Int(item)] = 0 }
            visited.removeAll(keepingCapacity: true)
        }

        /// The visited items by decreasing count, ties by ascending item, at most `limit`.
        package func ranked(limit: Int = Int.max) -> [(item: Int32, count: Int32)] {
            let order = visited.sorted { counts[Int($0)] != counts[Int($1)] ? counts[Int($0)] > counts[Int($1)] : $0 < $1 }
            return order.prefix(limit).map { ($0, counts[Int($0)]) }
        }
    }

    /// A sampler over `itemToContext` (items × contexts).
    package init(itemToContext: CSR) {
        self.itemToContext = itemToContext
        contextToItem = itemToContext.transposed()
    }

    package var itemCount: Int { itemToContext.rowCount }

    /// Adds the visits of `walks` walks from `item` to `counts`.
    package func walk<R: RandomNumberGenerator>(fromItem item: Int32, _ walks: Walks, into counts: inout VisitCounts,
                                               using rng: inout R) {
        guard itemToContext.degree(Int(item)) > 0 else { return }
        for _ in 0..<walks.count {
            continueWalk(from: item, start: item, walks, into: &counts, using: &rng)
        }
    }

    /// Adds the visits of `walks` walks from `context` (a user, say) to `counts`: each walk
    /// steps to one of the context's items, counts it, then goes on as a walk from an item would.
    package func walk<R: RandomNumberGenerator>(fromContext context: Int32, _ walks: Walks,
                                               into counts: inout VisitCounts, using rng: inout R) {
        let range = contextToItem.range(Int(context))
        guard !range.isEmpty else { return }
        for _ in 0..<walks.count {
            let item = contextToItem.targets[range.lowerBound + Self.index(below: range.count, using: &rng)]
            counts.add(item)
            guard Self.unit(using: &rng) >= walks.restartProbability, walks.maxHops > 1 else { continue }
            continueWalk(from: item, start: -1, Walks(count: 1, restartProbability: walks.restartProbability,
                                                       maxHops: walks.maxHops - 1), into: &counts, using: &rng)
        }
    }

    /// Hops from `item` until a restart or `maxHops`, counting every item landed on but `start`.
    private func continueWalk<R: RandomNumberGenerator>(from item: Int32, start: Int32, _ walks: Walks,
                                                        into counts: inout VisitCounts, using rng: inout R) {
        var current = item
        for _ in 0..<walks.maxHops {
            let contexts = itemToContext.range(Int(current))
            guard !contexts.isEmpty else { return }
            let context = itemToContext.targets[contexts.lowerBound + Self.index(below: contexts.count, using: &rng)]
            let items = contextToItem.range(Int(context))
            current = contextToItem.targets[items.lowerBound + Self.index(below: items.count, using: &rng)]
            if current != start { counts.add(current) }
            if Self.unit(using: &rng) < walks.restartProbability { return }
        }
    }

    /// ⌊r·n / 2⁶⁴⌋ for one draw r: an index in 0..<n.
    @inline(__always)
    static func index<R: RandomNumberGenerator>(below n: Int, using rng: inout R) -> Int {
        Int(truncatingIfNeeded: rng.next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// (r >> 11) / 2⁵³ for one draw r: a uniform number in [0, 1).
    @inline(__always)
    static func unit<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }

    /// The `limit` most visited items of `counts` with their counts divided by the total of
    /// those kept (so they sum to 1): an importance-based neighbourhood.
    package static func importanceWeights(_ counts: VisitCounts, limit: Int) -> [(item: Int32, weight: Float)] {
        let top = counts.ranked(limit: limit)
        let total = top.reduce(0.0) { $0 + Double($1.count) }
        return top.map { ($0.item, Float(Double($0.count) / total)) }
    }
}
