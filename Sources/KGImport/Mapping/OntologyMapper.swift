import KGGraph

/// Turns a stream of RDF triples into a `GraphDelta` by an `OntologyMapping`.
///
/// Pass one (`add`) reads each triple once, interning nodes and recording compact facts;
/// literal values become labels and typed properties right away, so ill-typed literals are
/// reported at their triple's `line:column`. Pass two (`finish`) decides each node's kind
/// once every triple is known (a class may be declared after its instances), then builds the
/// delta: nodes, edges, labels and properties.
///
/// Node ids: an IRI is its own id, minus the longest matching id namespace
/// (`https://kgrec.dev/demo/i7` → `i7`); blank node `_:b0` of file `shop.nt` is
/// `_:shop.nt#b0`, so blank nodes of different files never meet; a literal keyword is the tag
/// `tag:<keyword>` (lower-cased, spaces collapsed), labelled with the keyword as written.
///
/// Kinds, strongest first: `category` (a class: either side of a `subclass` predicate, the
/// object of `rdf:type` or of a `category` predicate, an instance of a `category-class`, a
/// category the store already holds; or a concept of a `category-scheme`), `tag` (an
/// instance of a `tag-class`, either side of `broader`, the object of a `tag` predicate),
/// `item` (an instance of a `product-class`, even through subclasses; or typed with a class
/// that is not, even through superclasses, an `entity-class`, unless the node lies inside a
/// property path, as an offer does), else `entity`. Superclasses are those of the file and,
/// through `ImportContext`, those the store already knows.
///
/// Edge names: `subclass_of`, `broader`, `in_category` (an item's `rdf:type`, or a tag
/// predicate pointing at a category), `has_tag`, `type` (the `rdf:type` of a node that is
/// not an item), the name a `relation` line gives, or else the predicate's local name. When
/// two predicates of one file share a local name, or a local name is one of the names above,
/// each becomes `<prefix>_<local>` with the namespace's declared prefix (`foaf_name`), or
/// `ns1_<local>`, `ns2_<local>`… for undeclared namespaces. Property keys follow the same rule.
struct OntologyMapper {
    let mapping: OntologyMapping
    /// The file name blank node ids are scoped by, and warnings fall back to.
    let file: String
    /// What the store already knows (empty for a new store or a plain conversion).
    let context: ImportContext
    private let blankPrefix: String
    private let idNamespaces: [String]

    // Nodes, in order of first appearance.
    private(set) var ids: [String] = []
    private(set) var index: [String: Int32] = [:]
    /// The IRI each node was made from (nil for blank nodes and keyword tags).
    private var iris: [String?] = []
    private var labels: [String?] = []
    private var labelRanks: [Int] = []
    /// Where each node was first named: the triple being added when it was made.
    private(set) var origins = NodeOrigins()
    var currentLocation = SourceLocation(file: "", line: 0, column: 0)

    enum EdgeName: Hashable {
        case subclassOf, broader, type, tag
        case named(String)
        case generic(Int32)
    }

    struct Fact: Hashable {
        var subject: Int32
        var name: EdgeName
        var object: Int32
    }

    enum Key: Hashable {
        case named(String)
        case generic(Int32)
    }

    private(set) var facts: [Fact] = []
    private(set) var properties: [(node: Int32, key: Key, value: PropertyValue)] = []
    /// Facts that property paths derive (added in `finish` unless a triple gave them already).
    var pathFacts: [Fact] = []
    /// Property values that property paths derive, with the path's rank: for one node and
    /// key, only the best-ranked path's values are kept, and only when no triple gave one.
    var pathProperties: [(node: Int32, key: String, value: PropertyValue, rank: Int)] = []
    /// Predicates named by their local name, indexed by `EdgeName.generic` / `Key.generic`.
    private(set) var genericPredicates: [String] = []
    private var genericIndex: [String: Int32] = [:]

