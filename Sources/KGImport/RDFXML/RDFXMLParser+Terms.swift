import CLibXML2
import KGGraph

/// Making RDF terms and emitting triples: IRI resolution against the in-scope base, blank
/// nodes, `rdf:ID` statements and their uniqueness, reification.
extension RDFXMLParser {
    /// Hands a triple to the caller, with where it comes from when the caller asked: the
    /// start tag of the element that produced it.
    @inline(__always)
    func emit(_ triple: RDFTriple) throws {
        guard locating else { return try sink(triple, nil) }
        if eventLocation == nil { eventLocation = location(at: startTagPosition()) }
        try sink(triple, eventLocation)
    }

    /// Emits `subject predicate object`, and its reification when the property element had
    /// `rdf:ID` (RDF 1.1 XML Syntax §7.3).
    func emitStatement(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, reification: String?) throws {
        try emit(RDFTriple(subject, predicate, object))
        guard let reification else { return }
        let statement = RDFTerm.iri(reification)
        try emit(RDFTriple(statement, RDF.type, .iri(RDF.statement)))
        try emit(RDFTriple(statement, RDF.subject, subject))
        try emit(RDFTriple(statement, RDF.predicate, .iri(predicate)))
        try emit(RDFTriple(statement, RDF.object, object))
    }

    /// Property attributes of a node: literals in the in-scope language, except `rdf:type`,
    /// whose value is an IRI.
    func emitPropertyAttributes(_ properties: [PropertyAttribute], of subject: RDFTerm,
                                base: String?, language: String) throws {
        for property in properties {
            if property.predicate == RDF.type {
                try emit(RDFTriple(subject, RDF.type, .iri(try resolve(property.value, base: base, at: property.position))))
            } else {
                try emit(RDFTriple(subject, property.predicate,
                                   .literal(property.value, language: language.isEmpty ? nil : language)))
            }
        }
    }

    /// A fresh blank node, distinct from every other in the document.
    func newBlankNode() -> RDFTerm {
        blankNodeCount += 1
        return .blank("b\(blankNodeCount)")
    }

    /// The blank node an `rdf:nodeID` names: the same node for the same id throughout the
    /// document, under a generated label (nodeIDs may not be valid N-Triples labels).
    func blankNode(_ nodeID: SyntaxAttribute) throws -> RDFTerm {
        guard RDFXMLNames.isNCName(nodeID.value) else {
            throw syntax("rdf:nodeID \(Excerpt.quoted(nodeID.value)) is not an XML name (NCName)", at: nodeID.position)
        }
        if let label = nodeIDLabels[nodeID.value] { return .blank(label) }
        blankNodeCount += 1
        let label = "b\(blankNodeCount)"
        nodeIDLabels[nodeID.value] = label
        return .blank(label)
    }

    /// The IRI `rdf:ID` gives (`#id` against the base), checked to be a name and unique
    /// within the document.
    func statementIRI(_ id: SyntaxAttribute, base: String?) throws -> String {
        guard RDFXMLNames.isNCName(id.value) else {
            throw syntax("rdf:ID \(Excerpt.quoted(id.value)) is not an XML name (NCName)", at: id.position)
        }
        let iri = try resolve("#" + id.value, base: base, at: id.position)
        guard usedIDs.insert(iri).inserted else {
            throw syntax("rdf:ID \(Excerpt.quoted(id.value)) is used twice with the same base IRI (<\(Excerpt.iri(iri))>)",
                         at: id.position)
        }
        return iri
    }

