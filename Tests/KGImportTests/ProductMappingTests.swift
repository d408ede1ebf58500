import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// Products and offerings (schema.org, GoodRelations), property paths and the store context,
/// on small inline files: these run without ../shared.
@Suite struct ProductMappingTests {
    let dir = TemporaryDirectory()

    private func load(_ name: String, _ text: String, _ configure: (inout ImportOptions) -> Void = { _ in })
        throws -> ImportResult {
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        configure(&options)
        return try Importer.load(path: dir.write(name, text), options: options)
    }

    private func edges(_ d: GraphDelta, from id: String) -> Set<String> {
        Set(d.edges.filter { d.nodeIDs[Int($0.source)] == id }
            .map { "\(d.relationNames[Int($0.relation)]) \(d.nodeIDs[Int($0.target)])" })
    }

    private func properties(_ d: GraphDelta, of id: String) -> [String] {
        d.properties.filter { d.nodeIDs[Int($0.node)] == id }.map { "\($0.key)=\($0.value)" }.sorted()
    }

    private func kind(_ d: GraphDelta, _ id: String) -> NodeKind? { d.existingNode(id).map { d.nodeKinds[Int($0)] } }
    private func label(_ d: GraphDelta, _ id: String) -> String? { d.existingNode(id).flatMap { d.nodeLabels[Int($0)] } }
    private func ids(_ d: GraphDelta, _ kind: NodeKind) -> Set<String> {
        Set(d.nodeIDs.indices.filter { d.nodeKinds[$0] == kind }.map { d.nodeIDs[$0] })
    }

    static let schema = "https://schema.org/"