    // Kind evidence.
    var classNodes = Set<Int32>()
    var conceptNodes = Set<Int32>()
    var tagTargets = Set<Int32>()
    /// Objects of `category` predicates.
    var categoryTargets = Set<Int32>()
    var categoryConcepts = Set<Int32>()
    /// Nodes inside a property path (offers, price specifications), which are never items; by
    /// node, sized when `finish` follows the paths (empty when it follows none).
    var flattened: [Bool] = []
    /// (subject, class) pairs of `rdf:type` to ordinary classes.
    var memberships: [(subject: Int32, type: Int32)] = []

    private(set) var warnings: [ImportWarning] = []
    /// `line:column:lexical` of each literal already reported as ill-typed, so that a value a
    /// path copies is not reported twice.
    private var reportedLiterals = Set<String>()
    private(set) var triplesRead = 0

    /// What a predicate does: its role, and the table that records its triples for property paths.
    struct PredicateInfo {
        var role: OntologyMapping.PredicateRole?
        var pathTable: Int?
    }
    /// Each predicate's role, looked up once (the lookup may rewrite an aliased namespace).
    private var roles: [String: PredicateInfo] = [:]

    /// A literal object kept for property paths, with where its triple is.
    struct LiteralValue {
        var subject: Int32
        var lexical: String
        var datatype: String?
        var language: String?
        var location: SourceLocation
    }
    /// The triples of one predicate that property paths follow, in document order. Flat
    /// arrays cost one append per triple; `applyPaths` indexes them only when a path needs them.
    struct PathTriples {
        var subjects: [Int32] = []
        var objects: [Int32] = []
        /// Literal objects, kept only for predicates that end a path.
        var literals: [LiteralValue] = []
    }
    /// The canonical IRI of every predicate a path step follows → its index in `pathTriples`.
    let pathPredicates: [String: Int]
    /// The tables whose literal objects a path can reach (a last step, forwards, unconditioned).
    let literalTables: Set<Int>
    var pathTriples: [PathTriples]
    /// The previous triple's subject and its node: N-Triples files group a subject's triples.
    private var lastSubject: (term: RDFTerm, node: Int32)?

    /// - Parameter expectedNodes: room to reserve, so that interning a large file does not
    ///   rehash its node table again and again (an estimate; 0 when unknown).
    init(mapping: OntologyMapping, file: String, context: ImportContext = ImportContext(), expectedNodes: Int = 0) {
        self.mapping = mapping
        self.file = file
        self.context = context
        var pathPredicates: [String: Int] = [:], literalTables = Set<Int>()
        for path in mapping.pathOrder {
            for (position, step) in path.steps.enumerated() {
                let predicate = mapping.canonicalIRI(step.predicate) ?? step.predicate
                if pathPredicates[predicate] == nil { pathPredicates[predicate] = pathPredicates.count }
                if position == path.steps.count - 1, !step.inverse, step.requiredClass == nil,
                   let table = pathPredicates[predicate] {
                    literalTables.insert(table)
                }
            }
        }
        self.pathPredicates = pathPredicates
        self.literalTables = literalTables
        pathTriples = Array(repeating: PathTriples(), count: pathPredicates.count)
        blankPrefix = "_:" + (file.split(separator: "/").last.map(String.init) ?? file) + "#"
        idNamespaces = mapping.idNamespaces.sorted { $0.utf8.count > $1.utf8.count }
        index.reserveCapacity(expectedNodes)
        ids.reserveCapacity(expectedNodes)
        iris.reserveCapacity(expectedNodes)
        labels.reserveCapacity(expectedNodes)
        labelRanks.reserveCapacity(expectedNodes)
    }

    var nodeCount: Int { ids.count }
    func iri(of node: Int32) -> String? { iris[Int(node)] }
    func label(of node: Int32) -> String? { labels[Int(node)] }

    // MARK: - Pass one

