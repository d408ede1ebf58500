import Testing
@testable import KGGraph

/// A diamond with a shortcut: a → b → d, a → c → d, a → d (relation r), plus d –s→ e.
private func diamond() throws -> GraphSnapshot {
    var delta = GraphDelta()
    let ids = try ["a", "b", "c", "d", "e"].map { try delta.node($0, kind: .entity) }
    let r = try delta.relation("r"), s = try delta.relation("s")
    delta.addEdge(ids[0], r, ids[1]); delta.addEdge(ids[0], r, ids[2]); delta.addEdge(ids[0], r, ids[3])
    delta.addEdge(ids[1], r, ids[3]); delta.addEdge(ids[2], r, ids[3]); delta.addEdge(ids[3], s, ids[4], weight: 0.5)
    return GraphSnapshot(SnapshotSource(delta))
}

@Suite struct PathTests {
    @Test func walkerCountsWalksPerEndpoint() throws {
        let g = try diamond()
        var walker = PathWalker(snapshot: g)
        let r: Int32 = 0, s: Int32 = 1
        // a -r-> -r-> reaches d twice (via b and via c).
        let twoHops = walker.reach(from: 0, along: RelationPath([.init(relations: [r], direction: .forward, minCount: 2, maxCount: 2)]))
        #expect(twoHops.map(\.node) == [3] && twoHops.map(\.count) == [2])
        // r{1,2} reaches b, c once and d three times (once directly, twice in two hops).
        let upToTwo = walker.reach(from: 0, along: RelationPath([.init(relations: [r], direction: .forward, minCount: 1, maxCount: 2)]))
        #expect(upToTwo.map(\.node) == [1, 2, 3] && upToTwo.map(\.count) == [1, 1, 3])
        // Backward from e over s then r: d, then a (direct), b, c.
        let back = walker.reach(from: 4, along: RelationPath([.init(relations: [s], direction: .backward),
                                                             .init(relations: [r], direction: .backward)]))
        #expect(back.map(\.node) == [0, 1, 2] && back.map(\.count) == [1, 1, 1])
        // The walker's buffers are reset between calls: the same query gives the same answer.
        let again = walker.reach(from: 0, along: RelationPath([.init(relations: [r], direction: .forward, minCount: 2, maxCount: 2)]))
        #expect(again.map(\.count) == [2])
    }

    @Test func walkerAndFinderAgreeOnCounts() throws {
        let g = try diamond()
        var walker = PathWalker(snapshot: g)
        let finder = PathFinder(snapshot: g)
        let pattern = RelationPath([.init(relations: [0], direction: .forward, minCount: 1, maxCount: 2),
                                    .init(relations: [1], direction: .forward)])
        let reached = walker.reach(from: 0, along: pattern)
        #expect(reached.map(\.node) == [4] && reached.map(\.count) == [3])
        let paths = finder.paths(from: 0, to: 4, along: pattern)
        #expect(paths.count == 3)
        #expect(paths.map(\.nodes) == [[0, 3, 4], [0, 1, 3, 4], [0, 2, 3, 4]])
        #expect(paths.allSatisfy { $0.exists(in: g) })
        #expect(paths[0].steps.last?.weight == 0.5)
    }

    @Test func anyPathsFindsBothDirectionsAndOnlySimplePaths() throws {
        let g = try diamond()
        let finder = PathFinder(snapshot: g)
        let paths = finder.anyPaths(from: 1, to: 2, maxHops: 3)
        // Two hops: b ← a → c and b → d ← c. Three: b ← a → d ← c and b → d ← a → c.
        #expect(paths.map(\.nodes) == [[1, 0, 2], [1, 3, 2], [1, 0, 3, 2], [1, 3, 0, 2]])
        for path in paths {
            #expect(Set(path.nodes).count == path.nodes.count)
            #expect(path.exists(in: g))
        }
        #expect(finder.anyPaths(from: 1, to: 2, maxHops: 3, limit: 1).count == 1)
        #expect(finder.anyPaths(from: 4, to: 4, maxHops: 2).isEmpty)
    }

    @Test func unrolledSequencesCoverEveryRepetition() {
        let path = RelationPath([.init(relations: [0], direction: .forward, minCount: 0, maxCount: 2),
                                 .init(relations: [1], direction: .backward)])
        #expect(path.unrolled.map(\.count) == [1, 2, 3])
        #expect(path.maxLength == 3)
    }
}
