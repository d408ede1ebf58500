import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

/// Two communities: users 0..<12 interact with items 0..<10, users 12..<24 with items 10..<20.
/// Each user has 6 train items and 2 test items from its own community, so a model that learns
/// the structure ranks test items far above chance (Recall@5 of a random ranking ≈ 5/14).
func communities() -> InteractionMatrix {
    var rng = SeededRNG(seed: 11)
    var train: [(Int32, Int32)] = [], test: [(Int32, Int32)] = []
    for user in 0..<24 {
        var items = (0..<10).map { Int32($0 + (user < 12 ? 0 : 10)) }
        rng.shuffle(&items)
        for item in items[0..<6] { train.append((Int32(user), item)) }
        for item in items[6..<8] { test.append((Int32(user), item)) }
    }
    return InteractionMatrix(userCount: 24, itemCount: 20, train: train, test: test)
}

func smallConfig(epochs: Int, threads: Int = 1) -> TrainerConfig {
    var config = TrainerConfig()
    config.epochs = epochs
    config.batchSize = 16
    config.learningRate = 0.05
    config.regularization = 1e-3
    config.threads = threads
    config.validationSplit = nil
    return config
}

@Suite struct ModelSmokeTests {
    @Test(arguments: ["mf", "lightgcn"], [PositiveSampling.everyInteraction, .uniformUsers])
    func learnsTheCommunities(name: String, sampling: PositiveSampling) throws {
        let data = communities()
        let model = try ModelCatalog.make(name, data: data, settings: .init(dimension: 8, layers: 2), seed: 5)
        let before = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        var config = smallConfig(epochs: 40)
        config.positiveSampling = sampling
        let result = try Trainer(config: config).train(model, data: data)
        let after = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(result.epochs.count == 40)
        #expect(result.epochs.last!.loss < result.epochs.first!.loss)
        #expect(after > 0.6, "recall@5 \(after) (before training \(before), random ≈ 0.36)")
    }

    /// Cancellation stops after the batch that asked, drops the unfinished epoch and leaves the
    /// model with the last finished epoch's parameters (without validation, the last is best).
    @Test func cancellationKeepsTheLastFinishedEpoch() throws {
        let data = communities()
        let batchesPerEpoch = (data.train.nonZeroCount + 15) / 16
        func model() throws -> any Recommender {
            try ModelCatalog.make("mf", data: data, settings: .init(dimension: 8), seed: 3)
        }
        let reference = try model()
        let twoEpochs = try Trainer(config: smallConfig(epochs: 2)).train(reference, data: data)

        let interrupted = try model()
        var asked = 0
        var events: [TrainingEvent] = []
        let cancelled = try Trainer(config: smallConfig(epochs: 5)).train(interrupted, data: data, observer: { events.append($0) }, isCancelled: {
            asked += 1
            return asked > 2 * batchesPerEpoch + 3
        })
        #expect(cancelled.cancelled && !twoEpochs.cancelled)
        #expect(cancelled.epochs.count == 2 && cancelled.bestEpoch == 2)
        #expect(cancelled.epochs.map(\.loss) == twoEpochs.epochs.map(\.loss))
        #expect(interrupted.parameters.map(\.value) == reference.parameters.map(\.value))
        guard case .cancelled(let epoch, let best)? = events.last else {
            Issue.record("the last event is not .cancelled")
            return
        }
        #expect(epoch == 3 && best == 2)

        let early = try Trainer(config: smallConfig(epochs: 5)).train(try model(), data: data, isCancelled: { true })
        #expect(early.cancelled && early.epochs.isEmpty && early.bestEpoch == 0)
    }

