import KGGraph

/// Ranks candidates for the executor and weighs explanation hops. Built-in scorers live
/// here; trained models are adapted to this protocol by the facade.
package protocol Scorer {
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
}

extension Scorer {
    package var weighsHops: Bool { false }
    package func hopWeightBound(from: Int32, step: GraphPath.Step) -> Double { 1 }
    package func checkAnchor(_ anchor: Int32) throws(QueryError) {}
    package func canScore(_ candidate: Int32) -> Bool { true }
    package var notes: [String] { [] }
}

/// Ranks by the number of distinct paths that reach a candidate: the model-free scorer and
/// the cold-start fallback. Ties are broken by popularity, then id, by the executor.
struct PathsScorer: Scorer {
    let name = BuiltinScorers.paths

    init() {}

    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        pathCounts ?? [Double](repeating: 0, count: candidates.count)
    }

    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        pathCounts ?? [Double](repeating: 0, count: candidates.count)
    }

    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? { nil }
}

/// Ranks by train interaction count: the baseline every model must beat.
struct PopularityScorer: Scorer {
    let name = BuiltinScorers.popularity
    let popularity: Popularity

    init(popularity: Popularity) {
        self.popularity = popularity
    }

    func scores(user: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        candidates.map { Double(popularity[$0]) }
    }

    func similarities(to anchor: Int32, candidates: [Int32], pathCounts: [Double]?) -> [Double] {
        candidates.map { Double(popularity[$0]) }
    }

    func hopWeight(user: Int32, item: Int32, from: Int32, to: Int32, step: GraphPath.Step) -> Double? { nil }
}

/// Train interaction counts per node (users and items), over every interaction relation.
package struct Popularity: Sendable {
    private let counts: [Int32]

    package init(snapshot: GraphSnapshot) {
        var counts = [Int32](repeating: 0, count: snapshot.nodeCount)
        for r in snapshot.interactionRelations {
            let forward = snapshot.forward[Int(r)], reverse = snapshot.reverse[Int(r)]
            for node in 0..<snapshot.nodeCount {
                counts[node] += Int32(forward.degree(node) + reverse.degree(node))
            }
        }
        self.counts = counts
    }

    package subscript(node: Int32) -> Int32 { counts[Int(node)] }
}