    /// A small shop in schema.org terms: offers nested and by reference, a literal brand, an
    /// aggregate offer, a direct price beside an offer's, `schema:category`, an http:// name.
    static let schemaCatalog = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:schema="https://schema.org/" xmlns:old="http://schema.org/"
                 xml:base="https://shop.example/">
          <schema:Organization rdf:about="acme"><schema:name>Acme Outdoor</schema:name></schema:Organization>
          <schema:SportingGoodsStore rdf:about="shop"><schema:legalName>Trailhead Shop Ltd</schema:legalName></schema:SportingGoodsStore>
          <schema:Product rdf:about="tent">
            <schema:name>Trail Tent 2</schema:name>
            <schema:brand rdf:resource="acme"/>
            <schema:category>Camping</schema:category>
            <schema:offers>
              <schema:Offer>
                <schema:price>129.50</schema:price>
                <schema:priceCurrency>EUR</schema:priceCurrency>
                <schema:seller rdf:resource="shop"/>
              </schema:Offer>
            </schema:offers>
          </schema:Product>
          <schema:Car rdf:about="roadster">
            <schema:name>Roadster</schema:name>
            <schema:brand>Velo  Motors</schema:brand>
            <schema:offers>
              <schema:AggregateOffer>
                <schema:lowPrice rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">18999</schema:lowPrice>
                <schema:priceCurrency>EUR</schema:priceCurrency>
              </schema:AggregateOffer>
            </schema:offers>
          </schema:Car>
          <schema:IndividualProduct rdf:about="boots">
            <old:name>Ridge Boots</old:name>
            <schema:price>89.90</schema:price>
            <schema:brand rdf:resource="acme"/>
            <schema:offers><schema:Offer><schema:price>99</schema:price></schema:Offer></schema:offers>
          </schema:IndividualProduct>
          <schema:Offer rdf:about="offer/stove">
            <schema:itemOffered>
              <schema:Product rdf:about="stove"><schema:name>Camp Stove</schema:name><schema:category>Camping</schema:category></schema:Product>
            </schema:itemOffered>
            <schema:price>45</schema:price>
            <schema:priceCurrency>USD</schema:priceCurrency>
          </schema:Offer>
        </rdf:RDF>
        """

    @Test func schemaOrgProductsTakeNamePriceCurrencyBrandAndCategoryFromTheirOffers() throws {
        let result = try load("catalog.rdf", Self.schemaCatalog)
        let d = result.delta
        #expect(ids(d, .item) == ["tent", "roadster", "boots", "stove", "shop"])  // shop: see the context test
        #expect(ids(d, .category) == Set(["Organization", "SportingGoodsStore", "Product", "Offer", "Car", "AggregateOffer",
                                          "IndividualProduct"].map { Self.schema + $0 } + ["category:camping"]))
        #expect(label(d, "tent") == "Trail Tent 2" && label(d, "boots") == "Ridge Boots")
        #expect(properties(d, of: "tent") == ["currency=\"EUR\"", "price=129.5"])
        #expect(properties(d, of: "roadster") == ["currency=\"EUR\"", "price=18999"])
        #expect(properties(d, of: "boots") == ["price=89.9"])       // its own price beats its offer's
        #expect(properties(d, of: "stove") == ["currency=\"USD\"", "price=45"])  // through ^schema:itemOffered
        #expect(edges(d, from: "tent") == ["in_category \(Self.schema)Product", "in_category category:camping",
                                          "brand acme", "offers _:catalog.rdf#b1"])
        #expect(edges(d, from: "roadster") == ["in_category \(Self.schema)Car", "brand brand:velo motors",
                                              "offers _:catalog.rdf#b2"])
        #expect(kind(d, "brand:velo motors") == .entity && label(d, "brand:velo motors") == "Velo  Motors")
        #expect(label(d, "category:camping") == "Camping")
        // Offers are entities, never items, and keep their own data.
        #expect(kind(d, "offer/stove") == .entity && kind(d, "_:catalog.rdf#b1") == .entity)
        #expect(properties(d, of: "_:catalog.rdf#b1") == ["currency=\"EUR\"", "price=129.5"])
        #expect(edges(d, from: "_:catalog.rdf#b1") == ["type \(Self.schema)Offer", "seller shop"])
        #expect(result.warnings.isEmpty)
    }

    /// What the store knows changes kinds: a store under schema.org's Organization is an
    /// entity; a class under a product class keeps its instances items inside paths; a known
    /// category stays one.
    @Test func theStoreContextSuppliesSuperclassesAndCategories() throws {
        var context = ImportContext()
        for (child, parent) in [("SportingGoodsStore", "Store"), ("Store", "LocalBusiness"), ("LocalBusiness", "Organization"),
                                ("Gadget", "Product"), ("Product", "Thing")] {
            context.superclasses[Self.schema + child, default: []].append(Self.schema + parent)
        }
        context.categories = [Self.schema + "Product", "kits"]  // store ids: the id namespace is stripped
        let d = try load("catalog.rdf", Self.schemaCatalog) { $0.context = context }.delta
        #expect(kind(d, "shop") == .entity)
        #expect(edges(d, from: "shop") == ["type \(Self.schema)SportingGoodsStore"])
        #expect(ids(d, .item) == ["tent", "roadster", "boots", "stove"])

        let bundle = """
            <https://shop.example/kit> <https://schema.org/offers> <https://shop.example/g1> .
            <https://shop.example/g1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Gadget> .
            <https://shop.example/g1> <https://schema.org/price> "5" .
            <https://shop.example/kits> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/Collection> .
            """
        let plain = try load("bundle.nt", bundle).delta
        #expect(kind(plain, "g1") == .entity)   // inside schema:offers/schema:price: an offer, as far as the file says
        #expect(kind(plain, "kits") == .item)
        let known = try load("bundle.nt", bundle) { $0.context = context }.delta
        #expect(kind(known, "g1") == .item)     // a Gadget is a Product: never flattened away
        #expect(kind(known, "kits") == .category)
        #expect(edges(known, from: "kits") == ["type Collection"])
    }

    /// GoodRelations: the product an offering includes is the item and takes the offering's
    /// unit price (not its delivery charge), currency, name, description and category; an
    /// offering that includes no product is the item itself.
    static let goodRelationsShop = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:gr="http://purl.org/goodrelations/v1#" xmlns:shop="https://shop.example/vocab#"
                 xml:base="https://shop.example/">
          <owl:Class rdf:about="vocab#Camera">
            <rdfs:subClassOf rdf:resource="http://purl.org/goodrelations/v1#ProductOrService"/>
            <rdfs:label>Cameras</rdfs:label>
          </owl:Class>
          <gr:BusinessEntity rdf:about="seller"><gr:legalName>Shop Ltd</gr:legalName><gr:offers rdf:resource="o1"/></gr:BusinessEntity>
          <gr:BusinessEntity rdf:about="canon"><gr:legalName>Canon Inc.</gr:legalName></gr:BusinessEntity>
          <gr:Offering rdf:about="o1">
            <gr:name>EOS kit, 5% off</gr:name>
            <gr:description>Camera with lens</gr:description>
            <gr:category>Cameras</gr:category>
            <gr:hasPriceSpecification>
              <gr:DeliveryChargeSpecification>
                <gr:hasCurrency>EUR</gr:hasCurrency><gr:hasCurrencyValue>10.00</gr:hasCurrencyValue>
              </gr:DeliveryChargeSpecification>
            </gr:hasPriceSpecification>
            <gr:hasPriceSpecification>
              <gr:UnitPriceSpecification>
                <gr:hasCurrency>EUR</gr:hasCurrency>
                <gr:hasCurrencyValue rdf:datatype="http://www.w3.org/2001/XMLSchema#float">899.00</gr:hasCurrencyValue>
              </gr:UnitPriceSpecification>
            </gr:hasPriceSpecification>
            <gr:includes>
              <shop:Camera rdf:about="eos"><gr:hasManufacturer rdf:resource="canon"/></shop:Camera>
            </gr:includes>
          </gr:Offering>
          <gr:Offering rdf:about="o2">
            <gr:name>Gift card</gr:name>
            <gr:hasBrand><gr:Brand><gr:name>Shop</gr:name></gr:Brand></gr:hasBrand>
            <gr:hasPriceSpecification>
              <gr:UnitPriceSpecification><gr:hasCurrencyValue>25</gr:hasCurrencyValue></gr:UnitPriceSpecification>
            </gr:hasPriceSpecification>
          </gr:Offering>
          <gr:Offering rdf:about="o3">
            <gr:name>Two batteries</gr:name>
            <gr:includesObject>
              <gr:TypeAndQuantityNode>
                <gr:amountOfThisGood>2</gr:amountOfThisGood>
                <gr:typeOfGood rdf:resource="battery"/>
              </gr:TypeAndQuantityNode>
            </gr:includesObject>
            <gr:hasPriceSpecification>
              <gr:UnitPriceSpecification><gr:hasCurrency>EUR</gr:hasCurrency><gr:hasCurrencyValue>30</gr:hasCurrencyValue></gr:UnitPriceSpecification>
            </gr:hasPriceSpecification>
          </gr:Offering>
          <gr:SomeItems rdf:about="battery"><gr:hasBrand>Canon</gr:hasBrand></gr:SomeItems>
        </rdf:RDF>
        """

