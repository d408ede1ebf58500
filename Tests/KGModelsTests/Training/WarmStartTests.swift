import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

@Suite struct WarmStartTests {
    static func trained(_ name: String, dimension: Int = 8, epochs: Int = 10) throws -> (any Recommender, Checkpoint) {
        let data = communities()
        let model = try ModelCatalog.make(name, data: data, settings: .init(dimension: dimension, layers: 2), seed: 5)
        let result = try Trainer(config: smallConfig(epochs: epochs)).train(model, data: data)
        return (model, result.checkpoint)
    }

    /// MF's two tables become the stacked layer-0 table of LightGCN and NGCF (users first), and
    /// the propagation weights keep their own initialisation.
    @Test(arguments: ["lightgcn", "ngcf"])
    func mfTablesBecomeTheStackedTable(target: String) throws {
        let (mf, checkpoint) = try Self.trained("mf")
        let mfModel = try #require(mf as? MatrixFactorization)
        let fresh = try ModelCatalog.make(target, data: communities(), settings: .init(dimension: 8, layers: 2), seed: 9)
        let before = fresh.parameters.map(\.value)
        try checkpoint.warmStart(fresh)
        let stacked = fresh.parameters[0].value
        #expect(stacked.rows(0..<24) == mfModel.userEmbedding.value)
        #expect(stacked.rows(24..<44) == mfModel.itemEmbedding.value)
        #expect(stacked != before[0])
        #expect(Array(fresh.parameters.dropFirst().map(\.value)) == Array(before.dropFirst()))
    }

    /// A stacked table is split after the users, so MF gets back what LightGCN held.
    @Test func stackedTableSplitsIntoUsersAndItems() throws {
        let (lightGCN, checkpoint) = try Self.trained("lightgcn")
        let stacked = lightGCN.parameters[0].value
        let mf = try #require(try ModelCatalog.make("mf", data: communities(), settings: .init(dimension: 8), seed: 1)
            as? MatrixFactorization)
        try checkpoint.warmStart(mf)
        #expect(mf.userEmbedding.value == stacked.rows(0..<24))
        #expect(mf.itemEmbedding.value == stacked.rows(24..<44))
    }

    /// Starting NGCF from a trained MF ranks the communities before NGCF trains at all: the
    /// layer-0 block of its representation carries MF's scores.
    @Test func warmStartedNGCFRanksBeforeTraining() throws {
        let data = communities()
        let (_, checkpoint) = try Self.trained("mf", epochs: 40)
        let cold = try ModelCatalog.make("ngcf", data: data, settings: .init(dimension: 8, layers: 2), seed: 9)
        let warm = try ModelCatalog.make("ngcf", data: data, settings: .init(dimension: 8, layers: 2), seed: 9)
        try checkpoint.warmStart(warm)
        let evaluator = Evaluator(ks: [5])
        let coldRecall = evaluator.evaluate(cold, on: .test, data: data).value("recall@5")!
        let warmRecall = evaluator.evaluate(warm, on: .test, data: data).value("recall@5")!
        #expect(warmRecall > coldRecall + 0.1, "warm \(warmRecall), cold \(coldRecall)")
    }

    @Test func mismatchesAreRefusedWithTheReason() throws {
        let (_, checkpoint) = try Self.trained("mf", epochs: 1)
        let data = communities()
        let wider = try ModelCatalog.make("ngcf", data: data, settings: .init(dimension: 16, layers: 1), seed: 1)
        #expect(throws: ModelError.incompatibleCheckpoint("its embeddings are 8 wide, 'ngcf' here needs 16 (--dim)")) {
            try checkpoint.warmStart(wider)
        }
        let fewerUsers = InteractionMatrix(userCount: 20, itemCount: 20, train: [(0, 0), (19, 19)], test: [])
        let other = try ModelCatalog.make("mf", data: fewerUsers, settings: .init(dimension: 8), seed: 1)
        #expect(throws: ModelError.incompatibleCheckpoint(
            "it holds 24 users and 20 items, the data has 20 and 20; warm starts need the same dataset")) {
            try checkpoint.warmStart(other)
        }
        let pinSage = try ModelCatalog.make("pinsage", data: data, settings: .init(dimension: 8), seed: 1)
        #expect(throws: ModelError.incompatibleCheckpoint(
            "'pinsage' cannot start from another model's embeddings; mf, lightgcn and ngcf can")) {
            try checkpoint.warmStart(pinSage)
        }
        let foreign = Checkpoint(model: "kgcn", configuration: [], parameters: [.init(name: "relation", tensor: Tensor(rows: 2, columns: 8))],
                                 metrics: [], seed: 1, epoch: 1)
        #expect(throws: ModelError.incompatibleCheckpoint(
            "a 'kgcn' checkpoint has no user and item embedding tables to start from; use one of mf, lightgcn or ngcf")) {
            try foreign.warmStart(other)
        }
    }
}
