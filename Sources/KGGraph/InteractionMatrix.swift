/// The user × item view of a snapshot that collaborative-filtering models train on:
/// users and items renumbered densely (in node-id order), and the train, valid and test
/// interactions as CSR matrices over those local indices.
public struct InteractionMatrix: Sendable {
    /// Node id of each local user index.
    public let users: [Int32]
    /// Node id of each local item index.
    public let items: [Int32]
    /// Local user index of each node, or -1.
    package let userIndex: [Int32]
    /// Local item index of each node, or -1.
    package let itemIndex: [Int32]
    /// users × items, train interactions (weight 1, duplicates across relations merged).
    public let train: CSR
    /// users × items, validation interactions.
    public let valid: CSR
    /// users × items, test interactions.
    public let test: CSR

    public var userCount: Int { users.count }
    package var itemCount: Int { items.count }

    /// Builds the matrix from the given interaction relations (default: every relation whose
    /// edges all go user → item).
    public init(snapshot: GraphSnapshot, relations: [Int32]? = nil) {
        let chosen = relations ?? snapshot.interactionRelations
        users = snapshot.nodes(of: .user)
        items = snapshot.nodes(of: .item)
        var uIndex = [Int32](repeating: -1, count: snapshot.nodeCount)
        var iIndex = [Int32](repeating: -1, count: snapshot.nodeCount)
        for (i, u) in users.enumerated() { uIndex[Int(u)] = Int32(i) }
        for (i, it) in items.enumerated() { iIndex[Int(it)] = Int32(i) }
        userIndex = uIndex
        itemIndex = iIndex

        var rows: [Int32] = [], cols: [Int32] = []
        for r in chosen {
            let csr = snapshot.forward[Int(r)]
            for u in users {
                for p in csr.range(Int(u)) {
                    let item = iIndex[Int(csr.targets[p])]
                    if item >= 0 { rows.append(uIndex[Int(u)]); cols.append(item) }
                }
            }
        }
        train = CSR.distinctPairs(rows: users.count, columns: items.count, rows, cols)

        var heldRows: [[Int32]] = [[], [], []], heldCols: [[Int32]] = [[], [], []]
        let chosenSet = Set(chosen)
        for e in snapshot.heldOut where chosenSet.contains(e.relation) {
            let u = uIndex[Int(e.source)], i = iIndex[Int(e.target)]
            guard u >= 0, i >= 0 else { continue }
            heldRows[Int(e.split.rawValue)].append(u)
            heldCols[Int(e.split.rawValue)].append(i)
        }
        valid = CSR.distinctPairs(rows: users.count, columns: items.count,
                                  heldRows[1], heldCols[1])
        test = CSR.distinctPairs(rows: users.count, columns: items.count,
                                 heldRows[2], heldCols[2])
    }

    /// Builds a matrix directly from local-index pairs (tests, synthetic data).
    public init(userCount: Int, itemCount: Int, train: [(Int32, Int32)],
                valid: [(Int32, Int32)] = [], test: [(Int32, Int32)] = []) {
        users = (0..<Int32(userCount)).map { $0 }
        items = (0..<Int32(itemCount)).map { Int32(userCount) + $0 }
        userIndex = (0..<(userCount + itemCount)).map { $0 < userCount ? Int32($0) : -1 }
        itemIndex = (0..<(userCount + itemCount)).map { $0 < userCount ? -1 : Int32($0 - userCount) }
        func matrix(_ pairs: [(Int32, Int32)]) -> CSR {
            CSR.distinctPairs(rows: userCount, columns: itemCount,
                              pairs.map(\.0), pairs.map(\.1))
        }
        self.train = matrix(train)
        self.valid = matrix(valid)
        self.test = matrix(test)
    }
}
