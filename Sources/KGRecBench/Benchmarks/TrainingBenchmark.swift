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

/// `kgrec bench train --dataset DIR --model M [--epochs N]`: import, train, evaluate, printed as
/// JSON lines so runs can be compared.
///
/// Lines, in order:
/// - `{"event":"data",…}`: counts and import seconds;
/// - one `{"epoch":…,"loss":…,"train_seconds":…,"train_cpu_seconds":…,"eval_seconds":…,"metrics":{…}}` per epoch
///   (metrics on the valid split; when the dataset has none, on test every `monitorInterval`
///   epochs, logged only and never used to choose the epoch);
/// - `{"event":"final",…}`: the epoch kept, its valid metrics, the test metrics of that epoch,
///   the test evaluation's seconds, wall seconds and peak RSS (VmHWM, MB).
public enum TrainingBenchmark {
    /// The run's settings; defaults are the paper's (`TrainerConfig`, `ModelCatalog.Settings`).
    public struct Options: Sendable {
        /// The model and its settings, as `kgrec train` takes them; `training.model` `kgcn` runs
        /// `KGCNBenchmark` with the dataset's presets. `training.warmStart` names a checkpoint
        /// file whose layer-0 user and item embeddings the model starts from (a model trained on
        /// the same dataset, e.g. MF-BPR for NGCF).
        public var training: TrainingOptions
        /// Without a valid split: evaluate test every this many epochs for the log (0: never).
        public var monitorInterval = 0
        /// Without a valid split: move this share of each user's train interactions (chosen with
        /// the run's seed) into a valid split, for tuning and early stopping without looking at
        /// test. 0 keeps the train split whole. Default 0.
        public var validationHoldout = 0.0
        /// The flags given on the command line (name → text). `kgcn` starts from the dataset's
        /// KGCN preset and takes from `training` only the settings named here (see `runKGCN`).
        public var given: [String: String] = [:]
        /// Where to write the kept epoch's checkpoint, for a later `--init-from`. Default nowhere.
        public var saveFile: String?
        /// The knowledge graph the model sees (`--kg`): as imported, none, or with shuffled tails.
        public var knowledgeGraph = KnowledgeGraphAblation.real

        public init(model: String) { training = TrainingOptions(model: model) }

        /// The model's name.
        public var model: String { training.model }
    }

    /// The dataset imported in memory, its knowledge graph as `options.knowledgeGraph` says.
    static func loadSnapshot(_ dataset: URL, options: Options) throws -> GraphSnapshot {
        let imported = try Importer.load(path: dataset.path)
        return GraphSnapshot(options.knowledgeGraph.apply(to: SnapshotSource(imported.delta), seed: options.training.trainer.seed))
    }

    /// `("notes", [...])` for a data line, when there are notes.
    static func notesField(_ notes: [String]) -> [(String, JSON)] {
        notes.isEmpty ? [] : [("notes", .array(notes.map { .string($0) }))]
    }

    /// What the final line reports.
    public struct Outcome: Sendable {
        public let result: TrainingResult
        public let test: RankingMetrics
        public let testSeconds: Double
        public let wallSeconds: Double
        public let peakResidentMegabytes: Double
    }

