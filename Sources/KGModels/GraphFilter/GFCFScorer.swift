import KGTensor

/// GF-CF's scores for blocks of users, from the fitted basis (see `GFCF`).
///
/// For a block of B users with binary rows R_B: Tᵀ = R̃ R_Bᵀ (rows of R̃ × B: users, then
/// attributes when β > 0) is gathered from the
/// columns of R̃ their items name, the linear part R̃ᵀ Tᵀ is one SpMM (items × B), the low-pass
/// part adds (D_I^½ V)(α R_B D_I^-½ V)ᵀ with one GEMM, and the top k are selected down the
/// columns. Memory is a few items × B blocks; nothing of size items × items exists.
struct GFCFScorer: ItemScorer {
    private let model: GFCF
    private let threads: Int
    /// D_I^-½ V · α and D_I^½ V, items × rank (empty when α = 0 or the basis is empty).
    private let userSide: Tensor
    private let itemSide: Tensor

    /// The scorer of `model` with its fitted α, or with `weight` in its place.
    init(_ model: GFCF, weight: Float? = nil, threads: Int) {
        self.model = model
        self.threads = threads
        let basis = model.basis.value
        let alpha = weight ?? model.lowPassWeight
        let rank = alpha == 0 ? 0 : basis.columns
        var userSide = Tensor(rows: basis.rows, columns: rank), itemSide = Tensor(rows: basis.rows, columns: rank)
        if rank > 0 {
            basis.withUnsafeBufferPointer { v in
                userSide.withUnsafeMutableBufferPointer { u in
                    itemSide.withUnsafeMutableBufferPointer { w in
                        for i in 0..<basis.rows {
                            let scale = model.itemScale[i]
                            let inverse = scale > 0 ? 1 / scale : 0
                            for j in 0..<rank {
                                u[i * rank + j] = alpha * scale * v[i * rank + j]
                                w[i * rank + j] = inverse * v[i * rank + j]
                            }
                        }
                    }
                }
            }
        }
        self.userSide = userSide
        self.itemSide = itemSide
    }

    var itemCount: Int { model.itemCount }

    func scoresOfAllItems(users: [Int32]) -> Tensor {
        scoresByColumn(users).transposed(threads: threads)
    }

    func topK(users: [Int32], k: Int, excluding exclusions: ExclusionList?) -> TopK {
        topKByBlocks(users: users, k: k, excluding: exclusions, blockSize: 512) { block, excluded in
            scoresByColumn(block).columnTopK(k, excluding: excluded, threads: threads)
        }
    }

    /// The scores of `users` as columns: items × users.count.
    private func scoresByColumn(_ users: [Int32]) -> Tensor {
        let rows = model.interactions.selectingRows(users)
        let byItem = model.normalizedTransposed
        // Tᵀ = R̃ R_Bᵀ (users × B): column b adds the columns of R̃ (rows of R̃ᵀ) of b's items.
        let width = rows.rows
        let gathered = Tensor(rows: model.normalized.rows, columns: width) { out in
            out.update(repeating: 0)
            rows.offsets.withUnsafeBufferPointer { blockOffsets in
                rows.indices.withUnsafeBufferPointer { blockItems in
                    byItem.offsets.withUnsafeBufferPointer { offsets in
                        byItem.indices.withUnsafeBufferPointer { indices in
                            byItem.values.withUnsafeBufferPointer { values in
                                for b in 0..<width {
                                    for p in Int(blockOffsets[b])..<Int(blockOffsets[b + 1]) {
                                        let item = Int(blockItems[p])
                                        for q in Int(offsets[item])..<Int(offsets[item + 1]) {
                                            out[Int(indices[q]) &* width &+ b] += values[q]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // The linear part R̃ᵀ Tᵀ, then the low-pass part (D_I^½ V)(α R_B D_I^-½ V)ᵀ added in place.
        var scores = byItem.multiply(gathered, threads: threads)
        if userSide.columns > 0 {
            let reduced = rows.multiply(userSide, threads: threads)
            Tensor.gemm(itemSide, transposeA: false, reduced, transposeB: true, into: &scores, accumulate: true,
                        threads: threads)
        }
        return scores
    }
}
