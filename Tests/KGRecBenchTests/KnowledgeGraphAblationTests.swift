import KGGraph
import Testing
@testable import KGRecBench

@Suite struct KnowledgeGraphAblationTests {
    /// Users u1, u2 bought i1, i2 (an interaction relation); items have a brand and a category.
    static func source() throws -> SnapshotSource {
        var d = GraphDelta()
        let u1 = try d.node("u1", kind: .user), u2 = try d.node("u2", kind: .user)
        let i1 = try d.node("i1", kind: .item), i2 = try d.node("i2", kind: .item), i3 = try d.node("i3", kind: .item)
        let acme = try d.node("acme", kind: .entity), zenith = try d.node("zenith", kind: .entity)
        let tents = try d.node("tents", kind: .category), boots = try d.node("boots", kind: .category)
        let bought = try d.relation("bought"), brand = try d.relation("brand"), inCategory = try d.relation("in_category")
        d.addEdge(u1, bought, i1)
        d.addEdge(u2, bought, i2)
        d.addEdge(u2, bought, i3, split: .test)
        for (item, maker, category) in [(i1, acme, tents), (i2, zenith, boots), (i3, acme, boots)] {
            d.addEdge(item, brand, maker)
            d.addEdge(item, inCategory, category)
        }
        return SnapshotSource(d)
    }

    static func triples(_ s: SnapshotSource, relation: Int32? = nil) -> [[Int32]] {
        (0..<s.edges.sources.count).filter { relation == nil || s.edges.relations[$0] == relation }
            .map { [s.edges.sources[$0], s.edges.relations[$0], s.edges.targets[$0]] }
    }

    @Test func noneKeepsOnlyTheInteractions() throws {
        let source = try Self.source()
        let bought = GraphSnapshot(source).interactionRelations
        #expect(bought.count == 1)
        let none = KnowledgeGraphAblation.none.apply(to: source, seed: 1)
        #expect(Self.triples(none) == Self.triples(source, relation: bought[0]))
        #expect(none.edges.splits == [.train, .train, .test])
        #expect(Self.triples(KnowledgeGraphAblation.real.apply(to: source, seed: 1)) == Self.triples(source))
    }

    /// Each relation keeps its heads and its multiset of tails; the interactions do not move;
    /// a seed fixes the permutation, and some seed moves a tail.
    @Test func shuffledPermutesTailsWithinEachRelation() throws {
        let source = try Self.source()
        let interactions = Set(GraphSnapshot(source).interactionRelations)
        var moved = false
        for seed: UInt64 in 1...20 {
            let shuffled = KnowledgeGraphAblation.shuffled.apply(to: source, seed: seed)
            #expect(Self.triples(shuffled) == Self.triples(KnowledgeGraphAblation.shuffled.apply(to: source, seed: seed)))
            #expect(shuffled.edges.sources == source.edges.sources && shuffled.edges.relations == source.edges.relations)
            for r in Set(source.edges.relations) {
                let before = Self.triples(source, relation: r).map { $0[2] }, after = Self.triples(shuffled, relation: r).map { $0[2] }
                #expect(before.sorted() == after.sorted())
                if interactions.contains(r) { #expect(before == after) } else if before != after { moved = true }
            }
        }
        #expect(moved)
    }
}
