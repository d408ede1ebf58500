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

/// `kgrec bench coldstart --dataset DIR`: item cold start. A seeded share of the items that have
/// interactions is held out with all their interactions (train, valid and test); PinSage trains
/// on the rest of the graph (early stopping on the remaining valid split); then every user who
/// interacted with a held-out item ranks the held-out items, and Recall/NDCG@K count those
/// interactions. Three rankers, over the same graph without the held-out interactions:
/// - `pinsage`: ⟨u, y_i⟩ with y_i built from the held-out item's graph features alone (its id
///   embedding is masked, as it has no train interaction) and its walk neighbourhood;
/// - `paths`: the query engine's model-free scorer, i.e. the number of paths the `paths`
///   scorer's default candidate path (user > interaction > attribute < attribute, the shared
///   categories, tags and entities) reaches the item by, as `recommend items for u using paths`
///   counts them;
/// - `popularity`: train-interaction counts, which are zero for every held-out item.
/// Ties, including all of popularity's, are broken in one seeded random order of the held-out
/// items, the same for every ranker. The query engine breaks them by ascending node id instead,
/// but importers number items in file order, which can follow popularity (Last.FM's artist ids
/// do): `popularity_ties_by_id` shows what that order alone scores. `random_recall` is the
/// expected Recall@K of a uniformly random ranking, min(1, K / held-out items).
///
/// Lines: `{"event":"data",…}`, one line per training epoch, then one `{"event":"coldstart",
/// "scorer":…}` per ranker, then `{"event":"final",…}`.
public enum ColdStartBenchmark {
    /// The protocol's settings.
    public struct Options: Sendable {
        /// The model and trainer settings (`kgrec train`'s flags); the model is PinSage.
        public var training = TrainingOptions(model: "pinsage")
        /// Share of the items with interactions that is held out. Default 0.1.
        public var heldOutShare = 0.1
        /// Seeds the choice of held-out items (the model and trainer take `training.trainer.seed`).
        /// Default 2026.
        public var seed: UInt64 = 2026

        public init() {}
    }

    /// One ranker's metrics on the held-out interactions.
    public struct Result: Sendable {
        public let scorer: String
        public let metrics: RankingMetrics
    }

    /// Runs the protocol; every JSON line goes to `output`.
    @discardableResult
    public static func run(dataset: URL, options: Options, output: @escaping (String) -> Void = { print($0) }) throws -> [Result] {
        try run(delta: try Importer.load(path: dataset.path).delta, name: dataset.lastPathComponent, options: options,
                output: output)
    }

    /// The protocol on an imported graph.
    static func run(delta: GraphDelta, name: String, options: Options, output: @escaping (String) -> Void) throws -> [Result] {
        let clock = ContinuousClock()
        let start = clock.now
        let full = GraphSnapshot(SnapshotSource(delta))
        let split = try Split(full: full, source: SnapshotSource(delta), share: options.heldOutShare, seed: options.seed)
        let ks = options.training.trainer.ks
        let run = try TrainingRun(options.training, data: split.warm, graph: split.snapshot)
        let trainer = run.options.trainer
        output(JSON.object([
            ("event", .string("data")), ("dataset", .string(name)),
            ("held_out_items", .int(split.heldOut.count)), ("items", .int(split.warm.itemCount)),
            ("held_out_interactions", .int(split.relevant.nonZeroCount)),
            ("users_evaluated", .int((0..<split.relevant.rowCount).filter { split.relevant.degree($0) > 0 }.count)),
            ("warm_train", .int(split.warm.train.nonZeroCount)), ("warm_valid", .int(split.warm.valid.nonZeroCount)),
            ("seed", .int(Int(options.seed))), ("model_seed", .int(Int(options.training.trainer.seed))),
        ] + TrainingBenchmark.notesField(run.notes)))

        let model = try run.makeModel()
        let training = try run.train(model) { event in
            guard case .epochFinished(let summary) = event else { return }
            var fields: [(String, JSON)] = [("epoch", .int(summary.epoch)), ("loss", .measurement(summary.loss)),
                                            ("train_seconds", .measurement(summary.trainSeconds))]
            if let metrics = summary.metrics { fields.append(("warm_valid", TrainingBenchmark.metricsJSON(metrics))) }
            output(JSON.object(fields))
        }

        let cold = split.heldOut
        let modelScorer = model.scorer(threads: trainer.threads)
        let pathScores = try split.pathCounts(heldOut: cold)
        var shuffled = Array(0..<cold.count)
        var tieRNG = SeededRNG(seed: options.seed ^ 0x5851_F42D_4C95_7F2D)
        tieRNG.shuffle(&shuffled)
        var randomTies = [Int](repeating: 0, count: cold.count)
        for (rank, p) in shuffled.enumerated() { randomTies[p] = rank }
        var results: [Result] = []
        let byID = "popularity_ties_by_id"
        for scorer in [model.name, BuiltinScorers.paths, BuiltinScorers.popularity, byID] {
            let metrics = split.evaluate(ks: ks, tieOrder: scorer == byID ? Array(0..<cold.count) : randomTies) { user in
                switch scorer {
                case BuiltinScorers.paths: return pathScores[user]
                case BuiltinScorers.popularity, byID: return [Double](repeating: 0, count: cold.count)
                default: return modelScorer.scoresOfAllItems(users: [Int32(user)]).row(0).map(Double.init)
                    .indicesSelected(cold)
                }
            }
            results.append(Result(scorer: scorer, metrics: metrics))
            output(JSON.object([("event", .string("coldstart")), ("scorer", .string(scorer)),
                                ("metrics", TrainingBenchmark.metricsJSON(metrics))]))
        }
        output(JSON.object([
            ("event", .string("final")), ("best_epoch", .int(training.bestEpoch)),
            ("epochs_run", .int(training.epochs.count)),
            ("warm_valid", training.bestMetrics.map(TrainingBenchmark.metricsJSON) ?? .null),
            ("random_recall", .object(ks.map { ("recall@\($0)", .measurement(min(1, Double($0) / Double(max(1, cold.count))))) })),
            ("wall_seconds", .measurement((clock.now - start).seconds)),
            ("peak_rss_mb", .measurement(TrainingBenchmark.peakResidentMegabytes())),
        ]))
        return results
    }
}

extension Array where Element == Double {
    /// The elements at `indices`, in their order.
    func indicesSelected(_ indices: [Int32]) -> [Double] { indices.map { self[Int($0)] } }
}
