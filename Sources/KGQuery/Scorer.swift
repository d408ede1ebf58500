import KGGraph

/// Ranks candidates for the executor and weighs explanation hops. Built-in scorers live
/// here; trained models are adapted to this protocol by the facade.
public protocol Scorer {
    var name: String { get }

    /// A score per candidate for `user` (higher ranks first). `pathCounts`, aligned with
    /// `candidates`, is given when a path produced the candidates.
    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double]

    /// A similarity per candidate to `anchor`, for `similar … to`.
    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double]

    /// The weight of one explanation hop `from → to` on a path explaining `item` for `user`.
    /// Returning `nil` lets the explainer use path counts (the model-free weighting).
    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double?

    /// Whether `hopWeight` always answers, with weights in [0, 1]: the explainer then searches
    /// for the heaviest paths directly instead of enumerating and counting paths.
    var weighsHops: Bool { get }

    /// A cheap upper bound of `hopWeight` for any hop `from → ·` over `step`'s relation and
    /// direction; the path search computes exact weights only where the bound can still win.
    func hopWeightBound(from: Int32, step: GraphPath.Step) -> Double

    /// Throws a `.runtime` error when the scorer cannot rank for `anchor` (a user or item added
    /// to the store after a model was trained).
    func checkAnchor(_ anchor: Int32) throws(QueryError)

    /// Whether the scorer can score `candidate`; the executor leaves out candidates it cannot.
    func canScore(_ candidate: Int32) -> Bool

    /// What the scorer leaves out, for the result to say ("model 'mf' was trained at store revision 3; …").
    var notes: [String] { get }

    /// The scorer's own split of `score` (its score of `item` for `user`) over the user's
    /// interactions; nil when it has none (the explainer then divides the score over the
    /// heaviest connecting paths and labels it an association).
    func attribution(user: Int32, item: Int32, score: Double) -> Attribution?

    /// The scorer's scores for `user` recomputed without the user's interactions with `removed`,
    /// for counterfactual ranks; nil when removing them would not change the scores.
    func rescoring(user: Int32, without removed: Int32) -> Rescoring?

    /// Whether the scores are the candidates' path counts, which the executor attributes exactly
    /// to the anchor's first hops.
    var scoresArePathCounts: Bool { get }
}

extension Scorer {
    public var weighsHops: Bool { false }
    public func hopWeightBound(from: Int32, step: GraphPath.Step) -> Double { 1 }
    public func checkAnchor(_ anchor: Int32) throws(QueryError) {}
    public func canScore(_ candidate: Int32) -> Bool { true }
    public var notes: [String] { [] }
    public func attribution(user: Int32, item: Int32, score: Double) -> Attribution? { nil }
    public func rescoring(user: Int32, without removed: Int32) -> Rescoring? { nil }
    public var scoresArePathCounts: Bool { false }
}

/// A scorer's scores for one user with one of the user's interactions removed: the new score of
/// any candidate, and how far any candidate's score can have moved, so a counterfactual rank
/// rescores only the candidates within that distance of the result.
public struct Rescoring {
    /// The recomputed score of a candidate.
    public let score: (Int32) -> Double
    /// An upper bound of |new score − old score| over every candidate.
    public let bound: Double

    public init(bound: Double, score: @escaping (Int32) -> Double) {
        self.bound = bound
        self.score = score
    }
}

/// Ranks by the number of distinct paths that reach a candidate: the model-free scorer and
/// the cold-start fallback. Ties are broken by popularity, then id, by the executor.
public struct PathsScorer: Scorer {
    public let name = BuiltinScorers.paths

    public init() {}

    public func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        pathCounts ?? [Double](repeating: 0, count: candidates.count)
    }

    public func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        pathCounts ?? [Double](repeating: 0, count: candidates.count)
    }

    public func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? { nil }

    public var scoresArePathCounts: Bool { true }
}

/// Ranks by train interaction count: the baseline every model must beat. Its explanation is
/// the count itself (exact, and nothing the anchor did): the item's interactions by relation.
public struct PopularityScorer: Scorer {
    public let name = BuiltinScorers.popularity
    let popularity: Popularity
    let snapshot: GraphSnapshot

    public init(popularity: Popularity, snapshot: GraphSnapshot) {
        self.popularity = popularity
        self.snapshot = snapshot
    }

    public func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        candidates.map { Double(popularity[$0]) }
    }

    public func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        candidates.map { Double(popularity[$0]) }
    }

    public func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? { nil }

    /// "its 57 train interactions (bought 20 times, viewed 37 times)".
    public func attribution(user: Int32, item: Int32, score: Double) -> Attribution? {
        var parts: [String] = []
        for r in snapshot.interactionRelations {
            let count = snapshot.reverse[Int(r)].degree(Int(item)) + snapshot.forward[Int(r)].degree(Int(item))
            if count > 0 { parts.append("\(Explainer.readable(snapshot.relations[Int(r)].name)) \(count) time\(count == 1 ? "" : "s")") }
        }
        let total = Int(popularity[item])
        let meaning = "its \(total) train interaction\(total == 1 ? "" : "s")"
            + (parts.count > 1 ? " (" + parts.joined(separator: ", ") + ")" : "")
        return Attribution(kind: .exact, contributions: [], rest: score, restMeaning: meaning,
                           method: "the score is the item's number of train interactions; nothing the anchor did changes it")
    }
}

/// Train interaction counts per node (users and items), over every interaction relation.
public struct Popularity: Sendable {
    private let counts: [Int32]

    public init(snapshot: GraphSnapshot) {
        var counts = [Int32](repeating: 0, count: snapshot.nodeCount)
        for r in snapshot.interactionRelations {
            let forward = snapshot.forward[Int(r)], reverse = snapshot.reverse[Int(r)]
            for node in 0..<snapshot.nodeCount {
                counts[node] += Int32(forward.degree(node) + reverse.degree(node))
            }
        }
        self.counts = counts
    }

    public subscript(node: Int32) -> Int32 { counts[Int(node)] }
}
