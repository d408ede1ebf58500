import KGAutodiff
import KGTensor

extension PinSage {
    /// The batch's (positive, negative) score pairs for the max-margin loss.
    ///
    /// For each triple (u, i, ·) the user is the importance-weighted mean of u's train items
    /// other than i, u₋ᵢ = Σ_{i' ≠ i} β_ui' y_i' / (1 − β_ui), so that a positive is never scored
    /// against a representation that contains it. Its score ⟨u₋ᵢ, y_i⟩ is paired with:
    /// - every shared negative: the batch's first `sharedNegatives` sampled negatives, scored
    ///   against every user of the batch in one product (pairs whose negative is a train item of
    ///   the user are left out);
    /// - h hard negatives drawn uniformly from u's `hardNegativeCandidates`, where
    ///   h = min(hardNegatives, (epoch − 1) / hardNegativeInterval): none in the first epochs,
    ///   one more every `hardNegativeInterval` epochs (PinSage's curriculum).
    /// `positive` repeats each triple's score once per pair, so the loss averages over pairs.
    /// The L2 penalty applies to the batch's user, positive and negative representations. Each
    /// step masks a random `idDropout` share of the id embeddings (`itemRepresentations`).
    public func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores {
        let n = batch.count
        let items = itemRepresentations(on: tape, training: true)
        let users = SparseOperand(scatteringTransposeOf: leaveOneOutUsers(batch)) * items
        let positive = users.rowDot(items.gatherRows(batch.positiveItems))

        let shared = Array(batch.negativeItems.prefix(config.sharedNegatives))
        let sharedScores = users.matmul(items.gatherRows(shared), transposeOther: true)
        var pairRows: [Int32] = [], pairElements: [Int32] = []
        pairRows.reserveCapacity(n * shared.count)
        pairElements.reserveCapacity(n * shared.count)
        for t in 0..<n {
            let user = Int(batch.users[t])
            for (c, item) in shared.enumerated() where !interactions.contains(row: user, column: item) {
                pairRows.append(Int32(t))
                pairElements.append(Int32(t * shared.count + c))
            }
        }
        var negatives = [sharedScores.elements(at: pairElements)]

        let hardCount = min(config.hardNegatives, (max(1, batch.epoch) - 1) / config.hardNegativeInterval)
        if hardCount > 0 {
            var hardRows: [Int32] = [], hardItems: [Int32] = []
            for t in 0..<n {
                let candidates = hardNegativeCandidates.range(Int(batch.users[t]))
                guard !candidates.isEmpty else { continue }
                for _ in 0..<hardCount {
                    hardRows.append(Int32(t))
                    hardItems.append(hardNegativeCandidates.targets[candidates.lowerBound + rng.next(below: candidates.count)])
                }
            }
            if !hardRows.isEmpty {
                negatives.append(users.gatherRows(hardRows).rowDot(items.gatherRows(hardItems)))
                pairRows += hardRows
            }
        }
        return BatchScores(positive: positive.gatherRows(pairRows), negative: Variable.concatRows(negatives),
                           regularized: [users, items.gatherRows(batch.positiveItems + batch.negativeItems)])
    }

    /// Row t: β of the t-th triple's user over its train items without the positive, scaled to
    /// sum to 1 again (an empty row when the positive is the user's only item).
    func leaveOneOutUsers(_ batch: TrainingBatch) -> SparseMatrix {
        var offsets: [Int32] = [0], indices: [Int32] = [], values: [Float] = []
        for t in 0..<batch.count {
            let range = Int(userWeights.offsets[Int(batch.users[t])])..<Int(userWeights.offsets[Int(batch.users[t]) + 1])
            var held: Float = 0
            for p in range where userWeights.indices[p] == batch.positiveItems[t] { held += userWeights.values[p] }
            if held < 1 {
                let scale = 1 / (1 - held)
                for p in range where userWeights.indices[p] != batch.positiveItems[t] {
                    indices.append(userWeights.indices[p])
                    values.append(userWeights.values[p] * scale)
                }
            }
            offsets.append(Int32(indices.count))
        }
        return SparseMatrix(rows: batch.count, columns: itemCount, offsets: offsets, indices: indices, values: values)
    }
}

extension Variable {
    /// Elements of the row-major flattening at `indices`, as a column (indices.count × 1);
    /// backward scatters the gradient back to those elements.
    func elements(at indices: [Int32]) -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        let gathered = value.withUnsafeBufferPointer { x in indices.map { x[Int($0)] } }
        return tape.record(Tensor(column: gathered), inputs: [self]) { g, _ in
            var gradient = [Float](repeating: 0, count: rows * columns)
            g.withUnsafeBufferPointer { g in
                for (k, index) in indices.enumerated() { gradient[Int(index)] += g[k] }
            }
            return Tensor(rows: rows, columns: columns, storage: gradient)
        }
    }
}
