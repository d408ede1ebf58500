import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct NGCFLayerTests {
    static func layer(selfInAggregate: Bool, input: Int = 5, output: Int = 11, seed: UInt64 = 3) -> NGCFConv {
        var rng = SeededRNG(seed: seed)
        let conv = NGCFConv(index: 0, inputDimension: input, outputDimension: output, selfInAggregate: selfInAggregate,
                            rng: &rng)
        conv.bias1.value = Tensor.uniform(rows: 1, columns: output, lower: -0.3, upper: 0.3, using: &rng)
        conv.bias2.value = Tensor.uniform(rows: 1, columns: output, lower: -0.3, upper: 0.3, using: &rng)
        return conv
    }

    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor.uniform(rows: rows, columns: columns, lower: -1, upper: 1, using: &rng)
    }

    /// The fused update against the paper's formula written with plain tensor ops, for both
    /// placements of the self-connection, at widths with and without a SIMD tail.
    @Test(arguments: [false, true], [(5, 11), (16, 8)])
    func updateMatchesTheFormula(selfInAggregate: Bool, widths: (Int, Int)) {
        let conv = Self.layer(selfInAggregate: selfInAggregate, input: widths.0, output: widths.1)
        let e = Self.random(7, widths.0, seed: 1), s = Self.random(7, widths.0, seed: 2)
        let first = (selfInAggregate ? s : e + s).matmul(conv.weight1.value)
        let z = (first + (s * e).matmul(conv.weight2.value)).addingRowVector(conv.bias1.value)
            .addingRowVector(conv.bias2.value)
        let expected = z.applying(.leakyRelu(slope: 0.2))
        #expect(conv.update(ego: e, side: s, threads: 1).maxAbsoluteDifference(expected) < 1e-5)
        let tape = Tape()
        let y = conv.update(ego: tape.constant(e), side: tape.constant(s))
        #expect(y.value.maxAbsoluteDifference(expected) < 1e-5)
    }

    /// Message dropout zeroes about `rate` of the outputs, scales the rest by 1/(1 − rate), and
    /// repeats for the same seed whatever the thread count.
    @Test func dropoutZeroesTheRateAndScalesTheRest() {
        let conv = Self.layer(selfInAggregate: false, input: 8, output: 64)
        let e = Self.random(3000, 8, seed: 4), s = Self.random(3000, 8, seed: 5)
        let plain = conv.update(ego: e, side: s, threads: 1)
        func dropped(threads: Int) -> Tensor {
            let tape = Tape(threads: threads)
            return conv.update(ego: tape.constant(e), side: tape.constant(s), dropout: 0.25, seed: 77).value
        }
        let y = dropped(threads: 1)
        #expect(y == dropped(threads: 2))
        var zeros = 0
        for r in 0..<y.rows {
            for c in 0..<y.columns {
                if y[r, c] == 0 { zeros += 1 } else { #expect(abs(y[r, c] - plain[r, c] / 0.75) < 1e-5) }
            }
        }
        let share = Double(zeros) / Double(y.count)
        #expect(abs(share - 0.25) < 0.01, "dropped share \(share)")
    }

    /// Gradients of every input and parameter of the fused update against finite differences,
    /// with and without dropout (a fixed seed fixes the mask).
    @Test(arguments: [false, true], [Float(0), 0.3])
    func updateGradientsMatchFiniteDifferences(selfInAggregate: Bool, dropout: Float) throws {
        let conv = Self.layer(selfInAggregate: selfInAggregate, input: 5, output: 9, seed: 12)
        let ego = Parameter(name: "E", value: Self.random(4, 5, seed: 8))
        let side = Parameter(name: "S", value: Self.random(4, 5, seed: 9))
        // Central differences are exact only away from LeakyReLU's kink: every pre-activation of
        // this fixture is at least 0.02 from zero (ε = 10⁻³ moves each by under 0.01).
        let first = (selfInAggregate ? side.value : ego.value + side.value).matmul(conv.weight1.value)
        let z = (first + (side.value * ego.value).matmul(conv.weight2.value))
            .addingRowVector(conv.bias1.value + conv.bias2.value)
        try #require(z.storage.map(abs).min()! > 0.02, "min |z| = \(z.storage.map(abs).min()!)")
        let problems = FiniteDifferences(epsilon: 1e-3).mismatches([ego, side] + conv.parameters) { tape in
            conv.update(ego: tape.parameter(ego), side: tape.parameter(side), dropout: dropout, seed: 5)
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test func meanAdjacencyAveragesNeighboursAndAddsTheNode() {
        // Users 0, 1; items 0, 1, 2. u0–i0, u0–i1, u1–i1 (nodes: u0 0, u1 1, i0 2, i1 3, i2 4).
        let r = CSR(rows: 2, columns: 3, sources: [0, 0, 1], targets: [0, 1, 1])
        let a = SparseMatrix.meanBipartiteAdjacencyPlusIdentity(r).dense()
        #expect(a == Tensor([
            [1, 0, 0.5, 0.5, 0], [0, 1, 0, 1, 0], [1, 0, 1, 0, 0], [0.5, 0.5, 0, 1, 0], [0, 0, 0, 0, 1],
        ]))
    }
}

