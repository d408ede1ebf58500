import Dispatch
import KGGraph
import KGTensor

/// What PinSage reads off random walks once, when the model is built: each item's
/// importance-based neighbourhood, each user's item weights and hard-negative candidates.
///
/// The walk graph links items to contexts: the users 0..<U (train interactions) followed by the
/// attributes U..<U+A. Every start node walks with its own generator, seeded from the model's
/// seed and the node's index, so the result does not depend on the order or the thread count.
struct PinSageGraph {
    /// items × items: row i holds the top-T items of walks from i, weights summing to 1.
    let neighbourhoods: SparseMatrix
    /// users × items: row u holds β_ui ∝ 1 + visits over u's train items, summing to 1.
    let userWeights: SparseMatrix
    /// users × items: row u lists the items at `hardNegativeRanks` among those u's walks visit
    /// and u has no train interaction with, most visited first.
    let hardNegatives: CSR

    init(interactions: CSR, attributes: CSR?, config: PinSage.Config, seed: UInt64) {
        let users = interactions.rowCount, items = interactions.columnCount
        let sampler = RandomWalkSampler(itemToContext: PinSageGraph.walkGraph(interactions: interactions,
                                                                              attributes: attributes))
        let itemRows = PinSageGraph.perNode(items, itemCount: items) { item, counts in
            var rng = SeededRNG(seed: seed &+ UInt64(item) &* 0x9E37_79B9_7F4A_7C15)
            sampler.walk(fromItem: Int32(item), config.itemWalks, into: &counts, using: &rng)
            return RandomWalkSampler.importanceWeights(counts, limit: config.neighbours)
        }
        neighbourhoods = PinSageGraph.matrix(rows: items, columns: items, itemRows)

        let userSeed = seed ^ 0xD1B5_4A32_D192_ED03
        let userRows = PinSageGraph.perNode(users, itemCount: items) { user, counts in
            var rng = SeededRNG(seed: userSeed &+ UInt64(user) &* 0x9E37_79B9_7F4A_7C15)
            sampler.walk(fromContext: Int32(user), config.userWalkSettings, into: &counts, using: &rng)
            var weights: [(item: Int32, weight: Float)] = []
            var total: Float = 0
            for p in interactions.range(user) {
                let item = interactions.targets[p]
                let weight = 1 + Float(counts.counts[Int(item)])
                weights.append((item, weight))
                total += weight
            }
            let ranked = counts.ranked().filter { !interactions.contains(row: user, column: $0.item) }
            let band = min(config.hardNegativeRanks.lowerBound, ranked.count)..<min(config.hardNegativeRanks.upperBound, ranked.count)
            return (weights: weights.map { (item: $0.item, weight: $0.weight / total) },
                    hard: ranked[band].map { (item: $0.item, weight: Float(1)) })
        }
        userWeights = PinSageGraph.matrix(rows: users, columns: items, userRows.map(\.weights))
        let hard = PinSageGraph.matrix(rows: users, columns: items, userRows.map(\.hard), sortColumns: false)
        hardNegatives = CSR(rowCount: users, columnCount: items, offsets: hard.offsets, targets: hard.indices,
                            weights: hard.values)
    }

    /// items × (users + attributes): each item's users, then its attributes offset by U.
    static func walkGraph(interactions: CSR, attributes: CSR?) -> CSR {
        let users = interactions.rowCount
        let byItem = interactions.transposed()
        var sources: [Int32] = [], targets: [Int32] = []
        sources.reserveCapacity(byItem.nonZeroCount + (attributes?.nonZeroCount ?? 0))
        targets.reserveCapacity(sources.capacity)
        for item in 0..<byItem.rowCount {
            for p in byItem.range(item) {
                sources.append(Int32(item))
                targets.append(byItem.targets[p])
            }
            if let attributes {
                for p in attributes.range(item) {
                    sources.append(Int32(item))
                    targets.append(Int32(users) + attributes.targets[p])
                }
            }
        }
        return CSR(rows: byItem.rowCount, columns: users + (attributes?.columnCount ?? 0), sources: sources,
                   targets: targets)
    }

    /// `body(node, counts)` for every node in 0..<count, on two threads when there are many, each
    /// thread with its own visit counter over `itemCount` items (reset after each node); the
    /// results in node order.
    static func perNode<T>(_ count: Int, itemCount: Int,
                           _ body: @escaping @Sendable (Int, inout RandomWalkSampler.VisitCounts) -> T) -> [T] {
        let parts = count >= 256 ? 2 : 1
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        let shared = UnsafeSendable(slots)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var counts = RandomWalkSampler.VisitCounts(itemCount: itemCount)
            for node in (count * part / parts)..<(count * (part + 1) / parts) {
                shared.value[node] = body(node, &counts)
                counts.reset()
            }
        }
        return (0..<count).compactMap { slots[$0] }
    }

    /// A CSR matrix from per-row (column, value) lists; columns sorted unless told otherwise.
    static func matrix(rows: Int, columns: Int, _ entries: [[(item: Int32, weight: Float)]],
                       sortColumns: Bool = true) -> SparseMatrix {
        var offsets = [Int32](repeating: 0, count: rows + 1)
        var indices: [Int32] = [], values: [Float] = []
        for (r, row) in entries.enumerated() {
            for entry in sortColumns ? row.sorted(by: { $0.item < $1.item }) : row {
                indices.append(entry.item)
                values.append(entry.weight)
            }
            offsets[r + 1] = Int32(indices.count)
        }
        return SparseMatrix(rows: rows, columns: columns, offsets: offsets, indices: indices, values: values)
    }
}
