import KGTestSupport
import Testing
@testable import KGGraph

/// A hand-built catalog: users u1, u2; items i1, i2, i3; categories Shoes ⊂ Apparel; tags eco, new.
///
///     u1 –bought→ i1, u2 –bought→ i2, u2 –bought→ i3 (test)
///     i1 –in_category→ Shoes, i2 –in_category→ Shoes, Shoes –subclass_of→ Apparel
///     i1 –tagged→ eco, i2 –tagged→ eco, i2 –tagged→ new, u1 –follows→ Shoes (user edge: ignored)
///     i3 has no KG edge.
func makeCatalog() throws -> GraphSnapshot {
    var d = GraphDelta()
    let u1 = try d.node("u1", kind: .user), u2 = try d.node("u2", kind: .user)
    let shoes = try d.node("Shoes", kind: .category)
    let i1 = try d.node("i1", kind: .item), i2 = try d.node("i2", kind: .item), i3 = try d.node("i3", kind: .item)
    let apparel = try d.node("Apparel", kind: .category)
    let eco = try d.node("eco", kind: .tag), new = try d.node("new", kind: .tag)
    let bought = try d.relation("bought"), inCategory = try d.relation("in_category")
    let follows = try d.relation("follows"), subclass = try d.relation("subclass_of"), tagged = try d.relation("tagged")
    d.addEdge(u1, bought, i1)
    d.addEdge(u2, bought, i2)
    d.addEdge(u2, bought, i3, split: .test)
    d.addEdge(i1, inCategory, shoes)
    d.addEdge(i2, inCategory, shoes)
    d.addEdge(shoes, subclass, apparel)
    d.addEdge(u1, follows, shoes)
    d.addEdge(i1, tagged, eco)
    d.addEdge(i2, tagged, eco)
    d.addEdge(i2, tagged, new)
    return GraphSnapshot(SnapshotSource(d))
}

/// A generator that replays fixed words, to pin down exactly which neighbours are drawn.
struct ReplayGenerator: RandomNumberGenerator {
    var words: [UInt64]
    var position = 0
    mutating func next() -> UInt64 {
        defer { position += 1 }
        return words[position % words.count]
    }
}

/// The word that makes `KnowledgeGraph.draw(below: bound)` return `value`.
func word(for value: Int, below bound: Int) -> UInt64 {
    // high(w · bound) = value for w = ceil(value · 2⁶⁴ / bound).
    let (quotient, remainder) = UInt64(bound).dividingFullWidth((high: UInt64(value), low: 0))
    return remainder == 0 ? quotient : quotient + 1
}

@Suite struct KnowledgeGraphTests {
    @Test func entitiesAreTheItemsFirstThenTheOtherNonUserNodes() throws {
        let snapshot = try makeCatalog()
        let items = ["i3", "i1", "i2"].map { snapshot.node($0)! }
        let kg = KnowledgeGraph(snapshot: snapshot, items: items)
        #expect(kg.itemCount == 3)
        #expect(kg.entities.map { snapshot.externalIDs[Int($0)] } == ["i3", "i1", "i2", "Shoes", "Apparel", "eco", "new"])
        #expect(kg.entityIndex[Int(snapshot.node("u1")!)] == -1)
        #expect(kg.entityIndex[Int(snapshot.node("eco")!)] == 5)
        // Interaction relations and relations whose only edges touch users are left out.
        #expect(kg.relationNames == ["in_category", "subclass_of", "tagged"])
        #expect(kg.relationCount == 3 && kg.selfRelation == 3 && kg.relationName(3) == "self")
        #expect(kg.edgeCount == 6)
    }

    @Test func adjacencyIsUndirectedAndTyped() throws {
        let snapshot = try makeCatalog()
        let items = snapshot.nodes(of: .item)
        let kg = KnowledgeGraph(snapshot: snapshot, items: items)
        func name(_ e: Int32) -> String { snapshot.externalIDs[Int(kg.entities[Int(e)])] }
        func row(_ id: String) -> [String] {
            let e = Int(kg.entityIndex[Int(snapshot.node(id)!)])
            return kg.range(e).map { name(kg.neighbours[$0]) + "/" + kg.relationName(kg.edgeRelations[$0]) }
        }
        #expect(row("i1") == ["Shoes/in_category", "eco/tagged"])
        #expect(row("i2") == ["Shoes/in_category", "eco/tagged", "new/tagged"])
        #expect(row("i3") == [])
        #expect(row("Shoes") == ["i1/in_category", "i2/in_category", "Apparel/subclass_of"])
        #expect(row("Apparel") == ["Shoes/subclass_of"])
        #expect(row("eco") == ["i1/tagged", "i2/tagged"])
        #expect(row("new") == ["i2/tagged"])
    }

