/// The attributes of each item: its neighbours over every non-interaction relation of a
/// snapshot (either direction) that are neither users nor items: categories, tags and
/// knowledge-graph entities.
///
/// PinSage builds its item input features from them (so an item without interactions still has
/// a representation) and walks through them (item → attribute → item) next to the
/// item → user → item walks. Attributes are numbered densely in ascending node id; each item's
/// row lists its attributes once, ascending, however many relations link them.
public struct ItemAttributes: Sendable {
    /// Snapshot node id of each attribute index.
    public let nodes: [Int32]
    /// items × attributes: row i lists the attribute indices of item i (weight 1).
    package let matrix: CSR

    /// The number of attributes.
    public var count: Int { nodes.count }

    /// Reads the attributes of `items` (snapshot node ids, in the model's item order) from
    /// `snapshot`'s train edges of every relation that is not an interaction relation.
    ///
    /// - Complexity: O(nodes + edges of the items).
    public init(snapshot: GraphSnapshot, items: [Int32]) {
        var itemIndex = [Int32](repeating: -1, count: snapshot.nodeCount)
        for (i, node) in items.enumerated() { itemIndex[Int(node)] = Int32(i) }
        var rows: [Int32] = [], attributeNodes: [Int32] = []
        for relation in snapshot.relations where !relation.isInteraction {
            for csr in [snapshot.forward[Int(relation.id)], snapshot.reverse[Int(relation.id)]] {
                for (i, node) in items.enumerated() {
                    for p in csr.range(Int(node)) {
                        let neighbour = csr.targets[p]
                        let kind = snapshot.kinds[Int(neighbour)]
                        guard kind != .user && kind != .item else { continue }
                        rows.append(Int32(i))
                        attributeNodes.append(neighbour)
                    }
                }
            }
        }
        var index = [Int32](repeating: -1, count: snapshot.nodeCount)
        var nodes: [Int32] = []
        for node in attributeNodes.sorted() where index[Int(node)] < 0 {
            index[Int(node)] = Int32(nodes.count)
            nodes.append(node)
        }
        self.nodes = nodes
        matrix = CSR.distinctPairs(rows: items.count, columns: nodes.count, rows,
                                   attributeNodes.map { index[Int($0)] })
    }

    /// Attributes given directly as (item, attribute) pairs (tests, synthetic data).
    public init(itemCount: Int, attributeCount: Int, pairs: [(item: Int32, attribute: Int32)]) {
        nodes = (0..<Int32(attributeCount)).map { $0 }
        matrix = CSR.distinctPairs(rows: itemCount, columns: attributeCount, pairs.map(\.item),
                                   pairs.map(\.attribute))
    }
}
