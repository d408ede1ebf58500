import Foundation
import KGGraph
import KGModels
import KGQuery
import KGTestSupport
import Testing
@testable import KGRecKit

/// Training through the workspace, checkpoints in the store, and trained models in queries.
@Suite(.serialized) struct ModelIntegrationTests {
    /// A demo store in a temporary directory that lives as long as the fixture.
    final class Demo: @unchecked Sendable {
        let directory = TemporaryDirectory()
        let workspace: Session

        init() throws {
            try DemoStore.build(at: directory.path("demo.db"),
                                from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
            workspace = Session(storePath: directory.path("demo.db"))
        }
    }

    /// Small, quick settings on the model's own trainer defaults.
    static func options(_ model: String, seed: UInt64 = 7, epochs: Int = 4) -> TrainingOptions {
        var options = TrainingOptions(model: model)
        options.settings.dimension = 16
        options.settings.layers = 2
        options.trainer = ModelCatalog.trainerDefaults(for: model)
        options.trainer.epochs = epochs
        options.trainer.learningRate = 0.01
        options.trainer.batchSize = 512
        options.trainer.seed = seed
        options.trainer.threads = 2
        return options
    }

    @Test func trainingSavesACheckpointThatRestoresAndEvaluates() throws {
        let demo = try Demo(), workspace = demo.workspace
        let report = try workspace.train(Self.options("mf"))
        #expect(report.result.epochs.count == 4)
        #expect(report.test != nil)
        let loaded = try workspace.loadModel(named: "mf")
        #expect(loaded.stored.id == report.checkpointID)
        #expect(loaded.checkpoint == report.checkpoint)
        let evaluation = try workspace.evaluate(model: "mf", ks: [20], split: .test, threads: 1)
        // The restored model ranks exactly as the trained one did at its kept epoch.
        #expect(evaluation.ranking.value("recall@20") == report.test?.value("recall@20"))
        #expect(evaluation.ranking.userCount == 100)
    }

    @Test func theSameSeedGivesTheSameCheckpoint() throws {
        let demoA = try Demo(), demoB = try Demo()
        let a = demoA.workspace, b = demoB.workspace
        let first = try a.train(Self.options("lightgcn"))
        let second = try b.train(Self.options("lightgcn"))
        #expect(first.result.checkpoint == second.result.checkpoint)
        #expect(first.result.epochs.map(\.loss) == second.result.epochs.map(\.loss))
        let demoC = try Demo()
        let other = try demoC.workspace.train(Self.options("lightgcn", seed: 8))
        #expect(other.result.checkpoint != first.result.checkpoint)
    }

    @Test func queriesUseTrainedModelsOnceTheyAreTheDefault() throws {
        let demo = try Demo(), workspace = demo.workspace
        #expect(try workspace.defaultModel() == "paths")
        _ = try workspace.train(Self.options("mf"))
        // Training alone changes nothing a query without `using` returns.
        #expect(try workspace.defaultModel() == "paths")
        _ = try workspace.execute("set default model mf")
        #expect(try workspace.defaultModel() == "mf")
        let outcome = try workspace.execute("recommend items for u42 limit 5 explain")
        guard case .recommendations(let r) = outcome.result else { Issue.record("not recommendations"); return }
        #expect(r.plan.model == "mf" && r.results.count == 5)
        // Scores are the model's: descending, and equal to the restored model's own pair scores.
        let loaded = try workspace.loadModel(named: "mf")
        let u = loaded.data.userIndex[Int(outcome.snapshot.node("u42")!)]
        for result in r.results {
            let i = loaded.data.itemIndex[Int(result.node)]
            let expected = loaded.model.scores(users: [u], items: [i], threads: 1)[0]
            #expect(abs(result.score - Double(expected)) < 1e-4)
        }
        #expect(zip(r.results, r.results.dropFirst()).allSatisfy { $0.score >= $1.score })
        // Every result has true reasons; MF's are an association (its user vector is learned).
        let s = outcome.snapshot
        for result in r.results {
            #expect(result.explanation.sentence != nil)
            expectTrueExplanation(result.explanation, anchor: s.node("u42")!, result: result.node, in: s)
        }
    }

    /// Ctrl-C in the REPL: cancelled before any epoch ended, training saves nothing and says so;
    /// cancelled later, it saves the best finished epoch and the summary says it was cancelled.
    @Test func cancelledTrainStatementsSaveOnlyFinishedEpochs() throws {
        let demo = try Demo(), workspace = demo.workspace
        workspace.isCancelled = { true }
        do {
            _ = try workspace.execute("train mf epochs 3 dim 8 batch 512 seed 3")
            Issue.record("a cancelled train statement succeeded")
        } catch {
            #expect(error.description == "training cancelled before its first epoch ended; nothing was saved")
        }
        #expect(throws: KGRecError.self) { try workspace.loadModel(named: "mf") }
        let asked = Counter()
        workspace.isCancelled = { asked.increment() > 3 }
        // One batch per epoch: cancelled after the fourth batch, during epoch 4.
        let outcome = try workspace.execute("train mf epochs 50 dim 8 batch 1000000 seed 3")
        guard case .trained(let report) = outcome.result else { Issue.record("not trained: \(outcome.result)"); return }
        #expect(report.checkpointID == 1 && report.result.cancelled && report.result.epochs.count == 3)
        #expect((1...3).contains(try workspace.loadModel(named: "mf").checkpoint.epoch))
    }

