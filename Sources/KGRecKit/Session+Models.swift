import Foundation
import KGGraph
import KGModels
import KGQuery
import KGStore
import KGTensor

/// How to train one model: the model's settings and the trainer's.
public struct TrainingOptions: Sendable, Equatable {
    /// A name `ModelCatalog` knows (`mf`, `lightgcn`…).
    public var model: String
    public var settings = ModelCatalog.Settings()
    public var trainer = TrainerConfig()
    /// Where the layer-0 user and item embeddings start from instead of random values: a
    /// checkpoint file, or the name of a model whose newest checkpoint in the store is used
    /// (`--init-from`). Nil (the default) starts from the model's initialiser.
    public var warmStart: String?
    /// Whether the validation metric was asked for (`--metric`), rather than the model's default:
    /// a default `auc` falls back to `ndcg@20` on data without labelled pairs, an asked one fails.
    public var validationMetricGiven = false

    public init(model: String) {
        self.model = model
    }

    /// Whether `ModelCatalog` builds a model called `name`: one of its names, or an alias of MF
    /// (`bpr`, `mf-bpr`, `bprmf`).
    public static func isModel(_ name: String) -> Bool {
        (ModelCatalog.names + ["bpr", "mf-bpr", "bprmf"]).contains(name.lowercased())
    }

    /// The names `train` accepts.
    public static var modelNames: [String] { ModelCatalog.names }

    /// Each model with the one line its entry gives (`lightgcn: light graph convolution …`).
    public static var modelSummaries: [(name: String, summary: String)] {
        ModelCatalog.entries.map { ($0.name, $0.summary) }
    }

    /// The keys `--set` (`set` in a statement) takes for `model`.
    public static func settingKeys(for model: String) -> [String] { ModelCatalog.optionKeys(for: model) }

    /// "unknown model 'foo'; expected one of mf, lightgcn, ngcf, pinsage, kgcn"
    public static func unknownModelMessage(_ name: String) -> String {
        "unknown model '\(Excerpt.of(name))'; expected one of \(ModelCatalog.names.joined(separator: ", "))"
    }
}

/// What one training run produced.
public struct TrainingReport: Sendable {
    public var result: TrainingResult
    /// The checkpoint saved in the store: the result's, with the users and items it learned
    /// recorded in its configuration.
    public var checkpoint: Checkpoint
    /// The id of the checkpoint saved in the store.
    public var checkpointID: Int64
    /// Test metrics of the kept epoch (when the store has a test split).
    public var test: RankingMetrics?
    /// AUC and F1 of the kept epoch on the labelled test pairs (when the store has any).
    public var testCTR: CTRMetrics?
    public var seconds: Double
    /// The validation score the run followed: a ranking metric (its cut-off lowered like `notes`
    /// say) or `auc`.
    public var validationMetric: String
    /// What the run changed from what was asked ("k 1000 is more than the 300 items; using 300").
    public var notes: [String] = []
}

/// The metrics of one trained model on one split.
public struct EvaluationReport: Sendable {
    public var model: String
    public var checkpointID: Int64
    public var split: EvaluationSplit
    public var ranking: RankingMetrics
    /// AUC and F1 on the split's labelled pairs, when the store has any.
    public var ctr: CTRMetrics?
    public var seconds: Double
    /// What the evaluation changed from what was asked ("k 1000 is more than the 300 items; using 300").
    public var notes: [String] = []
}

/// A trained model restored from the store, ready to score.
public struct LoadedModel {
    public var model: any Recommender
    public var checkpoint: Checkpoint
    public var stored: StoredCheckpoint
    /// The user × item view the model's indices refer to: the store's, or the part of it the
    /// model learned when imports have added users or items since (see `note`).
    public var data: InteractionMatrix
    /// The model's user and item row of each node (indexed by node id), -1 for nodes it did not learn.
    public var userRows: [Int32]
    public var itemRows: [Int32]
    /// What the model leaves out ("model 'mf' was trained at store revision 3; …"), or nil.
    public var note: String?
    /// Which nodes the model learned, and the store revisions it was trained at and runs on.
    var coverage: ModelCoverage
}

