import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// The ontology mapping on small N-Triples documents shaped like the demo catalog.
@Suite struct OntologyMappingTests {
    let dir = TemporaryDirectory()
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let schema = "https://schema.org/"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let demo = "https://kgrec.dev/demo/"

    /// Expands `rdf:`, `rdfs:`, `schema:`, `skos:`, `xsd:`, `demo:` inside `<…>` so fixtures stay short.
    private func nt(_ text: String) -> String {
        var out = text
        for (prefix, namespace) in [("rdf:", Self.rdf), ("rdfs:", Self.rdfs), ("schema:", Self.schema),
                                    ("skos:", Self.skos), ("xsd:", Self.xsd), ("demo:", Self.demo)] {
            out = out.replacing("<" + prefix, with: "<" + namespace)
        }
        return out
    }

    private func load(_ text: String, name: String = "demo.nt", _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportResult {
        var options = ImportOptions()
        configure(&options)
        return try Importer.load(path: dir.write(name, nt(text)), options: options)
    }

    private func edges(_ delta: GraphDelta) -> Set<String> {
        Set(delta.edges.map { "\(delta.nodeIDs[Int($0.source)]) \(delta.relationNames[Int($0.relation)]) \(delta.nodeIDs[Int($0.target)])" })
    }

    private func kind(_ delta: GraphDelta, _ id: String) -> NodeKind? {
        delta.existingNode(id).map { delta.nodeKinds[Int($0)] }
    }

    private func label(_ delta: GraphDelta, _ id: String) -> String? {
        delta.existingNode(id).flatMap { delta.nodeLabels[Int($0)] }
    }

    static let catalog = """
        <demo:Tents> <rdfs:subClassOf> <demo:Outdoor> .
        <demo:Outdoor> <rdfs:label> "Plein air"@fr .
        <demo:Outdoor> <rdfs:label> "Outdoor" .
        <demo:i7> <rdf:type> <demo:Tents> .
        <demo:i7> <schema:name> "Trail Tent 2" .
        <demo:i7> <schema:price> "129.5"^^<xsd:decimal> .
        <demo:i7> <schema:brand> <demo:brand/acme> .
        <demo:brand/acme> <rdf:type> <schema:Brand> .
        <demo:brand/acme> <schema:name> "Acme" .
        <demo:i7> <schema:keywords> "camping, Hiking ,  ultra   light" .
        <demo:i7> <schema:inStock> "yes"^^<xsd:boolean> .
        <demo:i7> <http://purl.org/dc/terms/subject> _:s1 .
        _:s1 <skos:prefLabel> "Summer" .
        """

    @Test func mapsTheDemoCatalogShape() throws {
        let result = try load(Self.catalog) { $0.idNamespaces = [Self.demo] }
        let d = result.delta
        #expect(kind(d, "Tents") == .category)
        #expect(kind(d, "Outdoor") == .category)
        #expect(kind(d, "i7") == .item)
        #expect(kind(d, "brand/acme") == .entity)
        #expect(kind(d, "https://schema.org/Brand") == .category)
        #expect(kind(d, "tag:camping") == .tag)
        #expect(kind(d, "_:demo.nt#s1") == .tag)
        #expect(label(d, "Outdoor") == "Outdoor")
        #expect(label(d, "i7") == "Trail Tent 2")
        #expect(label(d, "tag:hiking") == "Hiking")
        #expect(label(d, "tag:ultra light") == "ultra   light")
        #expect(label(d, "_:demo.nt#s1") == "Summer")
        #expect(edges(d) == [
            "Tents subclass_of Outdoor", "i7 in_category Tents", "i7 brand brand/acme",
            "brand/acme type https://schema.org/Brand", "i7 has_tag tag:camping", "i7 has_tag tag:hiking",
            "i7 has_tag tag:ultra light", "i7 has_tag _:demo.nt#s1",
        ])
        let properties = d.properties.map { "\(d.nodeIDs[Int($0.node)]).\($0.key)=\($0.value)" }
        #expect(properties == ["i7.price=129.5", "i7.inStock=\"yes\""])
        #expect(result.warnings.map { dir.relative("\($0)") } == [
            "demo.nt:11:1: warning: expected a boolean (true, false, 1 or 0) for xsd:boolean, found 'yes'; kept as a string",
        ])
        #expect(result.summary.description == "ntriples: 1 item, 3 categories, 4 tags, 1 entity; 8 edges in 5 relations")
    }

    @Test func strictTurnsTheIllTypedLiteralIntoAnError() {
        do {
            _ = try load(Self.catalog) { $0.strict = true }
            Issue.record("accepted")
        } catch {
            #expect(dir.relative("\(error)") == "demo.nt:11:1: expected a boolean (true, false, 1 or 0) for xsd:boolean, "
                    + "found 'yes'; kept as a string (an error under --strict)")
        }
    }

    @Test func withoutAnIDNamespaceIRIsAreIDs() throws {
        let d = try load(Self.catalog).delta
        #expect(kind(d, Self.demo + "i7") == .item)
        #expect(d.existingNode("i7") == nil)
    }

    @Test func typesAndSubclassesMayComeInAnyOrder() throws {
        let d = try load("""
            <demo:p1> <rdf:type> <demo:Shoes> .
            <demo:p2> <rdf:type> <demo:Seller> .
            <demo:Seller> <rdfs:subClassOf> <schema:Organization> .
            <demo:Shoes> <rdf:type> <rdfs:Class> .
            """) { $0.idNamespaces = [Self.demo] }.delta
        #expect(kind(d, "p1") == .item)
        #expect(kind(d, "p2") == .entity)  // its class is a subclass of an entity-class
        #expect(kind(d, "Shoes") == .category)
        #expect(d.existingNode(Self.rdfs + "Class") == nil)  // a meta-class makes no node
        #expect(edges(d) == ["p1 in_category Shoes", "p2 type Seller", "Seller subclass_of https://schema.org/Organization"])
    }

    /// A subclass chain as long as the file: kinds are resolved without recursion.
    @Test func aVeryDeepSubclassChainUnderAnEntityClass() throws {
        var text = "<demo:c0> <rdfs:subClassOf> <schema:Organization> .\n"
        for i in 1..<50_000 { text += "<demo:c\(i)> <rdfs:subClassOf> <demo:c\(i - 1)> .\n" }
        text += "<demo:x> <rdf:type> <demo:c49999> .\n<demo:y> <rdf:type> <demo:other> .\n"
        let d = try load(text) { $0.idNamespaces = [Self.demo] }.delta
        #expect(kind(d, "x") == .entity)
        #expect(kind(d, "y") == .item)
        #expect(kind(d, "c49999") == .category)
    }

    @Test func skosConceptsAreTagsUnlessTheirSchemeIsACategoryScheme() throws {
        let text = """
            <demo:c1> <rdf:type> <skos:Concept> .
            <demo:c1> <skos:broader> <demo:c2> .
            <demo:c3> <skos:narrower> <demo:c1> .
            <demo:c1> <skos:inScheme> <demo:genres> .
            <demo:b1> <http://purl.org/dc/terms/subject> <demo:c1> .
            """
        let tags = try load(text) { $0.idNamespaces = [Self.demo] }.delta
        #expect([kind(tags, "c1"), kind(tags, "c2"), kind(tags, "c3")] == [.tag, .tag, .tag])
        #expect(edges(tags) == ["c1 broader c2", "c1 broader c3", "b1 has_tag c1"])
        let mapping = dir.write("m.map", "prefix demo: <\(Self.demo)>\ncategory-scheme demo:genres\n")
        let categories = try load(text) { $0.idNamespaces = [Self.demo]; $0.mappingFile = mapping }.delta
        #expect(kind(categories, "c1") == .category)
        #expect(kind(categories, "c2") == .tag)
        #expect(edges(categories).contains("b1 in_category c1"))
    }

    @Test func namesClashingPredicatesByTheirNamespacePrefix() throws {
        let d = try load("""
            <demo:x> <http://a.example/ns#related> <demo:y> .
            <demo:x> <http://b.example/related> <demo:z> .
            <demo:x> <http://purl.org/dc/terms/type> <demo:t> .
            <demo:x> <http://a.example/ns#size> "1"^^<xsd:integer> .
            <demo:x> <http://b.example/size> "L" .
            <demo:x> <http://b.example/colour> "red"@en .
            """) { $0.idNamespaces = [Self.demo] }.delta
        #expect(edges(d) == ["x ns1_related y", "x ns2_related z", "x dcterms_type t"])
        #expect(d.properties.map { "\($0.key)=\($0.value)" } == ["ns1_size=1", "ns2_size=\"L\"", "colour=\"red\""])
    }

    @Test func aMappingFileRenamesCoercesIgnoresAndResets() throws {
        let mapping = dir.write("m.map", """
            # demo overrides
            prefix demo: <\(Self.demo)>
            id-namespace demo:
            relation schema:brand made_by
            property schema:price cost number
            ignore schema:keywords
            entity-class demo:Tents
            """)
        let result = try load(Self.catalog + "\n<demo:i8> <schema:price> \"about 5\" .") { $0.mappingFile = mapping }
        let d = result.delta
        #expect(edges(d).contains("i7 made_by brand/acme"))
        #expect(kind(d, "i7") == .entity)
        #expect(d.existingNode("tag:camping") == nil)
        #expect(d.properties.map { "\($0.key)=\($0.value)" }.prefix(1) == ["cost=129.5"])
        #expect(result.warnings.map { dir.relative("\($0)") }.last
                == "demo.nt:14:1: warning: expected a number for the property, found 'about 5'; kept as a string")

        let reset = dir.write("r.map", "reset\n")
        let bare = try load(Self.catalog) { $0.mappingFile = reset }.delta
        #expect(bare.nodeKinds.allSatisfy { $0 == .entity })
        #expect(edges(bare).contains("\(Self.demo)Tents subClassOf \(Self.demo)Outdoor"))
    }

    @Test func literalObjectsOfStructuralPredicatesAreSkippedWithAWarning() throws {
        let result = try load("<demo:a> <rdf:type> \"Tent\" .")
        #expect(result.delta.edges.isEmpty)
        #expect(result.warnings.map { dir.relative("\($0)") } == [
            "demo.nt:1:1: warning: expected an IRI or a blank node as the object of <\(Self.rdf)type>, found the literal \"Tent\"; triple skipped",
        ])
    }

    @Test func theBuiltInTableParsesAndHasTheDocumentedRoles() {
        let m = OntologyMapping.builtIn
        #expect(m.role(of: Self.rdfs + "subClassOf") == .subclass)
        #expect(m.role(of: "http://schema.org/keywords") == .tag)  // the http alias of schema.org
        #expect(m.classRole(of: Self.skos + "Concept") == .tag)
        #expect(m.classRole(of: "http://schema.org/Organization") == .entity)
        #expect(m.labelPriority.first == Self.rdfs + "label")
        #expect(m.prefixName(for: "http://schema.org/brand") == "schema")
    }

    /// Every mapping-file message, verbatim.
    @Test(arguments: [
        ("lable rdfs:label", "m.map:1:1: expected a directive (prefix, alias-namespace, id-namespace, reset, label, subclass, "
         + "broader, narrower, type, tag, category, in-scheme, relation, entity-relation, property, availability, ignore, category-class, "
         + "tag-class, product-class, entity-class, category-scheme), found 'lable'. Did you mean 'label'?"),
        ("tag sdo:keywords", "m.map:1:5: expected a declared prefix, found 'sdo:'; declare it with 'prefix sdo: <…>'"),
        ("tag keywords", "m.map:1:5: expected an IRI such as <http://…> or a prefixed name such as rdfs:label, found 'keywords'"),
        ("label", "m.map:1:1: expected one or more predicates or paths after 'label', found end of line"),
        ("relation schema:brand made by", "m.map:1:28: expected a predicate or path and optionally a relation name after 'relation', found 'by'"),
        ("relation schema:brand schema:maker", "m.map:1:23: expected a plain name (letters, digits, '_', '.', '-'), found 'schema:maker'"),
        ("property schema:price price money", "m.map:1:29: expected a type (string, number or bool), found 'money'"),
        ("prefix ex <http://ex/>", "m.map:1:8: expected a prefix name ending in ':', found 'ex'"),
        ("\nid-namespace <http://ex/", "m.map:2:25: expected '>' to end the IRI, found end of line"),
        ("reset now", "m.map:1:7: expected nothing after 'reset', found 'now'"),
        ("property schema:offers/ price", "m.map:1:24: expected a predicate in step 2 of the path 'schema:offers/'"),
        ("property schema:offers[] price", "m.map:1:24: expected a class between '[' and ']' in the path 'schema:offers[]'"),
        ("property ^sdo:x price", "m.map:1:11: expected a declared prefix, found 'sdo:'; declare it with 'prefix sdo: <…>'"),
        ("property schema:offers/schema:x[sdo:C]", "m.map:1:33: expected a declared prefix, found 'sdo:'; declare it with 'prefix sdo: <…>'"),
        ("subclass schema:a/schema:b", "m.map:1:10: expected a single term, found the path 'schema:a/schema:b'; paths are allowed "
         + "after 'label', 'tag', 'category', 'relation', 'entity-relation', 'property'"),
        ("entity-relation", "m.map:1:1: expected a predicate or path and optionally a relation name after 'entity-relation', found end of line"),
        ("product-class", "m.map:1:1: expected one or more classes after 'product-class', found end of line"),
    ])
    func rejectsMappingFile(_ text: String, _ message: String) {
        do {
            _ = try OntologyMapping.load(path: dir.write("m.map", text))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(dir.relative("\(error)") == message)
        }
    }
}
