import CLibXML2
import KGGraph

/// Sorting a start tag's attributes into what RDF/XML does with them (RDF 1.1 XML Syntax
/// §6.1.2–6.1.4): `xml:lang` and `xml:base`; the syntax attributes (`rdf:ID`, `rdf:about`,
/// `rdf:nodeID`, `rdf:resource`, `rdf:datatype`, `rdf:parseType`); property attributes; and
/// names that are ignored (other `xml*` names) or forbidden.
extension RDFXMLParser {
    /// A syntax attribute's value and where it is in the input.
    struct SyntaxAttribute {
        var value: String
        var position: UnsafePointer<UInt8>?
    }

    /// A property attribute: its predicate IRI and literal value.
    struct PropertyAttribute {
        var predicate: String
        var value: String
        var position: UnsafePointer<UInt8>?
    }

    struct ScannedAttributes {
        var base: String?
        var language: String?
        var languagePosition: UnsafePointer<UInt8>?
        var id: SyntaxAttribute?
        var nodeID: SyntaxAttribute?
        var about: SyntaxAttribute?
        var resource: SyntaxAttribute?
        var datatype: SyntaxAttribute?
        var parseType: SyntaxAttribute?
        var properties: [PropertyAttribute] = []
        /// Whether `rdf:type` is among `properties` (an unqualified `type` is read as it too).
        var hasType = false

        /// Whether any RDF attribute (syntax or property) is present.
        var hasRDFAttributes: Bool {
            id != nil || nodeID != nil || about != nil || resource != nil || datatype != nil
                || parseType != nil || !properties.isEmpty
        }
    }

    func scanAttributes(_ attributes: XMLAttributeList) throws -> ScannedAttributes {
        var scanned = ScannedAttributes()
        // The start tag's `<`, found once (a scan back over the tag) and only when a value
        // libxml2 copied has no position of its own: once per attribute would be O(n²).
        var tagStart: UnsafePointer<UInt8>??
        for index in 0..<attributes.count {
            let attribute = attributes[index]
            var position = attributePosition(value: attribute.valueStart)
            if position == nil {
                if tagStart == nil { tagStart = .some(startTagPosition()) }
                position = tagStart ?? nil
            }
            guard let namespace = attribute.namespace else {
                try scanUnqualified(attribute, position: position, into: &scanned)
                continue
            }
            if isRDFNamespace(namespace) {
                let local = String(cString: attribute.localName)
                try scanRDF(local: local, attribute: attribute, position: position, into: &scanned)
            } else if xmlStrEqual(namespace, RDFXMLNames.xmlNamespace) == 1 {
                let local = String(cString: attribute.localName)
                if local == "lang" {
                    scanned.language = try decodeAttributeValue(attribute.value)
                    scanned.languagePosition = position
                } else if local == "base" {
                    scanned.base = try decodeAttributeValue(attribute.value)
                }
            } else if let prefix = attribute.prefix, hasXMLPrefix(prefix) {
                continue                                    // reserved XML names are ignored
            } else {
                let predicate = try iri(namespace: namespace, localName: attribute.localName)
                scanned.properties.append(PropertyAttribute(predicate: predicate,
                                                            value: try decodeAttributeValue(attribute.value),
                                                            position: position))
            }
        }
        return scanned
    }

    private func scanUnqualified(_ attribute: XMLAttributeList.Attribute, position: UnsafePointer<UInt8>?,
                                 into scanned: inout ScannedAttributes) throws {
        if hasXMLPrefix(attribute.localName) { return }
        let local = String(cString: attribute.localName)
        guard RDFXMLNames.legacyUnqualifiedAttributes.contains(local) else {
            let shown = Excerpt.of(local)
            throw syntax("attribute '\(shown)' has no namespace; RDF/XML attributes must be "
                         + "namespace-qualified (did you mean 'rdf:\(shown)'?)", at: position)
        }
        try warn("unqualified attribute '\(local)' is read as 'rdf:\(local)'", at: position)
        try scanRDF(local: local, attribute: attribute, position: position, into: &scanned)
    }

