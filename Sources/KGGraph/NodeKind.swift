/// What a node stands for in the recommendation graph.
///
/// `entity` is the generic knowledge-graph node; an importer may later learn that an
/// entity is an item (an RDF resource typed with a product class, say) and refine it.
public enum NodeKind: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case user = 0
    case item = 1
    case category = 2
    case tag = 3
    case entity = 4

    /// The lower-case name used in files, queries and output.
    public var name: String {
        switch self {
        case .user: "user"
        case .item: "item"
        case .category: "category"
        case .tag: "tag"
        case .entity: "entity"
        }
    }

    /// The name with its indefinite article, for messages ("an item", "a user").
    public var withArticle: String { (self == .item || self == .entity ? "an " : "a ") + name }

    /// The plural used in queries (`recommend items`, `match categories`).
    public var pluralName: String {
        switch self {
        case .category: "categories"
        case .entity: "entities"
        default: name + "s"
        }
    }

    public var description: String { name }

    /// Parses a kind from its singular or plural name, case-insensitively.
    public init?(name: String) {
        let lower = name.lowercased()
        guard let kind = NodeKind.allCases.first(where: { $0.name == lower || $0.pluralName == lower })
        else { return nil }
        self = kind
    }

    /// The kind a node ends up with when it is seen once as `self` and once as `other`.
    ///
    /// `entity` yields to any specific kind; two different specific kinds conflict (`nil`).
    public func merged(with other: NodeKind) -> NodeKind? {
        if self == other { return self }
        if self == .entity { return other }
        if other == .entity { return self }
        return nil
    }

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which part of an evaluation protocol an edge belongs to.
///
/// Knowledge-graph edges are always `train`: only interactions are ever held out.
public enum EdgeSplit: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case train = 0
    case valid = 1
    case test = 2

    public var name: String {
        switch self {
        case .train: "train"
        case .valid: "valid"
        case .test: "test"
        }
    }

    public var description: String { name }

    /// Parses `train`, `valid`/`validation`, `test`, case-insensitively.
    public init?(name: String) {
        switch name.lowercased() {
        case "train", "training": self = .train
        case "valid", "validation", "val", "dev": self = .valid
        case "test", "testing": self = .test
        default: return nil
        }
    }
}
