import KGGraph

/// What the planner resolves names against: the graph's nodes, relations, property keys and
/// the models that can rank. The executor walks the same snapshot.
package protocol Catalog {
    var snapshot: GraphSnapshot { get }
    /// Names accepted by `using`, built-in scorers included.
    var modelNames: [String] { get }
    /// The model used when a query has no `using` clause.
    var defaultModel: String { get }
    /// Nodes whose label equals `label`, case-insensitively.
    func nodes(labelled label: String) -> [Int32]
    /// The kinds of the nodes relation `relation` leaves (`sources`) or reaches: what the
    /// planner needs to expand `via category` into the relations that link items to categories.
    func kinds(of relation: Int, sources: Bool) -> Set<NodeKind>
}

/// A `Catalog` over a snapshot, with a label index built once.
package final class SnapshotCatalog: Catalog, @unchecked Sendable {
    package let snapshot: GraphSnapshot
    package let modelNames: [String]
    package let defaultModel: String
    private let labelIndex: [String: [Int32]]
    /// Per relation: which node kinds occur as sources and as targets (bit `kind.rawValue`).
    private let sourceKinds: [UInt8]
    private let targetKinds: [UInt8]

    package init(snapshot: GraphSnapshot, modelNames: [String] = BuiltinScorers.names,
                defaultModel: String = BuiltinScorers.paths) {
        self.snapshot = snapshot
        self.modelNames = modelNames
        self.defaultModel = defaultModel
        var index: [String: [Int32]] = [:]
        for (node, label) in snapshot.labels.enumerated() {
            if let label { index[label.lowercased(), default: []].append(Int32(node)) }
        }
        labelIndex = index
        var sources = [UInt8](repeating: 0, count: snapshot.relations.count)
        var targets = sources
        for r in 0..<snapshot.relations.count {
            let csr = snapshot.forward[r]
            for node in 0..<snapshot.nodeCount where csr.degree(node) > 0 {
                sources[r] |= 1 << snapshot.kinds[node].rawValue
                for t in csr.neighbours(node) { targets[r] |= 1 << snapshot.kinds[Int(t)].rawValue }
            }
        }
        sourceKinds = sources
        targetKinds = targets
    }

    package func nodes(labelled label: String) -> [Int32] { labelIndex[label.lowercased()] ?? [] }

    package func kinds(of relation: Int, sources: Bool) -> Set<NodeKind> {
        let bits = sources ? sourceKinds[relation] : targetKinds[relation]
        return Set(NodeKind.allCases.filter { bits & (1 << $0.rawValue) != 0 })
    }
}

/// The scorers every store has, trained models or not.
public enum BuiltinScorers {
    /// Ranks by the number of distinct paths that reach an item.
    public static let paths = "paths"
    /// Ranks by the number of train interactions an item has.
    public static let popularity = "popularity"
    public static let names = [paths, popularity]
}
