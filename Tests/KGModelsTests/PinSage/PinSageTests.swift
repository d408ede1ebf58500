import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

/// The two communities of `communities()` with item attributes: items 0..<10 share attribute 0,
/// items 10..<20 attribute 1; even items have attribute 2, odd items attribute 3.
func communityAttributes() -> ItemAttributes {
    var pairs: [(item: Int32, attribute: Int32)] = []
    for item in Int32(0)..<20 {
        pairs.append((item, item < 10 ? 0 : 1))
        pairs.append((item, 2 + item % 2))
    }
    return ItemAttributes(itemCount: 20, attributeCount: 4, pairs: pairs)
}

@Suite struct PinSageLayerTests {
    static func random(_ rows: Int, _ columns: Int, seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor.uniform(rows: rows, columns: columns, lower: -scale, upper: scale, using: &rng)
    }

    /// Five items, each with two or three weighted neighbours.
    static let neighbourhoods = SparseMatrix(rows: 5, columns: 5, entries: [
        (0, 1, 0.5), (0, 2, 0.5), (1, 0, 0.75), (1, 4, 0.25), (2, 3, 0.2), (2, 4, 0.3), (2, 0, 0.5),
        (3, 2, 1), (4, 1, 0.6), (4, 3, 0.4),
    ])

    static func layer(seed: UInt64) -> PinSageConv {
        var rng = SeededRNG(seed: seed)
        let conv = PinSageConv(index: 0, inputDimension: 4, hiddenDimension: 3, outputDimension: 5, rng: &rng)
        conv.neighbourBias.value = random(1, 3, seed: seed + 100, scale: 0.3)
        conv.bias.value = random(1, 5, seed: seed + 200, scale: 0.3)
        return conv
    }

    /// The layer against Algorithm 1 written with plain tensor ops.
    @Test func layerMatchesTheAlgorithm() {
        let conv = Self.layer(seed: 2)
        let h = Self.random(5, 4, seed: 3)
        let messages = h.matmul(conv.neighbourWeight.value).addingRowVector(conv.neighbourBias.value).applying(.relu)
        let dense = Self.neighbourhoods.dense()
        let pooled = dense.matmul(messages)
        var z = Tensor.concatColumns([h, pooled]).matmul(conv.weight.value).addingRowVector(conv.bias.value).applying(.relu)
        for r in 0..<z.rows {
            let norm = (0..<z.columns).reduce(Float(0)) { $0 + z[r, $1] * z[r, $1] }.squareRoot()
            for c in 0..<z.columns { z[r, c] /= max(norm, 1e-12) }
        }
        #expect(conv(h, neighbourhoods: Self.neighbourhoods, threads: 1).maxAbsoluteDifference(z) < 1e-5)
        let tape = Tape()
        #expect(conv(tape.constant(h), neighbourhoods: SparseOperand(Self.neighbourhoods)).value.maxAbsoluteDifference(z) < 1e-5)
    }