    @Test func sampledTableMatchesTheDrawsExactly() throws {
        let snapshot = try makeCatalog()
        let kg = KnowledgeGraph(snapshot: snapshot, items: snapshot.nodes(of: .item))
        // Entities in order: i1 (2 entries), i2 (3), i3 (0), Shoes (3), Apparel (1), eco (2), new (1).
        // k = 3: i1 draws with replacement (3 draws), i2 without (3 draws: 0..<3, 0..<2, 0..<1),
        // i3 is padded (no draw), Shoes without (3 draws), Apparel with (3), eco with (3), new with (3).
        let draws: [(Int, Int)] = [
            (1, 2), (1, 2), (0, 2),          // i1: eco, eco, Shoes
            (2, 3), (0, 2), (0, 1),          // i2: new, eco, Shoes (see below)
            (0, 3), (1, 2), (0, 1),          // Shoes: i1, Apparel, i2
            (0, 1), (0, 1), (0, 1),          // Apparel
            (1, 2), (0, 2), (1, 2),          // eco: i2, i1, i2
            (0, 1), (0, 1), (0, 1),          // new
        ]
        var rng = ReplayGenerator(words: draws.map { word(for: $0.0, below: $0.1) })
        let table = kg.sampleNeighbours(k: 3, using: &rng)
        #expect(rng.position == draws.count)
        func sample(_ id: String) -> [String] {
            table.sample(of: Int(kg.entityIndex[Int(snapshot.node(id)!)])).map {
                snapshot.externalIDs[Int(kg.entities[Int($0.neighbour)])] + "/" + kg.relationName($0.relation)
            }
        }
        #expect(sample("i1") == ["eco/tagged", "eco/tagged", "Shoes/in_category"])
        // Partial Fisher–Yates over positions [0, 1, 2]: j=0 picks 0+2 → swap → [2, 1, 0], take new;
        // j=1 picks 1+0 → take position 1 (eco); j=2 picks 2+0 → take position 0 (Shoes).
        #expect(sample("i2") == ["new/tagged", "eco/tagged", "Shoes/in_category"])
        #expect(sample("i3") == ["i3/self", "i3/self", "i3/self"])
        // [0, 1, 2]: j=0 picks 0 (i1); j=1 picks 1+1 → swap → [0, 2, 1], take Apparel; j=2 takes i2.
        #expect(sample("Shoes") == ["i1/in_category", "Apparel/subclass_of", "i2/in_category"])
        #expect(sample("Apparel") == ["Shoes/subclass_of", "Shoes/subclass_of", "Shoes/subclass_of"])
        #expect(sample("eco") == ["i2/tagged", "i1/tagged", "i2/tagged"])
        #expect(sample("new") == ["i2/tagged", "i2/tagged", "i2/tagged"])
        #expect(table.relationCount == 4)
    }

    @Test func samplingIsUniformAndDistinctAtOrAboveK() throws {
        let snapshot = try makeCatalog()
        let kg = KnowledgeGraph(snapshot: snapshot, items: snapshot.nodes(of: .item))
        let shoes = Int(kg.entityIndex[Int(snapshot.node("Shoes")!)])
        let eco = Int(kg.entityIndex[Int(snapshot.node("eco")!)])
        var rng = SplitMix(state: 42)
        var shoesCounts: [Int32: Int] = [:], ecoCounts: [Int32: Int] = [:]
        let rounds = 6000
        for _ in 0..<rounds {
            let table = kg.sampleNeighbours(k: 2, using: &rng)
            let pair = table.sample(of: shoes)
            #expect(pair[0].neighbour != pair[1].neighbour, "degree 3 ≥ k = 2 samples without replacement")
            for entry in pair { shoesCounts[entry.neighbour, default: 0] += 1 }
            for entry in kg.sampleNeighbours(k: 8, using: &rng).sample(of: eco) {
                ecoCounts[entry.neighbour, default: 0] += 1
            }
        }
        // Each of Shoes' 3 neighbours appears in 2/3 of the samples; each of eco's 2 in half the draws.
        for count in shoesCounts.values { #expect(abs(Double(count) / Double(rounds) - 2.0 / 3) < 0.03) }
        #expect(shoesCounts.count == 3)
        for count in ecoCounts.values { #expect(abs(Double(count) / Double(8 * rounds) - 0.5) < 0.02) }
    }

    @Test func sameGeneratorStateGivesTheSameTable() throws {
        let snapshot = try makeCatalog()
        let kg = KnowledgeGraph(snapshot: snapshot, items: snapshot.nodes(of: .item))
        var a = SplitMix(state: 7), b = SplitMix(state: 7), c = SplitMix(state: 8)
        let first = kg.sampleNeighbours(k: 4, using: &a)
        #expect(first == kg.sampleNeighbours(k: 4, using: &b))
        var differs = false
        for _ in 0..<10 where kg.sampleNeighbours(k: 4, using: &c) != first { differs = true }
        #expect(differs)
    }

    @Test func receptiveFieldFollowsTheTable() throws {
        let table = NeighbourTable(k: 2, entityCount: 3, relationCount: 2,
                                   neighbours: [1, 2, 0, 0, 1, 1], relations: [0, 1, 1, 1, 0, 0])
        let field = table.receptiveField(of: [2, 0], hops: 2)
        #expect(field.entities == [[2, 0], [1, 1, 1, 2], [0, 0, 0, 0, 0, 0, 1, 1]])
        #expect(field.relations == [[0, 0, 0, 1], [1, 1, 1, 1, 1, 1, 0, 0]])
    }
}