    private func scanRDF(local: String, attribute: XMLAttributeList.Attribute, position: UnsafePointer<UInt8>?,
                         into scanned: inout ScannedAttributes) throws {
        func set(_ slot: inout SyntaxAttribute?) throws {
            guard slot == nil else { throw syntax("attribute 'rdf:\(local)' is given twice", at: position) }
            slot = SyntaxAttribute(value: try decodeAttributeValue(attribute.value), position: position)
        }
        switch local {
        case "ID": try set(&scanned.id)
        case "nodeID": try set(&scanned.nodeID)
        case "about": try set(&scanned.about)
        case "resource": try set(&scanned.resource)
        case "datatype": try set(&scanned.datatype)
        case "parseType": try set(&scanned.parseType)
        case "li", "Description", "RDF":
            throw syntax("'rdf:\(local)' cannot be used as an attribute", at: position)
        case "aboutEach", "aboutEachPrefix", "bagID":
            throw syntax("'rdf:\(local)' was withdrawn from RDF and cannot be used", at: position)
        default:
            // libxml2 refuses a repeated attribute; only `type` and `rdf:type` can meet here.
            if local == "type" {
                if scanned.hasType { throw syntax("attribute 'rdf:\(local)' is given twice", at: position) }
                scanned.hasType = true
            }
            let predicate = RDF.ns + local
            scanned.properties.append(PropertyAttribute(predicate: predicate,
                                                        value: try decodeAttributeValue(attribute.value),
                                                        position: position))
        }
    }

    /// Names beginning with "xml" in any case are reserved by XML and ignored by RDF/XML.
    private func hasXMLPrefix(_ name: UnsafePointer<UInt8>) -> Bool {
        (name[0] | 0x20) == UInt8(ascii: "x") && (name[1] | 0x20) == UInt8(ascii: "m")
            && (name[2] | 0x20) == UInt8(ascii: "l")
    }

    /// Whether `namespace` is the RDF namespace; remembers libxml2's interned pointer for it.
    func isRDFNamespace(_ namespace: UnsafePointer<UInt8>) -> Bool {
        if namespace == rdfNamespacePointer { return true }
        guard xmlStrEqual(namespace, RDF.ns) == 1 else { return false }
        if let dictionary = context?.pointee.dict, xmlDictOwns(dictionary, namespace) == 1 {
            rdfNamespacePointer = namespace
        }
        return true
    }

    /// The IRI `namespace + localName`, cached by libxml2's interned pointers. RDF/XML joins
    /// the two strings; XML never resolves a namespace against the base, so a namespace that
    /// is not an absolute IRI names no IRIs: an error. A namespace with white space or a
    /// forbidden character is repaired (percent-encoded) with a warning, once.
    func iri(namespace: UnsafePointer<UInt8>, localName: UnsafePointer<UInt8>) throws -> String {
        let key = NamePointers(namespace: namespace, localName: localName)
        if let cached = namespaceIRICache[key] { return cached }
        let value = try namespaceIRI(String(cString: namespace), localName: localName) + String(cString: localName)
        // Capped so that a document with millions of distinct names cannot grow the cache
        // beyond a vocabulary's worth.
        if namespaceIRICache.count < 1 << 16, let dictionary = context?.pointee.dict,
           xmlDictOwns(dictionary, namespace) == 1, xmlDictOwns(dictionary, localName) == 1 {
            namespaceIRICache[key] = value
        }
        return value
    }

    /// A namespace as the start of IRIs: checked to be absolute, and repaired once.
    private func namespaceIRI(_ namespace: String, localName: UnsafePointer<UInt8>) throws -> String {
        if let known = namespaceRepairs[namespace] { return known }
        guard IRIResolver.hasScheme(namespace.trimmingSpaces) else {
            throw syntax("namespace '\(Excerpt.iri(namespace))' of \(Excerpt.quoted(String(cString: localName))) "
                         + "is not an absolute IRI, so it "
                         + "names no IRI (XML does not resolve namespaces against the base)", at: startTagPosition())
        }
        var usable = namespace
        if let repair = RDFXMLNames.repairedSchemeSlashes(namespace) ?? RDFXMLNames.repairedIRI(namespace) {
            let iri = RDFXMLNames.repairedIRI(repair.iri)?.iri ?? repair.iri
            try warn("namespace " + repair.problem.dropFirst("IRI ".count), readAs: iri, at: startTagPosition())
            usable = iri
        }
        if namespaceRepairs.count < 1 << 12 { namespaceRepairs[namespace] = usable }
        return usable
    }
}
