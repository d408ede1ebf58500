import KGGraph
import KGTensor

extension SparseMatrix {
    /// The same matrix as a graph CSR (offsets, targets and weights are copied as they are).
    public init(_ csr: CSR) {
        self.init(rows: csr.rowCount, columns: csr.columnCount, offsets: csr.offsets,
                  indices: csr.targets, values: csr.weights)
    }

    /// The symmetric normalised adjacency of the user–item bipartite graph, D^−1/2 A D^−1/2 with
    /// A = [[0, R], [Rᵀ, 0]] (LightGCN, He et al. SIGIR 2020, eq. 7; NGCF's Laplacian norm).
    ///
    /// Nodes are the users 0..<U followed by the items U..<U+I; entry (u, U+i) and (U+i, u) is
    /// 1/√(|N_u|·|N_i|) for every train interaction (u, i) of `interactions` (U × I). The matrix is
    /// symmetric, so it is its own transpose in backward passes. Rows are sorted by column.
    /// - Complexity: O(U + I + nnz).
    package static func normalizedBipartiteAdjacency(_ interactions: CSR) -> SparseMatrix {
        let users = interactions.rowCount, items = interactions.columnCount
        let byItem = interactions.transposed()
        let nnz = interactions.nonZeroCount
        var offsets = [Int32](repeating: 0, count: users + items + 1)
        var indices = [Int32](repeating: 0, count: 2 * nnz)
        var values = [Float](repeating: 0, count: 2 * nnz)
        var position = 0
        for u in 0..<users {
            let du = Float(interactions.degree(u))
            for p in interactions.range(u) {
                let i = Int(interactions.targets[p])
                indices[position] = Int32(users + i)
                values[position] = 1 / (du * Float(byItem.degree(i))).squareRoot()
                position += 1
            }
            offsets[u + 1] = Int32(position)
        }
        for i in 0..<items {
            let di = Float(byItem.degree(i))
            for p in byItem.range(i) {
                let u = Int(byItem.targets[p])
                indices[position] = Int32(u)
                values[position] = 1 / (Float(interactions.degree(u)) * di).squareRoot()
                position += 1
            }
            offsets[users + i + 1] = Int32(position)
        }
        return SparseMatrix(rows: users + items, columns: users + items, offsets: offsets,
                            indices: indices, values: values)
    }
}
