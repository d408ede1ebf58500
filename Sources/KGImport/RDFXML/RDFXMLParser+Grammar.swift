import CLibXML2
import KGGraph

/// The RDF/XML grammar (RDF 1.1 XML Syntax §7) run over SAX events with a stack of open
/// elements. Every production's triples are emitted as soon as they are known, so memory
/// holds one frame per open element, the text of the innermost literal being read, and the
/// document-wide `rdf:ID` and `rdf:nodeID` tables.
extension RDFXMLParser {
    struct Frame {
        var kind: Kind
        /// The element's base IRI (`xml:base` resolved against the parent's), if any.
        var base: String?
        /// The in-scope `xml:lang`; empty for none.
        var language: String
        /// The next `rdf:li` number for property elements of this node.
        var liCounter = 1
    }

    enum Kind {
        /// Inside `rdf:RDF`: node elements follow (`nodeElementList`).
        case rdfRoot
        /// Inside a node element: property elements follow (`propertyEltList`).
        case node(subject: RDFTerm)
        /// Inside a property element.
        case property(PropertyFrame)
    }

    struct PropertyFrame {
        var subject: RDFTerm
        var predicate: String
        /// The statement's IRI when the property element has `rdf:ID` (reification).
        var reification: String?
        var content: Content
        /// The start tag's location, kept for triples and warnings that come at the end tag
        /// (only when the caller wants locations or the literal's datatype is checked).
        var start: SourceLocation?
    }

    enum Content {
        /// No content seen yet: text makes a literal (with this datatype, if any), a child
        /// element makes a resource property (`literalPropertyElt` / `resourcePropertyElt`).
        case undecided(datatype: String?)
        /// `resourcePropertyElt` whose node element has been read.
        case object(RDFTerm)
        /// `emptyPropertyElt` with `rdf:resource`, `rdf:nodeID` or property attributes.
        case empty
        /// `parseTypeResourcePropertyElt`: property elements of this blank node follow.
        case resource(blank: RDFTerm)
        /// `parseTypeCollectionPropertyElt`: node elements follow; the last list cell so far.
        case collection(lastCell: RDFTerm?)
        /// `parseTypeLiteralPropertyElt` (or another parseType): content goes to `literal`.
        case literal
    }

    // MARK: - Events

    func startElement(_ name: XMLElementName, attributes: XMLAttributeList) throws {
        sawElement = true
        eventLocation = nil
        if let top = stack.last, case .property(let property) = top.kind, case .literal = property.content {
            try checkDepth(stack.count + literal.depth)
            literal.startElement(try qualifiedName(name), attributes: try literalAttributes(attributes))
            return
        }
        try checkDepth(stack.count)
        let scanned = try scanAttributes(attributes)
        let parentBase = stack.last?.base ?? documentBase
        var base = parentBase
        if let xmlBase = scanned.base {
            base = try resolve(xmlBase, base: parentBase, at: startTagPosition())
        }
        var language = stack.last?.language ?? ""
        if let xmlLang = scanned.language {
            if !xmlLang.isEmpty && !RDFXMLNames.isWellFormedLanguageTag(xmlLang) {
                try warn("\(Excerpt.quoted(xmlLang)) is not a well-formed language tag", at: scanned.languagePosition)
            }
            language = xmlLang
        }
        guard let top = stack.last else {
            if let namespace = name.namespace, isRDFNamespace(namespace), xmlStrEqual(name.localName, "RDF") == 1 {
                if scanned.hasRDFAttributes {
                    throw syntax("rdf:RDF cannot have attributes other than xml:lang, xml:base and "
                                 + "namespace declarations", at: startTagPosition())
                }
                stack.append(Frame(kind: .rdfRoot, base: base, language: language))
            } else {
                _ = try startNodeElement(name, scanned, base: base, language: language)
            }
            return
        }
        switch top.kind {
        case .rdfRoot:
            _ = try startNodeElement(name, scanned, base: base, language: language)
        case .node(let subject):
            try startPropertyElement(name, scanned, base: base, language: language, subject: subject)
        case .property(var property):
            switch property.content {
            case .undecided(let datatype):
                if datatype != nil {
                    throw syntax("property element '\(Excerpt.iri(property.predicate))' has rdf:datatype, so it must "
                                 + "contain text, not an element", at: startTagPosition())
                }
                if text.contains(where: { !isXMLSpace($0) }) {
                    throw syntax("property element '\(Excerpt.iri(property.predicate))' contains both text and an element",
                                 at: startTagPosition())
                }
                text.removeAll(keepingCapacity: true)
                let object = try startNodeElement(name, scanned, base: base, language: language)
                try emitStatement(property.subject, property.predicate, object, reification: property.reification)
                property.content = .object(object)
                stack[stack.count - 2].kind = .property(property)
            case .object:
                throw syntax("property element '\(Excerpt.iri(property.predicate))' can contain only one node element",
                             at: startTagPosition())
            case .empty:
                throw syntax("property element '\(Excerpt.iri(property.predicate))' has rdf:resource, rdf:nodeID or "
                             + "property attributes, so it must be empty", at: startTagPosition())
            case .resource(let blank):
                try startPropertyElement(name, scanned, base: base, language: language, subject: blank)
            case .collection(let lastCell):
                let item = try startNodeElement(name, scanned, base: base, language: language)
                let cell = newBlankNode()
                if let lastCell {
                    try emit(RDFTriple(lastCell, RDF.rest, cell))
                } else {
                    try emitStatement(property.subject, property.predicate, cell, reification: property.reification)
                }
                try emit(RDFTriple(cell, RDF.first, item))
                property.content = .collection(lastCell: cell)
                stack[stack.count - 2].kind = .property(property)
            case .literal:
                preconditionFailure("literal content is handled above")
            }
        }
    }

