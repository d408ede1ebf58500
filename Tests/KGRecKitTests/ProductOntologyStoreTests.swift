import Foundation
import KGGraph
import KGImport
import KGQuery
import KGTestSupport
import Testing
@testable import KGRecKit

/// Product ontologies into a store, file after file: a catalog imported after its ontology
/// (schema.org, or a small stand-in that always runs) is mapped with the ontology's classes
/// in view; GoodRelations' real files with their defects.
@Suite struct ProductOntologyStoreTests {
    static let schema = "https://schema.org/"

    /// A stand-in for schema.org: the classes the catalog uses and their superclass chains.
    static let miniSchema: String = {
        let chains = [("Product", "Thing"), ("Vehicle", "Product"), ("Car", "Vehicle"), ("IndividualProduct", "Product"),
                      ("Organization", "Thing"), ("LocalBusiness", "Organization"), ("Store", "LocalBusiness"),
                      ("SportingGoodsStore", "Store"), ("Intangible", "Thing"), ("Offer", "Intangible"),
                      ("AggregateOffer", "Offer")]
        var lines = ["<\(schema)Thing> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2000/01/rdf-schema#Class> ."]
        for (child, parent) in chains {
            lines.append("<\(schema)\(child)> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <\(schema)\(parent)> .")
            lines.append("<\(schema)\(child)> <http://www.w3.org/2000/01/rdf-schema#label> \"\(child)\" .")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// The catalog: a tent and a stove (schema:Product), a car (schema:Car, two levels below
    /// Product), boots (IndividualProduct), offers nested and by reference, a seller typed with
    /// a class four levels below schema:Organization that the catalog does not declare.
    static let catalog = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="https://schema.org/"
                 xml:base="https://shop.example/">
          <schema:Organization rdf:about="acme"><schema:name>Acme Outdoor</schema:name></schema:Organization>
          <schema:SportingGoodsStore rdf:about="shop"><schema:legalName>Trailhead Shop Ltd</schema:legalName></schema:SportingGoodsStore>
          <schema:Product rdf:about="tent">
            <schema:name>Trail Tent 2</schema:name>
            <schema:brand rdf:resource="acme"/>
            <schema:offers>
              <schema:Offer>
                <schema:price>129.50</schema:price><schema:priceCurrency>EUR</schema:priceCurrency>
                <schema:seller rdf:resource="shop"/>
              </schema:Offer>
            </schema:offers>
          </schema:Product>
          <schema:Car rdf:about="roadster">
            <schema:name>Roadster</schema:name>
            <schema:brand>Velo Motors</schema:brand>
            <schema:offers>
              <schema:AggregateOffer><schema:lowPrice>18999</schema:lowPrice><schema:priceCurrency>EUR</schema:priceCurrency></schema:AggregateOffer>
            </schema:offers>
          </schema:Car>
          <schema:IndividualProduct rdf:about="boots">
            <schema:name>Ridge Boots</schema:name><schema:price>89.90</schema:price><schema:brand rdf:resource="acme"/>
          </schema:IndividualProduct>
          <schema:Offer rdf:about="offer/stove">
            <schema:itemOffered><schema:Product rdf:about="stove"><schema:name>Camp Stove</schema:name></schema:Product></schema:itemOffered>
            <schema:price>45</schema:price><schema:priceCurrency>USD</schema:priceCurrency>
          </schema:Offer>
        </rdf:RDF>
        """

    static let interactions = "user,item\nu1,tent\nu1,roadster\nu2,tent\nu2,stove\nu3,boots\n"

    static func importOptions() -> ImportOptions {
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        return options
    }

    /// Imports `ontology`, then the catalog and the interactions, and checks the store.
    func checkCatalog(after ontology: String) throws {
        let dir = TemporaryDirectory()
        let workspace = Session(storePath: dir.path("shop.db"))
        _ = try workspace.importData(path: ontology, options: ImportOptions())
        let outcome = try workspace.importData(path: dir.write("catalog.rdf", Self.catalog), options: Self.importOptions())
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.summary.nodesByKind[.item] == 4)
        _ = try workspace.importData(path: dir.write("clicks.csv", Self.interactions), options: ImportOptions())

        let snapshot = try workspace.snapshot()
        func id(_ node: Int32) -> String { snapshot.externalIDs[Int(node)] }
        func node(_ id: String) throws -> Int32 { try #require(snapshot.node(id), "no node \(id)") }
        func targets(_ id: String, _ relation: String) throws -> Set<String> {
            guard let r = snapshot.relation(named: relation) else { return [] }
            return Set(snapshot.forward[Int(r)].neighbours(Int(try node(id))).map { snapshot.externalIDs[Int($0)] })
        }
        #expect(Set(snapshot.nodes(of: .item).map(id)) == ["tent", "roadster", "boots", "stove"])
        #expect(snapshot.kinds[Int(try node("shop"))] == .entity)   // a SportingGoodsStore is an Organization
        #expect(snapshot.kinds[Int(try node("offer/stove"))] == .entity)
        // The category tree from the ontology: Car → Vehicle → Product → Thing.
        #expect(try targets(Self.schema + "Car", "subclass_of") == [Self.schema + "Vehicle"])
        #expect(try targets(Self.schema + "Vehicle", "subclass_of") == [Self.schema + "Product"])
        #expect(try targets(Self.schema + "Product", "subclass_of") == [Self.schema + "Thing"])
        #expect(snapshot.kinds[Int(try node(Self.schema + "Car"))] == .category)
        // Item properties: name, price and currency (through offers), brand.
        let expected: [(String, String, Double, String?)] = [
            ("tent", "Trail Tent 2", 129.5, "EUR"), ("roadster", "Roadster", 18999, "EUR"),
            ("boots", "Ridge Boots", 89.9, nil), ("stove", "Camp Stove", 45, "USD"),
        ]
        for (item, name, price, currency) in expected {
            let n = try node(item)
            #expect(snapshot.labels[Int(n)] == name)
            #expect(snapshot.property("price", of: n) == [.number(price)])
            #expect(snapshot.property("currency", of: n) == (currency.map { [.string($0)] } ?? []))
        }
        #expect(try targets("tent", "brand") == ["acme"] && targets("boots", "brand") == ["acme"])
        #expect(try targets("roadster", "brand") == ["brand:velo motors"])
        #expect(snapshot.labels[Int(try node("acme"))] == "Acme Outdoor")
        #expect(try targets("roadster", "in_category") == [Self.schema + "Car"])

        // Queries walk in_category into Product's subclasses.
        func match(_ query: String) throws -> Set<String> {
            guard case .matches(let answer) = try workspace.execute(query).result else {
                Issue.record("not a match: \(query)")
                return []
            }
            return Set(answer.rows.map { id($0.node) })
        }
        #expect(try match(#"match "https://schema.org/Product" < in_category"#) == ["tent", "stove"])
        #expect(try match(#"match "https://schema.org/Product" < subclass_of < in_category"#) == ["boots"])
        #expect(try match(#"match "https://schema.org/Product" < subclass_of < subclass_of < in_category"#) == ["roadster"])
        #expect(try match(#"match "Vehicle" < subclass_of < in_category where price > 1000"#) == ["roadster"])
        guard case .recommendations(let recommended) = try workspace.execute("recommend items for u1 via category").result
        else { Issue.record("not recommendations"); return }
        #expect(recommended.results.map { id($0.node) } == ["stove"])
    }

    @Test func aCatalogAfterASmallSchemaSeesItsClasses() throws {
        let dir = TemporaryDirectory()
        try checkCatalog(after: dir.write("mini-schema.nt", Self.miniSchema))
    }

    @Test(.needsShared("ontologies/schemaorg")) func aCatalogAfterSchemaOrgSeesItsClasses() throws {
        let directory = try SharedData.require("ontologies/schemaorg")
        try checkCatalog(after: directory.appendingPathComponent("schemaorg-current-https.rdf").path)
    }

    /// Without the ontology in the store, the catalog alone cannot tell that the shop is an
    /// organisation: it becomes an item.
    @Test func theCatalogAloneKnowsLess() throws {
        let dir = TemporaryDirectory()
        let workspace = Session(storePath: dir.path("alone.db"))
        let outcome = try workspace.importData(path: dir.write("catalog.rdf", Self.catalog), options: Self.importOptions())
        #expect(outcome.summary.nodesByKind[.item] == 5)
        let snapshot = try workspace.snapshot()
        #expect(snapshot.kinds[Int(try #require(snapshot.node("shop")))] == .item)
    }

    /// shop-vocabulary.rdf, goodrelations.rdf and goodrelations-datasheets.rdf, one after the
    /// other into one store: the products with their offerings' prices, their manufacturer as
    /// brand, their product classes as categories; the defects as warnings.
    @Test(.needsShared("ontologies/goodrelations-examples")) func goodRelationsExamplesIntoOneStore() throws {
        let directory = try SharedData.require("ontologies/goodrelations-examples")
        let dir = TemporaryDirectory()
        let workspace = Session(storePath: dir.path("gr.db"))
        var warnings: [Int] = []
        for file in ["shop-vocabulary.rdf", "goodrelations.rdf", "goodrelations-datasheets.rdf"] {
            warnings.append(try workspace.importData(path: directory.appendingPathComponent(file).path,
                                                     options: ImportOptions()).warnings.count)
        }
        #expect(warnings == [0, 52, 17])
        let snapshot = try workspace.snapshot()
        let page = "http://www.heppnetz.de/gr4shops/"
        func node(_ id: String) throws -> Int32 { try #require(snapshot.node(id), "no node \(id)") }
        func targets(_ id: String, _ relation: String) throws -> Set<String> {
            guard let r = snapshot.relation(named: relation) else { return [] }
            return Set(snapshot.forward[Int(r)].neighbours(Int(try node(id))).map { snapshot.externalIDs[Int($0)] })
        }
        let products = [page + "product-canon_eos550D-kit.html#product", page + "product-canon_eos550D-kit-full.html#product"]
        let datasheet = page + "datasheet-canon_eos550D-kit.html#datasheet"
        #expect(Set(snapshot.nodes(of: .item).map { snapshot.externalIDs[Int($0)] }) == Set(products + [datasheet]))
        for product in products {
            let n = try node(product)
            #expect(snapshot.labels[Int(n)] == "Canon Rebel T2i (EOS 550D)")
            #expect(snapshot.property("price", of: n) == [.number(899)])   // the unit price, not the 10 EUR delivery
            #expect(snapshot.property("currency", of: n) == [.string("EUR")])
            #expect(snapshot.property("hasEAN_UCC-13", of: n) == [.string("013803123784")])
            #expect(try targets(product, "brand") == [page + "brands.html#canon"])
        }
        #expect(try targets(products[1], "in_category") == [
            "http://search.yahoo.com/searchmonkey/product/Product",
            "http://purl.org/goodrelations/v1#ProductOrServicesSomeInstancesPlaceholder",
            "http://www.ebusiness-unibw.org/ontologies/consumerelectronics/v1#DigitalCamera",
        ])
        #expect(snapshot.property("hasDigitalZoom", of: try node(products[1])) == [.string("true>")])
        #expect(snapshot.labels[Int(try node(page + "brands.html#canon"))] == "Canon Europe Ltd.")
        #expect(try targets(datasheet, "brand") == [page + "brands.html#canon"])
        #expect(snapshot.property("price", of: try node(datasheet)).isEmpty)
        // The offerings, the shop and its store are entities; the vocabulary's classes categories.
        #expect(snapshot.kinds[Int(try node(page + "product-canon_eos550D-kit.html#offer"))] == .entity)
        #expect(snapshot.kinds[Int(try node(page + "stores.html#munich_store"))] == .entity)
        let vocabulary = "http://www.heppnetz.de/gr4shops/shop-vocabulary.html#"
        #expect(try targets(vocabulary + "C_tshirts", "subclass_of")
                == [vocabulary + "C_clothing", "http://purl.org/goodrelations/v1#ProductOrService"])
        #expect(snapshot.kinds[Int(try node(vocabulary + "V_XL"))] == .entity)
    }

    @Test(.needsShared("ontologies/goodrelations-examples")) func strictStopsAtTheFirstGoodRelationsDefectAndChangesNothing() throws {
        let directory = try SharedData.require("ontologies/goodrelations-examples")
        let dir = TemporaryDirectory()
        let workspace = Session(storePath: dir.path("gr.db"))
        _ = try workspace.importData(path: directory.appendingPathComponent("shop-vocabulary.rdf").path, options: ImportOptions())
        var strict = ImportOptions()
        strict.strict = true
        for (file, message) in [
            ("goodrelations.rdf", "goodrelations.rdf:27:22: IRI 'http:/www.heppnetz.de/gr4shops/index.html#company' has no "
             + "'//' after its scheme; read as 'http://www.heppnetz.de/gr4shops/index.html#company' (an error under --strict)"),
            ("goodrelations-datasheets.rdf", "goodrelations-datasheets.rdf:43:18: IRI 'http:/www.heppnetz.de/gr4shops/logo.jpg' "
             + "has no '//' after its scheme; read as 'http://www.heppnetz.de/gr4shops/logo.jpg' (an error under --strict)"),
        ] {
            do {
                _ = try workspace.importData(path: directory.appendingPathComponent(file).path, options: strict)
                Issue.record("accepted \(file) under --strict")
            } catch {
                #expect("\(error)".replacingOccurrences(of: directory.path + "/", with: "") == message)
            }
        }
        #expect(try workspace.store().revision == 1)
    }
}
