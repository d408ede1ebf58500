import Foundation
import Testing
import KGGraph
import KGImport
import KGTestSupport
@testable import KGRecKit

/// A living catalog: a re-imported catalog replaces what it says about its products, the
/// import report counts facts truthfully, and click files must name products the catalog knows.
@Suite struct CatalogUpdateTests {
    let dir = TemporaryDirectory()

    static let catalog = """
        <https://shop.example/i1> <https://schema.org/price> "72.99" .
        <https://shop.example/i1> <https://schema.org/category> "Sandals" .
        <https://shop.example/i2> <https://schema.org/price> "30" .
        <https://shop.example/i2> <https://schema.org/category> "Boots" .

        """

    func session() throws -> Session {
        let session = Session(storePath: dir.path("s.db"))
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        _ = try session.importData(path: dir.write("catalog.nt", Self.catalog), options: options)
        return session
    }

    func importing(_ session: Session, _ name: String, _ text: String, _ change: (inout ImportOptions) -> Void = { _ in })
        throws -> ImportOutcome {
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        change(&options)
        return try session.importData(path: dir.write(name, text), options: options)
    }

    func prices(_ session: Session, _ id: String) throws -> [PropertyValue] {
        let snapshot = try session.snapshot()
        return snapshot.property("price", of: try #require(snapshot.node(id)))
    }

    func categories(_ session: Session, _ id: String) throws -> [String] {
        let snapshot = try session.snapshot()
        let node = try #require(snapshot.node(id))
        let relation = try #require(snapshot.relation(named: "in_category"))
        return snapshot.forward[Int(relation)].neighbours(Int(node)).map { snapshot.externalIDs[Int($0)] }.sorted()
    }

    @Test func aReimportedCatalogReplacesPricesAndCategoriesAndCountsWhatChanged() throws {
        let session = try session()
        let revision = try session.store().revision
        let same = try importing(session, "same.nt", Self.catalog)
        #expect(same.report.changedNothing && same.report.revision == revision)
        #expect(same.report.edgesUnchanged == 2 && same.report.propertiesUnchanged == 2)

        let changed = try importing(session, "new.nt", """
            <https://shop.example/i1> <https://schema.org/price> "9.99" .
            <https://shop.example/i1> <https://schema.org/category> "Boots" .

            """)
        #expect(!changed.report.changedNothing && changed.report.revision == revision + 1)
        #expect(changed.report.propertiesChanged == 1 && changed.report.edgesAdded == 1 && changed.report.edgesRemoved == 1)
        #expect(try prices(session, "i1") == [.number(9.99)])
        #expect(try categories(session, "i1") == ["category:boots"])
        // i2, which the file does not describe, keeps everything.
        #expect(try prices(session, "i2") == [.number(30)])
        #expect(try categories(session, "i2") == ["category:boots"])
    }

    @Test func mergeModeAddsAndRemovesNothing() throws {
        let session = try session()
        let merged = try importing(session, "new.nt", """
            <https://shop.example/i1> <https://schema.org/price> "9.99" .
            <https://shop.example/i1> <https://schema.org/category> "Boots" .

            """) { $0.mode = .merge }
        #expect(merged.mode == .merge && merged.report.edgesRemoved == 0)
        #expect(try Set(prices(session, "i1")) == [.number(9.99), .number(72.99)])
        #expect(try categories(session, "i1") == ["category:boots", "category:sandals"])
    }

    @Test func clicksNamingUnknownItemsAreRefusedSkippedOrCreated() throws {
        let session = try session()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path("s.db")))
        let clicks = "user,item\nu1,i1\nu1,sku-999\nu2,sku-999\nu2,sku-7\n"
        #expect {
            _ = try importing(session, "clicks.csv", clicks)
        } throws: { error in
            dir.relative("\(error)") == "clicks.csv:3:4: item 'sku-999' is not in the store (nor are 1 more items); "
                + "3 rows name items the store does not know. Import the catalog first, or give --create-missing to "
                + "create them or --skip-missing to skip those rows"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("s.db"))) == before)

        let skipped = try importing(session, "clicks.csv", clicks) { $0.missingItems = .skip }
        #expect(skipped.skippedRows == 3 && skipped.report.edgesAdded == 1)
        #expect(try session.snapshot().node("sku-999") == nil)

        let created = try importing(session, "clicks.csv", clicks) { $0.missingItems = .create }
        #expect(created.skippedRows == 0 && created.report.nodesAdded == 2 && created.report.edgesAdded == 3)
        #expect(try session.snapshot().node("sku-999") != nil)
    }

    /// A store whose items came from click logs only has no catalog to check against.
    @Test func withoutACatalogNewItemsArriveWithTheirClicks() throws {
        let session = Session(storePath: dir.path("clicks.db"))
        _ = try session.importData(path: dir.write("a.csv", "user,item\nu1,i1\n"), options: ImportOptions())
        let next = try session.importData(path: dir.write("b.csv", "user,item\nu1,i2\n"), options: ImportOptions())
        #expect(next.report.nodesAdded == 1 && next.skippedRows == 0)
    }

    @Test func theMissingItemOptionsExcludeEachOther() throws {
        let session = try session()
        #expect {
            _ = try session.execute("import \"\(dir.write("c.csv", "user,item\nu1,i1\n"))\" create_missing true skip_missing true")
        } throws: { error in
            "\(error)".contains("'create_missing' and 'skip_missing' exclude each other; give one")
        }
    }

    /// schema:availability (on the product or its offer) sets `available`; a product out of
    /// stock or discontinued is never recommended, and an empty result says so.
    @Test func availabilityFromTheCatalogKeepsUnavailableProductsOut() throws {
        let session = Session(storePath: dir.path("a.db"))
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        _ = try session.importData(path: dir.write("shop.nt", """
            <https://shop.example/i1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
            <https://shop.example/i1> <https://schema.org/category> "Tents" .
            <https://shop.example/i2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
            <https://shop.example/i2> <https://schema.org/category> "Tents" .
            <https://shop.example/i2> <https://schema.org/offers> _:o2 .
            _:o2 <https://schema.org/availability> <https://schema.org/OutOfStock> .
            <https://shop.example/i3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
            <https://shop.example/i3> <https://schema.org/category> "Tents" .
            <https://shop.example/i3> <https://schema.org/availability> "Discontinued" .
            <https://shop.example/i4> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
            <https://shop.example/i4> <https://schema.org/category> "Tents" .
            <https://shop.example/i4> <https://schema.org/availability> <http://schema.org/InStock> .

            """), options: options)
        _ = try session.importData(path: dir.write("clicks.csv", "user,item\nu1,i1\n"), options: ImportOptions())
        let snapshot = try session.snapshot()
        func available(_ id: String) throws -> [PropertyValue] {
            snapshot.property(CatalogProperty.available, of: try #require(snapshot.node(id)))
        }
        #expect(try available("i1") == [] && available("i2") == [.bool(false)])
        #expect(try available("i3") == [.bool(false)] && available("i4") == [.bool(true)])
        let outcome = try session.execute("recommend items for u1 via category")
        guard case .recommendations(let r) = outcome.result else { Issue.record("not recommendations"); return }
        #expect(r.results.map { snapshot.externalIDs[Int($0.node)] } == ["i4"])
        #expect(r.counts.unavailable == 2)
    }
}
