import KGGraph
import KGTensor
import Testing
@testable import KGModels

/// PinSage's own split: u = Σ β_ui y_i, one part per train item, and the leave-out rule of its
/// training for a user without some items.
@Suite struct PinSageAttributionTests {
    @Test func partsAreTheImportanceWeightedItemsAndAddUpToTheScore() throws {
        let data = communities()
        let model = try #require(try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 4), seed: 5)
            as? any InteractionAttribution)
        #expect(model.attributionKind == .exact)
        let attributor = model.attributor(train: data.train, threads: 1)
        let pinsage = try #require(model as? PinSage)
        for user in Int32(0)..<Int32(data.userCount) {
            let decomposition = attributor.decompose(user: user)
            #expect(decomposition.items == data.train.neighbours(Int(user)).sorted())
            // Each part is β_uj y_j, with β read from the model's own weights.
            let weights = pinsage.userWeights
            for (k, item) in decomposition.items.enumerated() {
                let p = (Int(weights.offsets[Int(user)])..<Int(weights.offsets[Int(user) + 1])).first { weights.indices[$0] == item }!
                let beta = weights.values[p]
                let expected = attributor.items.row(Int(item)).map { beta * $0 }
                #expect(zip(decomposition.parts.row(k), expected).allSatisfy { abs($0 - $1) < 1e-6 })
            }
            #expect(decomposition.rest.allSatisfy { abs($0) < 1e-5 })
            let items = (0..<Int32(data.itemCount)).map { $0 }
            let scores = model.scores(users: [Int32](repeating: user, count: items.count), items: items, threads: 1)
            for (item, score) in zip(items, scores) {
                #expect(addsUp(decomposition, item: attributor.items.row(Int(item)), to: score))
            }
        }
    }

    /// Without item j, u′ = (u − β_j y_j) / (1 − β_j); without nothing of the history, u itself.
    @Test func withoutAnItemTheOtherWeightsAreRenormalised() throws {
        let data = communities()
        let model = try #require(try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 4), seed: 5)
            as? any InteractionAttribution)
        let attributor = model.attributor(train: data.train, threads: 1)
        let user: Int32 = 0
        let decomposition = attributor.decompose(user: user)
        let u = attributor.userVector(user: user)
        let j = decomposition.items[0], part = decomposition.parts.row(0)
        let beta = zip(part, attributor.items.row(Int(j))).first { $1 != 0 }.map { $0 / $1 }!
        let expected = (0..<u.count).map { (u[$0] - part[$0]) / (1 - beta) }
        let without = try #require(attributor.userVector(user: user, without: [j]))
        #expect(zip(without, expected).allSatisfy { abs($0 - $1) < 1e-4 * max(1, abs($1)) }, "\(without) \(expected)")
        let outside = (0..<Int32(data.itemCount)).first { !decomposition.items.contains($0) }!
        #expect(attributor.userVector(user: user, without: [outside]) == u)
    }
}
