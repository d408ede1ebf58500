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

/// How the candidates of a `recommend` or `similar` narrowed, step by step, in the order the
/// executor applies the steps: each count is what that step removed from what the earlier ones
/// left, so `reached` is the sum of the removals and `remaining`.
public struct CandidateCounts: Sendable, Equatable {
    /// Nodes of the target kind the candidate source gives: those the path reaches, or every
    /// node of the kind.
    public var reached = 0
    /// The anchor of `similar` itself (0 or 1).
    public var anchor = 0
    /// The user's train interactions, left out unless `include seen`.
    public var seen = 0
    /// Nodes named by `exclude`.
    public var excluded = 0
    /// Retired nodes (`retire`): never recommended.
    public var retired = 0
    /// Products the catalog says cannot be had (`available` false: out of stock, discontinued).
    public var unavailable = 0
    /// Nodes the model cannot score (items added after it was trained).
    public var unscorable = 0
    /// Nodes the `where` condition removed.
    public var filtered = 0

    /// No candidates yet: every count 0.
    public init() {}

    /// The candidates left to rank, before the limit and diversification.
    public var remaining: Int { reached - anchor - seen - excluded - retired - unavailable - unscorable - filtered }
}

/// The answer to `recommend` or `similar`.
public struct Recommendations: Sendable {
    public var plan: RecommendPlan
    public var results: [RankedNode]
    /// How the candidates narrowed from what the path reaches to what was ranked.
    public var counts: CandidateCounts
    /// Why there are no results, naming the step that removed the last candidate ("the path
    /// reaches 120 items; u42 has seen 16 and 'where price < 1' removed the other 104");
    /// nil when there are results.
    public var emptyReason: String?
    /// What the scorer left out, from `Scorer.notes`.
    public var notes: [String] = []

    /// Candidates left after excluding seen items and filtering, before the limit.
    public var candidateCount: Int { counts.remaining }
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
    /// Per row (for the first `MatchAnswer.pathLimit` rows): one path from the start that
    /// matches the pattern and ends at the row, shortest first; nil for a row that only walks
    /// reach (a walk that comes back to the start is no simple path).
    public var paths: [GraphPath?]
    /// Nodes the pattern reaches, before the `where` condition.
    public var reached: Int
    /// Nodes reached that satisfy the condition, before the limit.
    public var total: Int
    /// Why there are no rows ("the path reaches 12 nodes; 'where price < 1' removed all of
    /// them"); nil when there are rows.
    public var emptyReason: String?

    /// How many rows get a path (`--format dot` draws them).
    public static let pathLimit = 100
}

/// The answer to `show <node>`: its properties and its neighbours per relation.
public struct NodeDescription: Sendable {
    /// The neighbours over one relation in one direction.
    public struct Neighbours: Sendable, Equatable {
        public var relation: String
        /// True for the node's own edges (`node —relation→ neighbour`), false for edges into it.
        public var outgoing: Bool
        /// How many neighbours there are (train edges).
        public var count: Int
        /// The first `NodeDescription.listed` of them, in node order.
        public var nodes: [Int32]

        /// How many are not listed.
        public var more: Int { count - nodes.count }
    }

    public var node: Int32
    public var properties: [(key: String, values: [PropertyValue])]
    /// Per relation, outgoing then incoming, in the store's relation order; none when empty.
    public var neighbours: [Neighbours]

    /// How many neighbours per relation and direction `show` lists.
    public static let listed = 10
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
