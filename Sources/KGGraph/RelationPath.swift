/// A typed path pattern over the snapshot's relations: a sequence of hops, each following
/// one of a set of relations forward or backward, repeated between `minCount` and `maxCount` times.
///
/// `bought > in_category < in_category` is three hops: `bought` forward, `in_category`
/// forward, `in_category` backward.
public struct RelationPath: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: Sendable, Hashable {
        case forward
        case backward
        /// Either direction: the generic hop of "any path" searches.
        case both

        package var symbol: String {
            switch self {
            case .forward: ">"
            case .backward: "<"
            case .both: "<>"
            }
        }
    }

    /// One step of the pattern.
    public struct Hop: Sendable, Hashable {
        /// Relation ids; empty means any relation.
        public var relations: [Int32]
        public var direction: Direction
        package var minCount: Int
        package var maxCount: Int

        public init(relations: [Int32], direction: Direction, minCount: Int = 1, maxCount: Int = 1) {
            precondition(minCount >= 0 && maxCount >= max(1, minCount), "bad repetition {\(minCount),\(maxCount)}")
            self.relations = relations
            self.direction = direction
            self.minCount = minCount
            self.maxCount = maxCount
        }
    }

    public var hops: [Hop]

    public init(_ hops: [Hop]) {
        self.hops = hops
    }

    /// The most edges a match of this pattern can have.
    package var maxLength: Int { hops.reduce(0) { $0 + $1.maxCount } }

    /// Every fixed-length sequence of single hops the pattern allows (repetitions unrolled),
    /// shortest first. A pattern of at most 4 hops has few of them.
    package var unrolled: [[Hop]] {
        var sequences: [[Hop]] = [[]]
        for hop in hops {
            var next: [[Hop]] = []
            for count in hop.minCount...hop.maxCount {
                let single = Hop(relations: hop.relations, direction: hop.direction)
                for sequence in sequences { next.append(sequence + Array(repeating: single, count: count)) }
            }
            sequences = next
        }
        return sequences.filter { !$0.isEmpty }.sorted { $0.count < $1.count }
    }

    public var description: String {
        hops.map { hop in
            let names = hop.relations.isEmpty ? "*" : hop.relations.map(String.init).joined(separator: "|")
            let repeatText = hop.minCount == 1 && hop.maxCount == 1 ? "" : "{\(hop.minCount),\(hop.maxCount)}"
            return hop.direction.symbol + names + repeatText
        }.joined(separator: " ")
    }
}

/// A concrete path in the graph: `nodes[0] –hops[0]– nodes[1] … nodes[n]`.
public struct GraphPath: Sendable, Equatable, Hashable {
    /// One traversed edge: its relation, whether it was followed forward, and its stored weight.
    public struct Step: Sendable, Equatable, Hashable {
        public var relation: Int32
        public var forward: Bool
        public var weight: Float

        public init(relation: Int32, forward: Bool, weight: Float) {
            self.relation = relation
            self.forward = forward
            self.weight = weight
        }
    }

    public var nodes: [Int32]
    public var steps: [Step]

    public init(nodes: [Int32], steps: [Step]) {
        precondition(nodes.count == steps.count + 1, "a path of \(steps.count) steps needs \(steps.count + 1) nodes")
        self.nodes = nodes
        self.steps = steps
    }

    /// Whether every step of the path is a train edge of the snapshot.
    public func exists(in snapshot: GraphSnapshot) -> Bool {
        for (i, step) in steps.enumerated() {
            let (from, to) = step.forward ? (nodes[i], nodes[i + 1]) : (nodes[i + 1], nodes[i])
            guard Int(step.relation) < snapshot.relations.count,
                  snapshot.forward[Int(step.relation)].contains(row: Int(from), column: to) else { return false }
        }
        return true
    }
}
