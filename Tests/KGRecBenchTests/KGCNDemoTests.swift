import Foundation
import KGGraph
import KGModels
import KGTensor
import KGTestSupport
import Testing
@testable import KGRecBench
@testable import KGRecKit

/// KGCN end to end: on the demo catalog, whose categories, tags, brands and class hierarchy are
/// its knowledge graph, and through the benchmark runner on a tiny KGCN-layout dataset.
@Suite struct KGCNDemoTests {
    @Test func trainsOnTheDemoCatalogAndExplainsWithItsKnowledgeGraph() throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("demo.db"), searchingFrom: SharedData.projectRoot.path)
        let snapshot = try Session(storePath: dir.path("demo.db")).snapshot()
        let data = InteractionMatrix(snapshot: snapshot)
        var rng = SeededRNG(seed: 1)
        let model = KGCN(snapshot: snapshot, data: data, config: KGCNConfig(dimension: 16, neighbours: 8), rng: &rng)
        #expect(Set(model.graph.relationNames) == ["in_category", "has_tag", "brand", "subclass_of"])
        #expect(model.graph.itemCount == 300 && model.graph.entityCount == 374)

        let evaluator = Evaluator(ks: [20])
        let before = evaluator.evaluate(model, on: .test, data: data).value("recall@20")!
        var config = TrainerConfig.kgcnLastFM
        config.epochs = 15
        config.learningRate = 5e-3
        config.validationSplit = nil
        let result = try Trainer(config: config).train(model, data: data)
        let after = evaluator.evaluate(model, on: .test, data: data).value("recall@20")!
        #expect(result.epochs.last!.loss < result.epochs.first!.loss)
        // 300 items, about 2.6 test items per user: ranking at random finds about 20/270 of them.
        #expect(after > 0.2 && after > 2 * before, "recall@20 \(after), before training \(before)")

        // The explanation of a test pair names knowledge-graph neighbours of the item.
        let user = Int32(0), item = data.test.neighbours(0).first!
        let explanation = model.explain(user: user, item: item)
        let kinds = Set(explanation.hops[0].map { snapshot.kinds[Int(model.graph.entities[Int($0.neighbour)])] })
        #expect(kinds.isSubset(of: [.category, .tag, .entity]) && !kinds.isEmpty)
        #expect(explanation.relationWeights.allSatisfy { ["in_category", "has_tag", "brand"].contains(model.graph.relationName($0.relation)) })
    }

    @Test func benchmarkRunnerReportsBothProtocolsPerEpoch() throws {
        let dir = TemporaryDirectory()
        writeTinyKGCNDataset(in: dir)
        var options = KGCNBenchmark.Options()
        options.trainer.epochs = 3
        options.trainer.batchSize = 4
        var lines: [String] = []
        let outcome = try KGCNBenchmark.run(dataset: dir.url, options: options) { lines.append($0) }
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix(#"{"event":"data","dataset":""#) && lines[0].contains(#""users":4,"items":4,"entities":6"#))
        #expect(lines[0].contains(#""ctr_pairs":{"train":4,"valid":2,"test":2}"#))
        // Cut-offs 10 and 20 are more than the 4 items: both become 4.
        #expect(lines[0].contains(#""notes":["k 10 is more than the 4 items; using 4","k 20 is more than the 4 items; using 4"]"#))
        for (epoch, line) in lines[1...3].enumerated() {
            #expect(line.hasPrefix("{\"epoch\":\(epoch + 1),\"loss\":"))
            #expect(line.contains(#""valid":{"auc":"#) && line.contains(#""recall@4":"#) && line.contains(#""ndcg@4":"#))
        }
        #expect(lines[4].hasPrefix(#"{"event":"final","model":"kgcn","epochs_run":3,"#))
        #expect(outcome.result.epochs.count == 3 && outcome.testCTR.pairCount == 2)
    }

    @Test func trainingBenchmarkRunsKGCNWithItsPresets() throws {
        let dir = TemporaryDirectory()
        writeTinyKGCNDataset(in: dir)
        var options = TrainingBenchmark.Options(model: "kgcn")
        options.training.trainer.epochs = 2
        options.training.trainer.learningRate = 0.01   // not given: the preset's 5e-4 stays
        options.training.settings.dimension = 8
        options.given = ["--epochs": "2", "--dim": "8", "--neighbours": "3", "--aggregator": "concat"]
        var lines: [String] = []
        let outcome = try TrainingBenchmark.run(dataset: dir.url, options: options) { lines.append($0) }
        #expect(lines.count == 4)
        #expect(lines[0].contains(#""config":{"dimension":"8","neighbours":"3","iterations":"1","aggregator":"concat""#))
        #expect(lines[0].contains(#""epochs":"2","batch_size":"128","learning_rate":"0.0005""#))
        #expect(lines[3].hasPrefix(#"{"event":"final","model":"kgcn","epochs_run":2,"#))
        #expect(outcome.result.epochs.count == 2 && outcome.test.value("recall@4") != nil)
    }

    @Test(arguments: [
        (["--neighbours": "0"], "option '--neighbours' takes a whole number from 1 to 1024, not '0'"),
        (["--aggregator": "mean"], "option '--aggregator' takes sum, concat or neighbor, not 'mean'"),
        (["--rank-every": "-1"], "option '--rank-every' takes a whole number from 0 to 1000000, not '-1'"),
        (["--layers": "0"], "option '--layers' takes KGCN's iterations H, at least 1, not '0'"),
    ])
    func kgcnFlagsAreCheckedWithAMessage(given: [String: String], message: String) throws {
        var options = TrainingBenchmark.Options(model: "kgcn")
        options.given = given
        if given["--layers"] != nil { options.training.settings.layers = 0 }
        #expect(throws: BenchmarkError.self) { _ = try TrainingBenchmark.kgcnOptions(dataset: URL(fileURLWithPath: "/nonexistent"), options: options) }
        do {
            _ = try TrainingBenchmark.kgcnOptions(dataset: URL(fileURLWithPath: "/nonexistent"), options: options)
        } catch let error as BenchmarkError {
            #expect(error.description == message)
        }
    }

    /// `kgrec train kgcn` and `kgrec bench train --model kgcn` go through the same `TrainingRun`:
    /// on the same data with the same settings they keep the same epoch with the same parameters,
    /// and both stop on the AUC of the valid labelled pairs.
    @Test func storeTrainingAndTheBenchmarkAreOneRun() throws {
        let dir = TemporaryDirectory()
        writeTinyKGCNDataset(in: dir)
        var bench = KGCNBenchmark.Options()
        bench.trainer.epochs = 4
        bench.trainer.batchSize = 2
        bench.trainer.learningRate = 0.05
        bench.trainer.threads = 1
        let benchOutcome = try KGCNBenchmark.run(dataset: dir.url, options: bench) { _ in }

        let session = Session(storePath: dir.path("kgcn.db"))
        _ = try session.importData(path: dir.url.path, options: ImportOptions())
        var options = TrainingOptions(model: "kgcn")
        options.trainer = bench.trainer
        options.settings = bench.model.settings
        let report = try session.train(options)

        #expect(report.validationMetric == "auc")
        #expect(report.result.bestEpoch == benchOutcome.result.bestEpoch)
        #expect(report.result.epochs.map(\.validationScore) == benchOutcome.result.epochs.map(\.validationScore))
        #expect(report.result.bestValidationScore == benchOutcome.validCTR.auc)
        #expect(report.checkpoint.metric("auc") == benchOutcome.validCTR.auc)
        for (a, b) in zip(report.checkpoint.parameters, benchOutcome.result.checkpoint.parameters) {
            #expect(a.name == b.name && a.tensor.storage == b.tensor.storage)
        }
        #expect(report.testCTR?.auc == benchOutcome.testCTR.auc)
    }

    @Test func aucNeedsLabelledPairsWhenAskedForAndIsKGCNsDefaultOnlyWhereThereAreSome() throws {
        let dir = TemporaryDirectory()
        writeTinyKGCNDataset(in: dir, withCTRPairs: false)
        let session = Session(storePath: dir.path("plain.db"))
        _ = try session.importData(path: dir.url.path, options: ImportOptions())
        var options = try TrainSettings.options(model: "kgcn", SettingValues([.init(name: "epochs", text: "2"), .init(name: "batch", text: "2")]))
        let report = try session.train(options)
        #expect(report.validationMetric == "ndcg@4")
        #expect(report.notes.contains("no labelled valid pairs to measure auc on; early stopping follows ndcg@4"))

        options = try TrainSettings.options(model: "kgcn", SettingValues([.init(name: "epochs", text: "2"), .init(name: "metric", text: "auc")]))
        #expect(options.validationMetricGiven && options.trainer.validationMetric == "auc")
        do {
            _ = try session.train(options)
            Issue.record("training on auc without labelled pairs succeeded")
        } catch {
            #expect(error.description.hasPrefix("early stopping follows 'auc', but the data has no labelled valid pairs"))
        }
    }

    @Test func benchmarkRunnerNeedsLabelledPairs() throws {
        let dir = TemporaryDirectory()
        writeTinyKGCNDataset(in: dir, withCTRPairs: false)
        #expect(throws: BenchmarkError.self) { try KGCNBenchmark.run(dataset: dir.url, options: .init()) { _ in } }
    }
}

