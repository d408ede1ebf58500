import KGGraph

extension GraphStore {
    /// Reads the whole graph into the columns a `GraphSnapshot` is built from, renumbering
    /// node and relation ids densely in id order.
    ///
    /// - Complexity: one sequential scan of each table.
    package func snapshotSource() throws(StoreError) -> SnapshotSource {
        var source = SnapshotSource()
        source.revision = try revision
        source.idNamespaces = try idNamespaces()

        let nodeCount = try count("nodes")
        source.kinds.reserveCapacity(nodeCount)
        source.externalIDs.reserveCapacity(nodeCount)
        source.labels.reserveCapacity(nodeCount)
        var denseNode = DenseIDs()
        let nodes = try database.prepare("SELECT id, kind, ext, label FROM nodes ORDER BY id")
        while try nodes.step() {
            denseNode.add(nodes.int64(0))
            source.kinds.append(NodeKind(rawValue: UInt8(truncatingIfNeeded: nodes.int64(1))) ?? .entity)
            source.externalIDs.append(nodes.string(2))
            source.labels.append(nodes.optionalString(3))
        }

        var denseRelation = DenseIDs()
        let relations = try database.prepare("SELECT id, name FROM relations ORDER BY id")
        while try relations.step() {
            denseRelation.add(relations.int64(0))
            source.relationNames.append(relations.string(1))
        }

        source.edges.reserve(try count("edges"))
        let edges = try database.prepare("SELECT src, rel, dst, weight, split FROM edges")
        while try edges.step() {
            let weight: Float = edges.isNull(3) ? 1 : Float(edges.double(3))
            source.edges.append(denseNode[edges.int64(0)], denseRelation[edges.int64(1)],
                                denseNode[edges.int64(2)], weight: weight,
                                split: EdgeSplit(rawValue: UInt8(truncatingIfNeeded: edges.int64(4))) ?? .train)
        }

        let properties = try database.prepare("SELECT node, key, type, value FROM properties")
        while try properties.step() {
            let value: PropertyValue = switch properties.int64(2) {
            case 1: .number(properties.double(3))
            case 2: .bool(properties.int64(3) != 0)
            default: .string(properties.string(3))
            }
            source.properties.append(.init(node: denseNode[properties.int64(0)], key: properties.string(1), value: value))
        }

        let pairs = try database.prepare("SELECT user, item, label, split FROM labelled_pairs")
        while try pairs.step() {
            source.labelledPairs.append(.init(
                user: denseNode[pairs.int64(0)], item: denseNode[pairs.int64(1)], label: pairs.int64(2) != 0,
                split: EdgeSplit(rawValue: UInt8(truncatingIfNeeded: pairs.int64(3))) ?? .train))
        }
        return source
    }

    /// Builds the in-memory snapshot of the store.
    public func snapshot() throws(StoreError) -> GraphSnapshot {
        GraphSnapshot(try snapshotSource())
    }
}

/// Maps store row ids (ascending, almost always 1…n) to dense indices 0…n-1.
private struct DenseIDs {
    private var table: [Int32] = []
    private var next: Int32 = 0

    mutating func add(_ rowID: Int64) {
        let slot = Int(rowID)
        if slot >= table.count { table.append(contentsOf: repeatElement(-1, count: slot - table.count + 1)) }
        table[slot] = next
        next += 1
    }

    subscript(rowID: Int64) -> Int32 { table[Int(rowID)] }
}