    func endElement(_ name: XMLElementName) throws {
        if literal.depth > 0 {
            literal.endElement(try qualifiedName(name))
            return
        }
        guard let frame = stack.popLast() else { return }
        guard case .property(let property) = frame.kind else { return }
        eventLocation = property.start
        switch property.content {
        case .undecided(let datatype):
            let value = String(decoding: text, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
            let object: RDFTerm
            if let datatype {
                if let problem = RDFXMLNames.illTypedLiteralProblem(value, datatype: datatype) {
                    try warn(problem, location: property.start ?? location(at: nil))
                }
                object = .literal(value, datatype: datatype)
            } else {
                object = .literal(value, language: frame.language.isEmpty ? nil : frame.language)
            }
            try emitStatement(property.subject, property.predicate, object, reification: property.reification)
        case .object, .empty, .resource:
            break
        case .collection(let lastCell):
            if let lastCell {
                try emit(RDFTriple(lastCell, RDF.rest, .iri(RDF.nil_)))
            } else {
                try emitStatement(property.subject, property.predicate, .iri(RDF.nil_),
                                  reification: property.reification)
            }
        case .literal:
            let value = literal.string
            literal = RDFXMLLiteralWriter()
            try emitStatement(property.subject, property.predicate, .literal(value, datatype: RDF.xmlLiteral),
                              reification: property.reification)
        }
    }

    func characters(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        guard let top = stack.last else { return }
        if case .property(let property) = top.kind {
            switch property.content {
            case .undecided:
                guard text.count + buffer.count <= limits.maxLiteralBytes else {
                    throw syntax("literal is longer than the limit of \(limits.maxLiteralBytes) bytes",
                                 at: buffer.baseAddress)
                }
                text.append(contentsOf: buffer)
                return
            case .literal:
                literal.text(buffer)
                guard literal.bytes.count <= limits.maxLiteralBytes else {
                    throw syntax("XML literal is longer than the limit of \(limits.maxLiteralBytes) bytes",
                                 at: buffer.baseAddress)
                }
                return
            default:
                break
            }
        }
        guard let offending = buffer.firstIndex(where: { !isXMLSpace($0) }) else { return }
        let line = buffer[offending...].prefix(while: { $0 != 0x0A && $0 != 0x0D }).prefix(20)
        let snippet = Excerpt.of(String(decoding: line.reversed().drop(while: isXMLSpace).reversed(), as: UTF8.self))
        let nodesOnly = "only node elements may appear here"
        let propertiesOnly = "only property elements may appear here"
        let expected: String
        switch top.kind {
        case .rdfRoot: expected = nodesOnly
        case .node: expected = propertiesOnly
        case .property(let property):
            switch property.content {
            case .collection: expected = nodesOnly
            case .resource: expected = propertiesOnly
            default: expected = "this property element's value is given by its attributes or its node element"
            }
        }
        let start = buffer.baseAddress.map { $0 + offending }
        throw ImportError.syntax(location(at: start, reference: buffer.baseAddress.map { $0 + buffer.count }),
                                 "unexpected text '\(snippet)'; \(expected)")
    }

    func comment(_ value: String) {
        if inLiteral { literal.comment(value) }
    }

    func processingInstruction(target: String, data: String) {
        if inLiteral { literal.processingInstruction(target: target, data: data) }
    }

    private var inLiteral: Bool {
        if let top = stack.last, case .property(let property) = top.kind, case .literal = property.content { return true }
        return false
    }

    // MARK: - Productions

    /// `nodeElement`: determines and returns the subject, emits the typed-node and
    /// property-attribute triples, and opens the node's frame.
    func startNodeElement(_ name: XMLElementName, _ attributes: ScannedAttributes,
                          base: String?, language: String) throws -> RDFTerm {
        let elementIRI = try self.elementIRI(name)
        var isDescription = false
        if let namespace = name.namespace, isRDFNamespace(namespace) {
            let local = String(cString: name.localName)
            if let problem = RDFXMLNames.nodeElementProblem(local) { throw syntax(problem, at: startTagPosition()) }
            isDescription = local == "Description"
        }
        for (attribute, label) in [(attributes.resource, "resource"), (attributes.datatype, "datatype"),
                                   (attributes.parseType, "parseType")] {
            if let attribute {
                throw syntax("'rdf:\(label)' is not allowed on a node element", at: attribute.position)
            }
        }
        let identifiers = [attributes.id, attributes.nodeID, attributes.about].compactMap { $0 }
        if identifiers.count > 1 {
            // Point at the second of them in document order.
            let positions = identifiers.compactMap(\.position).sorted()
            throw syntax("a node element can have only one of rdf:ID, rdf:about and rdf:nodeID",
                         at: positions.count > 1 ? positions[1] : nil)
        }
        let subject: RDFTerm
        if let id = attributes.id {
            subject = .iri(try statementIRI(id, base: base))
        } else if let nodeID = attributes.nodeID {
            subject = try blankNode(nodeID)
        } else if let about = attributes.about {
            subject = .iri(try resolve(about.value, base: base, at: about.position))
        } else {
            subject = newBlankNode()
        }
        if !isDescription {
            try emit(RDFTriple(subject, RDF.type, .iri(elementIRI)))
        }
        try emitPropertyAttributes(attributes.properties, of: subject, base: base, language: language)
        stack.append(Frame(kind: .node(subject: subject), base: base, language: language))
        return subject
    }

    /// `propertyElt`: sorts the element into its production by its attributes and opens
    /// its frame; triples that are known at the start tag are emitted now.
    func startPropertyElement(_ name: XMLElementName, _ attributes: ScannedAttributes,
                              base: String?, language: String, subject: RDFTerm) throws {
        var predicate = try elementIRI(name)
        if let namespace = name.namespace, isRDFNamespace(namespace) {
            let local = String(cString: name.localName)
            if local == "li" {
                predicate = RDF.ns + "_\(stack[stack.count - 1].liCounter)"
                stack[stack.count - 1].liCounter += 1
            } else if let problem = RDFXMLNames.propertyElementProblem(local) {
                throw syntax(problem, at: startTagPosition())
            }
        }
        if let about = attributes.about {
            throw syntax("'rdf:about' is not allowed on a property element", at: about.position)
        }
        if let nodeID = attributes.nodeID, attributes.resource != nil {
            throw syntax("a property element cannot have both rdf:resource and rdf:nodeID", at: nodeID.position)
        }
        let reification = try attributes.id.map { try statementIRI($0, base: base) }
        var frame = Frame(kind: .rdfRoot, base: base, language: language)
        func open(_ content: Content, start: SourceLocation? = nil) {
            let start = start ?? (locating ? location(at: startTagPosition()) : nil)
            frame.kind = .property(PropertyFrame(subject: subject, predicate: predicate,
                                                 reification: reification, content: content, start: start))
            stack.append(frame)
        }
        if let parseType = attributes.parseType {
            let conflicting: [(SyntaxAttribute?, String)] = [
                (attributes.resource, "rdf:resource"), (attributes.nodeID, "rdf:nodeID"),
                (attributes.datatype, "rdf:datatype"),
                (attributes.properties.first.map { SyntaxAttribute(value: $0.value, position: $0.position) },
                 "property attributes"),
            ]
            if let (attribute, label) = conflicting.first(where: { $0.0 != nil }) {
                throw syntax("rdf:parseType cannot be combined with \(label)", at: attribute?.position)
            }
            switch parseType.value {
            case "Resource":
                let blank = newBlankNode()
                try emitStatement(subject, predicate, blank, reification: reification)
                open(.resource(blank: blank))
            case "Collection":
                open(.collection(lastCell: nil))
            default:                                        // "Literal" and any other value
                literal = RDFXMLLiteralWriter()
                open(.literal)
            }
            return
        }
        if attributes.resource != nil || attributes.nodeID != nil || !attributes.properties.isEmpty {
            if let datatype = attributes.datatype {
                if attributes.resource != nil || attributes.nodeID != nil {
                    throw syntax("rdf:datatype cannot be combined with rdf:resource or rdf:nodeID", at: datatype.position)
                }
                try warn("rdf:datatype is ignored on a property element with property attributes", at: datatype.position)
            }
            let object: RDFTerm
            if let resource = attributes.resource {
                object = .iri(try resolve(resource.value, base: base, at: resource.position))
            } else if let nodeID = attributes.nodeID {
                object = try blankNode(nodeID)
            } else {
                object = newBlankNode()
            }
            try emitPropertyAttributes(attributes.properties, of: object, base: base, language: language)
            try emitStatement(subject, predicate, object, reification: reification)
            open(.empty)
            return
        }
        var datatype = try attributes.datatype.map { try resolveDatatype($0.value, base: base, at: $0.position) }
        if datatype == XSD.string { datatype = nil }               // the same literal in RDF 1.1
        let start = datatype?.hasPrefix(XSD.ns) == true ? location(at: startTagPosition()) : nil
        text.removeAll(keepingCapacity: true)
        open(.undecided(datatype: datatype), start: start)
    }
}