@Suite struct NGCFModelTests {
    static func model(_ data: InteractionMatrix, adjacency: NGCF.Adjacency = .symmetric, layers: [Int] = [4, 3],
                      messageDropout: Float = 0, nodeDropout: Float = 0, seed: UInt64 = 4) -> NGCF {
        var rng = SeededRNG(seed: seed)
        let config = NGCF.Config(dimension: 3, layerSizes: layers, messageDropout: messageDropout, nodeDropout: nodeDropout,
                                 adjacency: adjacency, initializer: .normal(standardDeviation: 0.5))
        return NGCF(interactions: data.train, config: config, rng: &rng)
    }

    static let tiny = InteractionMatrix(userCount: 3, itemCount: 4, train: [(0, 0), (0, 1), (1, 1), (2, 3), (2, 2)])

    /// The whole model's BPR + L2 loss against finite differences in every parameter: the
    /// embedding table and each layer's W1, b1, W2, b2.
    @Test(arguments: [NGCF.Adjacency.symmetric, .meanPlusIdentity], [[Int](), [4], [4, 3]])
    func lossGradientMatchesFiniteDifferences(adjacency: NGCF.Adjacency, layers: [Int]) {
        let model = Self.model(Self.tiny, adjacency: adjacency, layers: layers)
        let batch = TrainingBatch(users: [0, 2, 1, 0], positiveItems: [1, 3, 1, 0], negativeItems: [2, 0, 3, 3])
        let problems = FiniteDifferences(epsilon: 5e-3).mismatches(model.parameters) { tape in
            model.loss(for: batch, regularization: 0.1, on: tape)
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// The training forward pass (last layer on the batch's rows only) gives the scores of the
    /// full propagation used for ranking, when dropout is off.
    @Test(arguments: [NGCF.Adjacency.symmetric, .meanPlusIdentity])
    func batchScoresEqualFullPropagation(adjacency: NGCF.Adjacency) {
        let data = communities()
        let model = Self.model(data, adjacency: adjacency, layers: [8, 8, 8])
        let batch = TrainingBatch(users: [0, 5, 13, 5], positiveItems: [1, 2, 12, 3], negativeItems: [15, 19, 0, 3])
        let s = model.batchScores(batch, on: Tape())
        let full = model.propagate(threads: 1)
        #expect(full.columns == 3 + 24 && model.representationWidth == 27)
        let expected = model.scores(users: batch.users, items: batch.positiveItems, threads: 1)
        #expect(zip(s.positive.value.storage, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        let negatives = model.scores(users: batch.users, items: batch.negativeItems, threads: 1)
        #expect(zip(s.negative.value.storage, negatives).allSatisfy { abs($0 - $1) < 1e-5 })
        // The scorer ranks with the same representations.
        let scorer = model.scorer(threads: 1)
        let all = scorer.scoresOfAllItems(users: [13])
        #expect(abs(all[0, 12] - expected[2]) < 1e-5)
        #expect(scorer is DotProductScorer)
    }

    /// Node dropout blocks whole nodes' messages: with a rate near 1 almost every aggregate is
    /// zero, so the layer-1 block of a node reduces to its own transform.
    @Test func nodeDropoutScalesWholeRows() {
        var rng = SeededRNG(seed: 1)
        let scale = NGCF.nodeDropoutScale(count: 4000, rate: 0.2, rng: &rng)
        #expect(scale.columns == 1)
        let values = Set(scale.storage)
        #expect(values == [0, 1.25])
        let dropped = Double(scale.storage.filter { $0 == 0 }.count) / 4000
        #expect(abs(dropped - 0.2) < 0.03)
    }

    @Test func learnsTheCommunitiesWithDropout() throws {
        let data = communities()
        let model = try ModelCatalog.make("ngcf", data: data,
                                          settings: .init(dimension: 8, layers: 2, options: ["node_dropout": "0.1"]), seed: 5)
        var config = smallConfig(epochs: 40)
        config.learningRate = 0.02
        let result = try Trainer(config: config).train(model, data: data)
        let after = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(result.epochs.last!.loss < result.epochs.first!.loss)
        #expect(after > 0.6, "recall@5 \(after) (random ≈ 0.36)")
    }

    @Test(arguments: [1, 2])
    func sameSeedAndThreadsGiveIdenticalRuns(threads: Int) throws {
        let data = communities()
        func run() throws -> TrainingResult {
            let model = try ModelCatalog.make("ngcf", data: data,
                                              settings: .init(dimension: 8, layers: 2, options: ["node_dropout": "0.2"]), seed: 9)
            var config = smallConfig(epochs: 3, threads: threads)
            config.validationSplit = .test
            return try Trainer(config: config).train(model, data: data)
        }
        let first = try run(), second = try run()
        #expect(first.epochs.map(\.loss) == second.epochs.map(\.loss))
        #expect(first.checkpoint == second.checkpoint)
    }

    /// A checkpoint rebuilds the same model: settings from its configuration, then its parameters.
    @Test func checkpointRestoresEveryNGCFSetting() throws {
        let data = communities()
        let settings = ModelCatalog.Settings(dimension: 8, layers: 2, options: [
            "adjacency": "mean", "layer_sizes": "8,16", "message_dropout": "0.2", "negative_slope": "0.1",
            "weight_lr_scale": "0.25",
        ])
        let model = try ModelCatalog.make("ngcf", data: data, settings: settings, seed: 3)
        let result = try Trainer(config: smallConfig(epochs: 2)).train(model, data: data)
        let restored = try ModelCatalog.make(from: try Checkpoint(serialized: result.checkpoint.serialized()), data: data)
        let ngcf = try #require(restored as? NGCF)
        #expect(ngcf.config == (model as? NGCF)?.config)
        #expect(ngcf.config.adjacency == .meanPlusIdentity && ngcf.config.layerSizes == [8, 16])
        // The layers train at a quarter of the learning rate, the embeddings at the full rate.
        #expect(ngcf.convolutions.flatMap(\.parameters).allSatisfy { $0.learningRateScale == 0.25 })
        #expect(ngcf.embedding.learningRateScale == 1)
        #expect(restored.scores(users: [0, 3], items: [1, 7], threads: 1) == model.scores(users: [0, 3], items: [1, 7], threads: 1))
    }

    @Test(arguments: [
        (["dropout": "0.1"], "unknown setting 'dropout' for ngcf; it takes layer_sizes, message_dropout, node_dropout, adjacency, negative_slope, weight_lr_scale"),
        (["node_dropot": "0.1"], "unknown setting 'node_dropot' for ngcf; it takes layer_sizes, message_dropout, node_dropout, adjacency, negative_slope, weight_lr_scale. Did you mean 'node_dropout'?"),
        (["message_dropout": "1.5"], "setting 'message_dropout' takes a number from 0.0 to 0.99, not '1.5'"),
        (["layer_sizes": "64,,64"], "setting 'layer_sizes' takes whole numbers from 1 to 4096 separated by commas, not '64,,64'"),
        (["adjacency": "laplacian"], "setting 'adjacency' takes one of symmetric, mean, not 'laplacian'"),
    ])
    func badSettingsAreNamed(options: [String: String], message: String) {
        #expect(throws: ModelError.invalidSetting(message)) {
            try ModelCatalog.make("ngcf", data: communities(), settings: .init(options: options), seed: 1)
        }
    }

    @Test func modelsWithoutSettingsRejectThem() {
        #expect(throws: ModelError.invalidSetting("unknown setting 'node_dropout' for lightgcn; it takes no model-specific settings")) {
            try ModelCatalog.make("lightgcn", data: communities(), settings: .init(options: ["node_dropout": "0.1"]), seed: 1)
        }
    }

    @Test func trainerDefaultsAreThePapers() {
        let config = ModelCatalog.trainerDefaults(for: "NGCF")
        #expect(config.batchSize == 1024 && config.learningRate == 1e-4 && config.regularization == 1e-5)
        #expect(ModelCatalog.trainerDefaults(for: "lightgcn") == TrainerConfig())
    }
}
