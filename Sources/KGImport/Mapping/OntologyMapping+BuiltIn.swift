/// The mapping kgrec applies to every RDF import (a mapping file goes on top of it).
extension OntologyMapping {
    /// The built-in table, documented line by line in `defaultText`.
    static let builtIn: OntologyMapping = {
        var mapping = OntologyMapping()
        do {
            try mapping.apply(text: defaultText, file: "<built-in mapping>")
        } catch {
            preconditionFailure("the built-in mapping does not parse: \(error)")
        }
        return mapping
    }()

    /// The built-in table, in the mapping-file format.
    static let defaultText = """
        # kgrec built-in ontology mapping (a mapping file can override any line).
        prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        prefix owl: <http://www.w3.org/2002/07/owl#>
        prefix xsd: <http://www.w3.org/2001/XMLSchema#>
        prefix skos: <http://www.w3.org/2004/02/skos/core#>
        prefix dc: <http://purl.org/dc/elements/1.1/>
        prefix dcterms: <http://purl.org/dc/terms/>
        prefix schema: <https://schema.org/>
        prefix foaf: <http://xmlns.com/foaf/0.1/>
        prefix gr: <http://purl.org/goodrelations/v1#>
        prefix vcard: <http://www.w3.org/2006/vcard/ns#>
        alias-namespace <http://schema.org/> <https://schema.org/>

        # Labels, best first (a label without a language tag or in English beats any other).
        label rdfs:label skos:prefLabel schema:name dcterms:title dc:title foaf:name gr:name
        label schema:legalName gr:legalName vcard:fn vcard:organization-name

        # The category tree and concept hierarchies.
        subclass rdfs:subClassOf
        broader skos:broader
        narrower skos:narrower
        type rdf:type
        in-scheme skos:inScheme skos:topConceptOf
        category-class rdfs:Class owl:Class
        tag-class skos:Concept

        # Tags and categories a property names.
        tag dc:subject dcterms:subject schema:keywords
        category schema:category gr:category

        # Products: instances of these classes, and of their subclasses, are items.
        product-class schema:Product
        product-class gr:ProductOrService gr:ProductOrServiceModel gr:SomeItems gr:Individual
        product-class gr:ProductOrServicesSomeInstancesPlaceholder gr:ActualProductOrServiceInstance

        # Item data: price, currency, description; a brand or manufacturer given as text is a
        # brand entity all the same.
        property schema:price price number
        property schema:priceCurrency currency string
        property schema:description description string
        property gr:hasCurrencyValue price number
        property gr:hasCurrency currency string
        property gr:description description string
        availability schema:availability schema:offers/schema:availability
        entity-relation schema:brand brand
        entity-relation gr:hasBrand brand
        entity-relation gr:hasManufacturer brand

        # Flattening: an offer's price and currency are the offered item's (when it has none of
        # its own); a GoodRelations offering lends its unit price, name, description and category
        # to the products it includes. Nodes inside these paths are never items.
        property schema:offers/schema:price price number
        property schema:offers/schema:priceCurrency currency string
        property schema:offers/schema:lowPrice price number
        property schema:offers/schema:priceSpecification/schema:price price number
        property schema:offers/schema:priceSpecification/schema:priceCurrency currency string
        property ^schema:itemOffered/schema:price price number
        property ^schema:itemOffered/schema:priceCurrency currency string
        property gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrencyValue price number
        property gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrency currency string
        property ^gr:includes/gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrencyValue price number
        property ^gr:includes/gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrency currency string
        property ^gr:typeOfGood/^gr:includesObject/gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrencyValue price number
        property ^gr:typeOfGood/^gr:includesObject/gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrency currency string
        label ^gr:includes/gr:name ^gr:includes/rdfs:label
        label ^gr:typeOfGood/^gr:includesObject/gr:name ^gr:typeOfGood/^gr:includesObject/rdfs:label
        property ^gr:includes/gr:description description string
        property ^gr:typeOfGood/^gr:includesObject/gr:description description string
        category ^gr:includes/gr:category ^gr:typeOfGood/^gr:includesObject/gr:category

        # Classes whose instances stay plain KG entities: vocabulary terms, organisations
        # (sellers, manufacturers), people, brands, enumeration values, and the structured
        # values that describe an item (offers, prices, quantities, addresses, opening hours).
        entity-class rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty
        entity-class owl:Ontology rdfs:Datatype skos:ConceptScheme
        entity-class schema:Organization schema:Person schema:Brand schema:Enumeration schema:Boolean
        entity-class schema:Offer schema:AggregateOffer schema:Demand schema:StructuredValue schema:Rating
        entity-class schema:AggregateRating schema:Review schema:PriceSpecification schema:UnitPriceSpecification
        entity-class schema:QuantitativeValue schema:PropertyValue schema:MonetaryAmount schema:PostalAddress
        entity-class schema:GeoCoordinates schema:OpeningHoursSpecification schema:ImageObject
        entity-class schema:WebPage schema:WebSite
        entity-class foaf:Organization foaf:Person foaf:Agent gr:BusinessEntity
        entity-class gr:PriceSpecification gr:UnitPriceSpecification gr:DeliveryChargeSpecification
        entity-class gr:PaymentChargeSpecification gr:QuantitativeValue gr:QuantitativeValueFloat
        entity-class gr:QuantitativeValueInteger gr:QualitativeValue gr:TypeAndQuantityNode
        entity-class gr:OpeningHoursSpecification gr:LocationOfSalesOrServiceProvisioning
        entity-class gr:WarrantyPromise gr:WarrantyScope gr:BusinessFunction gr:DayOfWeek
        entity-class gr:DeliveryMethod gr:PaymentMethod gr:BusinessEntityType gr:Brand
        entity-class vcard:VCard vcard:Address vcard:Location
        """
}
