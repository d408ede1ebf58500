/// How RDF becomes a recommendation graph: which predicates label nodes, build the category
/// tree, tag items or are plain KG relations, which classes' instances are categories, tags,
/// items or plain entities, and which property paths flatten nested values into a node.
///
/// The built-in table (`OntologyMapping.defaultText`) is written in the same line format a
/// mapping file uses, so a file can override any line or extend the table
/// (`--mapping FILE`; see Ontologies/MAPPING.md). The format, one directive per line,
/// `#` starting a comment; a term is `<IRI>` or `prefix:local`:
///
///     prefix schema: <https://schema.org/>        declare a prefix (also names relations on collisions)
///     alias-namespace <http://schema.org/> <https://schema.org/>   match the first namespace as the second
///     id-namespace <https://kgrec.dev/demo/>      strip this prefix from node ids
///     reset                                       forget every rule so far (start from an empty table)
///     label rdfs:label schema:name                literal values label the node (earlier wins)
///     subclass rdfs:subClassOf                    both ends are categories; edge `subclass_of`
///     broader skos:broader                        both ends are concepts; edge `broader`
///     narrower skos:narrower                      the same, reversed
///     type rdf:type                               class membership (see below)
///     tag dc:subject schema:keywords              the object is a tag (literals split at commas); edge `has_tag`
///     category schema:category                    the object is a category (a literal names one); edge `in_category`
///     in-scheme skos:inScheme                     concept-scheme membership (for category-scheme)
///     relation schema:seller seller               IRI objects: an edge with this name
///     entity-relation schema:brand brand          the same, and a literal names an entity (`brand:acme`)
///     property schema:price price number          literals: a property with this key (string|number|bool)
///     ignore owl:sameAs                           drop the triple
///     category-class rdfs:Class owl:Class         instances of these classes are categories
///     tag-class skos:Concept                      instances are tags
///     product-class schema:Product                instances (also of subclasses) are always items
///     entity-class schema:Organization            instances (also of subclasses) stay plain entities
///     category-scheme <http://example.org/genres> concepts in this scheme are categories, not tags
///
/// Where `label`, `tag`, `category`, `relation`, `entity-relation` and `property` take a
/// predicate they also take a `PropertyPath` (`schema:offers/schema:price`): its values apply
/// to the path's first node when that node has none of its own.
///
/// A later line for the same predicate, path or class replaces the earlier one, so a file
/// overrides the built-in table line by line; directives that list several terms apply to each.
struct OntologyMapping: Sendable, Equatable {
    /// What a predicate does.
    enum PredicateRole: Sendable, Equatable {
        case label
        case subclass
        case broader
        case narrower
        case type
        case tag
        /// The object is a category (a literal names one, `category:<text>`); edge `in_category`.
        case category
        case inScheme
        /// IRI objects become edges of this relation (literal objects a property with this key).
        case relation(String)
        /// Like `relation`, but a literal object names an entity (`<name>:<text>`) instead of
        /// becoming a property: a brand given as text is a brand node all the same.
        case entityRelation(String)
        /// Literal objects become a property with this key, optionally coerced to a type.
        case property(String, PropertyType?)
        /// The object (schema:InStock, schema:OutOfStock…, an IRI or its local name as text)
        /// sets the bool property `available`; an unavailable product is never recommended.
        case availability
        case ignore
    }

    /// The type a `property` line coerces a literal to.
    enum PropertyType: String, Sendable, Equatable, CaseIterable {
        case string, number, bool
    }

    /// What being an instance of a class makes a node.
    enum ClassRole: Sendable, Equatable {
        /// Instances are categories (meta-classes: `rdfs:Class`, `owl:Class`).
        case category
        /// Instances are tags (`skos:Concept`).
        case tag
        /// Instances stay plain entities, also instances of subclasses (organisations, sellers).
        case entity
        /// Instances are items, also instances of subclasses, even when they are instances of
        /// an entity class too, and never flattened into another node (`schema:Product`).
        case product
    }

    /// The role of each predicate IRI; predicates not listed are KG relations (IRI objects)
    /// or properties (literal objects) named by their local name.
    var predicates: [String: PredicateRole] = [:]
    /// Label predicates in priority order.
    var labelPriority: [String] = []
    /// The role of each property path (never a plain predicate: those are in `predicates`).
    var paths: [PropertyPath: PredicateRole] = [:]
    /// The paths in priority order: for one key, an earlier path's values win.
    var pathOrder: [PropertyPath] = []
    /// The role of instances of each class IRI.
    var classes: [String: ClassRole] = [:]
    /// Concept schemes whose concepts are categories rather than tags.
    var categorySchemes: Set<String> = []
    /// Prefixes stripped from node ids, longest first when several match.
    var idNamespaces: [String] = []
    /// Declared prefixes, `name` → namespace IRI.
    var prefixes: [String: String] = [:]
    /// Namespaces matched as others (`http://schema.org/` as `https://schema.org/`).
    var namespaceAliases: [String: String] = [:]

    /// An empty table: every predicate is a relation or a property, no class is special.
    init() {}

    /// The built-in table with the mapping file at `path` applied on top.
    static func load(path: String) throws(ImportError) -> OntologyMapping {
        let input = try InputBytes(path: path)
        var mapping = builtIn
        try mapping.apply(text: input.text, file: input.name)
        return mapping
    }

    /// The role of `predicate`, matching aliased namespaces as their targets.
    func role(of predicate: String) -> PredicateRole? {
        if let role = predicates[predicate] { return role }
        guard let canonical = canonicalIRI(predicate) else { return nil }
        return predicates[canonical]
    }

    /// The role of instances of `classIRI`.
    func classRole(of classIRI: String) -> ClassRole? {
        if let role = classes[classIRI] { return role }
        guard let canonical = canonicalIRI(classIRI) else { return nil }
        return classes[canonical]
    }

    /// The role of instances of the class whose node id is `id`: the id itself is the IRI, or
    /// an id namespace was stripped from it.
    func classRole(ofNodeID id: String) -> ClassRole? {
        if let role = classRole(of: id) { return role }
        for namespace in idNamespaces {
            if let role = classRole(of: namespace + id) { return role }
        }
        return nil
    }

    /// The position of a label predicate in `labelPriority` (lower is better).
    func labelRank(of predicate: String) -> Int {
        if let i = labelPriority.firstIndex(of: predicate) { return i }
        if let canonical = canonicalIRI(predicate), let i = labelPriority.firstIndex(of: canonical) { return i }
        return labelPriority.count
    }

    /// `iri` with an aliased namespace replaced by its target, when one matches.
    func canonicalIRI(_ iri: String) -> String? {
        for (alias, target) in namespaceAliases where iri.utf8.starts(with: alias.utf8) {
            return target + String(decoding: iri.utf8.dropFirst(alias.utf8.count), as: UTF8.self)
        }
        return nil
    }

    /// The prefix declared for the namespace of `iri` (the longest matching namespace).
    func prefixName(for iri: String) -> String? {
        let target = canonicalIRI(iri) ?? iri
        return prefixes.filter { target.hasPrefix($0.value) }
            .max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
    }
}
