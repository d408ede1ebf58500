/// A sparse matrix in compressed sparse rows with `Int32` indices: the operand of CSR × dense.
///
/// Row `r` holds the columns `indices[offsets[r]..<offsets[r+1]]` with the matching `values`.
/// The layout is the same as KGGraph's `CSR` (offsets, targets, weights), so converting one into
/// the other copies three arrays and nothing else; KGTensor and KGGraph sit in the same layer and
/// do not import each other, KGModels does the conversion.
public struct SparseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows + 1` offsets into `indices` and `values`, non-decreasing, starting at 0.
    package let offsets: [Int32]
    /// Column of each stored entry, in `0..<columns`.
    package let indices: [Int32]
    /// Value of each stored entry.
    public let values: [Float]

    /// The number of stored entries.
    package var nonZeroCount: Int { indices.count }

    /// A matrix from its three CSR arrays; checks the structure (a programmer error if broken).
    public init(rows: Int, columns: Int, offsets: [Int32], indices: [Int32], values: [Float]) {
        precondition(offsets.count == rows + 1, "offsets has \(offsets.count) entries, rows \(rows) needs \(rows + 1)")
        precondition(indices.count == values.count, "indices \(indices.count) and values \(values.count) differ")
        precondition(offsets.first == 0 && Int(offsets[rows]) == indices.count,
                     "offsets must run from 0 to nnz \(indices.count), got \(offsets.first ?? -1)…\(offsets[rows])")
        #if DEBUG
        for r in 0..<rows {
            precondition(offsets[r] <= offsets[r + 1], "offsets decrease at row \(r)")
        }
        for c in indices { precondition(c >= 0 && Int(c) < columns, "column \(c) outside 0..<\(columns)") }
        #endif
        self.rows = rows
        self.columns = columns
        self.offsets = offsets
        self.indices = indices
        self.values = values
    }

    /// A matrix from coordinate entries (any order; duplicates are kept and so add up in products).
    /// Within a row, entries are ordered by column, then by input order.
    public init(rows: Int, columns: Int, entries: [(row: Int32, column: Int32, value: Float)]) {
        var counts = [Int32](repeating: 0, count: rows + 1)
        for e in entries {
            precondition(e.row >= 0 && Int(e.row) < rows, "row \(e.row) outside 0..<\(rows)")
            counts[Int(e.row) + 1] += 1
        }
        for r in 0..<rows { counts[r + 1] += counts[r] }
        let sorted = entries.enumerated().sorted {
            ($0.element.row, $0.element.column, $0.offset) < ($1.element.row, $1.element.column, $1.offset)
        }
        self.init(rows: rows, columns: columns, offsets: counts,
                  indices: sorted.map(\.element.column), values: sorted.map(\.element.value))
    }

    /// The transpose (columns × rows), by a counting sort: O(rows + columns + nnz).
    /// Entries of each output row are in increasing column order.
    package func transposed() -> SparseMatrix {
        var counts = [Int32](repeating: 0, count: columns + 1)
        for c in indices { counts[Int(c) + 1] &+= 1 }
        for c in 0..<columns { counts[c + 1] &+= counts[c] }
        var cursor = counts
        var outIndices = [Int32](repeating: 0, count: nonZeroCount)
        var outValues = [Float](repeating: 0, count: nonZeroCount)
        for r in 0..<rows {
            for p in Int(offsets[r])..<Int(offsets[r + 1]) {
                let c = Int(indices[p])
                let slot = Int(cursor[c])
                cursor[c] &+= 1
                outIndices[slot] = Int32(r)
                outValues[slot] = values[p]
            }
        }
        return SparseMatrix(rows: columns, columns: rows, offsets: counts, indices: outIndices, values: outValues)
    }

    /// The rows `indices` of this matrix, in that order (indices may repeat): an
    /// indices.count × columns matrix. The forward pass of a GNN's last layer needs only the rows
    /// of the nodes in the batch.
    /// - Complexity: O(indices.count + nnz of the selected rows).
    package func selectingRows(_ indices: [Int32]) -> SparseMatrix {
        var newOffsets = [Int32](repeating: 0, count: indices.count + 1)
        var total = 0
        for (i, r) in indices.enumerated() {
            precondition(r >= 0 && Int(r) < rows, "row \(r) outside 0..<\(rows)")
            total += degree(Int(r))
            newOffsets[i + 1] = Int32(total)
        }
        var newIndices = [Int32](repeating: 0, count: total)
        var newValues = [Float](repeating: 0, count: total)
        var position = 0
        for r in indices {
            let lower = Int(offsets[Int(r)]), upper = Int(offsets[Int(r) + 1])
            for p in lower..<upper {
                newIndices[position] = self.indices[p]
                newValues[position] = values[p]
                position += 1
            }
        }
        return SparseMatrix(rows: indices.count, columns: columns, offsets: newOffsets, indices: newIndices,
                            values: newValues)
    }

    /// The dense equivalent (the reference the sparse kernels are tested against).
    package func dense() -> Tensor {
        var result = Tensor(rows: rows, columns: columns)
        for r in 0..<rows {
            for p in Int(offsets[r])..<Int(offsets[r + 1]) { result[r, Int(indices[p])] += values[p] }
        }
        return result
    }

    /// The number of entries in row `r`.
    public func degree(_ r: Int) -> Int { Int(offsets[r + 1] - offsets[r]) }
}
