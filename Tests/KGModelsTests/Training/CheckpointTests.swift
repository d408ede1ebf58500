import Testing
import KGAutodiff
import KGTensor
@testable import KGModels

@Suite struct CheckpointTests {
    let checkpoint = Checkpoint(
        model: "lightgcn", configuration: [("dimension", "3"), ("note", "ünïcode \"quoted\"")],
        parameters: [.init(name: "embedding", tensor: Tensor([[1, -2.5, 3], [0, .infinity, -0]])),
                     .init(name: "empty", tensor: Tensor(rows: 0, columns: 4))],
        metrics: [("recall@20", 0.1834), ("ndcg@20", 0.1555)], seed: 2020, epoch: 17)

    /// Byte layout of this checkpoint: magic 0–8, version –12, model –24, seed –32, epoch –40,
    /// 2 settings –92, 2 metrics –136, 2 parameters –202 (embedding's floats at 161–185).
    @Test func roundTrips() throws {
        let bytes = checkpoint.serialized()
        #expect(try Checkpoint(serialized: bytes) == checkpoint)
        #expect(bytes.count == 202)
        #expect(checkpoint.setting("dimension") == "3" && checkpoint.metric("ndcg@20") == 0.1555)
    }

    static let corruptions: [(String, @Sendable ([UInt8]) -> [UInt8], ModelError)] = [
        ("magic", { Array("NOTACKPT".utf8) + $0.dropFirst(8) },
         .corruptCheckpoint(offset: 0, reason: "it does not start with 'KGRECCKP'")),
        ("version", { var b = $0; b[8] = 9; return b },
         .corruptCheckpoint(offset: 8, reason: "version 9 is not the supported version 1")),
        ("truncated field", { Array($0.prefix(14)) },
         .corruptCheckpoint(offset: 12, reason: "it ends inside a 4-byte field")),
        ("truncated string", { Array($0.prefix(20)) },
         .corruptCheckpoint(offset: 12, reason: "a string of 8 bytes exceeds the 4 bytes left")),
        ("trailing", { $0 + [0] }, .corruptCheckpoint(offset: 202, reason: "1 unexpected trailing bytes")),
        ("short parameter", { Array($0.prefix(180)) },
         .corruptCheckpoint(offset: 161, reason: "parameter 'embedding' (2×3) needs 24 bytes, 19 remain")),
        ("huge count", { var b = $0; b[40] = 0xFF; b[41] = 0xFF; return b },
         .corruptCheckpoint(offset: 40, reason: "a count of 65535 entries exceeds the 158 bytes left")),
        ("bad UTF-8", { var b = $0; b[16] = 0xFF; return b },
         .corruptCheckpoint(offset: 16, reason: "a string is not valid UTF-8")),
    ]

    @Test(arguments: corruptions)
    func corruptBytesAreReportedWithTheirOffset(_ name: String, _ corrupt: @Sendable ([UInt8]) -> [UInt8], _ error: ModelError) {
        #expect(throws: error) { try Checkpoint(serialized: corrupt(checkpoint.serialized())) }
    }

    @Test func errorMessagesReadAsSentences() {
        #expect(ModelError.corruptCheckpoint(offset: 8, reason: "version 9 is not the supported version 1").description
                == "the checkpoint is unreadable at byte 8: version 9 is not the supported version 1")
    }

    @Test func restoreChecksTheModel() throws {
        var rng = SeededRNG(seed: 1)
        let mf = MatrixFactorization(userCount: 2, itemCount: 3, config: .init(dimension: 4), rng: &rng)
        #expect(throws: ModelError.incompatibleCheckpoint("it holds a 'lightgcn' model, not 'mf'")) {
            try checkpoint.restore(into: mf)
        }
        var saved = Checkpoint(model: "mf", configuration: [], parameters: mf.parameters.map {
            .init(name: $0.name, tensor: $0.value.scaled(by: 2))
        }, metrics: [], seed: 1, epoch: 1)
        let expected = mf.parameters.map { $0.value.scaled(by: 2) }
        try saved.restore(into: mf)
        #expect(mf.parameters.map(\.value) == expected)
        saved.parameters[1].tensor = Tensor(rows: 4, columns: 4)
        #expect(throws: ModelError.incompatibleCheckpoint("'item_embedding' is 4×4, the model needs 3×4")) {
            try saved.restore(into: mf)
        }
    }

    @Test func summaryIsOneLineOfJSON() {
        #expect(checkpoint.jsonSummary == #"{"model":"lightgcn","epoch":17,"seed":2020,"config":{"dimension":"3","note":"ünïcode \"quoted\""},"metrics":{"recall@20":0.1834,"ndcg@20":0.1555}}"#)
    }
}

@Suite struct CheckpointModelTests {
    /// A trained model's checkpoint rebuilds a model that scores exactly as the original.
    @Test func aCheckpointRebuildsTheSameModel() throws {
        let data = communities()
        let model = try ModelCatalog.make("lightgcn", data: data, settings: .init(dimension: 6, layers: 2), seed: 3)
        let result = try Trainer(config: smallConfig(epochs: 3)).train(model, data: data)
        let bytes = result.checkpoint.serialized()
        let rebuilt = try ModelCatalog.make(from: try Checkpoint(serialized: bytes), data: data)
        #expect(rebuilt.name == "lightgcn")
        let users: [Int32] = [0, 7, 20], items: [Int32] = [3, 12, 19]
        #expect(rebuilt.scores(users: users, items: items, threads: 1) == model.scores(users: users, items: items, threads: 1))
        var wrong = result.checkpoint
        wrong.configuration = wrong.configuration.map { $0.key == "layers" ? ("layers", "three") : $0 }
        #expect(throws: ModelError.incompatibleCheckpoint("its layer count 'three' is not a number")) {
            try ModelCatalog.make(from: wrong, data: data)
        }
    }
}
