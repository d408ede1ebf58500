import KGGraph
import KGImport
import KGTestSupport
import Testing
@testable import KGRecKit

/// The benchmark datasets in ../shared import into stores whose statistics are the counts
/// ../shared/datasets/README.md documents (and the papers' dataset tables).
@Suite(.serialized) struct DatasetStoreTests {
    struct Expected: Sendable, CustomStringConvertible {
        var directory: String
        var users: Int
        var items: Int
        var train: Int
        var valid: Int
        var test: Int
        var kgTriples = 0
        var kgRelations = 0
        var kgEntities = 0
        var labelledPairs = 0
        var positivePairs = 0
        var description: String { directory }
    }

    static let datasets = [
        Expected(directory: "lastfm-kgcn", users: 1_872, items: 3_846, train: 12_705, valid: 4_234, test: 4_234,
                 kgTriples: 15_518, kgRelations: 60, kgEntities: 9_366, labelledPairs: 42_346, positivePairs: 21_173),
        Expected(directory: "book-crossing-kgcn", users: 17_860, items: 14_967, train: 41_772, valid: 14_012,
                 test: 14_089, kgTriples: 151_500, kgRelations: 25, kgEntities: 77_903, labelledPairs: 139_746,
                 positivePairs: 69_873),
        Expected(directory: "gowalla", users: 29_858, items: 40_981, train: 810_128, valid: 0, test: 217_242),
        Expected(directory: "amazon-book-kgat", users: 70_679, items: 24_915, train: 652_514, valid: 0, test: 193_920),
    ]

    @Test(.needsShared("datasets/lastfm-kgcn", "datasets/book-crossing-kgcn", "datasets/gowalla", "datasets/amazon-book-kgat"),
          arguments: datasets)
    func importsWithTheDocumentedCounts(_ expected: Expected) throws {
        let directory = try SharedData.require("datasets/" + expected.directory)
        let dir = TemporaryDirectory()
        let workspace = Session(storePath: dir.path("store.db"))
        _ = try workspace.importData(path: directory.path, options: ImportOptions())
        let report = try workspace.statistics()
        let stats = report.statistics
        #expect(stats.nodesByKind[.user] == expected.users)
        #expect(stats.nodesByKind[.item] == expected.items)
        let interactions = try #require(stats.relations.first { $0.name == "interacted" })
        #expect(interactions.train == expected.train && interactions.valid == expected.valid
                && interactions.test == expected.test)
        #expect(report.knowledgeGraphTriples == expected.kgTriples)
        #expect(report.knowledgeGraphRelations == expected.kgRelations)
        #expect(report.knowledgeGraphEntities == expected.kgEntities)
        #expect(stats.labelledPairs == expected.labelledPairs && stats.positiveLabelledPairs == expected.positivePairs)
        // Held-out interactions never reach the train adjacency.
        let snapshot = try workspace.snapshot()
        let matrix = InteractionMatrix(snapshot: snapshot)
        #expect(matrix.train.nonZeroCount == expected.train)
        for user in 0..<min(matrix.userCount, 2_000) {
            for item in matrix.test.neighbours(user) { #expect(!matrix.train.contains(row: user, column: item)) }
        }
    }
}