    @Test(arguments: [1, 2])
    func sameSeedAndThreadsGiveIdenticalRuns(threads: Int) throws {
        let data = communities()
        func run() throws -> (TrainingResult, Tensor) {
            let model = try ModelCatalog.make("lightgcn", data: data, settings: .init(dimension: 8, layers: 2), seed: 9)
            var config = smallConfig(epochs: 5, threads: threads)
            config.validationSplit = .test
            let result = try Trainer(config: config).train(model, data: data)
            return (result, model.parameters[0].value)
        }
        let (first, firstValue) = try run(), (second, secondValue) = try run()
        #expect(first.epochs.map(\.loss) == second.epochs.map(\.loss))
        #expect(first.epochs.map(\.metrics) == second.epochs.map(\.metrics))
        #expect(firstValue == secondValue)
        #expect(first.checkpoint == second.checkpoint)
    }

    @Test func earlyStoppingKeepsTheBestEpoch() throws {
        let data = communities()
        let model = try ModelCatalog.make("mf", data: data, settings: .init(dimension: 8), seed: 2)
        var config = smallConfig(epochs: 200)
        config.validationSplit = .test
        config.patience = 3
        config.learningRate = 0.5
        let result = try Trainer(config: config).train(model, data: data)
        let best = result.epochs.first { $0.epoch == result.bestEpoch }!
        #expect(result.stoppedEarly && result.epochs.count == result.bestEpoch + 3)
        #expect(best.isBest && result.bestMetrics == best.metrics)
        // The model holds the best epoch's parameters again.
        let again = Evaluator(ks: config.ks).evaluate(model, on: .test, data: data)
        #expect(again == best.metrics)
        #expect(result.checkpoint.epoch == result.bestEpoch && result.checkpoint.metric("ndcg@20") == best.metrics?.value("ndcg@20"))
    }

    @Test func unknownModelsAreNamedWithASuggestion() {
        #expect(throws: ModelError.unknownModel("unknown model 'lightgnc'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als. Did you mean 'lightgcn'?")) {
            try ModelCatalog.make("lightgnc", data: communities(), seed: 1)
        }
        #expect(throws: ModelError.unknownModel("unknown model 'transformer'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als")) {
            try ModelCatalog.make("transformer", data: communities(), seed: 1)
        }
    }
}

@Suite struct LightGCNTests {
    @Test func normalisedAdjacencyMatchesTheFormula() {
        // Users 0, 1; items 0, 1, 2. u0–i0, u0–i1, u1–i1. Degrees: u0 2, u1 1, i0 1, i1 2, i2 0.
        let r = CSR(rows: 2, columns: 3, sources: [0, 0, 1], targets: [0, 1, 1])
        let a = SparseMatrix.normalizedBipartiteAdjacency(r).dense()
        let s2: Float = 1 / Float(2).squareRoot()
        #expect(a == Tensor([
            [0, 0, s2, 0.5, 0], [0, 0, 0, s2, 0], [s2, 0, 0, 0, 0], [0.5, s2, 0, 0, 0], [0, 0, 0, 0, 0],
        ]))
    }

    /// The training forward pass (last layer on the batch rows only) gives the same scores as
    /// the full propagation used for ranking.
    @Test func batchScoresEqualFullPropagation() throws {
        let data = communities()
        let model = LightGCN(interactions: data.train, config: .init(dimension: 8, layers: 3), rng: &globalRNG)
        let batch = TrainingBatch(users: [0, 5, 13, 5], positiveItems: [1, 2, 12, 3], negativeItems: [15, 19, 0, 3])
        let tape = Tape()
        let s = model.batchScores(batch, on: tape)
        let full = model.propagate(threads: 1)
        let u = full.gatherRows(batch.users)
        #expect(close(s.positive.value, u.rowDot(full.gatherRows(batch.positiveItems.map { $0 + 24 }))))
        #expect(close(s.negative.value, u.rowDot(full.gatherRows(batch.negativeItems.map { $0 + 24 }))))
        #expect(s.positive.value.storage == model.scores(users: batch.users, items: batch.positiveItems, threads: 1))
    }

    /// The whole model's loss gradient against finite differences, on a tiny graph.
    @Test(arguments: [0, 1, 3])
    func lossGradientMatchesFiniteDifferences(layers: Int) {
        let data = InteractionMatrix(userCount: 3, itemCount: 4, train: [(0, 0), (0, 1), (1, 1), (2, 3), (2, 2)])
        var rng = SeededRNG(seed: 4)
        let model = LightGCN(interactions: data.train, config: .init(dimension: 3, layers: layers,
                                                                   initializer: .normal(standardDeviation: 0.5)), rng: &rng)
        let batch = TrainingBatch(users: [0, 2, 1], positiveItems: [1, 3, 1], negativeItems: [2, 0, 3])
        func loss() -> (Double, Tensor?) {
            let tape = Tape()
            let l = model.loss(for: batch, regularization: 0.1, on: tape)
            tape.backward(from: l)
            defer { model.embedding.clearGradient() }
            return (Double(l.value.scalar), model.embedding.gradient)
        }
        let (_, exact) = loss()
        let base = model.embedding.value
        let epsilon: Float = 1e-2
        for r in 0..<base.rows {
            for c in 0..<base.columns {
                model.embedding.value = base
                model.embedding.value[r, c] += epsilon
                let plus = loss().0
                model.embedding.value = base
                model.embedding.value[r, c] -= epsilon
                let minus = loss().0
                let numeric = Float((plus - minus) / (2 * Double(epsilon)))
                #expect(abs(numeric - exact![r, c]) < 2e-3 + 2e-2 * abs(numeric), "(\(r), \(c))")
            }
        }
        model.embedding.value = base
    }
}

