import Foundation
import KGGraph
import KGModels
import KGQuery
import KGStore
import KGTestSupport
import Testing
@testable import KGRecKit

/// NGCF and PinSage on the demo graph: trained through the workspace, restored from the store,
/// used by name in queries with model-weighted explanations; and the cold-start protocol.
@Suite(.serialized) struct GNNDemoTests {
    static func options(_ model: String, seed: UInt64 = 7) -> TrainingOptions {
        var options = TrainingOptions(model: model)
        options.settings.dimension = 16
        options.settings.layers = 2
        options.trainer = ModelCatalog.trainerDefaults(for: model)
        options.trainer.epochs = 3
        options.trainer.learningRate = 0.01
        options.trainer.batchSize = 512
        options.trainer.seed = seed
        options.trainer.threads = 2
        return options
    }

    @Test(arguments: ["ngcf", "pinsage"])
    func trainsRestoresAndRecommendsOnTheDemoGraph(model: String) throws {
        let demo = try ModelIntegrationTests.Demo(), workspace = demo.workspace
        let report = try workspace.train(Self.options(model))
        #expect(report.result.epochs.count == 3 && report.result.epochs.allSatisfy { $0.loss.isFinite })
        let test = try #require(report.test)
        let evaluation = try workspace.evaluate(model: model, ks: [20], split: .test, threads: 1)
        // The restored model (settings and, for PinSage, the walks rebuilt from the checkpoint)
        // ranks exactly as the trained one did.
        #expect(evaluation.ranking.value("recall@20") == test.value("recall@20"))
        let loaded = try workspace.loadModel(named: model)
        #expect(loaded.model.name == model && loaded.model.scorer(threads: 1) is DotProductScorer)

        let outcome = try workspace.execute("recommend items for u42 using \(model) limit 5 explain")
        guard case .recommendations(let r) = outcome.result else { Issue.record("not recommendations"); return }
        #expect(r.plan.model == model && r.results.count == 5)
        let u = loaded.data.userIndex[Int(outcome.snapshot.node("u42")!)]
        for result in r.results {
            let expected = loaded.model.scores(users: [u], items: [loaded.data.itemIndex[Int(result.node)]], threads: 1)[0]
            #expect(abs(result.score - Double(expected)) < 1e-4)
            #expect(!result.explanations.isEmpty && result.sentence != nil)
            for e in result.explanations { #expect(e.hopWeights.allSatisfy { $0 > 0 && $0 <= 1 }) }
        }
    }

    /// `--init-from`: NGCF starts from the store's newest MF checkpoint or from a checkpoint
    /// file, and the first epoch's loss shows it (MF's embeddings already rank the train pairs);
    /// a source that is neither a file nor a model name is refused before anything trains.
    @Test func ngcfStartsFromAStoredOrSavedMF() throws {
        let demo = try ModelIntegrationTests.Demo(), workspace = demo.workspace
        var mf = Self.options("mf")
        mf.trainer.epochs = 30
        let trainedMF = try workspace.train(mf)
        var cold = Self.options("ngcf")
        cold.trainer.epochs = 1
        var warm = cold
        warm.warmStart = "mf"
        let coldLoss = try workspace.train(cold).result.epochs[0].loss
        let warmLoss = try workspace.train(warm).result.epochs[0].loss
        #expect(warmLoss < coldLoss - 0.05, "warm \(warmLoss), cold \(coldLoss)")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kgrec-warm-\(getpid()).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try CheckpointFile.write(trainedMF.result.checkpoint, to: file)
        #expect(try CheckpointFile.read(file) == trainedMF.result.checkpoint)
        warm.warmStart = file
        #expect(try workspace.train(warm).result.epochs[0].loss == warmLoss)

        let saved = try workspace.withStore { (store) throws(StoreError) in try store.checkpoints().count }
        warm.warmStart = "nowhere.ckpt"
        #expect { try workspace.train(warm) } throws: {
            ($0 as? KGRecError)?.description
                == "--init-from takes a checkpoint file or a model name (mf, lightgcn, ngcf, pinsage, kgcn); 'nowhere.ckpt' is neither"
        }
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: file))
        warm.warmStart = file
        #expect { try workspace.train(warm) } throws: {
            ($0 as? KGRecError)?.description.hasPrefix("'\(file)' is not a kgrec checkpoint: the checkpoint is unreadable at byte 0") == true
        }
        #expect(try workspace.withStore { (store) throws(StoreError) in try store.checkpoints().count } == saved)
        #expect { try CheckpointFile.checkWritable("/nonexistent-kgrec-folder/mf.ckpt") } throws: {
            ($0 as? KGRecError)?.description
                == "cannot write the checkpoint file '/nonexistent-kgrec-folder/mf.ckpt': '/nonexistent-kgrec-folder' is not a writable folder"
        }
        try CheckpointFile.checkWritable(file)
    }

    @Test func theSameSeedGivesTheSamePinSageCheckpoint() throws {
        let a = try ModelIntegrationTests.Demo(), b = try ModelIntegrationTests.Demo()
        let first = try a.workspace.train(Self.options("pinsage"))
        let second = try b.workspace.train(Self.options("pinsage"))
        #expect(first.result.checkpoint == second.result.checkpoint)
    }

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
        options.training = Self.options("pinsage")
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
