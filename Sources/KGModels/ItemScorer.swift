import KGTensor

/// Scores all items for batches of users, from representations prepared once.
public protocol ItemScorer {
    /// The number of items.
    var itemCount: Int { get }
    /// users.count × itemCount scores.
    func scoresOfAllItems(users: [Int32]) -> Tensor
    /// The k best items per user, skipping each user's exclusions (rows of `exclusions` follow
    /// `users`). Bounded memory: implementations never hold more than one user batch's scores.
    func topK(users: [Int32], k: Int, excluding exclusions: ExclusionList?) -> TopK
}

extension ItemScorer {
    /// The generic path for models whose scores are not dot products: score blocks of users and
    /// select. Memory is one block's scores (`blockSize` users × items).
    package func topK(users: [Int32], k: Int, excluding exclusions: ExclusionList?) -> TopK {
        topKByBlocks(users: users, k: k, excluding: exclusions, blockSize: 256) { block, excluded in
            scoresOfAllItems(users: block).topK(k, excluding: excluded)
        }
    }

    /// The top k of `users` in blocks of `blockSize`, each selected by `select` from the block's
    /// users and their exclusions.
    func topKByBlocks(users: [Int32], k: Int, excluding exclusions: ExclusionList?, blockSize: Int,
                      select: ([Int32], ExclusionList?) -> TopK) -> TopK {
        var items: [Int32] = [], scores: [Float] = []
        items.reserveCapacity(users.count * k)
        scores.reserveCapacity(users.count * k)
        var start = 0
        while start < users.count {
            let end = min(users.count, start + blockSize)
            let block = exclusions.map { list in
                ExclusionList(offsets: list.offsets[start...end].map { $0 - list.offsets[start] },
                              items: Array(list.items[Int(list.offsets[start])..<Int(list.offsets[end])]))
            }
            let result = select(Array(users[start..<end]), block)
            items += result.items
            scores += result.scores
            start = end
        }
        return TopK(k: k, rows: users.count, items: items, scores: scores)
    }
}

/// Scores as dot products of final user and item representations (MF, LightGCN, NGCF):
/// ŷ_ui = ⟨e_u, e_i⟩. Top-K runs on the fused GEMM + selection kernel (`ItemPanels`).
package struct DotProductScorer: ItemScorer {
    package let users: Tensor
    package let items: Tensor
    package let threads: Int
    private let panels: ItemPanels

    /// `users` (U × d) and `items` (I × d); packs the items once.
    package init(users: Tensor, items: Tensor, threads: Int) {
        precondition(users.columns == items.columns, "user dimension \(users.columns) != item dimension \(items.columns)")
        self.users = users
        self.items = items
        self.threads = threads
        panels = ItemPanels(items: items)
    }

    package var itemCount: Int { items.rows }

    package func scoresOfAllItems(users indices: [Int32]) -> Tensor {
        users.gatherRows(indices).matmul(items, transposeOther: true, threads: threads)
    }

    package func topK(users indices: [Int32], k: Int, excluding exclusions: ExclusionList?) -> TopK {
        panels.topK(users: users.gatherRows(indices), k: k, excluding: exclusions, threads: threads)
    }

    /// ⟨e_u, e_i⟩ for each pair.
    package func scores(users userIndices: [Int32], items itemIndices: [Int32]) -> [Float] {
        users.gatherRows(userIndices).rowDot(items.gatherRows(itemIndices)).storage
    }
}