    mutating func add(_ triple: RDFTriple, at location: SourceLocation?) {
        triplesRead += 1
        let here = location ?? SourceLocation(file: file, line: 0, column: 0)
        currentLocation = here
        let subject: Int32
        if let last = lastSubject, last.term == triple.subject {
            subject = last.node
        } else {
            subject = node(for: triple.subject)
            lastSubject = (triple.subject, subject)
        }
        let info: PredicateInfo
        if let known = roles[triple.predicate] {
            info = known
        } else {
            info = PredicateInfo(role: mapping.role(of: triple.predicate),
                                 pathTable: pathPredicates[mapping.canonicalIRI(triple.predicate) ?? triple.predicate])
            roles[triple.predicate] = info
        }
        let role = info.role
        if case .literal(let lexical, let datatype, let language) = triple.object {
            if let table = info.pathTable, literalTables.contains(table) {
                pathTriples[table].literals.append(
                    LiteralValue(subject: subject, lexical: lexical, datatype: datatype, language: language, location: here))
            }
            addLiteral(subject, triple.predicate, role, lexical, datatype, language, here)
            return
        }
        if let table = info.pathTable {
            pathTriples[table].subjects.append(subject)
            pathTriples[table].objects.append(node(for: triple.object))
        }
        switch role {
        case .subclass?:
            let object = node(for: triple.object)
            classNodes.insert(subject)
            classNodes.insert(object)
            facts.append(Fact(subject: subject, name: .subclassOf, object: object))
        case .broader?, .narrower?:
            let object = node(for: triple.object)
            conceptNodes.insert(subject)
            conceptNodes.insert(object)
            let (narrow, broad) = role == .broader ? (subject, object) : (object, subject)
            facts.append(Fact(subject: narrow, name: .broader, object: broad))
        case .type?:
            if let classIRI = triple.object.iriValue, let classRole = mapping.classRole(of: classIRI),
               classRole == .category || classRole == .tag {
                // A meta-class: the subject is a category or a concept; no edge, no node for the class.
                if classRole == .category { classNodes.insert(subject) } else { conceptNodes.insert(subject) }
                return
            }
            let type = node(for: triple.object)
            classNodes.insert(type)
            memberships.append((subject, type))
        case .inScheme?:
            if let scheme = triple.object.iriValue, mapping.categorySchemes.contains(scheme)
                || mapping.canonicalIRI(scheme).map(mapping.categorySchemes.contains) == true {
                categoryConcepts.insert(subject)
            }
        case .tag?, .category?, .relation?, .entityRelation?, .property?:
            if let role { facts.append(objectFact(subject, role, node(for: triple.object))) }
        case .availability?:
            if let iri = triple.object.iriValue { addAvailability(subject, iri, pathRank: nil) }
        case .ignore?:
            return
        case .label?, nil:
            facts.append(Fact(subject: subject, name: .generic(generic(triple.predicate)), object: node(for: triple.object)))
        }
    }

    /// The edge a `tag`, `category`, `relation`, `entity-relation` or `property` predicate
    /// makes to a resource object, noting the object's kind evidence.
    mutating func objectFact(_ subject: Int32, _ role: OntologyMapping.PredicateRole, _ object: Int32) -> Fact {
        switch role {
        case .tag:
            tagTargets.insert(object)
            return Fact(subject: subject, name: .tag, object: object)
        case .category:
            categoryTargets.insert(object)
            return Fact(subject: subject, name: .named("in_category"), object: object)
        case .relation(let name), .entityRelation(let name), .property(let name, _):
            return Fact(subject: subject, name: .named(name), object: object)
        default:
            preconditionFailure("objectFact called for the role \(role)")
        }
    }

