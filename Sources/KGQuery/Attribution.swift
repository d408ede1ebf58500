import KGGraph

/// A scorer's own account of one score: how much of it each of the anchor's interactions
/// carries. Contributions plus `rest` add up to the score.
public struct Attribution: Sendable, Equatable {
    /// How faithfully the contributions are the scorer's reasons.
    public enum Kind: String, Sendable, Equatable {
        /// Terms of the score itself (path counts, LightGCN's linear propagation).
        case exact
        /// Measured: the score's drop when the reason is removed and the score recomputed.
        case counterfactual
        /// A re-expression of the score, not its cause: removing the reason would not change
        /// the score without retraining.
        case association
    }

    /// One part of the score: the anchor's interactions with `node` and what they carry.
    public struct Contribution: Sendable, Equatable {
        /// The node the anchor interacted with (an item, for a user anchor).
        public var node: Int32
        public var value: Double

        public init(node: Int32, value: Double) {
            self.node = node
            self.value = value
        }
    }

    public var kind: Kind
    /// Every contribution, largest first (ties by node id).
    public var contributions: [Contribution]
    /// The score minus the contributions: what no interaction carries.
    public var rest: Double
    /// What `rest` is ("u42's own embedding", "interactions of other users"), when it is shown.
    public var restMeaning: String?
    /// One sentence: which decomposition, and why it is the scorer's reason.
    public var method: String

    public init(kind: Kind, contributions: [Contribution], rest: Double, restMeaning: String? = nil, method: String) {
        self.kind = kind
        self.contributions = contributions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.node < $1.node }
        self.rest = rest
        self.restMeaning = restMeaning
        self.method = method
    }
}

/// One reason a result is where it is, as shown: the anchor's interaction it rests on, the
/// path that connects that interaction to the result, and the share of the score it carries.
public struct Reason: Sendable, Equatable {
    /// Anchor → … → result, every hop a train edge, at most 4 hops. When nothing connects the
    /// interaction to the result within 4 hops, just the anchor's edge to `source` (see
    /// `reachesResult`: the model's similarity of `source` and the result is then the link); nil
    /// when the reason is not an interaction (`popularity`, a model's own embedding).
    public var path: GraphPath?
    /// The node of the anchor's interaction (nil for a reason that is not one).
    public var source: Int32?
    /// Its part of the score.
    public var contribution: Double
    /// The result's rank among the same candidates when the anchor's interactions with `source`
    /// are removed and every candidate rescored; nil when not computed or not meaningful.
    public var rankWithout: Int?
    /// Whether, without those interactions, the candidates' path no longer reaches the result at
    /// all: it would not be a candidate (`rankWithout` is then nil).
    public var leavesCandidates: Bool
    /// Whether `path` ends at the result (false: it is only the anchor's edge to `source`).
    public var reachesResult: Bool

    public init(path: GraphPath?, source: Int32?, contribution: Double, rankWithout: Int? = nil,
                leavesCandidates: Bool = false, reachesResult: Bool = true) {
        self.path = path
        self.source = source
        self.contribution = contribution
        self.rankWithout = rankWithout
        self.leavesCandidates = leavesCandidates
        self.reachesResult = reachesResult && path != nil
    }

    /// What happens to a result without a reason's interactions.
    public enum Without: Sendable, Equatable {
        /// Its rank among the candidates.
        case rank(Int)
        /// The path no longer reaches it.
        case leavesCandidates
    }
}

/// Why one result is where it is.
public struct Explanation: Sendable, Equatable {
    public var kind: Attribution.Kind
    /// One sentence: which decomposition the contributions come from.
    public var method: String
    /// The strongest reasons: with counterfactual ranks, the one without which the result falls
    /// furthest first (of the largest contributions); else the largest contribution first.
    public var reasons: [Reason]
    /// How many interactions contribute in all (the reasons shown are the strongest of them).
    public var contributionCount: Int
    /// The part of the score no interaction carries, and what it is.
    public var rest: Double
    public var restMeaning: String?
    /// A sentence for editors, generated from the strongest reasons' paths.
    public var sentence: String?
    /// The result's rank among the candidates the counterfactual ranks are taken among (1-based),
    /// when they were computed.
    public var rank: Int?
    /// What happens without the strongest reason, as a sentence ("Without u42 having viewed
    /// Trail Shoe, Granite Headphones drops from #3 to #27."), when its rank without is known.
    public var counterfactual: String?
    /// The graph facts the sentence states, each a train edge (from, relation, to).
    public var facts: [Fact]

    /// One edge a sentence states.
    public struct Fact: Sendable, Equatable {
        public var from: Int32
        public var relation: Int32
        public var to: Int32
    }
}
