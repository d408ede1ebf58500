import KGGraph
import KGTensor

extension SparseMatrix {
    /// D^−1 A + I for the user–item bipartite graph A = [[0, R], [Rᵀ, 0]]: each node's row holds
    /// 1/|N_i| for each neighbour and 1 on the diagonal (the official NGCF code's `mean_adj + I`).
    ///
    /// Nodes are the users 0..<U followed by the items U..<U+I, as in
    /// `normalizedBipartiteAdjacency`. Unlike D^−1/2 A D^−1/2 the matrix is not symmetric: a
    /// node averages its neighbours, however popular they are. Rows are sorted by column.
    /// - Complexity: O(U + I + nnz).
    static func meanBipartiteAdjacencyPlusIdentity(_ interactions: CSR) -> SparseMatrix {
        let users = interactions.rowCount, items = interactions.columnCount
        let byItem = interactions.transposed()
        let nnz = interactions.nonZeroCount
        var offsets = [Int32](repeating: 0, count: users + items + 1)
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(2 * nnz + users + items)
        values.reserveCapacity(2 * nnz + users + items)
        for u in 0..<users {
            let share = 1 / Float(max(1, interactions.degree(u)))
            indices.append(Int32(u))
            values.append(1)
            for p in interactions.range(u) {
                indices.append(Int32(users) + interactions.targets[p])
                values.append(share)
            }
            offsets[u + 1] = Int32(indices.count)
        }
        for i in 0..<items {
            let share = 1 / Float(max(1, byItem.degree(i)))
            for p in byItem.range(i) {
                indices.append(byItem.targets[p])
                values.append(share)
            }
            indices.append(Int32(users + i))
            values.append(1)
            offsets[users + i + 1] = Int32(indices.count)
        }
        return SparseMatrix(rows: users + items, columns: users + items, offsets: offsets,
                            indices: indices, values: values)
    }
}
