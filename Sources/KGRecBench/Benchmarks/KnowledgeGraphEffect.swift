import Foundation
import KGJSON
import KGModels
import KGRecKit

/// `kgrec bench kg-effect --dataset DIR --model M [--seeds N]`: does the knowledge graph help
/// this model on this data? Trains the model with the knowledge graph as imported, without it,
/// and with its tails shuffled (`KnowledgeGraphAblation`), once per seed 1…N, and reports test
/// Recall and NDCG at the largest cut-off of each run, then their means and the paired
/// differences real − none and real − shuffled with their spread over the seeds.
public enum KnowledgeGraphEffect {
    /// One run's test figures.
    struct Run {
        let recall: Double
        let ndcg: Double
    }

    public static func run(dataset: URL, options: TrainingBenchmark.Options, seeds: Int,
                           output: @escaping (String) -> Void) throws {
        let k = options.training.trainer.ks.max() ?? 20
        let imported = try TrainingBenchmark.loadSnapshot(dataset, options: options)
        let kgEdges = imported.relations.filter { !$0.isInteraction }.reduce(0) { $0 + imported.forward[Int($1.id)].nonZeroCount }
        output(JSON.object([("event", .string("data")), ("dataset", .string(dataset.lastPathComponent)),
                            ("model", .string(options.model)), ("seeds", .int(seeds)),
                            ("knowledge_graph_train_edges", .int(kgEdges)), ("cutoff", .int(k))]))
        var runs: [KnowledgeGraphAblation: [Run]] = [:]
        for seed in 1...max(1, seeds) {
            for mode in KnowledgeGraphAblation.allCases {
                var run = options
                run.knowledgeGraph = mode
                run.training.trainer.seed = UInt64(seed)
                let outcome = try TrainingBenchmark.run(dataset: dataset, options: run, output: { _ in })
                let figures = Run(recall: outcome.test.value("recall@\(k)") ?? 0, ndcg: outcome.test.value("ndcg@\(k)") ?? 0)
                runs[mode, default: []].append(figures)
                output(JSON.object([("event", .string("run")), ("kg", .string(mode.rawValue)), ("seed", .int(seed)),
                                    ("best_epoch", .int(outcome.result.bestEpoch)),
                                    ("recall@\(k)", .measurement(figures.recall)), ("ndcg@\(k)", .measurement(figures.ndcg)),
                                    ("wall_seconds", .measurement(outcome.wallSeconds))]))
            }
        }
        func spread(_ values: [Double]) -> JSON {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.count > 1
                ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
            return .object([("mean", .measurement(mean)), ("sd", .measurement(variance.squareRoot())),
                            ("min", .measurement(values.min() ?? 0)), ("max", .measurement(values.max() ?? 0))])
        }
        func figures(_ list: [Run]) -> JSON {
            .object([("recall@\(k)", spread(list.map(\.recall))), ("ndcg@\(k)", spread(list.map(\.ndcg)))])
        }
        func difference(_ other: KnowledgeGraphAblation) -> JSON {
            let real = runs[.real] ?? [], rest = runs[other] ?? []
            return figures(zip(real, rest).map { Run(recall: $0.recall - $1.recall, ndcg: $0.ndcg - $1.ndcg) })
        }
        output(JSON.object([("event", .string("summary")), ("model", .string(options.model)),
                            ("real", figures(runs[.real] ?? [])), ("none", figures(runs[.none] ?? [])),
                            ("shuffled", figures(runs[.shuffled] ?? [])),
                            ("real_minus_none", difference(.none)), ("real_minus_shuffled", difference(.shuffled))]))
    }
}
