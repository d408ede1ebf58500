import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// Every count ../shared/datasets/README.md documents, reproduced by the importers.
/// Each test is skipped, naming what is missing, when its data in ../shared is absent.
@Suite struct SharedDataCountsTests {
    struct Counts: Equatable, CustomStringConvertible {
        var users = 0, items = 0, entities = 0
        var train = 0, valid = 0, test = 0
        var kgTriples = 0, kgRelations = 0
        var pairs = 0, positivePairs = 0
        var pairsBySplit: [Int] = [0, 0, 0]

        init() {}

        init(_ delta: GraphDelta, interaction: String = "interacted") {
            for kind in delta.nodeKinds {
                switch kind {
                case .user: users += 1
                case .item: items += 1
                case .entity: entities += 1
                default: break
                }
            }
            var kgRelationIDs = Set<Int32>()
            for edge in delta.edges {
                if delta.relationNames[Int(edge.relation)] == interaction {
                    switch edge.split {
                    case .train: train += 1
                    case .valid: valid += 1
                    case .test: test += 1
                    }
                } else {
                    kgTriples += 1
                    kgRelationIDs.insert(edge.relation)
                }
            }
            kgRelations = kgRelationIDs.count
            pairs = delta.labelledPairs.count
            positivePairs = delta.labelledPairs.filter(\.label).count
            for pair in delta.labelledPairs { pairsBySplit[Int(pair.split.rawValue)] += 1 }
        }

        var description: String {
            "users \(users), items \(items), entities \(entities), train \(train), valid \(valid), test \(test), "
                + "kg \(kgTriples) in \(kgRelations), pairs \(pairs) (\(positivePairs) positive, \(pairsBySplit))"
        }
    }

    /// A test whose data is absent is skipped with a comment naming what is missing.
    @Test func aSkippedTestNamesWhatIsMissing() {
        #expect(SharedData.absence(["no/such/dataset"])
                == "needs ../shared/no/such/dataset (absent; set KGREC_SHARED to the directory that holds the shared data)")
        #expect(SharedData.directory("no/such/dataset") == nil)
        #expect(throws: SharedData.Absent.self) { try SharedData.require("no/such/dataset") }
    }

    private func load(_ relative: String) throws -> ImportResult {
        try Importer.load(path: try SharedData.require(relative).path)
    }

    @Test(.needsShared("datasets/lastfm-kgcn")) func lastfmKGCN() throws {
        let result = try load("datasets/lastfm-kgcn")
        let counts = Counts(result.delta)
        #expect(result.summary.format == .kgcn)
        #expect(counts.users == 1_872)
        #expect(counts.items == 3_846)
        #expect(counts.items + counts.entities == 9_366)
        #expect([counts.train, counts.valid, counts.test] == [12_705, 4_234, 4_234])
        #expect(counts.kgTriples == 15_518)
        #expect(counts.kgRelations == 60)
        #expect(counts.pairs == 42_346)
        #expect(counts.positivePairs == 21_173)
        #expect(counts.pairsBySplit == [25_410, 8_468, 8_468])
        #expect(result.warnings.isEmpty)
    }

    @Test(.needsShared("datasets/book-crossing-kgcn")) func bookCrossing() throws {
        let result = try load("datasets/book-crossing-kgcn")
        let counts = Counts(result.delta)
        #expect(counts.users == 17_860)
        #expect(counts.items == 14_967)
        #expect(counts.items + counts.entities == 77_903)
        #expect(counts.pairs == 139_746)
        #expect(counts.positivePairs == 69_873)
        #expect(counts.train + counts.valid + counts.test == 69_873)
        #expect(counts.pairsBySplit == [83_848, 27_949, 27_949])
        #expect(counts.kgTriples == 151_500)
        #expect(counts.kgRelations == 25)
    }

    @Test(.needsShared("datasets/gowalla")) func gowalla() throws {
        let result = try load("datasets/gowalla")
        let counts = Counts(result.delta)
        #expect(counts.users == 29_858)
        #expect(counts.items == 40_981)
        #expect([counts.train, counts.valid, counts.test] == [810_128, 0, 217_242])
        #expect(result.summary.duplicateEdges == 0)
        #expect(counts.kgTriples == 0)
    }

    @Test(.needsShared("datasets/amazon-book-kgat")) func amazonBookKGAT() throws {
        let result = try load("datasets/amazon-book-kgat")
        let counts = Counts(result.delta)
        #expect(counts.users == 70_679)
        #expect(counts.items == 24_915)
        #expect([counts.train, counts.valid, counts.test] == [652_514, 0, 193_920])
        #expect(result.summary.duplicateEdges == 0)
    }

    @Test(.needsShared("ontologies/schemaorg/schemaorg-current-https.nt")) func schemaOrgNTriples() throws {
        let result = try load("ontologies/schemaorg/schemaorg-current-https.nt")
        #expect(result.summary.recordsRead == 17_949)
        let delta = result.delta
        // Every rdfs:Class of the release is a category (1,010), and no class is anything else.
        var reader = try NTriplesReader(path: SharedData.require("ontologies/schemaorg/schemaorg-current-https.nt").path)
        let classes = Set(try reader.readAll().filter {
            $0.predicate == RDF.type && $0.object == .iri("http://www.w3.org/2000/01/rdf-schema#Class")
        }.compactMap(\.subject.iriValue))
        #expect(classes.count == 1_010)
        for iri in classes {
            #expect(delta.existingNode(iri).map { delta.nodeKinds[Int($0)] } == .category, "\(iri)")
        }
        #expect(delta.existingNode("https://schema.org/Product").flatMap { delta.nodeLabels[Int($0)] } == "Product")
        #expect(result.warnings.isEmpty)
    }
}
