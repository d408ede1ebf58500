/// An immutable, in-memory view of the graph with dense node ids and CSR adjacency, built
/// once from the store and shared by models, the query engine and explanations.
///
/// Only `train` edges enter `forward`/`reverse`: held-out interactions (valid, test) are kept
/// apart in `heldOut`, so no model, candidate generator or explanation can see them.
public final class GraphSnapshot: Sendable {
    /// A relation as the snapshot knows it.
    public struct Relation: Sendable, Equatable {
        /// Dense relation index into `forward`/`reverse`.
        public let id: Int32
        public let name: String
        /// True when every edge goes from a user to an item (bought, viewed, rated…).
        public let isInteraction: Bool
        /// Edges in the train adjacency.
        public let trainEdgeCount: Int
        /// Edges held out as valid or test.
        public let heldOutEdgeCount: Int
    }

    /// A held-out (valid or test) edge.
    public struct HeldOutEdge: Sendable, Equatable {
        public let source: Int32
        public let relation: Int32
        public let target: Int32
        public let split: EdgeSplit
    }

    /// The store revision this snapshot was built from.
    public let revision: Int64
    public let kinds: [NodeKind]
    public let externalIDs: [String]
    public let labels: [String?]
    public let relations: [Relation]
    /// Per relation: source → targets over train edges.
    public let forward: [CSR]
    /// Per relation: target → sources over train edges.
    public let reverse: [CSR]
    public let heldOut: [HeldOutEdge]
    /// key → node → values. A node may hold several values for one key.
    public let properties: [String: [Int32: [PropertyValue]]]
    public let labelledPairs: [GraphDelta.LabelledPair]
    /// Node ids of each kind, ascending; indexed by `NodeKind.rawValue`.
    public let nodesByKind: [[Int32]]

    private let nodeIndex: [String: Int32]
    private let relationIndex: [String: Int32]
    /// IRI prefixes stripped from node ids at import, longest first (see `node(_:)`).
    public let idNamespaces: [String]

    public var nodeCount: Int { kinds.count }

