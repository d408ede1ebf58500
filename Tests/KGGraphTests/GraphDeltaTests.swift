import Testing
@testable import KGGraph

@Suite struct GraphDeltaTests {
    @Test func internsNodesAndRefinesEntityKind() throws {
        var delta = GraphDelta()
        let a = try delta.node("x", kind: .entity)
        let b = try delta.node("x", kind: .item)
        #expect(a == b)
        #expect(delta.nodeKinds == [.item])
        let c = try delta.node("x", kind: .entity)
        #expect(c == a)
        #expect(delta.nodeKinds == [.item])
    }

    @Test func twoSpecificKindsConflictWithAReadableMessage() throws {
        var delta = GraphDelta()
        try delta.node("42", kind: .user)
        #expect(throws: GraphError.kindConflict(id: "42", existing: .user, new: .item)) {
            try delta.node("42", kind: .item)
        }
        let message = GraphError.kindConflict(id: "42", existing: .user, new: .item).description
        #expect(message == "node '42' is already a user and cannot also be an item")
    }

    @Test func rejectsEmptyIDsAndRelationNamesWithSpaces() {
        var delta = GraphDelta()
        #expect(throws: GraphError.emptyID(kind: .user)) { try delta.node("", kind: .user) }
        #expect(throws: GraphError.invalidRelationName("in category")) { try delta.relation("in category") }
    }

    @Test func duplicateEdgesAreDroppedAndCounted() throws {
        var delta = GraphDelta()
        let u = try delta.node("u", kind: .user), i = try delta.node("i", kind: .item)
        let r = try delta.relation("bought")
        let first = delta.addEdge(u, r, i, weight: 2)
        let second = delta.addEdge(u, r, i, weight: 3)
        #expect(first && !second)
        #expect(delta.edges.count == 1 && delta.edges[0].weight == 2)
        #expect(delta.duplicateEdges == 1)
    }
}
