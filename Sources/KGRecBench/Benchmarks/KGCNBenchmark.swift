import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// `kgrec bench train --model kgcn --dataset DIR`: KGCN on a KGCN-layout dataset (lastfm-kgcn
/// with its fixed split and CTR pairs, Book-Crossing with the importer's seeded 6:2:2 split),
/// evaluated both ways, printed as JSON lines.
///
/// - `{"event":"data",…}`: users, items, entities, relations, KG edges, interactions and CTR
///   pairs per split, the settings, import seconds;
/// - one line per epoch: loss, train seconds (wall, and CPU seconds of the process, which
///   contention from other processes does not inflate), evaluation seconds, AUC and F1 of the valid and
///   test CTR pairs, and full-ranking Recall/NDCG@10/20 on test (train and valid items masked);
///   only the valid split decides which epoch is kept and when training stops: its CTR AUC by
///   default, or the ranking metric `trainer.validationMetric` names, whose values the line then adds;
/// - `{"event":"final",…}`: the kept epoch and its valid and test figures, the median train
///   seconds per epoch, wall seconds and peak RSS (VmHWM, MB).
public enum KGCNBenchmark {
    /// The run's settings.
    public struct Options: Sendable {
        /// The model; default the paper's Last.FM settings.
        public var model = KGCNConfig.lastFM
        /// The trainer; default `TrainerConfig.kgcnLastFM`. Its seed also seeds the model.
        public var trainer = TrainerConfig.kgcnLastFM
        /// Rank test every this many epochs for the log (0: only the kept epoch, at the end).
        /// Default 1.
        public var rankingInterval = 1
        /// The knowledge graph the model sees (`--kg`). Default as imported.
        public var knowledgeGraph = KnowledgeGraphAblation.real

        public init() {}

        /// The paper's settings for a dataset directory: Book-Crossing's when it holds
        /// `ratings_final.txt`, Last.FM's otherwise.
        public init(presetFor dataset: URL) {
            if FileManager.default.fileExists(atPath: dataset.appendingPathComponent("ratings_final.txt").path) {
                model = .bookCrossing
                trainer = .kgcnBookCrossing
            }
        }

        /// The run as `TrainingRun` takes it: KGCN with `model`'s settings and `trainer`, whose
        /// validation metric (the presets' `auc`, or a ranking metric of the valid split) picks
        /// the kept epoch and stops training.
        var training: TrainingOptions {
            var training = TrainingOptions(model: KGCN.entry.name)
            training.settings = model.settings
            training.trainer = trainer
            training.validationMetricGiven = true
            return training
        }
    }

    /// What the final line reports.
    public struct Outcome: Sendable {
        public let result: TrainingResult
        public let validCTR: CTRMetrics
        public let testCTR: CTRMetrics
        public let testRanking: RankingMetrics
        /// Seconds of the final full ranking of the test users.
        public let testRankingSeconds: Double
        public let medianTrainSeconds: Double
        public let wallSeconds: Double
        public let peakResidentMegabytes: Double
    }

    /// Runs the benchmark; every JSON line goes to `output`.
    @discardableResult
    public static func run(dataset: URL, options: Options,
                           output: @escaping (String) -> Void = { print($0) }) throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let imported = try Importer.load(path: dataset.path)
        let snapshot = GraphSnapshot(options.knowledgeGraph.apply(to: SnapshotSource(imported.delta), seed: options.trainer.seed))
        let data = InteractionMatrix(snapshot: snapshot)
        let pairs = (train: CTRPairs(snapshot: snapshot, data: data, split: .train),
                     valid: CTRPairs(snapshot: snapshot, data: data, split: .valid),
                     test: CTRPairs(snapshot: snapshot, data: data, split: .test))
        guard pairs.valid.count > 0 && pairs.test.count > 0 else {
            throw BenchmarkError("\(dataset.path): no labelled valid and test pairs (expected split/ctr_*.tsv or ratings_final.txt)")
        }
        let importSeconds = (clock.now - start).seconds
        let run = try TrainingRun(options.training, data: data, graph: snapshot)
        let trainer = run.options.trainer
        let model = try run.makeModel()
        let graph = KnowledgeGraph(snapshot: snapshot, items: data.items)
        output(JSON.object([
            ("event", .string("data")), ("dataset", .string(dataset.lastPathComponent)), ("model", .string("kgcn")),
            ("users", .int(data.userCount)), ("items", .int(data.itemCount)),
            ("entities", .int(graph.entityCount)), ("relations", .int(graph.relationCount)),
            ("kg_edges", .int(graph.edgeCount)),
            ("train", .int(data.train.nonZeroCount)), ("valid", .int(data.valid.nonZeroCount)),
            ("test", .int(data.test.nonZeroCount)),
            ("ctr_pairs", .object([("train", .int(pairs.train.count)), ("valid", .int(pairs.valid.count)),
                                   ("test", .int(pairs.test.count))])),
            ("threads", .int(trainer.threads)), ("seed", .int(Int(trainer.seed))),
            ("import_seconds", .measurement(importSeconds)),
            ("config", .object((options.model.entries + trainer.entries).map { ($0.key, .string($0.value)) })),
        ] + TrainingBenchmark.notesField(run.notes)))

