import KGGraph
import KGModels
import KGTestSupport
import Testing
@testable import KGRecBench
@testable import KGRecKit

/// The item cold-start protocol of `kgrec bench coldstart`.
@Suite struct ColdStartBenchmarkTests {
    /// Two communities of 30 users and 30 items each (8 distinct items per user: 6 train, 1 valid,
    /// 1 test); every item has a category of its community and a colour shared across communities.
    static func communityGraph() throws -> GraphDelta {
        var delta = GraphDelta()
        let bought = try delta.relation("bought"), inCategory = try delta.relation("in_category")
        let colour = try delta.relation("colour")
        let categories = [try delta.node("c0", kind: .category), try delta.node("c1", kind: .category)]
        let colours = try (0..<3).map { try delta.node("colour\($0)", kind: .tag) }
        let items = try (0..<60).map { try delta.node("i\($0)", kind: .item) }
        for (i, item) in items.enumerated() {
            delta.addEdge(item, inCategory, categories[i / 30])
            delta.addEdge(item, colour, colours[i % 3])
        }
        var state: UInt64 = 5
        for u in 0..<60 {
            let user = try delta.node("u\(u)", kind: .user)
            let community = u / 30
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let first = Int(state >> 33) % 30
            for k in 0..<8 {
                let item = community * 30 + (first + 7 * k) % 30
                delta.addEdge(user, bought, items[item], split: k < 6 ? .train : (k == 6 ? .valid : .test))
            }
        }
        return delta
    }

    @Test func coldStartHoldsOutItemsAndRanksThemWithEveryScorer() throws {
        let delta = try Self.communityGraph()
        let full = GraphSnapshot(SnapshotSource(delta))
        let split = try ColdStartBenchmark.Split(full: full, source: SnapshotSource(delta), share: 0.2, seed: 3)
        #expect(split.heldOut.count == 12 && split.heldOut == split.heldOut.sorted())
        // Held-out items keep their attributes but lose every interaction, in every split.
        let byItem = [split.warm.train, split.warm.valid, split.warm.test].map { $0.transposed() }
        for item in split.heldOut {
            #expect(byItem.allSatisfy { $0.degree(Int(item)) == 0 })
            #expect(split.snapshot.degree(split.warm.items[Int(item)]) == 2)
        }
        let data = InteractionMatrix(snapshot: full)
        let lost = split.heldOut.map { item in
            [data.train, data.valid, data.test].map { $0.transposed().degree(Int(item)) }.reduce(0, +)
        }.reduce(0, +)
        #expect(split.relevant.nonZeroCount == lost)
        #expect(split.warm.train.nonZeroCount + split.warm.valid.nonZeroCount + split.warm.test.nonZeroCount
                + lost == data.train.nonZeroCount + data.valid.nonZeroCount + data.test.nonZeroCount)

        var options = ColdStartBenchmark.Options()
        options.heldOutShare = 0.2
        options.seed = 3
        options.training = TrainingOptions(model: "pinsage")
        options.training.settings.dimension = 16
        options.training.settings.layers = 2
        options.training.trainer = ModelCatalog.trainerDefaults(for: "pinsage")
        options.training.trainer.learningRate = 0.01
        options.training.trainer.batchSize = 512
        options.training.trainer.seed = 7
        options.training.trainer.threads = 2
        options.training.settings.options = ["walks": "50", "user_walks": "50"]
        options.training.trainer.epochs = 20
        var lines: [String] = []
        let results = try ColdStartBenchmark.run(delta: delta, name: "communities", options: options) { lines.append($0) }
        #expect(results.map(\.scorer) == ["pinsage", "paths", "popularity", "popularity_ties_by_id"])
        #expect(lines.first!.hasPrefix("{\"event\":\"data\",\"dataset\":\"communities\",\"held_out_items\":12,"))
        #expect(lines.filter { $0.contains("\"event\":\"coldstart\"") }.count == 4)
        #expect(lines.last!.hasPrefix("{\"event\":\"final\""))
        // The paths scorer follows the shared category, so it ranks each user's community first.
        let paths = try #require(results.first { $0.scorer == "paths" }).metrics
        let popularity = try #require(results.first { $0.scorer == "popularity" }).metrics
        #expect(paths.value("recall@10")! > popularity.value("recall@10")!)
        #expect(results.allSatisfy { $0.metrics.userCount == results[0].metrics.userCount && $0.metrics.userCount > 0 })
    }
}
