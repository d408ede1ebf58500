import Testing
@testable import KGGraph

/// A small shop: two users, three items, two categories, with held-out interactions.
func makeShop() throws -> GraphDelta {
    var d = GraphDelta()
    let u1 = try d.node("u1", kind: .user), u2 = try d.node("u2", kind: .user)
    let i1 = try d.node("i1", kind: .item), i2 = try d.node("i2", kind: .item), i3 = try d.node("i3", kind: .item)
    let shoes = try d.node("Shoes", kind: .category), hats = try d.node("Hats", kind: .category)
    let bought = try d.relation("bought"), inCategory = try d.relation("in_category")
    d.addEdge(u1, bought, i1)
    d.addEdge(u1, bought, i2, split: .valid)
    d.addEdge(u2, bought, i2)
    d.addEdge(u2, bought, i3, split: .test)
    d.addEdge(i1, inCategory, shoes)
    d.addEdge(i2, inCategory, shoes)
    d.addEdge(i3, inCategory, hats)
    d.setLabel(i1, "Trail Shoe")
    d.addProperty(i1, "price", .number(49.5))
    return d
}

@Suite struct GraphSnapshotTests {
    @Test func heldOutEdgesNeverEnterTheAdjacency() throws {
        let snapshot = GraphSnapshot(SnapshotSource(try makeShop()))
        let bought = try #require(snapshot.relation(named: "bought"))
        let u1 = try #require(snapshot.node("u1")), u2 = try #require(snapshot.node("u2"))
        let i2 = try #require(snapshot.node("i2")), i3 = try #require(snapshot.node("i3"))
        #expect(Array(snapshot.forward[Int(bought)].neighbours(Int(u1))) == [snapshot.node("i1")!])
        #expect(!snapshot.forward[Int(bought)].contains(row: Int(u2), column: i3))
        #expect(!snapshot.reverse[Int(bought)].contains(row: Int(i2), column: u1))
        for r in 0..<snapshot.relations.count {
            for e in snapshot.heldOut {
                #expect(!snapshot.forward[r].contains(row: Int(e.source), column: e.target))
                #expect(!snapshot.reverse[r].contains(row: Int(e.target), column: e.source))
            }
        }
        #expect(snapshot.heldOut.count == 2)
        #expect(snapshot.relations[Int(bought)].trainEdgeCount == 2)
        #expect(snapshot.relations[Int(bought)].heldOutEdgeCount == 2)
    }

    @Test func forwardAndReverseAreTransposesPerRelation() throws {
        let snapshot = GraphSnapshot(SnapshotSource(try makeShop()))
        for r in 0..<snapshot.relations.count {
            #expect(snapshot.forward[r].transposed() == snapshot.reverse[r])
        }
    }

    @Test func interactionRelationsAreDetectedFromEndpointKinds() throws {
        let snapshot = GraphSnapshot(SnapshotSource(try makeShop()))
        #expect(snapshot.relations.map(\.isInteraction) == [true, false])
        #expect(snapshot.interactionRelations == [0])
    }

    @Test func lookupsLabelsAndProperties() throws {
        let snapshot = GraphSnapshot(SnapshotSource(try makeShop()))
        let i1 = try #require(snapshot.node("i1"))
        #expect(snapshot.displayName(i1) == "Trail Shoe")
        #expect(snapshot.displayName(snapshot.node("i2")!) == "i2")
        #expect(snapshot.property("price", of: i1) == [.number(49.5)])
        #expect(snapshot.property("price", of: snapshot.node("i2")!).isEmpty)
        #expect(snapshot.nodes(of: .category).map { snapshot.externalIDs[Int($0)] } == ["Shoes", "Hats"])
        #expect(snapshot.node("nobody") == nil)
        #expect(snapshot.degree(i1) == 2)
    }

    @Test func interactionMatrixKeepsSplitsApart() throws {
        let snapshot = GraphSnapshot(SnapshotSource(try makeShop()))
        let m = InteractionMatrix(snapshot: snapshot)
        #expect(m.userCount == 2 && m.itemCount == 3)
        #expect(m.train.offsets == [0, 1, 2])
        #expect(m.train.targets == [0, 1])
        #expect(m.valid.targets == [1] && m.valid.offsets == [0, 1, 1])
        #expect(m.test.targets == [2] && m.test.offsets == [0, 0, 1])
        #expect(m.itemIndex[Int(snapshot.node("i3")!)] == 2)
        #expect(m.userIndex[Int(snapshot.node("i3")!)] == -1)
    }
}
