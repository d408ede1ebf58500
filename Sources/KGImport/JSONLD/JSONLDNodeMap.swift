import KGGraph

/// The node map of an expanded document (JSON-LD 1.1 Processing Algorithms §7.2): every node
/// object's properties, gathered by graph and subject, with blank nodes relabelled.
struct JSONLDNodeMap {
    /// One node: its types, index and properties (values are node references `{"@id"}`,
    /// value objects and list objects `{"@list": [...]}`).
    struct Node {
        /// Where the first node object that describes it starts (nil for a node only referenced).
        var origin: JSONOrigin?
        var types: [String] = []
        var index: String?
        var properties: [String: [JSONValue]] = [:]
    }

    /// What a value being placed belongs to: a subject's property, or (under `@reverse`) the
    /// node that becomes the value of the node being placed.
    enum Subject {
        case node(String)
        case referencedBy(String)
    }

    /// The nodes by graph name (`@default` for the default graph), then by subject.
    var graphs: [String: [String: Node]] = ["@default": [:]]
    private let processor: JSONLDProcessor

    init(processor: JSONLDProcessor) {
        self.processor = processor
    }

    /// Adds `element` (expanded) to the map (§7.2.2).
    mutating func add(_ element: JSONValue, graph: String = "@default", subject: Subject? = nil, property: String? = nil,
                      list: inout [JSONValue]?) throws(ImportError) {
        if case .array(let items) = element {
            for item in items { try add(item, graph: graph, subject: subject, property: property, list: &list) }
            return
        }
        guard var object = element.object else { return }
        if graphs[graph] == nil { graphs[graph] = [:] }
        if let types = object["@type"], object["@value"] == nil {
            object["@type"] = .array(types.asArray.map { type in
                guard case .string(let s) = type, JSONLDProcessor.isBlankNode(s) else { return type }
                return .string(processor.blankNode(for: s))
            })
        }
        if object["@value"] != nil {
            if list != nil { list?.append(.object(object)) }
            else if case .node(let s)? = subject, let property { addUnique(.object(object), graph: graph, subject: s, property: property) }
            return
        }
        if let items = object["@list"] {
            var inner: [JSONValue]? = []
            try add(items, graph: graph, subject: subject, property: property, list: &inner)
            var listObject = JSONObject(["@list": .array(inner ?? [])])
            if let index = object["@index"] { listObject["@index"] = index }
            if list != nil { list?.append(.object(listObject)) }
            else if case .node(let s)? = subject, let property {
                graphs[graph]?[s]?.properties[property, default: []].append(.object(listObject))
            }
            return
        }
        let id: String
        if case .string(let given)? = object["@id"] {
            id = JSONLDProcessor.isBlankNode(given) ? processor.blankNode(for: given) : given
        } else {
            id = processor.blankNode()
        }
        if graphs[graph]?[id] == nil { graphs[graph]?[id] = Node(origin: object.origin) }
        if graphs[graph]?[id]?.origin == nil { graphs[graph]?[id]?.origin = object.origin }
        switch subject {
        case .referencedBy(let referrer)?:
            if let property { addUnique(.object(JSONObject(["@id": .string(referrer)])), graph: graph, subject: id, property: property) }
        case .node(let s)?:
            if let property {
                let reference = JSONValue.object(JSONObject(["@id": .string(id)]))
                if list != nil { list?.append(reference) } else { addUnique(reference, graph: graph, subject: s, property: property) }
            }
        case nil:
            break
        }
        for type in (object["@type"] ?? .null).asArray {
            guard case .string(let t) = type else { continue }
            if graphs[graph]?[id]?.types.contains(t) == false { graphs[graph]?[id]?.types.append(t) }
        }
        if case .string(let index)? = object["@index"] {
            if let existing = graphs[graph]?[id]?.index, existing != index {
                throw processor.error("conflicting indexes: the node \(Excerpt.quoted(id, limit: Excerpt.maxIRICharacters)) has the indexes \(Excerpt.quoted(existing, limit: Excerpt.maxIRICharacters)) and \(Excerpt.quoted(index, limit: Excerpt.maxIRICharacters))",
                                      at: object.origin)
            }
            graphs[graph]?[id]?.index = index
        }
        if case .object(let reverse)? = object["@reverse"] {
            for property in reverse.sortedKeys {
                var none: [JSONValue]?
                try add(reverse[property] ?? .null, graph: graph, subject: .referencedBy(id), property: property, list: &none)
            }
        }
        if let inner = object["@graph"] {
            var none: [JSONValue]?
            try add(inner, graph: id, list: &none)
        }
        if let included = object["@included"] {
            var none: [JSONValue]?
            try add(included, graph: graph, list: &none)
        }
        let skipped: Set<String> = ["@id", "@type", "@index", "@reverse", "@graph", "@included"]
        for key in object.sortedKeys where !skipped.contains(key) {
            let property = JSONLDProcessor.isBlankNode(key) ? processor.blankNode(for: key) : key
            if graphs[graph]?[id]?.properties[property] == nil { graphs[graph]?[id]?.properties[property] = [] }
            var none: [JSONValue]?
            try add(object[key] ?? .null, graph: graph, subject: .node(id), property: property, list: &none)
        }
    }

    private mutating func addUnique(_ value: JSONValue, graph: String, subject: String, property: String) {
        if graphs[graph]?[subject] == nil { graphs[graph]?[subject] = Node() }
        if graphs[graph]?[subject]?.properties[property]?.contains(value) == true { return }
        graphs[graph]?[subject]?.properties[property, default: []].append(value)
    }
}