    /// A literal object: a label, keywords, a named category or entity, or a property.
    /// `pathRank` is nil for a triple of the file and the path's rank for a value a property
    /// path reached: a path's label ranks below every label of the node's own, and its
    /// property values are kept apart (`pathProperties`) to be used only as a fallback.
    mutating func addLiteral(_ subject: Int32, _ predicate: String, _ role: OntologyMapping.PredicateRole?,
                             _ lexical: String, _ datatype: String?, _ language: String?,
                             _ location: SourceLocation, pathRank: Int? = nil) {
        switch role {
        case .label?:
            let tag = language?.lowercased() ?? "en"
            let english = tag == "en" || tag.hasPrefix("en-")
            let rank = pathRank.map { 1_000_000 + (english ? 0 : 100_000) + $0 }
                ?? (english ? 0 : 1_000) + mapping.labelRank(of: predicate)
            if labels[Int(subject)] == nil || rank < labelRanks[Int(subject)] {
                labels[Int(subject)] = lexical
                labelRanks[Int(subject)] = rank
            }
        case .tag?:
            for keyword in lexical.split(separator: ",") {
                let text = keyword.trimmingSpaces
                guard !text.isEmpty else { continue }
                let tag = namedNode("tag", text)
                tagTargets.insert(tag)
                appendFact(Fact(subject: subject, name: .tag, object: tag), derived: pathRank != nil)
            }
        case .category?:
            let text = lexical.trimmingSpaces
            guard !text.isEmpty else { return }
            let category = namedNode("category", text)
            categoryTargets.insert(category)
            appendFact(Fact(subject: subject, name: .named("in_category"), object: category), derived: pathRank != nil)
        case .entityRelation(let name)?:
            let text = lexical.trimmingSpaces
            guard !text.isEmpty else { return }
            appendFact(Fact(subject: subject, name: .named(name), object: namedNode(name, text)), derived: pathRank != nil)
        case .subclass?, .broader?, .narrower?, .type?, .inScheme?:
            let literal = RDFTerm.literal(lexical, datatype: datatype, language: language).ntriples
            warnings.append(ImportWarning(location, "expected an IRI or a blank node as the object of "
                                          + "<\(Excerpt.iri(predicate))>, found the literal "
                                          + "\(Excerpt.of(literal)); triple skipped"))
        case .property(let key, let type)?:
            addProperty(subject, key, value(lexical, datatype, type, location), pathRank: pathRank)
        case .availability?:
            addAvailability(subject, lexical, pathRank: pathRank)
        case .relation(let key)?:
            addProperty(subject, key, value(lexical, datatype, nil, location), pathRank: pathRank)
        case .ignore?:
            return
        case nil:
            properties.append((subject, .generic(generic(predicate)), value(lexical, datatype, nil, location)))
        }
    }

    /// schema.org's item availabilities: which say the product cannot be had.
    static let unavailable: Set<String> = ["outofstock", "discontinued", "soldout"]
    /// Those that say it can (now or soon).
    static let available: Set<String> = ["instock", "onlineonly", "instoreonly", "limitedavailability", "preorder",
                                         "presale", "backorder", "madetoorder", "reserved"]

    /// `available` true or false from an availability IRI or name (its last segment, any case);
    /// a value that is neither sets nothing.
    mutating func addAvailability(_ subject: Int32, _ value: String, pathRank: Int?) {
        let name = value.split(whereSeparator: { $0 == "/" || $0 == "#" || $0 == ":" }).last.map { $0.lowercased() } ?? ""
        if Self.unavailable.contains(name) {
            addProperty(subject, CatalogProperty.available, .bool(false), pathRank: pathRank)
        } else if Self.available.contains(name) {
            addProperty(subject, CatalogProperty.available, .bool(true), pathRank: pathRank)
        }
    }

    private mutating func addProperty(_ subject: Int32, _ key: String, _ value: PropertyValue, pathRank: Int?) {
        if let pathRank {
            pathProperties.append((subject, key, value, pathRank))
        } else {
            properties.append((subject, .named(key), value))
        }
    }

