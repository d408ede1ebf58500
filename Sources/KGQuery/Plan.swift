import KGGraph

/// A statement with every name resolved: what the executor runs and `explain plan` shows.
public enum Plan: Sendable {
    case recommend(RecommendPlan)
    case why(WhyPlan)
    case match(MatchPlan)
    case show(node: Int32)
}

/// Where candidates come from.
public enum CandidateSource: Sendable, Equatable {
    /// Every node of the target kind.
    case allOfKind(NodeKind)
    /// The nodes of the target kind that a path from the anchor reaches (with their path counts).
    case path(RelationPath, described: String)
}

/// A resolved condition over node properties.
public indirect enum Predicate: Sendable, Equatable {
    /// A stored property, the label/id pseudo-properties, or a relation's neighbours.
    public enum Subject: Sendable, Equatable {
        case property(String)
        case label
        case id
        case degree
        /// Neighbours over a relation, compared by id or label (`brand = "Acme"`).
        case relation(Int32, name: String)

        public var name: String {
            switch self {
            case .property(let key): key
            case .label: "label"
            case .id: "id"
            case .degree: "degree"
            case .relation(_, let name): name
            }
        }
    }

    case compare(Subject, ComparisonOperator, Literal.Value)
    case member(Subject, [Literal.Value], negated: Bool)
    case contains(Subject, Literal.Value)
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)
}

/// `recommend` and `similar`: candidates, filters, a scorer, diversification, a limit.
public struct RecommendPlan: Sendable {
    /// `recommend` ranks for a user; `similar` ranks by similarity to an anchor node.
    public enum Mode: Sendable, Equatable { case forUser, similarTo }

    public var mode: Mode
    /// The user (recommend) or the node to find neighbours of (similar).
    public var anchor: Int32
    public var targetKind: NodeKind
    public var candidates: CandidateSource
    public var model: String
    public var predicate: Predicate?
    /// Relations whose neighbours define diversity groups, and the most results per group.
    public var diversify: (relations: [Int32], name: String, max: Int)?
    /// Whether the user's train interactions are left out (`recommend` without `include seen`).
    public var excludeSeen: Bool
    public var excluded: [Int32]
    public var limit: Int
    public var explain: Bool
    /// The path explanations follow (the `via` path, else any path of at most 4 hops).
    var explanationPath: RelationPath?
}

/// `why <item> for <user>`.
public struct WhyPlan: Sendable {
    public var item: Int32
    public var user: Int32
    public var model: String
    var explanationPath: RelationPath?
    /// The candidate source a `recommend` with the same clauses would use, to report the item's rank.
    public var candidates: CandidateSource
}

/// `match <node> <path> [where] [limit]`.
public struct MatchPlan: Sendable {
    public var start: Int32
    public var path: RelationPath
    public var described: String
    public var predicate: Predicate?
    public var limit: Int
}
