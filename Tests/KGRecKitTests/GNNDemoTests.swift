import Foundation
import KGGraph
import KGModels
import KGQuery
import KGStore
import KGTestSupport
import Testing
@testable import KGRecKit

/// NGCF and PinSage on the demo graph: trained through the workspace, restored from the store,
/// used by name in queries with model-weighted explanations.
@Suite(.serialized) struct GNNDemoTests {
    static func options(_ model: String, seed: UInt64 = 7) -> TrainingOptions {
        ModelIntegrationTests.options(model, seed: seed, epochs: 3)
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
            #expect(result.explanation.sentence != nil)
            expectTrueExplanation(result.explanation, anchor: outcome.snapshot.node("u42")!, result: result.node,
                                  in: outcome.snapshot)
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
                == "--init-from takes a checkpoint file or a model name (mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als); 'nowhere.ckpt' is neither"
        }
        writeFile(file, Array("not a checkpoint".utf8))
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
}
