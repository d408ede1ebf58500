import KGGraph
import KGTensor
import Testing
@testable import KGModels

/// PinSage's split by its own leave-out rule: without item j the user is the importance-weighted
/// mean of the other items (β renormalised), so j's part is u − (u − β_j y_j) / (1 − β_j).
@Suite struct PinSageAttributionTests {
    /// β of `user`'s train item `item`, read from the model's own weights.
    static func beta(_ pinsage: PinSage, user: Int32, item: Int32) -> Float {
        let weights = pinsage.userWeights
        let p = (Int(weights.offsets[Int(user)])..<Int(weights.offsets[Int(user) + 1])).first { weights.indices[$0] == item }!
        return weights.values[p]
    }

    @Test func partsAreTheLeaveOutDropsAndAddUpToTheScoreWithTheRest() throws {
        let data = communities()
        let model = try #require(try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 4), seed: 5)
            as? any InteractionAttribution)
        #expect(model.attributionKind == .counterfactual)
        let attributor = model.attributor(train: data.train, threads: 1)
        let pinsage = try #require(model as? PinSage)
        for user in Int32(0)..<Int32(data.userCount) {
            let decomposition = attributor.decompose(user: user)
            #expect(decomposition.items == data.train.neighbours(Int(user)).sorted())
            let u = attributor.userVector(user: user)
            for (k, item) in decomposition.items.enumerated() {
                let beta = Self.beta(pinsage, user: user, item: item)
                let y = attributor.items.row(Int(item))
                // Hand-computed: u′ = (u − β y) / (1 − β), or nothing left when j was the only item.
                let expected = (0..<u.count).map { c in beta < 1 ? u[c] - (u[c] - beta * y[c]) / (1 - beta) : u[c] }
                #expect(zip(decomposition.parts.row(k), expected).allSatisfy { abs($0 - $1) < 1e-4 * max(1, abs($1)) })
            }
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
        let pinsage = try #require(model as? PinSage)
        let attributor = model.attributor(train: data.train, threads: 1)
        let user: Int32 = 0
        let decomposition = attributor.decompose(user: user)
        let u = attributor.userVector(user: user)
        let j = decomposition.items[0], y = attributor.items.row(Int(j))
        let beta = Self.beta(pinsage, user: user, item: j)
        let expected = (0..<u.count).map { (u[$0] - beta * y[$0]) / (1 - beta) }
        let without = try #require(attributor.userVector(user: user, without: [j]))
        #expect(zip(without, expected).allSatisfy { abs($0 - $1) < 1e-4 * max(1, abs($1)) }, "\(without) \(expected)")
        let outside = (0..<Int32(data.itemCount)).first { !decomposition.items.contains($0) }!
        #expect(attributor.userVector(user: user, without: [outside]) == u)
    }
}