    /// Runs the benchmark; every JSON line goes to `output`.
    @discardableResult
    public static func run(dataset: URL, options: Options,
                           output: @escaping (String) -> Void = { print($0) }) throws -> Outcome {
        if options.model.lowercased() == "kgcn" { return try runKGCN(dataset: dataset, options: options, output: output) }
        if let file = options.saveFile { try CheckpointFile.checkWritable(file) }
        let clock = ContinuousClock()
        let start = clock.now
        let snapshot = try loadSnapshot(dataset, options: options)
        var data = InteractionMatrix(snapshot: snapshot)
        if options.validationHoldout > 0 && data.valid.nonZeroCount == 0 {
            data = holdOut(options.validationHoldout, of: data, seed: options.training.trainer.seed)
        }
        let importSeconds = (clock.now - start).seconds
        let run = try TrainingRun(options.training, data: data, graph: snapshot)
        let trainer = run.options.trainer, settings = run.options.settings
        output(JSON.object([
            ("event", .string("data")), ("dataset", .string(dataset.lastPathComponent)), ("model", .string(options.model)),
            ("users", .int(data.userCount)), ("items", .int(data.itemCount)),
            ("train", .int(data.train.nonZeroCount)), ("valid", .int(data.valid.nonZeroCount)),
            ("test", .int(data.test.nonZeroCount)), ("threads", .int(trainer.threads)),
            ("seed", .int(Int(trainer.seed))), ("import_seconds", .measurement(importSeconds)),
            ("config", .object(trainer.entries.map { ($0.key, .string($0.value)) }
                + [("dimension", .string(settings.dimension.map(String.init) ?? "model default")),
                   ("layers", .string(settings.layers.map(String.init) ?? "model default")),
                   ("init_from", .string(options.training.warmStart ?? "none")),
                   ("kg", .string(options.knowledgeGraph.rawValue))]
                + settings.options.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ] + notesField(run.notes)))

        let model = try run.makeModel(warmStart: try options.training.warmStart.map { try CheckpointFile.read($0) })
        let evaluator = Evaluator(ks: trainer.ks, threads: trainer.threads)
        let monitorTest = data.valid.nonZeroCount == 0 && options.monitorInterval > 0
        var epochCPUStart = 0.0, epochCPUSeconds = 0.0
        let result = try run.train(model) { event in
            switch event {
            case .epochStarted: epochCPUStart = processCPUSeconds()
            case .batchFinished(_, let batch, let batches, _) where batch == batches:
                epochCPUSeconds = processCPUSeconds() - epochCPUStart
            default: break
            }
            guard case .epochFinished(let summary) = event else { return }
            var metrics = summary.metrics
            var evaluationSeconds = summary.evaluationSeconds
            var split = "valid"
            if monitorTest && summary.epoch % options.monitorInterval == 0 {
                let evaluationStart = clock.now
                metrics = evaluator.evaluate(model, on: .test, data: data)
                evaluationSeconds = (clock.now - evaluationStart).seconds
                split = "test (monitor only)"
            }
            var fields: [(String, JSON)] = [
                ("epoch", .int(summary.epoch)), ("loss", .measurement(summary.loss)),
                ("train_seconds", .measurement(summary.trainSeconds)), ("train_cpu_seconds", .measurement(epochCPUSeconds)),
                ("eval_seconds", .measurement(evaluationSeconds)),
            ]
            if let metrics {
                fields.append(("split", .string(split)))
                fields.append(("metrics", metricsJSON(metrics)))
            }
            output(JSON.object(fields))
        }

        if let file = options.saveFile { try CheckpointFile.write(result.checkpoint, to: file) }
        let testStart = clock.now
        let test = evaluator.evaluate(model, on: .test, data: data)
        let testSeconds = (clock.now - testStart).seconds
        let wall = (clock.now - start).seconds
        let peak = peakResidentMegabytes()
        output(JSON.object([
            ("event", .string("final")), ("model", .string(model.name)), ("epochs_run", .int(result.epochs.count)),
            ("best_epoch", .int(result.bestEpoch)), ("stopped_early", .bool(result.stoppedEarly)),
            ("valid", result.bestMetrics.map(metricsJSON) ?? .null), ("test", metricsJSON(test)),
            ("median_train_seconds_per_epoch", .measurement(Statistics.median(result.epochs.map(\.trainSeconds)))),
            ("test_eval_seconds", .measurement(testSeconds)), ("wall_seconds", .measurement(wall)),
            ("peak_rss_mb", .measurement(peak)),
        ]))
        return Outcome(result: result, test: test, testSeconds: testSeconds, wallSeconds: wall, peakResidentMegabytes: peak)
    }

    /// `data` with `share` of each user's train interactions moved to valid (at least one train
    /// interaction stays with every user).
    static func holdOut(_ share: Double, of data: InteractionMatrix, seed: UInt64) -> InteractionMatrix {
        var rng = SeededRNG(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        var train: [(Int32, Int32)] = [], valid: [(Int32, Int32)] = [], test: [(Int32, Int32)] = []
        for user in 0..<data.userCount {
            var items = Array(data.train.neighbours(user))
            rng.shuffle(&items)
            let held = min(items.count - 1, Int((Double(items.count) * share).rounded()))
            for (k, item) in items.enumerated() {
                if k < max(0, held) { valid.append((Int32(user), item)) } else { train.append((Int32(user), item)) }
            }
            for item in data.test.neighbours(user) { test.append((Int32(user), item)) }
        }
        return InteractionMatrix(nodesOf: data, train: train, valid: valid, test: test)
    }

    static func metricsJSON(_ metrics: RankingMetrics) -> JSON {
        .object(metrics.named.map { ($0.name, .measurement($0.value)) })
    }

    /// User + system CPU seconds of the whole process so far (all threads): next to wall seconds,
    /// it shows how much of an epoch the shared VM's cores actually gave the run.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }

    /// VmHWM from /proc/self/status in MB (0 where /proc is absent).
    public static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? 0
            return kb / 1024
        }
        return 0
    }
}

extension JSON {
    /// One benchmark line: an object's text.
    static func object(_ fields: [(String, JSON)]) -> String { JSON.object(fields).text }
}
