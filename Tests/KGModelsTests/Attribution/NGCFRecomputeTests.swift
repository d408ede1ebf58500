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
}
