/// Deserializing the node map to RDF (JSON-LD 1.1 Processing Algorithms §8.1, §8.2, §8.3),
/// without generalized RDF and with `rdfDirection` unset (a direction is dropped).
extension JSONLDProcessor {
    /// Emits every quad of `nodeMap`: graphs, subjects and properties in code point order;
    /// `graph` is nil for the default graph, and `origin` is where the subject's node object starts.
    func emitRDF(_ nodeMap: JSONLDNodeMap, _ emitQuad: (RDFTriple, RDFTerm?, JSONOrigin?) throws -> Void) throws {
        var validProperties: [String: Bool] = [:]
        for graphName in nodeMap.graphs.keys.sorted(by: JSONObject.codePointOrder) {
            let graph: RDFTerm?
            if graphName == "@default" { graph = nil }
            else if let term = Self.resource(graphName) { graph = term }
            else { continue }
            guard let nodes = nodeMap.graphs[graphName] else { continue }
            for subjectName in nodes.keys.sorted(by: JSONObject.codePointOrder) {
                guard let subject = Self.resource(subjectName), let node = nodes[subjectName] else { continue }
                let origin = node.origin
                func emit(_ triple: RDFTriple, _ graph: RDFTerm?) throws { try emitQuad(triple, graph, origin) }
                for type in node.types {
                    guard let object = Self.resource(type) else { continue }
                    try emit(RDFTriple(subject, RDF.type, object), graph)
                }
                for property in node.properties.keys.sorted(by: JSONObject.codePointOrder) {
                    let valid = validProperties[property] ?? Self.isAbsoluteIRI(property)
                    validProperties[property] = valid
                    guard valid else { continue }
                    for item in node.properties[property] ?? [] {
                        guard let object = try term(for: item, graph: graph, emit) else { continue }
                        try emit(RDFTriple(subject, property, object), graph)
                    }
                }
            }
        }
    }

    /// An IRI or blank node term for a node identifier; nil when it is neither (a relative IRI).
    static func resource(_ id: String) -> RDFTerm? {
        if isBlankNode(id) { return .blank(String(id.dropFirst(2))) }
        return isAbsoluteIRI(id) ? .iri(id) : nil
    }

    /// Object to RDF (§8.2): a node reference, a value object or a list object as a term (a list
    /// emits its cells first); nil when the item is ill-formed and so dropped.
    private func term(for item: JSONValue, graph: RDFTerm?, _ emit: (RDFTriple, RDFTerm?) throws -> Void) throws -> RDFTerm? {
        guard let object = item.object else { return nil }
        if case .array(let items)? = object["@list"] {
            return try list(items, graph: graph, emit)
        }
        guard let value = object["@value"] else {
            guard case .string(let id)? = object["@id"] else { return nil }
            return Self.resource(id)
        }
        var datatype = object["@type"]?.string
        if let datatype, datatype != "@json", !Self.isAbsoluteIRI(datatype) { return nil }
        let language = object["@language"]?.string
        if let language, !Self.isWellFormedLanguage(language) { return nil }
        let lexical: String
        if datatype == "@json" {
            lexical = JSONCanonical.serialize(value)
            datatype = RDF.ns + "JSON"
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                if datatype == nil { datatype = XSD.boolean }
            case .number(let number):
                let v = number.value
                if datatype == XSD.double || v.truncatingRemainder(dividingBy: 1) != 0 || abs(v) >= 1e21 || !v.isFinite {
                    lexical = JSONCanonical.xsdDouble(v)
                    if datatype == nil { datatype = XSD.double }
                } else {
                    lexical = number.isIntegerToken ? (number.lexical == "-0" ? "0" : number.lexical) : JSONCanonical.integer(v)
                    if datatype == nil { datatype = XSD.integer }
                }
            case .string(let s):
                lexical = s
            default:
                return nil
            }
        }
        if let language, datatype == nil { return .literal(lexical, language: language) }
        return .literal(lexical, datatype: datatype == XSD.string ? nil : datatype)
    }

    /// List conversion (§8.3): the head of an `rdf:first`/`rdf:rest` chain, or `rdf:nil`.
    private func list(_ items: [JSONValue], graph: RDFTerm?, _ emit: (RDFTriple, RDFTerm?) throws -> Void) throws -> RDFTerm {
        guard !items.isEmpty else { return .iri(RDF.nil_) }
        let cells = items.map { _ in RDFTerm.blank(String(blankNode().dropFirst(2))) }
        for (k, item) in items.enumerated() {
            if let object = try term(for: item, graph: graph, emit) {
                try emit(RDFTriple(cells[k], RDF.first, object), graph)
            }
            try emit(RDFTriple(cells[k], RDF.rest, k + 1 < cells.count ? cells[k + 1] : .iri(RDF.nil_)), graph)
        }
        return cells[0]
    }

    /// Whether `tag` is a well-formed BCP 47 tag in its simple shape: letters, then
    /// `-`-separated groups of 1 to 8 letters or digits.
    static func isWellFormedLanguage(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