    mutating func appendFact(_ fact: Fact, derived: Bool) {
        if derived { pathFacts.append(fact) } else { facts.append(fact) }
    }

    /// The node a literal names: `<prefix>:<text>` (lower-cased, inner white space collapsed),
    /// labelled with the text as written unless it has a label already.
    private mutating func namedNode(_ prefix: String, _ text: String) -> Int32 {
        let node = node(id: prefix + ":" + text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "),
                        iri: nil)
        if labels[Int(node)] == nil { labels[Int(node)] = text }
        return node
    }

    /// A literal as a typed property value: xsd numeric types (or a `number` line) as numbers,
    /// xsd:boolean (or `bool`) as booleans, anything else as a string. An ill-typed literal is
    /// kept as a string, with a warning.
    private mutating func value(_ lexical: String, _ datatype: String?, _ forced: OntologyMapping.PropertyType?,
                                _ location: SourceLocation) -> PropertyValue {
        let typeName = datatype.map { $0.hasPrefix(XSD.ns) ? "xsd:" + $0.dropFirst(XSD.ns.count) : "<\(Excerpt.iri($0))>" }
        let wanted: OntologyMapping.PropertyType? = forced
            ?? datatype.flatMap { OntologyMapper.numericTypes.contains($0) ? .number : $0 == XSD.boolean ? .bool : nil }
        switch wanted {
        case .number?:
            let trimmed = lexical.trimmingSpaces
            if let number = Double(trimmed), number.isFinite || trimmed.uppercased().hasSuffix("INF") { return .number(number) }
            reportLiteral(location, lexical, "expected a number for \(typeName ?? "the property"), "
                          + "found \(Excerpt.quoted(lexical)); kept as a string")
        case .bool?:
            switch lexical.trimmingSpaces {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default:
                reportLiteral(location, lexical, "expected a boolean (true, false, 1 or 0) for "
                              + "\(typeName ?? "the property"), found \(Excerpt.quoted(lexical)); kept as a string")
            }
        case .string?, nil:
            break
        }
        return .string(lexical)
    }

    /// Warns about an ill-typed literal once, however many paths copy it.
    private mutating func reportLiteral(_ location: SourceLocation, _ lexical: String, _ message: String) {
        guard reportedLiterals.insert("\(location.line):\(location.column):\(lexical)").inserted else { return }
        warnings.append(ImportWarning(location, message))
    }

    static let numericTypes: Set<String> = Set([
        "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
        "nonPositiveInteger", "positiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    ].map { XSD.ns + $0 })

    // MARK: - Interning

    mutating func node(for term: RDFTerm) -> Int32 {
        switch term {
        case .iri(let iri): return node(id: nodeID(forIRI: iri), iri: iri)
        case .blank(let label): return node(id: blankPrefix + label, iri: nil)
        case .literal(let lexical, _, _): return node(id: lexical, iri: nil)  // not reached: callers pass resources
        }
    }

    mutating func node(id: String, iri: String?) -> Int32 {
        if let existing = index[id] { return existing }
        let new = Int32(ids.count)
        ids.append(id)
        iris.append(iri)
        labels.append(nil)
        labelRanks.append(Int.max)
        index[id] = new
        origins.append(currentLocation)
        return new
    }

    /// An IRI's node id: the IRI, minus the longest id namespace it starts with.
    func nodeID(forIRI iri: String) -> String {
        for namespace in idNamespaces
        where iri.utf8.count > namespace.utf8.count && iri.utf8.starts(with: namespace.utf8) {
            return String(decoding: iri.utf8.dropFirst(namespace.utf8.count), as: UTF8.self)
        }
        return iri
    }

    private mutating func generic(_ predicate: String) -> Int32 {
        if let existing = genericIndex[predicate] { return existing }
        let new = Int32(genericPredicates.count)
        genericPredicates.append(predicate)
        genericIndex[predicate] = new
        return new
    }
}


extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