    /// `reference` resolved against `base` (RFC 3986 §5.2: a reference with a scheme is
    /// absolute and only loses its dot segments). A broken IRI (white space around it, a
    /// forbidden character, or exactly `http:/www.…` with one slash) is repaired with a
    /// warning that says so, and is an error in strict mode. The result always has a
    /// scheme: a reference that cannot be made absolute is an error.
    func resolve(_ reference: String, base: String?, at position: UnsafePointer<UInt8>?) throws -> String {
        // White space around an absolute IRI would make it relative: trim before resolving
        // (copying only when there is white space to trim).
        let padded = reference.utf8.first.map(isXMLSpace) == true || reference.utf8.last.map(isXMLSpace) == true
        let trimmed = padded ? reference.trimmingSpaces : reference
        // The one-slash repair applies to the reference as written, before its dot segments go.
        let schemeRepair = RDFXMLNames.repairedSchemeSlashes(trimmed)
        let written = schemeRepair?.iri ?? trimmed
        let resolved: String
        if let base {
            if base != resolutionBase?.iri {
                resolutionBase = IRIResolver.Base(base)
            }
            resolved = IRIResolver.resolve(written, against: resolutionBase ?? IRIResolver.Base(base))
        } else if IRIResolver.hasScheme(written) {
            resolved = IRIResolver.resolve(written, against: written)
        } else {
            throw syntax("relative IRI '\(Excerpt.iri(reference))' cannot be resolved: the document has no base IRI "
                         + "(give one with xml:base or --base)", at: position)
        }
        // Only a base without a scheme can give a result without one.
        guard base == nil || resolutionBase?.components.scheme != nil || IRIResolver.hasScheme(resolved) else {
            throw syntax("relative IRI '\(Excerpt.iri(reference))' cannot be resolved: the base IRI "
                         + "'\(Excerpt.iri(base ?? ""))' is not absolute "
                         + "(it has no scheme such as 'http:')", at: position)
        }
        let repair = RDFXMLNames.repairedIRI(resolved)
        let final = repair?.iri ?? resolved
        if padded, let whiteSpace = RDFXMLNames.repairedIRI(reference) {
            try warn(whiteSpace.problem, readAs: final, at: position)
        } else if let schemeRepair {
            try warn(schemeRepair.problem, readAs: final, at: position)
        } else if let repair {
            try warn(repair.problem, readAs: repair.iri, at: position)
        }
        return final
    }

    /// An `rdf:datatype` value resolved; `xsd:float` written as a prefixed name is read as
    /// the XML Schema IRI, with a warning.
    func resolveDatatype(_ reference: String, base: String?, at position: UnsafePointer<UInt8>?) throws -> String {
        if let xsd = RDFXMLNames.xsdDatatype(forPrefixedName: reference) {
            try warn("datatype \(Excerpt.quoted(reference)) is a prefixed name, not an IRI", readAs: xsd, at: position)
            return xsd
        }
        return try resolve(reference, base: base, at: position)
    }

    /// The IRI an element name stands for (namespace + local name).
    func elementIRI(_ name: XMLElementName) throws -> String {
        guard let namespace = name.namespace else {
            throw syntax("element \(Excerpt.quoted(String(cString: name.localName))) has no namespace; RDF/XML element "
                         + "names must be namespace-qualified", at: startTagPosition())
        }
        return try iri(namespace: namespace, localName: name.localName)
    }

    func checkDepth(_ depth: Int) throws {
        guard depth < limits.maxDepth else {
            throw syntax("elements nest deeper than the limit of \(limits.maxDepth) levels", at: startTagPosition())
        }
    }

    /// An element name for the XML literal writer.
    func qualifiedName(_ name: XMLElementName) throws -> RDFXMLLiteralWriter.QualifiedName {
        RDFXMLLiteralWriter.QualifiedName(prefix: name.prefix.map { String(cString: $0) },
                                          namespace: name.namespace.map { String(cString: $0) },
                                          localName: String(cString: name.localName))
    }

    /// A start tag's attributes for the XML literal writer, values decoded.
    func literalAttributes(_ attributes: XMLAttributeList) throws -> [RDFXMLLiteralWriter.Attribute] {
        try (0..<attributes.count).map { index in
            let attribute = attributes[index]
            return RDFXMLLiteralWriter.Attribute(
                name: .init(prefix: attribute.prefix.map { String(cString: $0) },
                            namespace: attribute.namespace.map { String(cString: $0) },
                            localName: String(cString: attribute.localName)),
                value: try decodeAttributeValue(attribute.value))
        }
    }
}

/// XML white space (XML 1.0 production [3] S).
@inline(__always)
func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
