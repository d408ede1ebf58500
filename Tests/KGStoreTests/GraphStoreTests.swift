import Foundation
import KGGraph
import KGTestSupport
import Testing
@testable import KGStore

private func shop() throws -> GraphDelta {
    var d = GraphDelta()
    let u = try d.node("u1", kind: .user), i = try d.node("i1", kind: .item), j = try d.node("i2", kind: .item)
    let c = try d.node("Shoes", kind: .category)
    let bought = try d.relation("bought"), inCategory = try d.relation("in_category")
    d.addEdge(u, bought, i, weight: 2, timestamp: 1_700_000_000)
    d.addEdge(u, bought, j, split: .test)
    d.addEdge(i, inCategory, c)
    d.addEdge(j, inCategory, c)
    d.setLabel(i, "Trail Shoe")
    d.addProperty(i, "price", .number(49.5))
    d.addProperty(i, "brand", .string("Acme"))
    d.addProperty(i, "organic", .bool(true))
    d.addLabelledPair(user: u, item: j, label: false, split: .test)
    return d
}

@Suite struct GraphStoreTests {
    @Test func roundTripsAGraphThroughSQLite() throws {
        let dir = TemporaryDirectory()
        let store = try GraphStore(path: dir.path("s.db"))
        let report = try store.apply(try shop(), source: "shop.nt", format: "ntriples")
        #expect(report.nodesAdded == 4 && report.edgesAdded == 4 && report.relationsAdded == 2)
        #expect(report.revision == 1)

        let reopened = try GraphStore(path: dir.path("s.db"), create: false)
        let snapshot = try reopened.snapshot()
        let expected = GraphSnapshot(SnapshotSource(try shop(), revision: 1))
        #expect(snapshot.externalIDs == expected.externalIDs)
        #expect(snapshot.kinds == expected.kinds)
        #expect(snapshot.labels == expected.labels)
        #expect(snapshot.relations == expected.relations)
        #expect(snapshot.forward == expected.forward)
        #expect(snapshot.heldOut == expected.heldOut)
        #expect(snapshot.properties == expected.properties)
        #expect(snapshot.labelledPairs == expected.labelledPairs)
        #expect(snapshot.revision == 1)
    }

