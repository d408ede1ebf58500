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

@Suite struct HeaviestPathTests {
    /// A random graph: 40 nodes, 3 relations, ~200 edges, seeded.
    private func randomGraph(seed: UInt64) throws -> GraphSnapshot {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var delta = GraphDelta()
        let nodes = try (0..<40).map { try delta.node("n\($0)", kind: .entity) }
        let relations = try (0..<3).map { try delta.relation("r\($0)") }
        for _ in 0..<200 {
            delta.addEdge(nodes[next(40)], relations[next(3)], nodes[next(40)], weight: Float(1 + next(4)))
        }
        return GraphSnapshot(SnapshotSource(delta))
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func branchAndBoundFindsTheBruteForceBest(seed: UInt64) throws {
        let g = try randomGraph(seed: seed)
        // A deterministic weight in [0, 1] per hop, and a valid bound: the normalised edge weight.
        func normalised(_ from: Int32, _ step: GraphPath.Step) -> Double {
            let csr = step.forward ? g.forward[Int(step.relation)] : g.reverse[Int(step.relation)]
            let total = csr.range(Int(from)).reduce(0.0) { $0 + Double(csr.weights[$1]) }
            return Double(step.weight) / total
        }
        func weight(_ from: Int32, _ to: Int32, _ step: GraphPath.Step) -> Double {
            let similarity = Double((Int(from) * 31 + Int(to) * 17 + Int(step.relation) * 7) % 10) / 10
            return similarity * normalised(from, step)
        }
        let patterns = [
            RelationPath([.init(relations: [0, 1], direction: .forward), .init(relations: [2], direction: .backward),
                          .init(relations: [], direction: .both)]),
            PathFinder.anyPath(maxHops: 3),
            RelationPath([.init(relations: [0], direction: .both, minCount: 1, maxCount: 2),
                          .init(relations: [1, 2], direction: .forward)]),
        ]
        let finder = PathFinder(snapshot: g)
        for pattern in patterns {
            for (start, end) in [(Int32(0), Int32(5)), (3, 17), (8, 2), (11, 39)] {
                let all = finder.paths(from: start, to: end, along: pattern, limit: 100_000)
                let scored = all.map { path -> (GraphPath, Double) in
                    var product = 1.0
                    for (i, step) in path.steps.enumerated() { product *= weight(path.nodes[i], path.nodes[i + 1], step) }
                    return (path, product)
                }.sorted { a, b in
                    if a.1 != b.1 { return a.1 > b.1 }
                    if a.0.steps.count != b.0.steps.count { return a.0.steps.count < b.0.steps.count }
                    return a.0.nodes.lexicographicallyPrecedes(b.0.nodes)
                }
                for count in [1, 3] {
                    let best = finder.heaviestPaths(from: start, to: end, along: pattern, count: count, hopWeight: weight,
                                                    hopBound: normalised)
                    let expected = scored.prefix(count)
                    #expect(best.map(\.weight) == expected.map(\.1), "pattern \(pattern) \(start)→\(end)")
                    #expect(best.allSatisfy { $0.path.exists(in: g) })
                    let unbounded = finder.heaviestPaths(from: start, to: end, along: pattern, count: count, hopWeight: weight)
                    #expect(unbounded.map(\.weight) == expected.map(\.1))
                }
            }
        }
    }
}