        let evaluator = Evaluator(ks: Cutoffs.clamped([10, 20] + trainer.ks, itemCount: data.itemCount).ks,
                                  threads: trainer.threads)
        var cpuAtEpochStart = 0.0, cpuTrainSeconds = 0.0
        var cpuTimes: [Double] = []
        let result = try run.train(model) { event in
            switch event {
            case .epochStarted: cpuAtEpochStart = TrainingBenchmark.processCPUSeconds()
            case .batchFinished(_, let batch, let batches, _) where batch == batches:
                cpuTrainSeconds = TrainingBenchmark.processCPUSeconds() - cpuAtEpochStart
            default: break
            }
            guard case .epochFinished(let summary) = event else { return }
            let evaluationStart = clock.now
            let valid = summary.validationScore == nil ? nil : evaluator.ctr(model, on: pairs.valid)
            let test = evaluator.ctr(model, on: pairs.test)
            let ranked = options.rankingInterval > 0 && summary.epoch % options.rankingInterval == 0
            let ranking = ranked ? evaluator.evaluate(model, on: .test, data: data) : nil
            let extraSeconds = (clock.now - evaluationStart).seconds
            var fields: [(String, JSON)] = [
                ("epoch", .int(summary.epoch)), ("loss", .measurement(summary.loss)),
                ("train_seconds", .measurement(summary.trainSeconds)), ("train_cpu_seconds", .measurement(cpuTrainSeconds)),
                ("eval_seconds", .measurement(summary.evaluationSeconds + extraSeconds)),
            ]
            if let valid { fields.append(("valid", ctrJSON(valid, ranking: summary.metrics))) }
            fields.append(("test", ctrJSON(test, ranking: ranking)))
            if summary.isBest { fields.append(("best", .bool(true))) }
            cpuTimes.append(cpuTrainSeconds)
            output(JSON.object(fields))
        }

        let validCTR = evaluator.ctr(model, on: pairs.valid)
        let testCTR = evaluator.ctr(model, on: pairs.test)
        let rankingStart = clock.now
        let testRanking = evaluator.evaluate(model, on: .test, data: data)
        let rankingSeconds = (clock.now - rankingStart).seconds
        let median = Statistics.median(result.epochs.map(\.trainSeconds))
        let cpuMedian = Statistics.median(cpuTimes)
        let wall = (clock.now - start).seconds
        let peak = TrainingBenchmark.peakResidentMegabytes()
        output(JSON.object([
            ("event", .string("final")), ("model", .string("kgcn")), ("epochs_run", .int(result.epochs.count)),
            ("best_epoch", .int(result.bestEpoch)), ("stopped_early", .bool(result.stoppedEarly)),
            ("valid", ctrJSON(validCTR)), ("test", ctrJSON(testCTR, ranking: testRanking)),
            ("median_train_seconds_per_epoch", .measurement(median)), ("median_train_cpu_seconds_per_epoch", .measurement(cpuMedian)),
            ("test_ranking_seconds", .measurement(rankingSeconds)),
            ("wall_seconds", .measurement(wall)), ("peak_rss_mb", .measurement(peak)),
        ]))
        return Outcome(result: result, validCTR: validCTR, testCTR: testCTR, testRanking: testRanking,
                       testRankingSeconds: rankingSeconds, medianTrainSeconds: median, wallSeconds: wall, peakResidentMegabytes: peak)
    }

    static func ctrJSON(_ ctr: CTRMetrics, ranking: RankingMetrics? = nil) -> JSON {
        var fields: [(String, JSON)] = [("auc", .measurement(ctr.auc)), ("f1", .measurement(ctr.f1))]
        for (name, value) in ranking?.named ?? [] where name.hasPrefix("recall@") || name.hasPrefix("ndcg@") {
            fields.append((name, .measurement(value)))
        }
        return .object(fields)
    }
}