    /// Strings that look like numbers stay strings, leading zeros and all.
    @Test func stringPropertiesKeepTheirText() throws {
        let dir = TemporaryDirectory()
        var d = GraphDelta()
        let i = try d.node("i1", kind: .item)
        for text in ["012345678", "1e3", "7.50", " 42", "0"] { d.addProperty(i, "code", .string(text)) }
        d.addProperty(i, "code", .number(7.5))
        let store = try GraphStore(path: dir.path("s.db"))
        try store.apply(d, source: "a", format: "x")
        let values = try GraphStore(path: dir.path("s.db"), create: false).snapshot().property("code", of: 0)
        #expect(Set(values) == [.string("012345678"), .string("1e3"), .string("7.50"), .string(" 42"), .string("0"),
                                .number(7.5)])
    }

    /// A store written by schema version 1 is migrated: its string values read back as strings.
    @Test func migratesVersionOnePropertiesToTypedValues() throws {
        let dir = TemporaryDirectory()
        do {
            let database = try Database(path: dir.path("old.db"), create: true)
            try database.execute(Migrations.all[0])
            try database.execute("""
                PRAGMA user_version = 1;
                INSERT INTO nodes(id, kind, ext) VALUES (1, 1, 'i1');
                INSERT INTO properties VALUES (1, 'code', 0, '012'), (1, 'price', 1, 9.5), (1, 'new', 2, 1);
                """)
        }
        let store = try GraphStore(path: dir.path("old.db"))
        #expect(try store.database.userVersion == Migrations.latest)
        let snapshot = try store.snapshot()
        #expect(snapshot.property("code", of: 0) == [.string("12")])
        #expect(snapshot.property("price", of: 0) == [.number(9.5)])
        #expect(snapshot.property("new", of: 0) == [.bool(true)])
    }

    @Test func reimportingIsIdempotentAndRefinesEntities() throws {
        let dir = TemporaryDirectory()
        let store = try GraphStore(path: dir.path("s.db"))
        try store.apply(try shop(), source: "a", format: "x")
        let again = try store.apply(try shop(), source: "a", format: "x")
        // The same facts again: nothing new, nothing changed, so the revision stays.
        #expect(again.nodesAdded == 0 && again.edgesAdded == 0 && again.edgesUpdated == 0 && again.edgesUnchanged == 4)
        #expect(again.changedNothing && again.revision == 1)

        var more = GraphDelta()
        let e = try more.node("i9", kind: .entity)
        try store.apply(more, source: "b", format: "x")
        var refine = GraphDelta()
        let refined = try refine.node("i9", kind: .item)
        #expect(refined == 0 && e == 0)
        let report = try store.apply(refine, source: "c", format: "x")
        #expect(report.nodesUpdated == 1)
        let snapshot = try store.snapshot()
        #expect(snapshot.kinds[Int(snapshot.node("i9")!)] == .item)
    }

    @Test func aFailedApplyLeavesTheFileByteForByteAsItWas() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("s.db")
        do {
            let store = try GraphStore(path: path)
            try store.apply(try shop(), source: "a", format: "x")
            try store.checkpointWAL()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        var bad = GraphDelta()
        let fresh = try bad.node("i100", kind: .item)
        let r = try bad.relation("viewed")
        let clash = try bad.node("u1", kind: .item)
        bad.addEdge(fresh, r, clash)
        do {
            let store = try GraphStore(path: path, create: false)
            #expect(throws: StoreError.kindConflict(id: "u1", existing: "a user", new: "an item")) {
                try store.apply(bad, source: "bad", format: "x")
            }
            #expect(try store.revision == 1)
            #expect(try store.statistics().relations.map(\.name) == ["bought", "in_category"])
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after)
    }

    @Test func statisticsCountKindsRelationsAndSplits() throws {
        let dir = TemporaryDirectory()
        let store = try GraphStore(path: dir.path("s.db"))
        try store.apply(try shop(), source: "a", format: "x")
        let stats = try store.statistics()
        #expect(stats.nodesByKind == [.user: 1, .item: 2, .category: 1])
        #expect(stats.relations == [.init(name: "bought", train: 1, valid: 0, test: 1),
                                    .init(name: "in_category", train: 2, valid: 0, test: 0)])
        #expect(stats.properties == 3 && stats.labelledPairs == 1 && stats.positiveLabelledPairs == 0)
        #expect(stats.imports == 1)
    }

    @Test func checkpointsKeepTheirBytesAndMetadata() throws {
        let dir = TemporaryDirectory()
        let store = try GraphStore(path: dir.path("s.db"))
        let bytes: [UInt8] = (0..<1000).map { UInt8($0 % 251) }
        let id = try store.saveCheckpoint(model: "mf", revision: 3, metric: "recall@20", score: 0.25,
                                          summary: "{}", data: bytes)
        try store.saveCheckpoint(model: "mf", revision: 3, metric: "recall@20", score: 0.3, summary: "{}", data: [1])
        #expect(try store.checkpoint(id: id)?.data == bytes)
        #expect(try store.latestCheckpoint(model: "mf")?.score == 0.3)
        #expect(try store.latestCheckpoint(model: "lightgcn") == nil)
        #expect(try store.checkpoints().map(\.model) == ["mf", "mf"])
    }

    @Test func refusesFilesThatAreNotKgrecStores() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("notes.db", "this is not a database, just text that is long enough to matter")
        #expect(throws: StoreError.self) { try GraphStore(path: path) }
        #expect(throws: StoreError.cannotOpen(path: dir.path("missing.db"),
                                              reason: "no such file (import data first, or check --store)")) {
            try GraphStore(path: dir.path("missing.db"), create: false)
        }
    }
}