extension Session {
    /// Trains a model on the store's train interactions, early-stopping on the valid split
    /// when there is one, and saves the best epoch's checkpoint in the store.
    /// When `isCancelled` answers true (Ctrl-C in the REPL), training stops after the current
    /// batch and the best finished epoch is saved; cancelled before any epoch finished, nothing is.
    public func train(_ options: TrainingOptions, isCancelled: (() -> Bool)? = nil,
                      observer: ((TrainingEvent) -> Void)? = nil) throws(KGRecError) -> TrainingReport {
        let clock = ContinuousClock()
        let start = clock.now
        let snapshot = try self.snapshot()
        let data = InteractionMatrix(snapshot: snapshot)
        let run = try TrainingRun(options, data: data, graph: snapshot)
        let trainer = run.options.trainer
        let model = try run.makeModel(warmStart: try options.warmStart.map { (source) throws(KGRecError) in
            try warmStartCheckpoint(source)
        })
        let result = try run.train(model, observer: observer, isCancelled: isCancelled)
        if result.cancelled && result.epochs.isEmpty {
            throw .failed("training cancelled before its first epoch ended; nothing was saved")
        }
        let evaluator = Evaluator(ks: trainer.ks, threads: trainer.threads)
        let test = data.test.nonZeroCount > 0 ? evaluator.evaluate(model, on: .test, data: data) : nil
        let testPairs = CTRPairs(snapshot: snapshot, data: data, split: .test)
        let testCTR = testPairs.count > 0 ? evaluator.ctr(model, on: testPairs) : nil
        let metric = trainer.validationMetric
        let score = result.checkpoint.metric(metric) ?? (metric == TrainingRun.auc ? testCTR?.auc : test?.value(metric)) ?? 0
        var checkpoint = result.checkpoint
        checkpoint.configuration += ModelCoverage.entries(data: data, snapshot: snapshot)
        let id = try withStore(.readWrite) { (store) throws(StoreError) in
            try store.saveCheckpoint(model: checkpoint.model, revision: snapshot.revision, metric: metric,
                                     score: score, summary: checkpoint.jsonSummary, data: checkpoint.serialized())
        }
        invalidate()
        return TrainingReport(result: result, checkpoint: checkpoint, checkpointID: id, test: test, testCTR: testCTR,
                              seconds: (clock.now - start).seconds, validationMetric: metric, notes: run.notes)
    }

    /// `options` as `train` will run them on the store (cut-offs above the item count lowered,
    /// the validation metric resolved: see `TrainingRun`), with a note for each change. `train`
    /// does this itself; a front end calls it first to show the notes and the metric before
    /// training starts.
    public func resolveTraining(_ options: inout TrainingOptions) throws(KGRecError) -> [String] {
        let snapshot = try snapshot()
        let run = try TrainingRun(options, data: InteractionMatrix(snapshot: snapshot), graph: snapshot)
        options = run.options
        return run.notes
    }

    /// The checkpoint `--init-from` names: a file when one exists at `source`, else the newest
    /// checkpoint of the model called `source` in the store.
    func warmStartCheckpoint(_ source: String) throws(KGRecError) -> Checkpoint {
        if FileManager.default.fileExists(atPath: source) { return try CheckpointFile.read(source) }
        guard ModelCatalog.names.contains(source.lowercased()) else {
            throw .failed("--init-from takes a checkpoint file or a model name (\(ModelCatalog.names.joined(separator: ", "))); "
                          + "'\(source)' is neither")
        }
        return try loadModel(named: source.lowercased()).checkpoint
    }

