import KGGraph

/// One ranked result.
public struct RankedNode: Sendable, Equatable {
    public var node: Int32
    public var score: Double
    /// How many matching paths reached the node, when a path produced the candidates.
    public var pathCount: Double?
    /// Why it is here: the scorer's contributions, strongest first (one reason, or up to three
    /// with counterfactual ranks and a sentence with `explain`).
    public var explanation: Explanation
}

/// The answer to `recommend` or `similar`.
public struct Recommendations: Sendable {
    public var plan: RecommendPlan
    public var results: [RankedNode]
    /// Candidates left after excluding seen items and filtering, before the limit.
    public var candidateCount: Int
    /// What the scorer left out, from `Scorer.notes`.
    public var notes: [String] = []
}

/// The answer to `why <item> for <user>`.
public struct WhyAnswer: Sendable {
    public var plan: WhyPlan
    public var score: Double
    /// The item's rank among the candidates a `recommend` with the same model would score
    /// (1-based), or `nil` when the item is not a candidate.
    public var rank: Int?
    public var candidateCount: Int
    /// Whether the user already interacted with the item (in train).
    public var seen: Bool
    /// The scorer's contributions, strongest first, with counterfactual ranks and a sentence.
    public var explanation: Explanation
    /// What the scorer left out, from `Scorer.notes`.
    public var notes: [String] = []
}

/// The answer to `match`: nodes the pattern reaches, with how many walks reach each.
public struct MatchAnswer: Sendable {
    public var plan: MatchPlan
    public var rows: [(node: Int32, count: Double)]
    /// All nodes reached, before the limit.
    public var total: Int
}

/// The answer to `show <node>`.
public struct NodeDescription: Sendable {
    public struct Degree: Sendable, Equatable {
        public var relation: String
        public var outgoing: Int
        public var incoming: Int
    }

    public var node: Int32
    public var properties: [(key: String, values: [PropertyValue])]
    public var degrees: [Degree]
}

/// What running a statement produced.
package enum QueryResult: Sendable {
    case recommendations(Recommendations)
    case why(WhyAnswer)
    case match(MatchAnswer)
    case show(NodeDescription)

    /// The notes of a recommendation or why answer (none for the others).
    package var notes: [String] {
        switch self {
        case .recommendations(let r): r.notes
        case .why(let w): w.notes
        default: []
        }
    }
}
