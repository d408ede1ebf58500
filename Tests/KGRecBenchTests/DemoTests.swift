import Foundation
import KGGraph
import KGImport
import KGTestSupport
import Testing
@testable import KGRecBench
@testable import KGRecKit

@Suite struct DemoTests {
    @Test func committedDemoFilesAreExactlyTheGeneratorsOutput() throws {
        for file in DemoCatalog.generate() {
            let url = SharedData.projectRoot.appendingPathComponent("Ontologies").appendingPathComponent(file.name)
            let committed = try String(contentsOf: url, encoding: .utf8)
            #expect(committed == file.contents, "Ontologies/\(file.name) differs: run 'kgrec demo --out Ontologies'")
        }
    }

    @Test func demoCatalogHasTheAdvertisedShape() throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("demo.db"), searchingFrom: SharedData.projectRoot.path)
        let workspace = Session(storePath: dir.path("demo.db"))
        let stats = try workspace.statistics().statistics
        #expect(stats.nodesByKind[.item] == 300 && stats.nodesByKind[.user] == 100)
        #expect(stats.nodesByKind[.category] == 32)
        let interactions = stats.relations.filter { ["bought", "viewed"].contains($0.name) }.reduce(0) { $0 + $1.total }
        #expect((2800...3200).contains(interactions))
        let snapshot = try workspace.snapshot()
        // Every item sits in one leaf category, has a price and a brand.
        let inCategory = try #require(snapshot.relation(named: "in_category"))
        let brand = try #require(snapshot.relation(named: "brand"))
        for item in snapshot.nodes(of: .item) {
            #expect(snapshot.forward[Int(inCategory)].degree(Int(item)) == 1)
            #expect(snapshot.forward[Int(brand)].degree(Int(item)) == 1)
            #expect(snapshot.property("price", of: item).count == 1)
            #expect(snapshot.labels[Int(item)] != nil)
        }
        // Users favour a few categories: most of a user's interactions fall in their top three leaves.
        let interactionRelations = snapshot.interactionRelations
        var concentrated = 0
        for user in snapshot.nodes(of: .user) {
            var perCategory: [Int32: Int] = [:]
            var total = 0
            for r in interactionRelations {
                for item in snapshot.forward[Int(r)].neighbours(Int(user)) {
                    perCategory[snapshot.forward[Int(inCategory)].neighbours(Int(item)).first!, default: 0] += 1
                    total += 1
                }
            }
            let top3 = perCategory.values.sorted(by: >).prefix(3).reduce(0, +)
            if Double(top3) >= 0.6 * Double(total) { concentrated += 1 }
        }
        #expect(concentrated >= 90)
    }

    @Test func demoStoreFromTheGeneratorMatchesTheOneFromFiles() throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("files.db"), searchingFrom: SharedData.projectRoot.path)
        let summary = try DemoStore.build(at: dir.path("generated.db"), files: DemoCatalog.generate())
        #expect(summary.hasSuffix("(from the built-in generator)."))
        let a = try Session(storePath: dir.path("files.db")).snapshot()
        let b = try Session(storePath: dir.path("generated.db")).snapshot()
        #expect(a.externalIDs == b.externalIDs && a.forward == b.forward && a.heldOut == b.heldOut)
        for name in ["files.db", "generated.db"] {
            #expect(try Session(storePath: dir.path(name)).store().integrityProblems() == [], "\(name)")
        }
    }

    /// The RDF/XML versions of the demo ontology and catalog hold the same triples, in the same
    /// order, as the N-Triples versions, and give the same store.
    @Test func rdfxmlDemoFilesAreTheSameGraphAsTheNTriples() throws {
        let directory = SharedData.projectRoot.appendingPathComponent("Ontologies")
        for (nt, rdf) in [(DemoStore.ontologyFile, DemoStore.ontologyRDFXMLFile),
                          (DemoStore.catalogFile, DemoStore.catalogRDFXMLFile)] {
            var ntriples = try NTriplesReader(path: directory.appendingPathComponent(nt).path)
            let expected = try ntriples.readAll()
            var reader = RDFXMLReader(path: directory.appendingPathComponent(rdf).path)
            var triples: [RDFTriple] = []
            try reader.read { triples.append($0) }
            #expect(reader.warnings.isEmpty)
            #expect(triples.count == expected.count && triples == expected, "\(rdf) differs from \(nt)")
        }
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("nt.db"), searchingFrom: SharedData.projectRoot.path)
        let workspace = Session(storePath: dir.path("rdf.db"))
        for file in [DemoStore.ontologyRDFXMLFile, DemoStore.catalogRDFXMLFile, DemoStore.interactionsFile] {
            _ = try workspace.importData(path: directory.appendingPathComponent(file).path, options: DemoStore.options(for: file))
        }
        let a = try Session(storePath: dir.path("nt.db")).snapshot(), b = try workspace.snapshot()
        #expect(a.externalIDs == b.externalIDs && a.kinds == b.kinds && a.labels == b.labels)
        #expect(a.relations == b.relations && a.forward == b.forward && a.heldOut == b.heldOut)
        #expect(a.properties == b.properties)
    }
}
