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
///   default, or a ranking metric of it (`Options.earlyStopping`), whose values the line then adds;
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
        /// What the kept epoch and early stopping follow. Default `.validAUC`.
        public var earlyStopping = EarlyStopping.validAUC

        public init() {}

        /// The paper's settings for a dataset directory: Book-Crossing's when it holds
        /// `ratings_final.txt`, Last.FM's otherwise.
        public init(presetFor dataset: URL) {
            if FileManager.default.fileExists(atPath: dataset.appendingPathComponent("ratings_final.txt").path) {
                model = .bookCrossing
                trainer = .kgcnBookCrossing
            }
        }
    }

    /// The validation that picks the kept epoch.
    public enum EarlyStopping: Sendable, Equatable {
        /// The AUC of the valid CTR pairs (KGCN's protocol).
        case validAUC
        /// `trainer.validationMetric` (e.g. `ndcg@20`) of a full ranking of the valid split
        /// (RecBole's protocol, for top-K comparisons).
        case validRanking
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
        let snapshot = GraphSnapshot(SnapshotSource(imported.delta))
        let data = InteractionMatrix(snapshot: snapshot)
        let pairs = (train: CTRPairs(snapshot: snapshot, data: data, split: .train),
                     valid: CTRPairs(snapshot: snapshot, data: data, split: .valid),
                     test: CTRPairs(snapshot: snapshot, data: data, split: .test))
        guard pairs.valid.count > 0 && pairs.test.count > 0 else {
            throw BenchmarkError("\(dataset.path): no labelled valid and test pairs (expected split/ctr_*.tsv or ratings_final.txt)")
        }
        let importSeconds = (clock.now - start).seconds
        var options = options
        let notes = Cutoffs.clamp(&options.trainer, itemCount: data.itemCount)
        var rng = SeededRNG(seed: options.trainer.seed)
        let model = KGCN(snapshot: snapshot, data: data, config: options.model, rng: &rng)
        output(JSON.object([
            ("event", .string("data")), ("dataset", .string(dataset.lastPathComponent)), ("model", .string("kgcn")),
            ("users", .int(data.userCount)), ("items", .int(data.itemCount)),
            ("entities", .int(model.graph.entityCount)), ("relations", .int(model.graph.relationCount)),
            ("kg_edges", .int(model.graph.edgeCount)),
            ("train", .int(data.train.nonZeroCount)), ("valid", .int(data.valid.nonZeroCount)),
            ("test", .int(data.test.nonZeroCount)),
            ("ctr_pairs", .object([("train", .int(pairs.train.count)), ("valid", .int(pairs.valid.count)),
                                   ("test", .int(pairs.test.count))])),
            ("threads", .int(options.trainer.threads)), ("seed", .int(Int(options.trainer.seed))),
            ("import_seconds", .measurement(importSeconds)),
            ("config", .object((options.model.entries + options.trainer.entries).map { ($0.key, .string($0.value)) })),
        ] + TrainingBenchmark.notesField(notes)))

        let evaluator = Evaluator(ks: Cutoffs.clamped([10, 20] + options.trainer.ks, itemCount: data.itemCount).ks,
                                  threads: options.trainer.threads)
        let lastValid = Box<CTRMetrics?>(nil)
        let cpuAtEpochStart = Box(0.0), cpuTrainSeconds = Box(0.0)
        var cpuTimes: [Double] = []
        let validation = ValidationScore(metric: "auc") { model in
            let metrics = evaluator.ctr(model, on: pairs.valid)
            lastValid.value = metrics
            return metrics.auc
        }
        var trainer = options.trainer
        if options.earlyStopping == .validRanking { trainer.validationSplit = .valid }
        let stopOnAUC = options.earlyStopping == .validAUC
        let result = try Trainer(config: trainer).train(model, data: data, validationScore: stopOnAUC ? validation : nil) { event in
            switch event {
            case .epochStarted: cpuAtEpochStart.value = processCPUSeconds()
            case .batchFinished(_, let batch, let batches, _) where batch == batches:
                cpuTrainSeconds.value = processCPUSeconds() - cpuAtEpochStart.value
            default: break
            }
            guard case .epochFinished(let summary) = event else { return }
            let evaluationStart = clock.now
            let validated = summary.validationScore != nil
            let valid = !validated ? nil : stopOnAUC ? lastValid.value : evaluator.ctr(model, on: pairs.valid)
            let test = evaluator.ctr(model, on: pairs.test)
            let ranked = options.rankingInterval > 0 && summary.epoch % options.rankingInterval == 0
            let ranking = ranked ? evaluator.evaluate(model, on: .test, data: data) : nil
            let extraSeconds = (clock.now - evaluationStart).seconds
            var fields: [(String, JSON)] = [
                ("epoch", .int(summary.epoch)), ("loss", .measurement(summary.loss)),
                ("train_seconds", .measurement(summary.trainSeconds)), ("train_cpu_seconds", .measurement(cpuTrainSeconds.value)),
                ("eval_seconds", .measurement(summary.evaluationSeconds + extraSeconds)),
            ]
            if let valid { fields.append(("valid", ctrJSON(valid, ranking: summary.metrics))) }
            fields.append(("test", ctrJSON(test, ranking: ranking)))
            if summary.isBest { fields.append(("best", .bool(true))) }
            cpuTimes.append(cpuTrainSeconds.value)
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
        let given = options.given, trainer = options.trainer
        kgcn.trainer.threads = trainer.threads
        kgcn.trainer.seed = trainer.seed
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
            kgcn.earlyStopping = .validRanking
        }
        if given["--dim"] != nil, let dimension = options.settings.dimension { kgcn.model.dimension = dimension }
        if let text = given["--layers"] {
            guard let iterations = options.settings.layers, iterations >= 1 else {
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

/// CPU seconds used by the process so far (all threads): unlike wall time, not inflated when
/// other processes share the cores.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// A mutable cell shared by the validation closure and the epoch observer.
private final class Box<Value> {
    var value: Value
    init(_ value: Value) { self.value = value }
}
