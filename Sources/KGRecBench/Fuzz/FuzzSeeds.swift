/// The well-formed inputs each fuzz target starts from: small, but touching every feature of
/// its format (quotes, headers, comments, language tags, datatypes, blank nodes, nesting).
enum FuzzSeeds {
    static let csv = [
        "user,item,relation,timestamp,split\nu1,i3,bought,1768205407,train\nu1,i1,viewed,1768265999,train\n"
            + "u2,i3,viewed,1768266000,test\n\"u3\",\"i4, deluxe\",bought,1768266001,valid\n",
        "user,item\nu1,i1\nu2,i2\n",
        "visitor;sku;weight\r\nv1;s1;2.5\r\nv2;\"s\"\"2\";1\r\n",
    ]

    static let tsv = [
        "user\titem\trating\ttimestamp\nu1\ti1\t5\t1700000000\nu2\ti1\t3\t1700000100\nu2\ti2\t4\t1700000200\n",
    ]

    static let ntriples = [
        """
        <https://shop.example/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
        <https://shop.example/p1> <https://schema.org/name> "Trail Shoe"@en .
        <https://shop.example/p1> <https://schema.org/offers> _:o1 .
        _:o1 <https://schema.org/price> "49.90"^^<http://www.w3.org/2001/XMLSchema#decimal> .
        _:o1 <https://schema.org/priceCurrency> "EUR" .
        <https://shop.example/p1> <https://schema.org/brand> <https://shop.example/brand/acme> .
        <https://shop.example/brand/acme> <https://schema.org/name> "Acme \\u00C9lan \\"Pro\\"" .
        <https://shop.example/p1> <https://schema.org/category> "Footwear" .
        # a comment
        <https://shop.example/TrailShoes> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://schema.org/Product> .
        <https://shop.example/p2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://shop.example/TrailShoes> .
        <https://shop.example/p2> <https://schema.org/keywords> "hiking" .

        """,
    ]

    static let turtle = [
        #"""
        @prefix s: <https://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        @base <https://shop.example/> .
        # a comment
        <TrailShoes> rdfs:subClassOf s:Product ; rdfs:label "Trail shoes"@en .
        <p1> a s:Product ; s:name "Trail Shoe"@en , 'Chaussure'@fr ;
            s:offers [ s:price 49.90 ; s:priceCurrency "EUR" ; s:eligibleQuantity 1 ; s:ratio 1.5e2 ] ;
            s:brand <brand/acme> ; s:isFamilyFriendly true ;
            s:keywords ( "hiking" "trail" ( ) ) ;;
            s:description """Light,
        "fast" and \u00E9l\U0001F600gant""" .
        <brand/acme> s:name "Acme \"Pro\""^^xsd:string .
        _:b1 a <TrailShoes> ; s:sku s:sku\-1%20x ; s:isRelatedTo [] , _:o1 .
        [ s:name 'Camp stove' ] .

        """#,
    ]

    static let jsonld = [
        #"""
        {
          "@context": {
            "@version": 1.1, "@base": "https://shop.example/", "@vocab": "https://schema.org/", "@language": "en",
            "s": "https://schema.org/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "subClassOf": {"@id": "rdfs:subClassOf", "@type": "@id"},
            "label": {"@id": "rdfs:label", "@container": "@language"},
            "keywords": {"@container": "@list"}, "brand": {"@type": "@id", "@protected": true},
            "offersById": {"@id": "s:offers", "@container": "@id"}, "isMadeBy": {"@reverse": "s:manufacturer"},
            "data": {"@id": "s:additionalProperty", "@type": "@json"},
            "Product": {"@id": "s:Product", "@context": {"price": {"@type": "s:Number"}}},
            "details": "@nest"
          },
          "@graph": [
            {"@id": "TrailShoes", "subClassOf": "s:Product", "label": {"en": "Trail shoes", "fr": ["Chaussures"]}},
            {"@id": "p1", "@type": ["Product", "TrailShoes"], "name": "Trail \"Shoe\" \u00e9\ud83d\ude00",
             "keywords": ["hiking", "trail"], "brand": "brand/acme", "isFamilyFriendly": true,
             "offersById": {"o1": {"price": 49.90, "priceCurrency": "EUR", "eligibleQuantity": 1}},
             "details": {"sku": "sku-1", "gtin": {"@value": "0123", "@type": "s:Text"}},
             "data": {"weight": [1, 2.5e3, null]}, "@included": [{"@id": "_:b1", "name": {"@value": "Stove", "@language": "de"}}],
             "s:isRelatedTo": [{"@id": "_:b1"}, {"@set": [{"@id": "p2"}]}, {"@list": []}]},
            {"@id": "brand/acme", "name": "Acme", "isMadeBy": {"@id": "p2", "@index": "x"}}
          ]
        }

        """#,
    ]

    static let rdfxml = [
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
                 xmlns:schema="https://schema.org/" xml:base="https://shop.example/">
          <rdfs:Class rdf:about="TrailShoes"><rdfs:subClassOf rdf:resource="https://schema.org/Product"/></rdfs:Class>
          <schema:Product rdf:about="p1" schema:sku="SKU-1">
            <schema:name xml:lang="en">Trail Shoe</schema:name>
            <schema:offers rdf:parseType="Resource">
              <schema:price rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">49.90</schema:price>
              <schema:priceCurrency>EUR</schema:priceCurrency>
            </schema:offers>
            <schema:brand><schema:Brand rdf:about="brand/acme" schema:name="Acme &amp; Co"/></schema:brand>
            <schema:description rdf:parseType="Literal"><b>light</b> and <i>fast</i></schema:description>
          </schema:Product>
          <rdf:Description rdf:ID="p2">
            <rdf:type rdf:resource="TrailShoes"/>
            <schema:keywords><rdf:Bag><rdf:li>hiking</rdf:li><rdf:li>trail</rdf:li></rdf:Bag></schema:keywords>
            <schema:isRelatedTo rdf:nodeID="n1"/>
          </rdf:Description>
          <rdf:Description rdf:nodeID="n1"><schema:name><![CDATA[Camp <Stove>]]></schema:name></rdf:Description>
        </rdf:RDF>

        """,
    ]