    /// Builds a snapshot from raw columns (the store's tables, in dense-id order).
    ///
    /// - Complexity: O(nodes × relations + edges).
    public init(_ source: SnapshotSource) {
        let n = source.kinds.count
        precondition(source.externalIDs.count == n && source.labels.count == n,
                     "node columns differ in length")
        revision = source.revision
        kinds = source.kinds
        externalIDs = source.externalIDs
        labels = source.labels
        idNamespaces = source.idNamespaces.sorted { $0.utf8.count > $1.utf8.count }
        var index = [String: Int32](minimumCapacity: n)
        for (i, id) in source.externalIDs.enumerated() { index[id] = Int32(i) }
        nodeIndex = index

        var byKind = [[Int32]](repeating: [], count: NodeKind.allCases.count)
        for (i, kind) in source.kinds.enumerated() { byKind[Int(kind.rawValue)].append(Int32(i)) }
        nodesByKind = byKind

        let relationCount = source.relationNames.count
        var trainSources = [[Int32]](repeating: [], count: relationCount)
        var trainTargets = [[Int32]](repeating: [], count: relationCount)
        var trainWeights = [[Float]](repeating: [], count: relationCount)
        var heldOutEdges: [HeldOutEdge] = []
        var heldOutCounts = [Int](repeating: 0, count: relationCount)
        var userToItem = [Bool](repeating: true, count: relationCount)
        var hasEdges = [Bool](repeating: false, count: relationCount)
        let edges = source.edges
        for e in 0..<edges.sources.count {
            let r = Int(edges.relations[e])
            let s = edges.sources[e], t = edges.targets[e]
            hasEdges[r] = true
            if source.kinds[Int(s)] != .user || source.kinds[Int(t)] != .item { userToItem[r] = false }
            if edges.splits[e] == .train {
                trainSources[r].append(s)
                trainTargets[r].append(t)
                trainWeights[r].append(edges.weights[e])
            } else {
                heldOutEdges.append(HeldOutEdge(source: s, relation: Int32(r), target: t, split: edges.splits[e]))
                heldOutCounts[r] += 1
            }
        }
        var fwd: [CSR] = []
        var rev: [CSR] = []
        var rels: [Relation] = []
        var relIndex: [String: Int32] = [:]
        for r in 0..<relationCount {
            let csr = CSR(rows: n, columns: n, sources: trainSources[r], targets: trainTargets[r],
                          weights: trainWeights[r])
            fwd.append(csr)
            rev.append(csr.transposed())
            rels.append(Relation(id: Int32(r), name: source.relationNames[r],
                                 isInteraction: hasEdges[r] && userToItem[r],
                                 trainEdgeCount: csr.nonZeroCount, heldOutEdgeCount: heldOutCounts[r]))
            relIndex[source.relationNames[r]] = Int32(r)
        }
        forward = fwd
        reverse = rev
        relations = rels
        relationIndex = relIndex
        heldOut = heldOutEdges

        var props: [String: [Int32: [PropertyValue]]] = [:]
        for p in source.properties { props[p.key, default: [:]][p.node, default: []].append(p.value) }
        properties = props
        labelledPairs = source.labelledPairs
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// The dense id of the node with this external id; a full IRI that starts with one of
    /// the `idNamespaces` (and is no node's id itself) finds the node its short id names.
    public func node(_ externalID: String) -> Int32? {
        if let node = nodeIndex[externalID] { return node }
        for namespace in idNamespaces
        where externalID.utf8.count > namespace.utf8.count && externalID.utf8.starts(with: namespace.utf8) {
            return nodeIndex[String(decoding: externalID.utf8.dropFirst(namespace.utf8.count), as: UTF8.self)]
        }
        return nil
    }

    /// The dense id of the relation with this name.
    public func relation(named name: String) -> Int32? { relationIndex[name] }

    /// The nodes of one kind, ascending.
    public func nodes(of kind: NodeKind) -> [Int32] { nodesByKind[Int(kind.rawValue)] }

    /// A node's label, or its external id when it has none.
    public func displayName(_ node: Int32) -> String { labels[Int(node)] ?? externalIDs[Int(node)] }

    /// The values of one property of a node (empty when absent).
    public func property(_ key: String, of node: Int32) -> [PropertyValue] {
        properties[key]?[node] ?? []
    }

    /// The relations whose edges all go from users to items.
    public var interactionRelations: [Int32] { relations.filter(\.isInteraction).map(\.id) }

    /// Total train degree of a node over all relations, both directions.
    public func degree(_ node: Int32) -> Int {
        var d = 0
        for r in 0..<relations.count { d += forward[r].degree(Int(node)) + reverse[r].degree(Int(node)) }
        return d
    }

    /// Verifies the structural invariants; run in debug builds after every construction.
    func checkInvariants() {
        for r in 0..<relations.count {
            let f = forward[r], b = reverse[r]
            precondition(f.nonZeroCount == b.nonZeroCount, "relation \(r): forward/reverse nnz differ")
            precondition(f.rowCount == nodeCount && b.rowCount == nodeCount, "relation \(r): wrong row count")
            for p in 0..<f.nonZeroCount {
                precondition(f.targets[p] >= 0 && Int(f.targets[p]) < nodeCount, "relation \(r): target out of range")
            }
        }
    }
}

/// The raw columns a snapshot is built from, in dense-id order.
public struct SnapshotSource: Sendable {
    /// Edges as parallel columns.
    public struct Edges: Sendable {
        package var sources: [Int32] = []
        public var relations: [Int32] = []
        package var targets: [Int32] = []
        public var weights: [Float] = []
        package var splits: [EdgeSplit] = []
        public init() {}

        public mutating func append(_ s: Int32, _ r: Int32, _ t: Int32, weight: Float = 1, split: EdgeSplit = .train) {
            sources.append(s); relations.append(r); targets.append(t); weights.append(weight); splits.append(split)
        }

        package mutating func reserve(_ count: Int) {
            sources.reserveCapacity(count); relations.reserveCapacity(count); targets.reserveCapacity(count)
            weights.reserveCapacity(count); splits.reserveCapacity(count)
        }
    }

    public var revision: Int64 = 0
    public var kinds: [NodeKind] = []
    public var externalIDs: [String] = []
    public var labels: [String?] = []
    package var relationNames: [String] = []
    public var edges = Edges()
    public var properties: [GraphDelta.Property] = []
    public var labelledPairs: [GraphDelta.LabelledPair] = []
    /// IRI prefixes stripped from node ids at import (`GraphDelta.idNamespaces`).
    package var idNamespaces: [String] = []

    public init() {}

    /// The columns of a delta, as if it were applied to an empty store: the way tests and
    /// in-memory tools build a snapshot without SQLite.
    public init(_ delta: GraphDelta, revision: Int64 = 0) {
        self.revision = revision
        kinds = delta.nodeKinds
        externalIDs = delta.nodeIDs
        labels = delta.nodeLabels
        relationNames = delta.relationNames
        edges.reserve(delta.edges.count)
        for e in delta.edges {
            edges.append(e.source, e.relation, e.target, weight: e.weight ?? 1, split: e.split)
        }
        properties = delta.properties
        labelledPairs = delta.labelledPairs
        idNamespaces = delta.idNamespaces
    }
}