extension TrainingBenchmark {
    /// The flags `--model kgcn` reads beyond the shared training flags.
    public static let kgcnFlags = ["--neighbours", "--aggregator", "--rank-every"]

    /// `--model kgcn`: `KGCNBenchmark` with the paper's settings for the dataset (Last.FM's, or
    /// Book-Crossing's for a directory holding `ratings_final.txt`), the run's threads and seed,
    /// and every setting `options.given` names: `--epochs`, `--lr`, `--batch`, `--reg`,
    /// `--patience`, `--eval-every` and `--k` from `trainer`; `--dim` and `--layers` (the
    /// iterations H) from `settings`; `--metric` switches early stopping from the valid AUC to
    /// that ranking metric of the valid split; `--neighbours K`, `--aggregator sum|concat|neighbor`
    /// and `--rank-every N` (test ranking in the log every N epochs, 0 only at the end).
    static func runKGCN(dataset: URL, options: Options, output: @escaping (String) -> Void) throws -> Outcome {
        let kgcn = try kgcnOptions(dataset: dataset, options: options)
        let outcome = try KGCNBenchmark.run(dataset: dataset, options: kgcn, output: output)
        return Outcome(result: outcome.result, test: outcome.testRanking, testSeconds: outcome.testRankingSeconds,
                       wallSeconds: outcome.wallSeconds, peakResidentMegabytes: outcome.peakResidentMegabytes)
    }

    static func kgcnOptions(dataset: URL, options: Options) throws -> KGCNBenchmark.Options {
        var kgcn = KGCNBenchmark.Options(presetFor: dataset)
        let given = options.given, trainer = options.training.trainer
        kgcn.trainer.threads = trainer.threads
        kgcn.trainer.seed = trainer.seed
        kgcn.knowledgeGraph = options.knowledgeGraph
        if given["--epochs"] != nil { kgcn.trainer.epochs = trainer.epochs }
        if given["--lr"] != nil { kgcn.trainer.learningRate = trainer.learningRate }
        if given["--batch"] != nil { kgcn.trainer.batchSize = trainer.batchSize }
        if given["--reg"] != nil { kgcn.trainer.regularization = trainer.regularization }
        if given["--patience"] != nil { kgcn.trainer.patience = trainer.patience }
        if given["--eval-every"] != nil { kgcn.trainer.evaluationInterval = trainer.evaluationInterval }
        if given["--k"] != nil { kgcn.trainer.ks = trainer.ks }
        if given["--metric"] != nil {
            kgcn.trainer.ks = trainer.ks
            kgcn.trainer.validationMetric = trainer.validationMetric
        }
        if given["--dim"] != nil, let dimension = options.training.settings.dimension { kgcn.model.dimension = dimension }
        if let text = given["--layers"] {
            guard let iterations = options.training.settings.layers, iterations >= 1 else {
                throw BenchmarkError("option '--layers' takes KGCN's iterations H, at least 1, not '\(text)'")
            }
            kgcn.model.iterations = iterations
        }
        if let text = given["--neighbours"] {
            guard let k = NumericSetting.neighbours.range.integer(of: text) else {
                throw BenchmarkError(NumericSetting.neighbours.flagMessage(text))
            }
            kgcn.model.neighbours = k
        }
        if let text = given["--aggregator"] {
            guard let kind = KGCNAggregator.Kind(rawValue: text.lowercased()) else {
                throw BenchmarkError("option '--aggregator' takes sum, concat or neighbor, not '\(text)'")
            }
            kgcn.model.aggregator = kind
        }
        if let text = given["--rank-every"] {
            guard let n = NumericSetting.rankEvery.range.integer(of: text) else {
                throw BenchmarkError(NumericSetting.rankEvery.flagMessage(text))
            }
            kgcn.rankingInterval = n
        }
        return kgcn
    }
}
