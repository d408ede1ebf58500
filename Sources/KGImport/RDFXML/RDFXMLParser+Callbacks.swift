import CLibXML2

/// The SAX2 handler: C callbacks that find the `RDFXMLParser` through libxml2's user-data
/// pointer (`Unmanaged`, unretained: the parser outlives its context) and forward to it.
/// A thrown error stops the parse; callbacks after that do nothing.
extension RDFXMLParser {
    @inline(__always)
    static func parser(_ context: UnsafeMutableRawPointer?) -> RDFXMLParser {
        Unmanaged<RDFXMLParser>.fromOpaque(context!).takeUnretainedValue()
    }

    @inline(__always)
    func guarded(_ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch { fail(error) }
    }

    /// Counts an opening element's namespace declarations. libxml2 2.9 resolves every prefix
    /// by walking all declarations in scope, so without a bound on them a document of nested
    /// declarations costs (attributes × declarations): 100 levels of 1,000 took 2 s for 4 MB.
    func openNamespaces(_ count: Int) throws {
        namespaceDeclarations.append(count)
        namespacesInScope += count
        guard namespacesInScope <= limits.maxNamespacesInScope else {
            throw syntax("more than the limit of \(limits.maxNamespacesInScope) namespace declarations are in scope "
                         + "(declared on this element and the ones enclosing it)", at: startTagPosition())
        }
    }

    static func saxHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces,
                                   attributeCount, defaultedCount, attributes in
            let parser = RDFXMLParser.parser(context)
            parser.guarded {
                try parser.openNamespaces(Int(namespaceCount))
                // Attributes defaulted from a DTD are not part of the document (libxml2's own
                // tree builder drops them too unless XML_PARSE_DTDATTR is set).
                let count = Int(attributeCount - defaultedCount)
                let element = XMLElementName(localName: localName!, prefix: prefix, namespace: uri)
                try parser.startElement(element, attributes: XMLAttributeList(pointer: attributes, count: count))
            }
        }
        handler.endElementNs = { context, localName, prefix, uri in
            let parser = RDFXMLParser.parser(context)
            parser.guarded {
                try parser.endElement(XMLElementName(localName: localName!, prefix: prefix, namespace: uri))
                parser.namespacesInScope -= parser.namespaceDeclarations.popLast() ?? 0
            }
        }
        let characters: charactersSAXFunc = { context, bytes, length in
            let parser = RDFXMLParser.parser(context)
            guard let bytes, length > 0 else { return }
            parser.guarded { try parser.characters(UnsafeBufferPointer(start: bytes, count: Int(length))) }
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.comment = { context, value in
            let parser = RDFXMLParser.parser(context)
            parser.guarded { parser.comment(value.map { String(cString: $0) } ?? "") }
        }
        handler.processingInstruction = { context, target, data in
            let parser = RDFXMLParser.parser(context)
            parser.guarded {
                parser.processingInstruction(target: target.map { String(cString: $0) } ?? "",
                                             data: data.map { String(cString: $0) } ?? "")
            }
        }
        handler.internalSubset = { context, name, externalID, systemID in
            let parser = RDFXMLParser.parser(context)
            parser.guarded { try parser.doctype(name: name, externalID: externalID, systemID: systemID) }
        }
        handler.entityDecl = { context, name, type, publicID, systemID, content in
            let parser = RDFXMLParser.parser(context)
            parser.guarded {
                try parser.entityDeclaration(name: name, type: type, publicID: publicID,
                                             systemID: systemID, content: content)
            }
        }
        handler.unparsedEntityDecl = { context, name, _, systemID, _ in
            let parser = RDFXMLParser.parser(context)
            parser.guarded { throw parser.externalEntityError(name: name, systemID: systemID) }
        }
        handler.getEntity = { context, name in
            let parser = RDFXMLParser.parser(context)
            return parser.lookUpEntity(name)
        }
        handler.getParameterEntity = { _, _ in nil }
        handler.resolveEntity = { context, _, systemID in
            let parser = RDFXMLParser.parser(context)
            parser.guarded { throw parser.externalEntityError(name: nil, systemID: systemID) }
            return nil
        }
        handler.reference = { context, name in
            let parser = RDFXMLParser.parser(context)
            parser.guarded { try parser.entityReference(name) }
        }
        handler.serror = { userData, error in
            guard let error else { return }
            RDFXMLParser.parser(userData).libxmlError(error)
        }
        return handler
    }

    /// Installs, once per process, an external entity loader that loads nothing: whatever
    /// path libxml2 might take to an external DTD or entity ends here.
    static let installRefusingEntityLoader: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}

/// An element name as libxml2 reports it: pointers valid during the callback.
struct XMLElementName {
    var localName: UnsafePointer<UInt8>
    var prefix: UnsafePointer<UInt8>?
    var namespace: UnsafePointer<UInt8>?
}

/// The attributes of a start tag: libxml2 passes five pointers per attribute (local name,
/// prefix, namespace IRI, value start, value end); values are not NUL-terminated.
struct XMLAttributeList {
    var pointer: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    var count: Int

    struct Attribute {
        var localName: UnsafePointer<UInt8>
        var prefix: UnsafePointer<UInt8>?
        var namespace: UnsafePointer<UInt8>?
        var valueStart: UnsafePointer<UInt8>
        var valueEnd: UnsafePointer<UInt8>

        var value: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: valueStart, count: valueEnd - valueStart) }
    }

    subscript(index: Int) -> Attribute {
        let base = pointer! + 5 * index
        return Attribute(localName: base[0]!, prefix: base[1], namespace: base[2], valueStart: base[3]!, valueEnd: base[4]!)
    }
}
