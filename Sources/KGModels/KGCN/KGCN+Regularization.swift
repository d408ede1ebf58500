import KGAutodiff
import KGTensor

extension KGCN {
    /// √(Σ_i ‖table[rows[i]]‖²): the L2 norm of the listed rows of a table (repeats counted), as a
    /// 1 × 1 variable, in one pass over the table.
    ///
    /// `batchScores` hands the trainer these norms as the `regularized` representations: the
    /// trainer's penalty λ · ½ Σ‖r‖² / n of a norm is λ · ½ (Σ_i ‖row_i‖²) / n, exactly the
    /// penalty of the gathered rows themselves, with the same gradient (λ / n) · row_i for each
    /// occurrence. Computing it on the table avoids copying the batch's receptive field (up to
    /// n · (1 + K) rows) for the penalty and its gradient, which made the penalty a sixth of a
    /// training step at d = 64. Sums accumulate in Double in row order, so the value does not
    /// depend on the thread count.
    ///
    /// Backward: d table[rows[i]] += g · table[rows[i]] / norm (nothing when the norm is 0).
    static func rowNorm(_ table: Variable, rows: [Int32]) -> Variable {
        let t = table.value, d = t.columns, rowCount = t.rows
        var total = 0.0
        t.withUnsafeBufferPointer { x in
            guard let x = x.baseAddress else { return }
            for row in rows {
                precondition(row >= 0 && Int(row) < rowCount, "row \(row) outside 0..<\(rowCount)")
                let r = x + Int(row) * d
                total += Double(KGCNKernels.dot(r, r, d))
            }
        }
        let norm = Float(total.squareRoot())
        return table.tape.record(Tensor(scalar: norm), inputs: [table], accumulating: { g, _, gradient in
            if gradient == nil { gradient = Tensor(rows: rowCount, columns: d) }
            guard norm > 0 else { return }
            let scale = g.scalar / norm
            gradient!.withUnsafeMutableBufferPointer { out in
                t.withUnsafeBufferPointer { x in
                    guard let o = out.baseAddress, let x = x.baseAddress else { return }
                    for row in rows { KGCNKernels.axpy(o + Int(row) * d, scale, x + Int(row) * d, d) }
                }
            }
        })
    }
}
