import KGTestSupport
import Testing
@testable import KGGraph

/// A generator that replays scripted draws: `choose(k, of: n)` makes the sampler pick index k
/// among n, `uniform(f)` makes its restart test see f.
struct ScriptedRNG: RandomNumberGenerator {
    enum Draw {
        case choose(Int, of: Int)
        case uniform(Double)
    }

    var draws: [Draw]
    var position = 0

    mutating func next() -> UInt64 {
        precondition(position < draws.count, "the walk drew more than the \(draws.count) scripted values")
        defer { position += 1 }
        switch draws[position] {
        case .choose(let k, let n): return UInt64((Double(k) + 0.5) / Double(n) * 0x1p64)
        case .uniform(let f): return UInt64(f * 0x1p53) << 11
        }
    }
}

@Suite struct RandomWalkSamplerTests {
    /// Items A 0, B 1, C 2; contexts x 0, y 1; edges A–x, B–x, B–y, C–y.
    static let sampler = RandomWalkSampler(itemToContext: CSR(rows: 3, columns: 2, sources: [0, 1, 1, 2],
                                                              targets: [0, 0, 1, 1]))

    @Test func scriptedWalksFromAnItemCountWhatTheyLandOn() {
        // Walk 1: A→x→B (B 1), go on (0.9); B→y→C (C 1), restart (0.2).
        // Walk 2: A→x→A (the start: not counted), go on; A→x→B (B 2), go on; B→x→B (B 3), and
        // the third hop is the last (maxHops 3) however the test comes out.
        var rng = ScriptedRNG(draws: [
            .choose(0, of: 1), .choose(1, of: 2), .uniform(0.9), .choose(1, of: 2), .choose(1, of: 2), .uniform(0.2),
            .choose(0, of: 1), .choose(0, of: 2), .uniform(0.7), .choose(0, of: 1), .choose(1, of: 2), .uniform(0.6),
            .choose(0, of: 2), .choose(1, of: 2), .uniform(0.9),
        ])
        var counts = RandomWalkSampler.VisitCounts(itemCount: 3)
        Self.sampler.walk(fromItem: 0, .init(count: 2, restartProbability: 0.5, maxHops: 3), into: &counts, using: &rng)
        #expect(rng.position == rng.draws.count)
        #expect(counts.counts == [0, 3, 1])
        #expect(counts.ranked().map(\.item) == [1, 2] && counts.ranked().map(\.count) == [3, 1])
        #expect(RandomWalkSampler.importanceWeights(counts, limit: 2).map(\.weight) == [0.75, 0.25])
        #expect(RandomWalkSampler.importanceWeights(counts, limit: 1).map(\.item) == [1])
        counts.reset()
        #expect(counts.counts == [0, 0, 0] && counts.visited.isEmpty)
    }

    @Test func scriptedWalkFromAContextCountsItsFirstItem() {
        // y→B (B 1), go on (0.8); B→x→A (A 1), restart (0.1).
        var rng = ScriptedRNG(draws: [.choose(0, of: 2), .uniform(0.8), .choose(0, of: 2), .choose(0, of: 2), .uniform(0.1)])
        var counts = RandomWalkSampler.VisitCounts(itemCount: 3)
        Self.sampler.walk(fromContext: 1, .init(count: 1, restartProbability: 0.5, maxHops: 4), into: &counts, using: &rng)
        #expect(rng.position == rng.draws.count)
        #expect(counts.counts == [1, 1, 0])
        // Ties rank by item.
        #expect(counts.ranked().map(\.item) == [0, 1])
    }

    /// Two-hop walks from A without restarts visit B once per walk and C an eighth of a time in
    /// expectation (by hand: hop 1 lands on B with ½; hop 2 lands on B with ¼ from A and ¼ from B,
    /// on C with ⅛), so 40,000 walks count B ≈ 40,000 and C ≈ 5,000.
    @Test func visitFrequenciesMatchTheHandComputedExpectation() {
        var rng = SplitMix(state: 7)
        var counts = RandomWalkSampler.VisitCounts(itemCount: 3)
        Self.sampler.walk(fromItem: 0, .init(count: 40_000, restartProbability: 0, maxHops: 2), into: &counts, using: &rng)
        #expect(counts.counts[0] == 0)
        #expect(abs(Double(counts.counts[1]) - 40_000) < 5 * 200, "B visited \(counts.counts[1]) times")
        #expect(abs(Double(counts.counts[2]) - 5_000) < 5 * 66, "C visited \(counts.counts[2]) times")
    }

    @Test func isolatedItemsAndEmptyContextsVisitNothing() {
        let sampler = RandomWalkSampler(itemToContext: CSR(rows: 2, columns: 2, sources: [0], targets: [0]))
        var rng = SplitMix(state: 1)
        var counts = RandomWalkSampler.VisitCounts(itemCount: 2)
        sampler.walk(fromItem: 1, .init(count: 10, restartProbability: 0.5, maxHops: 3), into: &counts, using: &rng)
        sampler.walk(fromContext: 1, .init(count: 10, restartProbability: 0.5, maxHops: 3), into: &counts, using: &rng)
        // Item 0's only context leads back to item 0, the start: nothing to count.
        sampler.walk(fromItem: 0, .init(count: 10, restartProbability: 0.5, maxHops: 3), into: &counts, using: &rng)
        #expect(counts.visited.isEmpty)
    }
}

@Suite struct ItemAttributesTests {
    @Test func attributesAreTheNonUserNonItemNeighboursOverOtherRelations() throws {
        var delta = GraphDelta()
        let u = try delta.node("u1", kind: .user), i1 = try delta.node("i1", kind: .item), i2 = try delta.node("i2", kind: .item)
        let shoes = try delta.node("shoes", kind: .category), red = try delta.node("red", kind: .tag)
        let acme = try delta.node("acme", kind: .entity)
        let bought = try delta.relation("bought"), inCategory = try delta.relation("in_category")
        let hasTag = try delta.relation("has_tag"), makes = try delta.relation("makes")
        let similar = try delta.relation("similar_to"), colour = try delta.relation("colour")
        delta.addEdge(u, bought, i1)
        delta.addEdge(i1, inCategory, shoes)
        delta.addEdge(i2, inCategory, shoes)
        delta.addEdge(i1, hasTag, red)
        delta.addEdge(acme, makes, i2)
        delta.addEdge(i1, similar, i2)
        delta.addEdge(i1, colour, red)
        let snapshot = GraphSnapshot(SnapshotSource(delta))
        let attributes = ItemAttributes(snapshot: snapshot, items: [i2, i1])
        #expect(attributes.nodes == [shoes, red, acme].sorted())
        let index = { (node: Int32) in Int32(attributes.nodes.firstIndex(of: node)!) }
        #expect(Array(attributes.matrix.neighbours(0)) == [index(shoes), index(acme)].sorted())
        #expect(Array(attributes.matrix.neighbours(1)) == [index(shoes), index(red)].sorted())
    }
}
