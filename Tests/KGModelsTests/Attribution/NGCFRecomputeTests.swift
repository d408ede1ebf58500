import KGGraph
import KGTensor
import Testing
@testable import KGModels

/// NGCF's user-side recompute without an interaction: with one layer, the items' layer inputs
/// are their embeddings, untouched by the removal, so it must equal NGCF propagated from
/// scratch over the graph without that edge, with the same parameters.
@Suite struct NGCFRecomputeTests {
    @Test(arguments: NGCF.Adjacency.allCases)
    func oneLayerRecomputeEqualsTheFullPropagation(adjacency: NGCF.Adjacency) throws {
        let data = communities()
        var config = NGCF.Config()
        config.dimension = 4
        config.layerSizes = [4]
        config.adjacency = adjacency
        var rng = SeededRNG(seed: 9)
        let model = NGCF(interactions: data.train, config: config, rng: &rng)
        let attributor = model.ngcfAttributor(train: data.train, threads: 1)
        for user in [Int32(0), 3, 7] {
            let removed = data.train.neighbours(Int(user)).first!
            var sources: [Int32] = [], targets: [Int32] = []
            for u in 0..<data.train.rowCount {
                for item in data.train.neighbours(u) where !(u == Int(user) && item == removed) {
                    sources.append(Int32(u))
                    targets.append(item)
                }
            }
            let reduced = CSR(rows: data.train.rowCount, columns: data.train.columnCount, sources: sources, targets: targets)
            var other = SeededRNG(seed: 1)
            let scratch = NGCF(interactions: reduced, config: config, rng: &other)
            for (a, b) in zip(scratch.parameters, model.parameters) { a.value = b.value }
            let expected = scratch.propagate(threads: 1).row(Int(user))
            let recomputed = try #require(attributor.userVector(user: user, without: [removed]))
            #expect(zip(recomputed, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "user \(user): \(recomputed) vs \(expected)")
            #expect(recomputed != attributor.userVector(user: user))
        }
    }

    /// Each part is what removing its interaction takes from every score: ⟨part_j, e_i⟩ equals
    /// the score minus the score recomputed without j, and the parts and the rest add up to e_u.
    @Test func partsAreTheDropsOfTheRecompute() throws {
        let data = communities()
        let model = try #require(try ModelCatalog.make("ngcf", data: data, settings: .init(dimension: 4), seed: 5)
            as? any InteractionAttribution)
        #expect(model.attributionKind == .counterfactual)
        let attributor = model.attributor(train: data.train, threads: 1)
        for user in [Int32(1), 5] {
            let decomposition = attributor.decompose(user: user)
            let u = attributor.userVector(user: user)
            for item in [Int32(0), 4, 9] {
                let e = attributor.items.row(Int(item))
                let score = zip(u, e).reduce(0) { $0 + $1.0 * $1.1 }
                for (k, j) in decomposition.items.enumerated() {
                    let without = try #require(attributor.userVector(user: user, without: [j]))
                    let drop = score - zip(without, e).reduce(0) { $0 + $1.0 * $1.1 }
                    let stated = zip(decomposition.parts.row(k), e).reduce(0) { $0 + $1.0 * $1.1 }
                    #expect(abs(stated - drop) < 1e-4 * max(1, abs(score)))
                }
                #expect(addsUp(decomposition, item: e, to: score))
            }
        }
    }
}