    /// Restores the newest checkpoint of `model` (default: the best model in the store).
    public func loadModel(named model: String? = nil) throws(KGRecError) -> LoadedModel {
        let found = try withStore { (store) throws(StoreError) -> StoredCheckpoint? in
            if let model { return try store.latestCheckpoint(model: model.lowercased()) }
            return try bestCheckpoints().first
        }
        guard let stored = found else {
            throw .failed(model.map { "no trained '\(Excerpt.of($0))' model in \(storePath); train one with 'kgrec train \(Excerpt.of($0))'" }
                          ?? "no trained model in \(storePath); train one with 'kgrec train lightgcn'")
        }
        let snapshot = try snapshot()
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(serialized: stored.data) } catch { throw .model(error) }
        let coverage = try ModelCoverage(checkpoint: checkpoint, stored: stored, data: InteractionMatrix(snapshot: snapshot),
                                         snapshot: snapshot)
        do {
            return LoadedModel(model: try restore(checkpoint, data: coverage.data, graph: snapshot), checkpoint: checkpoint,
                               stored: stored, data: coverage.data, userRows: coverage.userRows,
                               itemRows: coverage.itemRows, note: coverage.note, coverage: coverage)
        } catch {
            guard stored.revision != snapshot.revision else { throw .model(error) }
            throw .failed("model '\(checkpoint.model)' was trained at store revision \(stored.revision) and does not fit "
                          + "the store at revision \(snapshot.revision) (\(error)); retrain with 'kgrec train \(checkpoint.model)'")
        }
    }

    /// The newest checkpoint of each model, with data, best validation score first.
    func bestCheckpoints() throws(StoreError) -> [StoredCheckpoint] {
        let store: GraphStore
        do { store = try self.store() } catch { return [] }
        var newest: [String: StoredCheckpoint] = [:]
        for checkpoint in try store.checkpoints() where newest[checkpoint.model] == nil {
            newest[checkpoint.model] = checkpoint
        }
        var result: [StoredCheckpoint] = []
        for c in newest.values.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }) {
            if let full = try store.checkpoint(id: c.id) { result.append(full) }
        }
        return result
    }

    /// Evaluates a trained model: full ranking on `split` (masking train, and valid for test),
    /// and AUC/F1 on the split's labelled pairs when the store has them.
    public func evaluate(model: String?, ks: [Int], split: EvaluationSplit, threads: Int) throws(KGRecError) -> EvaluationReport {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try loadModel(named: model)
        var (ks, notes) = Cutoffs.clamped(ks, itemCount: loaded.data.itemCount)
        if let note = loaded.note { notes.append(note) }
        let evaluator = Evaluator(ks: ks, threads: threads)
        let ranking = evaluator.evaluate(loaded.model, on: split, data: loaded.data)
        let snapshot = try self.snapshot()
        let wanted: EdgeSplit = split == .test ? .test : .valid
        var users: [Int32] = [], items: [Int32] = [], labels: [Bool] = []
        for pair in snapshot.labelledPairs where pair.split == wanted {
            let u = loaded.userRows[Int(pair.user)], i = loaded.itemRows[Int(pair.item)]
            guard u >= 0, i >= 0 else { continue }
            users.append(u)
            items.append(i)
            labels.append(pair.label)
        }
        let ctr = users.isEmpty ? nil : evaluator.ctr(loaded.model, users: users, items: items, labels: labels)
        return EvaluationReport(model: loaded.checkpoint.model, checkpointID: loaded.stored.id, split: split,
                                ranking: ranking, ctr: ctr, seconds: (clock.now - start).seconds, notes: notes)
    }

    /// A fresh model shaped by the checkpoint's configuration, holding its parameters.
    func restore(_ checkpoint: Checkpoint, data: InteractionMatrix, graph: GraphSnapshot) throws(ModelError) -> any Recommender {
        try ModelCatalog.make(from: checkpoint, data: data, graph: graph)
    }
}

extension Session {
    /// Every contribution `model` attributes to its score of `item` for `user` (snapshot node
    /// ids), through the same scorer queries use: what `kgrec bench explain` measures.
    package func attribution(model: String, user: Int32, item: Int32) throws(KGRecError) -> (score: Double, attribution: Attribution?) {
        let view = try view()
        return try withRunner(view) { (runner) throws(KGRecError) in
            do throws(QueryError) {
                return try runner.executor.attribution(of: item, for: user, model: model)
            } catch {
                throw .query(error, text: "attribution of \(model)")
            }
        }
    }
}
