import CLibXML2
import KGGraph

/// The DTD policy. A DOCTYPE may carry an internal subset; the only declarations that take
/// effect are internal general entities whose value is plain text (no `&`, no `<`), the
/// idiom OWL files use to abbreviate namespaces (`<!ENTITY owl "http://www.w3.org/2002/07/owl#">`
/// then `rdf:resource="&owl;Thing"`). Everything that could reach a file or the network or
/// expand recursively is an error at its declaration:
/// - a DOCTYPE naming an external DTD (`SYSTEM`/`PUBLIC`);
/// - external and unparsed entities, parameter entities;
/// - entities whose value contains a reference or markup (billion laughs needs nesting).
/// Expansion is therefore one level deep, and the total expanded bytes are bounded by
/// `Limits.maxEntityExpansionBytes` (a linear "quadratic blowup" ends there).
extension RDFXMLParser {
    func doctype(name: UnsafePointer<UInt8>?, externalID: UnsafePointer<UInt8>?, systemID: UnsafePointer<UInt8>?) throws {
        if systemID != nil || externalID != nil {
            let target = systemID.map { String(cString: $0) } ?? externalID.map { String(cString: $0) } ?? ""
            throw syntax("external DTDs are not supported: the DOCTYPE refers to \(Excerpt.quoted(target, limit: Excerpt.maxIRICharacters)), "
                         + "which is never loaded", at: nil)
        }
        guard let context else { return }
        // libxml2 keeps declared entities in a document's internal subset; build an empty
        // document to hold it (freed with the parser; no elements are ever added to it).
        if context.pointee.myDoc == nil {
            context.pointee.myDoc = xmlNewDoc(nil)
        }
        xmlSAX2InternalSubset(context, name, nil, nil)
    }

    func entityDeclaration(name: UnsafePointer<UInt8>?, type: Int32, publicID: UnsafePointer<UInt8>?,
                           systemID: UnsafePointer<UInt8>?, content: UnsafeMutablePointer<UInt8>?) throws {
        let entityName = name.map { String(cString: $0) } ?? ""
        switch UInt32(type) {
        case XML_INTERNAL_GENERAL_ENTITY.rawValue:
            break
        case XML_INTERNAL_PARAMETER_ENTITY.rawValue, XML_EXTERNAL_PARAMETER_ENTITY.rawValue:
            throw syntax("parameter entities are not supported (the DTD declares '%\(Excerpt.of(entityName));')", at: nil)
        default:
            throw externalEntityError(name: name, systemID: systemID ?? publicID)
        }
        let value = content.map { String(cString: $0) } ?? ""
        if value.utf8.contains(UInt8(ascii: "&")) || value.utf8.contains(UInt8(ascii: "<")) {
            throw syntax("entity \(Excerpt.quoted(entityName)) contains '&' or '<'; only plain-text entities are "
                         + "supported (no references, no markup), so expansion cannot nest as in "
                         + "'billion laughs'", at: nil)
        }
        guard let context, context.pointee.myDoc != nil else {
            throw syntax("entity \(Excerpt.quoted(entityName)) is declared outside the internal DTD subset", at: nil)
        }
        entityValues[entityName] = value
        xmlSAX2EntityDecl(context, name, type, publicID, systemID, content)
    }

    func externalEntityError(name: UnsafePointer<UInt8>?, systemID: UnsafePointer<UInt8>?) -> ImportError {
        let entity = name.map { Excerpt.quoted(String(cString: $0)) + " " } ?? ""
        let target = systemID.map { Excerpt.quoted(String(cString: $0), limit: Excerpt.maxIRICharacters) } ?? "'?'"
        return syntax("external entities are not supported: entity \(entity)refers to \(target), "
                      + "which is never loaded", at: nil)
    }

    /// libxml2's `getEntity` callback: predefined entities, then the plain-text entities of
    /// the internal subset. (libxml2 may look an entity up more than once per reference, so
    /// expansions are counted where they happen: `entityReference` and
    /// `decodeAttributeValue`.)
    func lookUpEntity(_ name: UnsafePointer<UInt8>?) -> xmlEntityPtr? {
        guard let name else { return nil }
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        guard failure == nil, let document = context?.pointee.myDoc else { return nil }
        return xmlGetDocEntity(document, name)
    }

    /// Adds one expansion of `value` to the document's total; throws past the limit.
    func countExpansion(of value: String) throws {
        expandedEntityBytes += value.utf8.count
        if expandedEntityBytes > limits.maxEntityExpansionBytes {
            throw syntax("entity expansion exceeds the limit of \(limits.maxEntityExpansionBytes) bytes", at: nil)
        }
    }

    /// libxml2's `reference` callback for an entity reference in element content. Without
    /// entity substitution, libxml2 2.9.14 has already delivered the entity's text through
    /// `characters` (it parses the replacement text with the same SAX handler), so there is
    /// nothing to add but the count; an undeclared entity is an error. The tests check that
    /// an entity's text appears exactly once.
    func entityReference(_ name: UnsafePointer<UInt8>?) throws {
        let entity = name.map { String(cString: $0) } ?? ""
        guard let value = entityValues[entity] else {
            throw syntax("entity \(Excerpt.quoted(entity)) is not declared", at: nil)
        }
        try countExpansion(of: value)
    }

    /// An attribute value as libxml2 delivers it without entity substitution: `&` stands
    /// only in `&#38;` (any escaped ampersand) or `&name;` (a declared entity, left for the
    /// application). Decodes both; other values are returned unchanged.
    func decodeAttributeValue(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&"),
                  let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")) else {
                output.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            if name == "#38" {
                output.append(UInt8(ascii: "&"))
            } else if let value = entityValues[name] {
                try countExpansion(of: value)
                output.append(contentsOf: value.utf8)
            } else {
                throw syntax("entity \(Excerpt.quoted(name)) is not declared", at: nil)
            }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