    /// Gradients of the input and of Q, q, W, w against finite differences. Every ReLU input of
    /// this fixture is at least 0.02 from the kink, so the central differences are exact.
    @Test func layerGradientsMatchFiniteDifferences() throws {
        let conv = Self.layer(seed: 4)
        let h = Parameter(name: "H", value: Self.random(5, 4, seed: 6))
        let messages = h.value.matmul(conv.neighbourWeight.value).addingRowVector(conv.neighbourBias.value)
        let pooled = Self.neighbourhoods.dense().matmul(messages.applying(.relu))
        let z = Tensor.concatColumns([h.value, pooled]).matmul(conv.weight.value).addingRowVector(conv.bias.value)
        let closest = (messages.storage + z.storage).map(abs).min()!
        try #require(closest > 0.02, "closest pre-activation \(closest)")
        let operand = SparseOperand(Self.neighbourhoods)
        let problems = FiniteDifferences(epsilon: 1e-3).mismatches([h] + conv.parameters) { tape in
            conv(tape.parameter(h), neighbourhoods: operand)
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}

@Suite struct PinSageModelTests {
    static func config(hardNegatives: Int = 0) -> PinSage.Config {
        var config = PinSage.Config()
        config.dimension = 6
        config.neighbours = 4
        config.walks = 60
        config.userWalks = 60
        config.sharedNegatives = 5
        config.hardNegatives = hardNegatives
        config.hardNegativeInterval = 2
        config.hardNegativeRanks = 0..<5
        config.idDropout = 0
        return config
    }

    static func model(_ config: PinSage.Config = config(), data: InteractionMatrix = communities(),
                      attributes: ItemAttributes? = communityAttributes(), seed: UInt64 = 3) -> PinSage {
        var rng = SeededRNG(seed: seed)
        return PinSage(interactions: data.train, attributes: attributes, config: config, rng: &rng)
    }

    @Test func neighbourhoodsAreTopTWeightedWithoutTheItemItself() {
        let model = Self.model()
        let n = model.neighbourhoods.matrix
        for item in 0..<20 {
            let range = Int(n.offsets[item])..<Int(n.offsets[item + 1])
            #expect(!range.isEmpty && range.count <= 4)
            #expect(!n.indices[range].contains(Int32(item)))
            #expect(abs(n.values[range].reduce(0, +) - 1) < 1e-5)
        }
        // Users' weights cover exactly their train items.
        let data = communities()
        for user in 0..<24 {
            let range = Int(model.userWeights.offsets[user])..<Int(model.userWeights.offsets[user + 1])
            #expect(Array(model.userWeights.indices[range]) == Array(data.train.neighbours(user)))
            #expect(abs(model.userWeights.values[range].reduce(0, +) - 1) < 1e-5)
        }
    }

    /// The whole loss (BPR over PinSage's pairs, L2) against finite differences in every
    /// parameter, on a graph with an item no user has seen; with one output layer and with the
    /// paper's two.
    @Test(arguments: [1, 2])
    func lossGradientMatchesFiniteDifferences(outputLayers: Int) {
        let data = InteractionMatrix(userCount: 3, itemCount: 5, train: [(0, 0), (0, 1), (1, 1), (1, 2), (2, 3), (2, 0)])
        let attributes = ItemAttributes(itemCount: 5, attributeCount: 2,
                                        pairs: [(0, 0), (1, 0), (2, 1), (3, 1), (4, 0), (4, 1)])
        var config = Self.config()
        config.dimension = 3
        config.sharedNegatives = 3
        config.outputLayers = outputLayers
        let model = Self.model(config, data: data, attributes: attributes, seed: 8)
        #expect(model.parameters.contains { $0.name == "G2" } == (outputLayers == 2))
        let batch = TrainingBatch(users: [0, 1, 2, 0], positiveItems: [1, 2, 3, 0], negativeItems: [4, 3, 1, 2])
        let problems = FiniteDifferences(epsilon: 1e-3).mismatches(model.parameters) { tape in
            model.loss(for: batch, objective: .bpr, regularization: 0.1, on: tape)
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// An item without train interactions is embedded from its attributes alone: its id row does
    /// not reach its representation and gets no gradient; its attributes do.
    @Test func unseenItemsAreEmbeddedFromTheirAttributes() {
        let data = InteractionMatrix(userCount: 3, itemCount: 5, train: [(0, 0), (0, 1), (1, 1), (1, 2), (2, 3), (2, 0)])
        let attributes = ItemAttributes(itemCount: 5, attributeCount: 2,
                                        pairs: [(0, 0), (1, 0), (2, 1), (3, 1), (4, 0), (4, 1)])
        let model = Self.model(data: data, attributes: attributes)
        #expect(model.seen.storage == [1, 1, 1, 1, 0])
        let before = model.itemRepresentations(threads: 1)
        model.itemEmbedding.value[4, 0] += 5
        #expect(model.itemRepresentations(threads: 1) == before)
        model.attributeEmbedding.value[1, 0] += 5
        let after = model.itemRepresentations(threads: 1)
        #expect(after.row(4) != before.row(4))
        let tape = Tape()
        let batch = TrainingBatch(users: [0, 1, 2], positiveItems: [1, 2, 3], negativeItems: [4, 4, 4])
        tape.backward(from: model.loss(for: batch, objective: .marginRanking(margin: 1), regularization: 0.1, on: tape))
        let gradient = model.itemEmbedding.gradient!
        #expect(gradient.row(4).allSatisfy { $0 == 0 })
        #expect(gradient.row(1).contains { $0 != 0 })
        #expect(model.attributeEmbedding.gradient!.row(1).contains { $0 != 0 })
    }

    /// Id dropout masks seen items' id embeddings in training: at a rate of 1 no id embedding
    /// gets a gradient, while the attributes still do.
    @Test func idDropoutMasksIdEmbeddingsInTraining() {
        var config = Self.config()
        config.idDropout = 1
        let model = Self.model(config)
        let tape = Tape()
        let batch = TrainingBatch(users: [0, 13], positiveItems: [model.userWeights.indices[0], 12], negativeItems: [15, 2])
        tape.backward(from: model.loss(for: batch, objective: .marginRanking(margin: 1), regularization: 0, on: tape))
        #expect(model.itemEmbedding.gradient.map { $0.storage.allSatisfy { $0 == 0 } } ?? true)
        #expect(model.attributeEmbedding.gradient!.storage.contains { $0 != 0 })
        // Inference keeps every seen item's id embedding.
        let before = model.itemRepresentations(threads: 1)
        model.itemEmbedding.value[3, 0] += 1
        #expect(model.itemRepresentations(threads: 1).row(3) != before.row(3))
    }

    /// The positive is scored against the user's other items only, re-weighted to sum to 1.
    @Test func positivesAreScoredAgainstTheRestOfTheProfile() {
        let model = Self.model()
        let batch = TrainingBatch(users: [3, 14], positiveItems: [model.userWeights.indices[Int(model.userWeights.offsets[3])], 12],
                                  negativeItems: [15, 2])
        let scores = model.batchScores(batch, on: Tape())
        let y = model.itemRepresentations(threads: 1)
        for t in 0..<2 {
            let u = Int(batch.users[t])
            var user = [Float](repeating: 0, count: y.columns), kept: Float = 0
            for p in Int(model.userWeights.offsets[u])..<Int(model.userWeights.offsets[u + 1])
            where model.userWeights.indices[p] != batch.positiveItems[t] {
                kept += model.userWeights.values[p]
                for c in 0..<y.columns { user[c] += model.userWeights.values[p] * y[Int(model.userWeights.indices[p]), c] }
            }
            let expected = (0..<y.columns).reduce(Float(0)) { $0 + user[$1] / kept * y[Int(batch.positiveItems[t]), $1] }
            #expect(abs(scores.positive.value[t * 2, 0] - expected) < 1e-4, "triple \(t)")
        }
    }

    /// No hard negatives in the first `hardNegativeInterval` epochs, then one more per interval.
    @Test func hardNegativesFollowTheCurriculum() {
        let model = Self.model(Self.config(hardNegatives: 2))
        let batch = TrainingBatch(users: [0, 5, 13, 20], positiveItems: [1, 2, 12, 15], negativeItems: [15, 19, 0, 3])
        func pairs(epoch: Int) -> Int {
            var b = batch
            b.epoch = epoch
            return model.batchScores(b, on: Tape()).negative.rows
        }
        let shared = pairs(epoch: 1)
        #expect(shared == pairs(epoch: 2))
        #expect(pairs(epoch: 3) == shared + 4)
        #expect(pairs(epoch: 5) == shared + 8 && pairs(epoch: 50) == shared + 8)
        // Hard negatives come from the users' PageRank band: never their own train items.
        let data = communities()
        for user in 0..<24 {
            for item in model.hardNegativeCandidates.neighbours(user) {
                #expect(!data.train.contains(row: user, column: item))
            }
        }
    }

    @Test func learnsTheCommunities() throws {
        let data = communities()
        var settings = ModelCatalog.Settings(dimension: 8, layers: 2)
        settings.options = ["neighbours": "5", "walks": "50", "shared_negatives": "16", "hard_negative_interval": "10"]
        let model = try ModelCatalog.make("pinsage", data: data, settings: settings, seed: 5)
        var config = smallConfig(epochs: 30)
        config.objective = .marginRanking(margin: 0.1)
        config.learningRate = 0.01
        config.regularization = 1e-4
        let result = try Trainer(config: config).train(model, data: data)
        let after = Evaluator(ks: [5]).evaluate(model, on: .test, data: data).value("recall@5")!
        #expect(result.epochs.last!.loss < result.epochs.first!.loss)
        #expect(after > 0.6, "recall@5 \(after) (random ≈ 0.36)")
    }

    @Test func sameSeedGivesTheSameModelAndRun() throws {
        let data = communities()
        func run(threads: Int) throws -> TrainingResult {
            let model = try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 8, layers: 2), seed: 9)
            var config = smallConfig(epochs: 12, threads: threads)
            config.objective = .marginRanking(margin: 0.1)
            return try Trainer(config: config).train(model, data: data)
        }
        let first = try run(threads: 1)
        #expect(first.checkpoint == (try run(threads: 1)).checkpoint)
        #expect(first.epochs.map(\.loss) == (try run(threads: 1)).epochs.map(\.loss))
    }

    /// Without --layers each model keeps its paper's depth: two convolutions for PinSage, three
    /// propagation layers for LightGCN and NGCF.
    @Test func unsetLayersKeepEachModelsDefault() throws {
        let data = communities()
        let pinsage = try #require(try ModelCatalog.make("pinsage", data: data, seed: 1) as? PinSage)
        let lightgcn = try #require(try ModelCatalog.make("lightgcn", data: data, seed: 1) as? LightGCN)
        let ngcf = try #require(try ModelCatalog.make("ngcf", data: data, seed: 1) as? NGCF)
        #expect(pinsage.convolutions.count == 2 && lightgcn.config.layers == 3 && ngcf.config.layerSizes.count == 3)
        let deeper = try ModelCatalog.make("pinsage", data: data, settings: .init(layers: 3), seed: 1) as? PinSage
        #expect(deeper?.convolutions.count == 3)
    }

    /// Without --dim PinSage is 128 wide and the other models 64; --dim overrides both. PinSage's
    /// trainer defaults decay the learning rate ×0.99 an epoch, and it shares 1024 negatives.
    @Test func unsetDimensionKeepsEachModelsDefault() throws {
        let data = communities()
        let pinsage = try #require(try ModelCatalog.make("pinsage", data: data, seed: 1) as? PinSage)
        let lightgcn = try #require(try ModelCatalog.make("lightgcn", data: data, seed: 1) as? LightGCN)
        let ngcf = try #require(try ModelCatalog.make("ngcf", data: data, seed: 1) as? NGCF)
        #expect(pinsage.config.dimension == 128 && pinsage.itemEmbedding.value.columns == 128)
        #expect(pinsage.config.sharedNegatives == 1024)
        #expect(lightgcn.config.dimension == 64 && ngcf.config.layerSizes == [64, 64, 64])
        let narrow = try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 16), seed: 1) as? PinSage
        #expect(narrow?.config.dimension == 16)
        #expect(ModelCatalog.trainerDefaults(for: "pinsage").learningRateDecay == 0.99)
        #expect(ModelCatalog.trainerDefaults(for: "lightgcn").learningRateDecay == 1)
        #expect(throws: ModelError.self) {
            try ModelCatalog.make("lightgcn", data: data, settings: .init(dimension: 0), seed: 1)
        }
    }

    @Test func checkpointRestoresTheModel() throws {
        let data = communities()
        let settings = ModelCatalog.Settings(dimension: 8, layers: 1, options: ["neighbours": "7", "hard_negative_ranks": "3,30"])
        let model = try ModelCatalog.make("pinsage", data: data, settings: settings, seed: 4)
        var config = smallConfig(epochs: 2)
        config.objective = .marginRanking(margin: 0.1)
        let result = try Trainer(config: config).train(model, data: data)
        let restored = try ModelCatalog.make(from: try Checkpoint(serialized: result.checkpoint.serialized()), data: data)
        let pinsage = try #require(restored as? PinSage)
        #expect(pinsage.config == (model as? PinSage)?.config)
        #expect(pinsage.config.neighbours == 7 && pinsage.config.hardNegativeRanks == 3..<30 && pinsage.config.layers == 1)
        #expect(restored.scores(users: [0, 3, 20], items: [1, 7, 19], threads: 1)
                == model.scores(users: [0, 3, 20], items: [1, 7, 19], threads: 1))
    }

    @Test(arguments: [
        (["hard_negative_ranks": "5"], "setting 'hard_negative_ranks' takes two ranks FROM,TO with FROM < TO, not '5'"),
        (["neighbors": "10"], "unknown setting 'neighbors' for pinsage; it takes neighbours, walks, user_walks, restart, max_hops, shared_negatives, hard_negatives, hard_negative_interval, hard_negative_ranks, attributes, id_dropout, output_layers, walk_seed. Did you mean 'neighbours'?"),
        (["restart": "0"], "setting 'restart' takes a number from 0.01 to 1.0, not '0'"),
        (["attributes": "yes"], "setting 'attributes' takes one of true, false, not 'yes'"),
        (["walk_seed": "-1"], "setting 'walk_seed' takes a whole number from 0 to 18446744073709551615, not '-1'"),
    ])
    func badSettingsAreNamed(options: [String: String], message: String) {
        #expect(throws: ModelError.invalidSetting(message)) {
            try ModelCatalog.make("pinsage", data: communities(), settings: .init(options: options), seed: 1)
        }
    }
}