    @Test func goodRelationsOfferingsLendTheirDataToTheProductsTheyInclude() throws {
        let d = try load("shop.rdf", Self.goodRelationsShop).delta
        #expect(ids(d, .item) == ["eos", "o2", "battery"])
        #expect(kind(d, "o1") == .entity && kind(d, "o3") == .entity)
        #expect(label(d, "eos") == "EOS kit, 5% off" && label(d, "battery") == "Two batteries")
        #expect(properties(d, of: "eos") == ["currency=\"EUR\"", "description=\"Camera with lens\"", "price=899"])
        #expect(edges(d, from: "eos") == ["in_category vocab#Camera", "in_category category:cameras",
                                         "brand canon"])
        #expect(label(d, "canon") == "Canon Inc.")
        #expect(properties(d, of: "battery") == ["currency=\"EUR\"", "price=30"])
        #expect(edges(d, from: "battery") == ["in_category http://purl.org/goodrelations/v1#SomeItems", "brand brand:canon"])
        // The offering without a product is the item: its own name, price and brand.
        #expect(label(d, "o2") == "Gift card")
        #expect(properties(d, of: "o2") == ["price=25"])
        #expect(edges(d, from: "o2").contains("brand _:shop.rdf#b3"))
        #expect(label(d, "_:shop.rdf#b3") == "Shop" && kind(d, "_:shop.rdf#b3") == .entity)
        // Price specifications, quantity nodes and sellers stay entities.
        #expect(d.nodeIDs.indices.filter { d.nodeIDs[$0].hasPrefix("_:") }.allSatisfy { d.nodeKinds[$0] == .entity })
        #expect(kind(d, "seller") == .entity && label(d, "seller") == "Shop Ltd")
    }

    /// A mapping file's own paths, with a class condition matched through a subclass, the
    /// path's rank among others for one key, and a label path as a fallback.
    @Test func mappingFilePathsWithClassConditionsRanksAndLabels() throws {
        let mapping = dir.write("shop.map", """
            prefix shop: <https://shop.example/vocab#>
            property shop:deal/shop:cost[shop:Regular]/shop:amount price number
            property shop:deal/shop:cost/shop:amount fallback_price number
            property shop:deal/shop:note note
            label shop:deal/shop:title
            """)
        let text = """
            <https://shop.example/p1> <https://shop.example/vocab#deal> _:d1 .
            _:d1 <https://shop.example/vocab#title> "Deal title" .
            _:d1 <https://shop.example/vocab#cost> _:c1 .
            _:d1 <https://shop.example/vocab#cost> _:c2 .
            _:c1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/vocab#Member> .
            _:c1 <https://shop.example/vocab#amount> "7" .
            _:c2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/vocab#Sale> .
            <https://shop.example/vocab#Sale> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://shop.example/vocab#Regular> .
            _:c2 <https://shop.example/vocab#amount> "about 5" .
            <https://shop.example/p2> <https://shop.example/vocab#deal> _:d2 .
            <https://shop.example/p2> <http://www.w3.org/2000/01/rdf-schema#label> "Own label" .
            _:d2 <https://shop.example/vocab#title> "Unused title" .
            """
        let result = try load("deals.nt", text) { $0.mappingFile = mapping }
        let d = result.delta
        #expect(properties(d, of: "p1") == ["fallback_price=\"about 5\"", "fallback_price=7", "price=\"about 5\""])
        #expect(label(d, "p1") == "Deal title" && label(d, "p2") == "Own label")
        // One warning for the literal, though two paths copy it.
        #expect(result.warnings.map { dir.relative("\($0)") } == [
            "deals.nt:9:1: warning: expected a number for the property, found 'about 5'; kept as a string",
        ])
        #expect(kind(d, "_:deals.nt#d1") == .entity && kind(d, "_:deals.nt#c1") == .entity)

        let reset = dir.write("reset.map", "reset\ntype <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>\n")
        let bare = try load("deals.nt", text) { $0.mappingFile = reset }.delta
        #expect(properties(bare, of: "p1").isEmpty && label(bare, "p1") == nil)
    }

    @Test func pathsParseIntoStepsAndPrintWithFullIRIs() throws {
        let builtIn = OntologyMapping.builtIn
        let gr = "http://purl.org/goodrelations/v1#"
        let path = PropertyPath([
            .init(predicate: gr + "includes", inverse: true),
            .init(predicate: gr + "hasPriceSpecification", requiredClass: gr + "UnitPriceSpecification"),
            .init(predicate: gr + "hasCurrencyValue"),
        ])
        #expect(builtIn.paths[path] == .property("price", .number))
        #expect(path.description == "^<\(gr)includes>/<\(gr)hasPriceSpecification>[<\(gr)UnitPriceSpecification>]/<\(gr)hasCurrencyValue>")
        var mapping = OntologyMapping()
        try mapping.apply(text: "property <http://a.example/x/y>/^<http://a.example/z>[<http://a.example/C>] k\n", file: "m")
        #expect(mapping.pathOrder.map(\.description) == ["<http://a.example/x/y>/^<http://a.example/z>[<http://a.example/C>]"])
        // A later line for the same path replaces the earlier one.
        try mapping.apply(text: "relation <http://a.example/x/y>/^<http://a.example/z>[<http://a.example/C>] r\n", file: "m")
        #expect(mapping.pathOrder.count == 1 && mapping.paths.values.first == .relation("r"))
        #expect(builtIn.classRole(of: "http://schema.org/Product") == .product)
        #expect(builtIn.role(of: Self.schema + "category") == .category)
        #expect(builtIn.role(of: gr + "hasManufacturer") == .entityRelation("brand"))
    }

    /// Broken IRIs are repaired before mapping, so two spellings of one IRI are one node;
    /// warnings come in document order, and --strict fails at the first.
    @Test func repairedIRIsMeetAndStrictFailsAtTheFirstDefect() throws {
        let text = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">
              <s:Product rdf:about="http://www.example.org/p1"><s:price>12,50</s:price></s:Product>
              <rdf:Description rdf:about="http:/www.example.org/p1"><s:name>Pan</s:name></rdf:Description>
              <rdf:Description rdf:about="http://www.example.org/p1 "><s:color>red</s:color></rdf:Description>
            </rdf:RDF>
            """
        let result = try load("pan.rdf", text)
        #expect(result.delta.nodeIDs.filter { $0.contains("p1") } == ["http://www.example.org/p1"])
        #expect(label(result.delta, "http://www.example.org/p1") == "Pan")
        #expect(result.warnings.map { dir.relative("\($0)") } == [
            "pan.rdf:3:52: warning: expected a number for the property, found '12,50'; kept as a string",
            "pan.rdf:4:20: warning: IRI 'http:/www.example.org/p1' has no '//' after its scheme; read as 'http://www.example.org/p1'",
            "pan.rdf:5:20: warning: IRI 'http://www.example.org/p1 ' ends with white space; read as 'http://www.example.org/p1'",
        ])
        do {
            _ = try load("pan.rdf", text) { $0.strict = true }
            Issue.record("accepted under --strict")
        } catch {
            #expect(dir.relative("\(error)")
                    == "pan.rdf:3:52: expected a number for the property, found '12,50'; kept as a string (an error under --strict)")
        }
    }
}
