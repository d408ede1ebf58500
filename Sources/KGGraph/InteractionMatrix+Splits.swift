extension InteractionMatrix {
    /// The same users and items (and so the same node ids) with other train, valid and test
    /// interactions, given as local-index pairs: a re-split of `base` (a validation hold-out, a
    /// cold-start protocol) that graph-based models can still map back to the snapshot.
    public init(nodesOf base: InteractionMatrix, train: [(Int32, Int32)], valid: [(Int32, Int32)] = [],
                test: [(Int32, Int32)] = []) {
        users = base.users
        items = base.items
        userIndex = base.userIndex
        itemIndex = base.itemIndex
        func matrix(_ pairs: [(Int32, Int32)]) -> CSR {
            let sorted = CSR(rows: base.userCount, columns: base.itemCount, sources: pairs.map(\.0), targets: pairs.map(\.1))
            var offsets = [Int32](repeating: 0, count: base.userCount + 1)
            var targets: [Int32] = []
            targets.reserveCapacity(sorted.nonZeroCount)
            for row in 0..<base.userCount {
                var last: Int32 = -1
                for p in sorted.range(row) where sorted.targets[p] != last {
                    targets.append(sorted.targets[p])
                    last = sorted.targets[p]
                }
                offsets[row + 1] = Int32(targets.count)
            }
            return CSR(rowCount: base.userCount, columnCount: base.itemCount, offsets: offsets, targets: targets,
                       weights: [Float](repeating: 1, count: targets.count))
        }
        self.train = matrix(train)
        self.valid = matrix(valid)
        self.test = matrix(test)
    }
}