/// Four users, four artists (entities 0-3) and two more KG entities, in the KGCN Last.FM layout
/// with a fixed split and, optionally, CTR pairs.
func writeTinyKGCNDataset(in dir: TemporaryDirectory, withCTRPairs: Bool = true) {
    dir.write("item_index2entity_id.txt", "10\t0\n11\t1\n12\t2\n13\t3\n")
    dir.write("user_artists.dat", "userID\tartistID\tweight\n1\t10\t5\n1\t11\t3\n2\t11\t1\n2\t12\t9\n3\t12\t2\n3\t13\t4\n4\t13\t1\n4\t10\t2\n")
    dir.write("kg.txt", "0\tmusic.genre\t4\n1\tmusic.genre\t4\n2\tmusic.genre\t5\n3\tmusic.origin\t5\n")
    dir.write("split/train.tsv", "user_id\titem_id\n1\t10\n2\t11\n3\t12\n4\t13\n")
    dir.write("split/valid.tsv", "user_id\titem_id\n1\t11\n2\t12\n")
    dir.write("split/test.tsv", "user_id\titem_id\n3\t13\n4\t10\n")
    guard withCTRPairs else { return }
    dir.write("split/ctr_train.tsv", "user_id\titem_id\tlabel\n1\t10\t1\n1\t13\t0\n2\t11\t1\n2\t10\t0\n")
    dir.write("split/ctr_valid.tsv", "user_id\titem_id\tlabel\n1\t11\t1\n1\t12\t0\n")
    dir.write("split/ctr_test.tsv", "user_id\titem_id\tlabel\n3\t13\t1\n3\t10\t0\n")
}
