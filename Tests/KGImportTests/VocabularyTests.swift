import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// `Ontologies/kgrec.rdf`, kgrec's own vocabulary: it parses, and maps to a category per node
/// kind (under `Node`) and an entity per core relation, with labels, comments, domains and ranges.
@Suite struct VocabularyTests {
    static let vocab = "https://kgrec.dev/vocab#"
    static let relations = ["interacted", "bought", "viewed", "rated", "in_category", "has_tag", "subclass_of",
                            "broader", "brand", "type"]

    @Test func kgrecVocabularyDescribesTheNodeKindsAndCoreRelations() throws {
        let path = SharedData.projectRoot.appendingPathComponent("Ontologies/kgrec.rdf").path
        var reader = RDFXMLReader(path: path)
        var count = 0
        try reader.read { _ in count += 1 }
        #expect(count == 81 && reader.warnings.isEmpty)

        let result = try Importer.load(path: path, options: ImportOptions())
        #expect(result.warnings.isEmpty)
        let d = result.delta
        func node(_ id: String) -> Int? { d.existingNode(id).map(Int.init) }
        func edges(_ relation: String) -> Set<String> {
            Set(d.edges.filter { d.relationNames[Int($0.relation)] == relation }
                .map { "\(d.nodeIDs[Int($0.source)]) \(d.nodeIDs[Int($0.target)])" })
        }
        let kinds = NodeKind.allCases.map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() }
        #expect(edges("subclass_of") == Set(kinds.map { "\(Self.vocab)\($0) \(Self.vocab)Node" }))
        for kind in kinds + ["Node"] {
            let index = try #require(node(Self.vocab + kind), "no class for \(kind)")
            #expect(d.nodeKinds[index] == .category && d.nodeLabels[index] == kind)
            #expect(d.properties.contains { Int($0.node) == index && $0.key == "comment" })
        }
        let properties = Set(d.nodeIDs.indices.filter { d.nodeKinds[$0] == .entity && d.nodeIDs[$0].hasPrefix(Self.vocab) }
            .map { String(d.nodeIDs[$0].dropFirst(Self.vocab.count)) })
        #expect(properties == Set(Self.relations))
        for relation in Self.relations {
            #expect(edges("domain").contains { $0.hasPrefix(Self.vocab + relation + " ") })
            #expect(edges("range").contains { $0.hasPrefix(Self.vocab + relation + " ") })
        }
        #expect(edges("subPropertyOf") == Set(["bought", "viewed", "rated"].map { "\(Self.vocab)\($0) \(Self.vocab)interacted" }))
        #expect(edges("range").contains("\(Self.vocab)in_category \(Self.vocab)Category"))
    }
}