nonisolated(unsafe) var globalRNG = SeededRNG(seed: 123)

func close(_ a: Tensor, _ b: Tensor, tolerance: Float = 1e-5) -> Bool {
    a.shape == b.shape && a.maxAbsoluteDifference(b) <= tolerance
}

/// MF-BPR's dedicated step is the tape's BPR loss and gradient with Adam on the touched rows.
@Suite struct MFDedicatedStepTests {
    /// From the same start, one dedicated step equals one tape step plus dense Adam (whose
    /// untouched rows have zero moments and do not move), loss included.
    @Test func oneStepEqualsTheTapeAndDenseAdam() throws {
        let data = communities()
        func model() throws -> MatrixFactorization {
            try #require(try ModelCatalog.make("mf", data: data, settings: .init(dimension: 8), seed: 9) as? MatrixFactorization)
        }
        let batch = TrainingBatch(users: [0, 3, 3, 17], positiveItems: [1, 2, 5, 12], negativeItems: [15, 11, 2, 3])
        let dedicated = try model(), taped = try model()
        let loss = dedicated.bprStep(batch, learningRate: 0.01, regularization: 0.05, threads: 1)
        var config = smallConfig(epochs: 1)
        config.regularization = 0.05
        let tapeLoss = Trainer(config: config).backward(taped, batch)
        Adam(learningRate: 0.01).step(taped.parameters)
        #expect(abs(loss - tapeLoss) < 1e-5)
        #expect(dedicated.userEmbedding.value.maxAbsoluteDifference(taped.userEmbedding.value) < 1e-6)
        #expect(dedicated.itemEmbedding.value.maxAbsoluteDifference(taped.itemEmbedding.value) < 1e-6)
    }

    /// Through the trainer (dedicated steps by default) MF learns the communities, and the same
    /// seed gives the same embeddings with 1 and 2 threads.
    @Test func learnsTheCommunitiesDeterministically() throws {
        let data = communities()
        func trained(threads: Int) throws -> MatrixFactorization {
            let model = try #require(try ModelCatalog.make("mf", data: data, settings: .init(dimension: 8), seed: 5)
                                     as? MatrixFactorization)
            _ = try Trainer(config: smallConfig(epochs: 40, threads: threads)).train(model, data: data)
            return model
        }
        let model = try trained(threads: 1)
        let recall = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(recall > 0.6, "recall@5 \(recall)")
        #expect(try trained(threads: 2).userEmbedding.value == model.userEmbedding.value)
    }
}
