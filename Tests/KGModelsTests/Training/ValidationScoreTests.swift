import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

/// Early stopping on a custom score (KGCN's valid AUC) instead of ranking the valid split.
@Suite struct ValidationScoreTests {
    @Test func stopsOnTheCustomScoreAndKeepsItsBestEpoch() throws {
        let data = communities()
        let model = try ModelCatalog.make("mf", data: data, settings: .init(dimension: 4), seed: 1)
        let scripted = [0.1, 0.5, 0.3, 0.2, 0.9]
        var calls = 0
        let score = ValidationScore(metric: "auc") { _ in
            defer { calls += 1 }
            return scripted[calls]
        }
        var config = smallConfig(epochs: 5)
        config.validationSplit = .valid   // ignored: the custom score replaces it
        config.patience = 2
        var valuesAtEpoch2: [Tensor] = []
        let result = try Trainer(config: config).train(model, data: data, validationScore: score) { event in
            if case .epochFinished(let summary) = event, summary.epoch == 2 { valuesAtEpoch2 = model.parameters.map(\.value) }
        }
        #expect(calls == 4 && result.epochs.count == 4 && result.stoppedEarly)
        #expect(result.epochs.map(\.validationScore) == [0.1, 0.5, 0.3, 0.2])
        #expect(result.epochs.map(\.metrics) == [nil, nil, nil, nil])
        #expect(result.epochs.map(\.isBest) == [true, true, false, false])
        #expect(result.bestEpoch == 2 && result.bestMetrics == nil)
        #expect(model.parameters.map(\.value) == valuesAtEpoch2)
        #expect(result.checkpoint.metric("auc") == 0.5 && result.checkpoint.epoch == 2)
    }
}