    static let mapping = [
        """
        # shop.map
        prefix shop: <https://shop.example/vocab#>
        id-namespace <https://shop.example/>
        category-scheme shop:genres
        property shop:price price number
        property shop:listing/shop:price price number
        entity-relation shop:madeBy brand
        product-class shop:Article
        property ^shop:includes/shop:spec[shop:Unit]/shop:value price number

        """,
    ]

    /// KGAT/LightGCN layout files, each a slot.
    static let kgat: [String: String] = [
        "train.txt": "0 0 1 2\n1 2 3\n2 0 4\n",
        "test.txt": "0 3\n1 4\n2 1\n",
        "kg_final.txt": "0 0 5\n1 1 6\n2 0 5\n5 2 6\n",
        "relation_list.txt": "org_id remap_id\nhttp://rdf.freebase.com/ns/brand 0\nhttp://rdf.freebase.com/ns/genre 1\nhttp://rdf.freebase.com/ns/sub 2\n",
    ]

    /// KGCN Last.FM layout files.
    static let kgcn: [String: String] = [
        "user_artists.dat": "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n3\t51\t10\n3\t99\t4\n",
        "item_index2entity_id.txt": "51\t0\n52\t1\n",
        "kg.txt": "0\tmusic.artist.origin\t7\n1\tfilm.actor.film\t8\n7\tlocation.location.contains\t8\n",
    ]

    /// RippleNet/KGCN Book-Crossing layout files.
    static let bookCrossing: [String: String] = [
        "ratings_final.txt": "0\t4250\t1\n0\t14886\t0\n1\t490\t1\n1\t4250\t1\n",
        "kg_final.txt": "4250\t0\t14968\n490\t1\t14968\n14968\t2\t14970\n",
    ]

    /// A RecBole atomic `.inter` file.
    static let recbole = [
        "user_id:token\titem_id:token\trating:float\ttimestamp:float\n196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t1\t878887116\n",
    ]
}
