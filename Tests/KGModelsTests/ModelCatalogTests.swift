import KGGraph
import KGTestSupport
import Testing
@testable import KGModels

/// Models register themselves: the catalog is their entries, each with its own defaults.
@Suite struct ModelCatalogTests {
    static func data() -> InteractionMatrix {
        var delta = GraphDelta()
        let bought = try! delta.relation("bought")
        for u in 0..<4 {
            let user = try! delta.node("u\(u)", kind: .user)
            for i in 0..<3 { delta.addEdge(user, bought, try! delta.node("i\((u + i) % 5)", kind: .item)) }
        }
        return InteractionMatrix(snapshot: GraphSnapshot(SnapshotSource(delta)))
    }

    @Test func namesAndAliasesFindTheirEntries() {
        #expect(ModelCatalog.names == ["mf", "lightgcn", "ngcf", "pinsage", "kgcn", "gfcf", "als"])
        #expect(Set(ModelCatalog.names).count == ModelCatalog.entries.count)
        #expect(ModelCatalog.entry(named: "BPR")?.name == "mf")
        #expect(ModelCatalog.entry(named: "LightGCN")?.name == "lightgcn")
        #expect(ModelCatalog.entry(named: "lightgnc") == nil)
        #expect(throws: ModelError.unknownModel("unknown model 'lightgnc'; expected one of mf, lightgcn, ngcf, pinsage, kgcn, gfcf, als. Did you mean 'lightgcn'?")) {
            try ModelCatalog.make("lightgnc", data: Self.data(), seed: 1)
        }
    }

    /// A model built without `--dim` has its own entry's size, and the trainer its entry's settings.
    @Test(arguments: [("mf", 64), ("lightgcn", 64), ("ngcf", 64), ("pinsage", 128)])
    func aModelWithoutADimensionHasItsOwnDefault(name: String, dimension: Int) throws {
        let model = try ModelCatalog.make(name, data: Self.data(), seed: 1)
        #expect(model.configuration.first { $0.key == "dimension" }?.value == String(dimension))
        #expect(ModelCatalog.entry(named: name)?.defaultDimension == dimension)
    }

    @Test func kgcnKeepsThePapersDefaults() {
        let entry = ModelCatalog.entry(named: "kgcn")
        #expect(entry?.defaultDimension == 16 && entry?.settingKeys == ["neighbours", "iterations", "aggregator"])
        #expect(ModelCatalog.trainerDefaults(for: "kgcn") == .kgcnLastFM)
        #expect(ModelCatalog.trainerDefaults(for: "ngcf").batchSize == 1024)
        #expect(ModelCatalog.trainerDefaults(for: "unknown") == TrainerConfig())
    }
}
