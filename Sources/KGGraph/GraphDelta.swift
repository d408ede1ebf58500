/// Everything one import adds to a graph: nodes (interned by external id), relations,
/// edges, labels, properties and labelled pairs.
///
/// Importers fill a delta from a file; the store applies it in one transaction, so a file
/// that fails half-way never touches the store. Indices in a delta are local to it.
public struct GraphDelta: Sendable {
    /// A directed, typed edge between two local node indices.
    public struct Edge: Sendable, Equatable {
        public var source: Int32
        public var relation: Int32
        package var target: Int32
        /// The edge weight (a rating, a play count); `nil` means unweighted.
        public var weight: Float?
        /// Seconds since the Unix epoch, when the file gives one.
        public var timestamp: Int64?
        public var split: EdgeSplit
    }

    /// A typed property of a node.
    public struct Property: Sendable, Equatable {
        public var node: Int32
        public var key: String
        public var value: PropertyValue

        public init(node: Int32, key: String, value: PropertyValue) {
            self.node = node
            self.key = key
            self.value = value
        }
    }

    /// A (user, item) pair with a binary label: the CTR protocol's positives and sampled negatives.
    public struct LabelledPair: Sendable, Equatable {
        public var user: Int32
        public var item: Int32
        public var label: Bool
        public var split: EdgeSplit

        public init(user: Int32, item: Int32, label: Bool, split: EdgeSplit) {
            self.user = user
            self.item = item
            self.label = label
            self.split = split
        }
    }

    package private(set) var nodeIDs: [String] = []
    package private(set) var nodeKinds: [NodeKind] = []
    package private(set) var nodeLabels: [String?] = []
    private var nodeIndex: [String: Int32] = [:]

    package private(set) var relationNames: [String] = []
    private var relationIndex: [String: Int32] = [:]

    public private(set) var edges: [Edge] = []
    private var edgeKeys = EdgeKeySet()
    public private(set) var properties: [Property] = []
    public private(set) var labelledPairs: [LabelledPair] = []

    /// How many edges were dropped because the delta already held the same (source, relation, target).
    public private(set) var duplicateEdges = 0

    /// IRI prefixes the importer stripped from node ids (`--id-namespace`): the store keeps
    /// them, so that a snapshot finds `https://shop.example/p1` as the node `p1`.
    package var idNamespaces: [String] = []

    public init() {}

    package var nodeCount: Int { nodeIDs.count }
    package var relationCount: Int { relationNames.count }

    /// The local index of the node with this external id, creating it when new.
    ///
    /// A node first seen as an `entity` takes the more specific kind it is later given;
    /// two different specific kinds are a `GraphError.kindConflict`.
    @discardableResult
    public mutating func node(_ id: String, kind: NodeKind) throws(GraphError) -> Int32 {
        if let index = nodeIndex[id] {
            let existing = nodeKinds[Int(index)]
            guard let merged = existing.merged(with: kind) else {
                throw .kindConflict(id: id, existing: existing, new: kind)
            }
            nodeKinds[Int(index)] = merged
            return index
        }
        guard !id.isEmpty else { throw .emptyID(kind: kind) }
        let index = Int32(nodeIDs.count)
        nodeIDs.append(id)
        nodeKinds.append(kind)
        nodeLabels.append(nil)
        nodeIndex[id] = index
        return index
    }

    /// The local index of a node already in the delta.
    package func existingNode(_ id: String) -> Int32? { nodeIndex[id] }

    /// The local index of a relation, creating it when new.
    public mutating func relation(_ name: String) throws(GraphError) -> Int32 {
        if let index = relationIndex[name] { return index }
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace }) else {
            throw .invalidRelationName(name)
        }
        let index = Int32(relationNames.count)
        relationNames.append(name)
        relationIndex[name] = index
        return index
    }

    /// Adds an edge; returns `false` (and keeps the first) when the same edge is already present.
    @discardableResult
    package mutating func addEdge(
        _ source: Int32, _ relation: Int32, _ target: Int32,
        weight: Float? = nil, timestamp: Int64? = nil, split: EdgeSplit = .train
    ) -> Bool {
        precondition(Int(source) < nodeIDs.count && Int(target) < nodeIDs.count,
                     "edge endpoints \(source), \(target) outside \(nodeIDs.count) nodes")
        precondition(Int(relation) < relationNames.count, "relation \(relation) unknown")
        guard edgeKeys.insert(source: source, relation: relation, target: target) else {
            duplicateEdges += 1
            return false
        }
        edges.append(Edge(source: source, relation: relation, target: target,
                          weight: weight, timestamp: timestamp, split: split))
        return true
    }

    /// Sets a node's human-readable label (the last call wins).
    package mutating func setLabel(_ node: Int32, _ label: String) {
        nodeLabels[Int(node)] = label
    }

    /// Adds a typed property; a node may hold several values for one key.
    package mutating func addProperty(_ node: Int32, _ key: String, _ value: PropertyValue) {
        properties.append(Property(node: node, key: key, value: value))
    }

    /// Records a labelled (user, item) pair for the CTR protocol.
    package mutating func addLabelledPair(user: Int32, item: Int32, label: Bool, split: EdgeSplit) {
        labelledPairs.append(LabelledPair(user: user, item: item, label: label, split: split))
    }

    /// Reserves room for a known number of edges, to avoid regrowth on big imports.
    package mutating func reserveEdges(_ count: Int) {
        edges.reserveCapacity(count)
        edgeKeys.reserveCapacity(count)
    }
}