    @Test func statementsTrainEvaluateAndReportBadOptions() throws {
        let demo = try Demo(), workspace = demo.workspace
        let trained = try workspace.execute("train mf epochs 2 dim 8 lr 0.01 batch 512 seed 3")
        guard case .trained(let report) = trained.result else { Issue.record("not trained"); return }
        #expect(report.checkpointID == 1 && report.result.checkpoint.model == "mf" && report.result.epochs.count == 2)
        let evaluated = try workspace.execute("eval mf k 5,10")
        guard case .evaluated(let evaluation) = evaluated.result else { Issue.record("not evaluated"); return }
        #expect(evaluation.model == "mf" && evaluation.checkpointID == 1 && evaluation.ranking.userCount == 100)
        #expect(evaluation.ranking.ks == [5, 10])
        // The sampling and decay options reach the trainer (its settings are in the checkpoint).
        _ = try workspace.execute("train mf epochs 2 dim 8 lr 0.01 lr_decay 0.9 sampling uniform_users batch 512 seed 3")
        let configuration = try workspace.loadModel(named: "mf").checkpoint.configuration
        #expect(configuration.contains { $0.key == "learning_rate_decay" && $0.value == "0.9" })
        #expect(configuration.contains { $0.key == "positive_sampling" && $0.value == "uniform-users" })
        _ = try workspace.execute("train mf epochs 1 dim 8 init 'normal:0.05' margin 0.3 seed 3")
        let marginRun = try workspace.loadModel(named: "mf").checkpoint.configuration
        #expect(marginRun.contains { $0.key == "objective" && $0.value == "marginRanking(margin: 0.3)" })
        #expect(marginRun.contains { $0.key == "initializer" && $0.value.contains("0.05") })
        for (statement, message) in [
            ("train mf objective hinge", "'objective' takes bpr, bce or margin, not 'hinge' at 1:20"),
            ("train mf objective bpr margin 0.2", "'margin' goes with 'objective margin', not 'objective bpr' at 1:31"),
            ("train mf init gauss", "'init' takes xavier-normal, xavier-uniform or normal:STD (STD > 0), not 'gauss' at 1:15"),
        ] {
            #expect { try workspace.execute(statement) } throws: { "\($0)".hasPrefix(message) }
        }
        do {
            _ = try workspace.execute("train mf sampling users")
            Issue.record("accepted an unknown sampling")
        } catch {
            #expect(error.description == "'sampling' takes every-interaction or uniform-users, not 'users' at 1:19")
        }
        #expect(throws: KGRecError.self) { try workspace.execute("train mf epoch 2") }
        do {
            _ = try workspace.execute("train mf epoch 2")
        } catch {
            #expect(error.description == "unknown option 'epoch' for 'train' at 1:10. Did you mean 'epochs'?")
        }
        do {
            _ = try workspace.execute("recommend items for u42 using lightgcn")
        } catch {
            #expect(error.description == "unknown model 'lightgcn' at 1:31")
        }
    }
}

@Suite(.serialized) struct KGCNQueryTests {
    @Test func kgcnTrainsFromTheStoreAndItsAttentionWeighsKnowledgeGraphHops() throws {
        let demo = try ModelIntegrationTests.Demo()
        var options = TrainingOptions(model: "kgcn")
        options.settings.dimension = 8
        options.trainer = ModelCatalog.trainerDefaults(for: "kgcn")
        options.trainer.epochs = 2
        options.trainer.batchSize = 512
        options.trainer.threads = 1
        _ = try demo.workspace.train(options)
        let outcome = try demo.workspace.execute("recommend items for u42 using kgcn via brand limit 3 explain")
        guard case .recommendations(let r) = outcome.result else { Issue.record("not recommendations"); return }
        let s = outcome.snapshot
        let loaded = try demo.workspace.loadModel(named: "kgcn")
        let kgcn = try #require(loaded.model as? KGCN)
        let u = Int(loaded.data.userIndex[Int(s.node("u42")!)])
        let brand = try #require(s.relation(named: "brand"))
        // exp(⟨u, r⟩) softmax-normalised over a node's knowledge-graph edges, by hand.
        func attention(from node: Int32, relation: Int32) -> Double {
            let g = kgcn.graph
            let kg = Int32(g.relations.firstIndex(of: relation)!)
            func logit(_ r: Int32) -> Double {
                (0..<8).reduce(0.0) { $0 + Double(kgcn.userEmbedding.value[u, $1]) * Double(kgcn.relationEmbedding.value[Int(r), $1]) }
            }
            let e = Int(g.entityIndex[Int(node)])
            let total = (Int(g.offsets[e])..<Int(g.offsets[e + 1])).reduce(0.0) { $0 + exp(logit(g.edgeRelations[$1])) }
            return exp(logit(kg)) / total
        }
        // KGCN has no decomposition of its own yet: its explanations are associations over the
        // paths its attention weighs most, and the scorer's hop weight is that attention.
        let scorer = ModelScorer(name: "kgcn", loaded: loaded, snapshot: s)
        let user = try #require(s.node("u42"))
        let brands = s.forward[Int(brand)]
        var checked = 0
        for result in r.results {
            #expect(result.explanation.kind == .association)
            for reason in result.explanation.reasons {
                let path = try #require(reason.path)
                #expect(path.exists(in: s) && path.nodes.first == user && path.nodes.last == result.node)
            }
            for p in brands.range(Int(result.node)) {
                let step = GraphPath.Step(relation: brand, forward: true, weight: brands.weights[p])
                let weight = try #require(scorer.hopWeight(user: user, item: result.node, from: result.node,
                                                           to: brands.targets[p], step: step))
                #expect(abs(weight - attention(from: result.node, relation: brand)) < 1e-6)
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}

/// A count that a `@Sendable` closure may bump.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    /// Adds one and returns the new count.
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
