import Testing
import KGGraph
import KGTensor
@testable import KGModels

/// A random user–item graph: each user interacts with 1…`maxDegree` distinct items.
func randomInteractions(users: Int, items: Int, maxDegree: Int, seed: UInt64) -> CSR {
    var rng = SeededRNG(seed: seed)
    var sources: [Int32] = [], targets: [Int32] = []
    for u in 0..<users {
        var chosen = Set<Int32>()
        let degree = 1 + rng.next(below: maxDegree)
        while chosen.count < degree { chosen.insert(Int32(rng.next(below: items))) }
        for i in chosen.sorted() {
            sources.append(Int32(u))
            targets.append(i)
        }
    }
    return CSR(rows: users, columns: items, sources: sources, targets: targets)
}

/// LightGCN over `train` with N(0, 1) embeddings, so scores are of order one.
func lightGCN(_ train: CSR, dimension: Int, layers: Int, seed: UInt64) -> LightGCN {
    var rng = SeededRNG(seed: seed)
    return LightGCN(interactions: train, config: .init(dimension: dimension, layers: layers,
                                                       initializer: .normal(standardDeviation: 1)), rng: &rng)
}

func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

/// Whether ⟨rest, e_i⟩ + Σ_j ⟨parts[j], e_i⟩ is `score` within `tolerance` relative to the sum of
/// the terms' magnitudes (the rounding the sum can carry).
func addsUp(_ decomposition: UserDecomposition, item vector: [Float], to score: Float, tolerance: Float = 1e-4) -> Bool {
    let terms = [dot(decomposition.rest, vector)]
        + (0..<decomposition.items.count).map { dot(decomposition.parts.row($0), vector) }
    let scale = terms.reduce(abs(score)) { $0 + abs($1) }
    return abs(terms.reduce(0, +) - score) <= tolerance * max(scale, 1e-3)
}

@Suite struct LightGCNAttributionTests {
    /// ⟨rest, e_i⟩ + Σ_j ⟨parts[j], e_i⟩ is the model's score, for every K; the attributor's
    /// vectors are the scorer's; removing nothing (or an item outside the history) changes nothing.
    @Test(arguments: 0...3)
    func decompositionAddsUpToTheScore(layers: Int) {
        let train = randomInteractions(users: 30, items: 40, maxDegree: 8, seed: 7)
        let model = lightGCN(train, dimension: 8, layers: layers, seed: 3)
        let attributor = model.attributor(train: train, threads: 1)
        let final = model.propagate(threads: 1)
        #expect(attributor.items.maxAbsoluteDifference(final.rows(30..<70)) == 0)
        var rng = SeededRNG(seed: 9)
        for _ in 0..<40 {
            let user = Int32(rng.next(below: 30)), item = Int32(rng.next(below: 40))
            let score = model.scores(users: [user], items: [item], threads: 1)[0]
            let decomposition = attributor.decompose(user: user)
            #expect(addsUp(decomposition, item: attributor.items.row(Int(item)), to: score), "user \(user) item \(item) K \(layers)")
            #expect(attributor.userVector(user: user) == final.row(Int(user)))
            #expect(decomposition.rest == model.embedding.value.row(Int(user)).map { $0 * (1 / Float(layers + 1)) })
            let history = train.neighbours(Int(user)).sorted()
            #expect(decomposition.items == (layers == 0 ? [] : history))
            #expect(attributor.userVector(user: user, without: []) == attributor.userVector(user: user))
            let outside = (0..<40).map(Int32.init).first { !history.contains($0) }!
            #expect(attributor.userVector(user: user, without: [outside]) == attributor.userVector(user: user))
        }
    }

    /// With one layer the user-side recompute is exact for the user, and items the user never
    /// interacted with keep their vectors, so ⟨e'_u, e_i⟩ must match the full recompute there.
    @Test func userRecomputeMatchesTheFullRecomputeWithOneLayer() {
        let train = randomInteractions(users: 30, items: 40, maxDegree: 8, seed: 12)
        let model = lightGCN(train, dimension: 8, layers: 1, seed: 4)
        let attributor = model.attributor(train: train, threads: 1)
        for user in Int32(0)..<30 {
            let history = train.neighbours(Int(user)).sorted()
            let removed = history[history.count / 2]
            let others = (0..<40).map(Int32.init).filter { !history.contains($0) }
            let vector = attributor.userVector(user: user, without: [removed])!
            let expected = model.scoresAfterRemoving(user: user, item: removed, scoring: others, train: train)
            for (item, score) in zip(others, expected) {
                let recomputed = dot(vector, attributor.items.row(Int(item)))
                #expect(abs(recomputed - score) <= 1e-4 * max(1, abs(score)), "user \(user) item \(item)")
            }
        }
    }

    /// Removing every item leaves α_0 E_u; K = 0 has nothing to remove.
    @Test(arguments: 0...2)
    func removingTheWholeHistoryLeavesTheOwnEmbedding(layers: Int) {
        let train = randomInteractions(users: 6, items: 9, maxDegree: 4, seed: 2)
        let model = lightGCN(train, dimension: 5, layers: layers, seed: 1)
        let attributor = model.attributor(train: train, threads: 1)
        let history = Array(train.neighbours(2))
        let own = model.embedding.value.row(2).map { $0 * (1 / Float(layers + 1)) }
        #expect(attributor.userVector(user: 2, without: history) == own)
    }

    /// The sparse-row recompute against a dense one: Â' built densely without the edge, every
    /// layer propagated for every node, on a tiny graph, removing each edge in turn (some leave a
    /// user or an item with no edges).
    @Test(arguments: 0...3)
    func edgeRemovalMatchesTheDensePropagation(layers: Int) {
        let users = 6, items = 7
        let train = randomInteractions(users: users, items: items, maxDegree: 3, seed: 5)
        let model = lightGCN(train, dimension: 4, layers: layers, seed: 6)
        let all = (0..<items).map(Int32.init)
        for user in 0..<users {
            for removed in train.neighbours(user) {
                var edges = Set<[Int]>()
                for u in 0..<users { for i in train.neighbours(u) { edges.insert([u, users + Int(i)]) } }
                edges.remove([user, users + Int(removed)])
                var degree = [Float](repeating: 0, count: users + items)
                for e in edges { degree[e[0]] += 1; degree[e[1]] += 1 }
                var adjacency = Tensor(rows: users + items, columns: users + items)
                for e in edges {
                    let value = 1 / (degree[e[0]] * degree[e[1]]).squareRoot()
                    adjacency[e[0], e[1]] = value
                    adjacency[e[1], e[0]] = value
                }
                var layer = model.embedding.value
                var final = layer.scaled(by: 1 / Float(layers + 1))
                for _ in 0..<layers {
                    layer = adjacency.matmul(layer)
                    final.add(layer, scaledBy: 1 / Float(layers + 1))
                }
                let expected = all.map { dot(final.row(user), final.row(users + Int($0))) }
                let scores = model.scoresAfterRemoving(user: Int32(user), item: removed, scoring: all, train: train)
                for (a, b) in zip(scores, expected) {
                    #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "user \(user) removed \(removed) K \(layers)")
                }
            }
        }
    }
}
