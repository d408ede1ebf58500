/// Item embeddings packed for batch top-K: the scoring GEMM (users · itemsᵀ) fused with the
/// selection, so the users × items score matrix never exists.
///
/// Items are packed once into panels of 16 in order of decreasing norm
/// (`panel[(p·d + c)·16 + j]` = coordinate c of the item at position 16p + j), the B layout of
/// the 6 × 16 GEMM micro-kernel. For each block of 6 users and each panel, the kernel computes
/// the 6 × 16 score tile in registers, writes it to a stack buffer, masks excluded items, and
/// rejects a whole tile row with one SIMD comparison against the user's current k-th best score
/// before touching the sorted top-k buffer (docs/performance.md §5).
///
/// Because panels come in order of decreasing item norm, ⟨u, i⟩ ≤ ‖u‖·‖i‖ bounds every score
/// left to compute: once that bound falls below the k-th best score of all 6 users of a block,
/// the remaining panels cannot change their top k and are skipped. The result is exact and
/// identical to scoring everything. Memory beyond the packed items is O(users · k).
package struct ItemPanels: Sendable {
    /// The number of items.
    package let itemCount: Int
    /// The embedding dimension d.
    package let dimension: Int
    private let packed: [Float]
    /// The item at each packed position.
    private let order: [Int32]
    /// The packed position of each item.
    private let position: [Int32]
    /// An upper bound of the norms of each panel's items (its first item's, slightly inflated
    /// to cover rounding in the computed scores).
    private let panelBound: [Float]

    /// Packs an items × d embedding table. Costs one pass over the table and a sort by norm.
    package init(items: Tensor) {
        itemCount = items.rows
        dimension = items.columns
        let width = GEMM.panelWidth
        let panels = (items.rows + width - 1) / width
        let d = items.columns
        let norms = items.rowDot(items).storage.map { $0.squareRoot() }
        let order = (0..<Int32(items.rows)).sorted { a, b in
            norms[Int(a)] > norms[Int(b)] || (norms[Int(a)] == norms[Int(b)] && a < b)
        }
        var position = [Int32](repeating: 0, count: items.rows)
        for (p, item) in order.enumerated() { position[Int(item)] = Int32(p) }
        self.order = order
        self.position = position
        // Scores are sums of d rounded products: |computed − exact| ≤ d·2⁻²⁴·‖u‖‖i‖ (Cauchy–Schwarz
        // on |u|, |i|); 1e-3 relative covers that for any d below 16,000.
        panelBound = (0..<panels).map { norms[Int(order[$0 * width])] * (1 + 1e-3) }
        let sorted = items.gatherRows(order)
        packed = [Float](unsafeUninitializedCapacity: panels * d * width) { buffer, initialized in
            sorted.withUnsafeBufferPointer { x in
                if let source = x.baseAddress, let target = buffer.baseAddress {
                    GEMM.packB(k: d, n: items.rows, b: source, rowStride: 1, columnStride: d, into: target)
                }
            }
            initialized = buffer.count
        }
    }

    /// The top `k` items of each user by dot product ⟨user, item⟩, skipping each user's exclusions.
    ///
    /// Shapes: users (b × d) against the packed (items × d); result b × k.
    /// Equal to `users.matmul(items, transposeOther: true).topK(k, excluding:)`, including ties.
    /// - Complexity: at most 2·b·items·d flops (fewer when the norm bound prunes) plus O(b·k)
    ///   memory; user blocks split across `threads`.
    package func topK(users: Tensor, k: Int, excluding exclusions: ExclusionList? = nil, threads: Int = 1) -> TopK {
        precondition(users.columns == dimension, "users have \(users.columns) columns, items \(dimension)")
        precondition(k > 0, "k must be positive, got \(k)")
        if let exclusions {
            precondition(exclusions.rows == users.rows, "exclusions have \(exclusions.rows) rows, users \(users.rows)")
        }
        var result = TopK(k: k, rows: users.rows)
        if users.rows == 0 || itemCount == 0 { return result }
        let blocks = (users.rows + 5) / 6
        let chunks = blocks >= 2 ? Parallel.chunkCount(work: 2 * users.rows * itemCount * dimension,
                                                       threshold: Parallel.parallelFlops, threads: threads) : 1
        let blockRanges = Parallel.evenRanges(blocks, parts: chunks)
        let userNorms = users.rowDot(users).storage.map { $0.squareRoot() }
        // Each user's exclusions as packed positions, ascending.
        var excludedOffsets: [Int32] = [0], excludedPositions: [Int32] = []
        for r in 0..<users.rows {
            if let exclusions {
                let row = exclusions.items[Int(exclusions.offsets[r])..<Int(exclusions.offsets[r + 1])]
                excludedPositions += row.map { position[Int($0)] }.sorted()
            }
            excludedOffsets.append(Int32(excludedPositions.count))
        }
        excludedPositions.append(0)
        let kernel = FusedTopK(d: dimension, itemCount: itemCount, k: k)
        result.scores.withUnsafeMutableBufferPointer { outScores in
            result.items.withUnsafeMutableBufferPointer { outItems in
                users.withUnsafeBufferPointer { u in
                    packed.withUnsafeBufferPointer { panels in
                        order.withUnsafeBufferPointer { order in
                            panelBound.withUnsafeBufferPointer { bounds in
                                userNorms.withUnsafeBufferPointer { norms in
                                    excludedOffsets.withUnsafeBufferPointer { offsets in
                                        excludedPositions.withUnsafeBufferPointer { excluded in
                                            let operands = FusedTopK.Operands(
                                                users: u.baseAddress!, userNorms: norms.baseAddress!,
                                                panels: panels.baseAddress!, order: order.baseAddress!,
                                                bounds: bounds.baseAddress!, offsets: offsets.baseAddress!,
                                                excluded: excluded.baseAddress!, outScores: outScores.baseAddress!,
                                                outItems: outItems.baseAddress!)
                                            let userCount = users.rows
                                            Parallel.run(blockRanges.count) { chunk in
                                                let range = blockRanges[chunk]
                                                kernel.run(operands, rows: (range.lowerBound * 6)..<min(userCount, range.upperBound * 6))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

/// The fused score-and-select kernel over one range of users.
struct FusedTopK: Sendable {
    let d: Int
    let itemCount: Int
    let k: Int

    /// Pointers into buffers that outlive the call; each chunk writes its own users' rows.
    struct Operands: @unchecked Sendable {
        let users: UnsafePointer<Float>
        let userNorms: UnsafePointer<Float>
        let panels: UnsafePointer<Float>
        let order: UnsafePointer<Int32>
        let bounds: UnsafePointer<Float>
        let offsets: UnsafePointer<Int32>
        let excluded: UnsafePointer<Int32>
        let outScores: UnsafeMutablePointer<Float>
        let outItems: UnsafeMutablePointer<Int32>
    }

    func run(_ o: Operands, rows: Range<Int>) {
        let width = GEMM.panelWidth
        let panelCount = (itemCount + width - 1) / width
        let lastValid = itemCount - (panelCount - 1) * width
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: 6 * d)
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: 6 * width)
        let cursor = UnsafeMutablePointer<Int>.allocate(capacity: 6)
        let end = UnsafeMutablePointer<Int>.allocate(capacity: 6)
        let norm = UnsafeMutablePointer<Float>.allocate(capacity: 6)
        let buffers = UnsafeMutablePointer<TopKBuffer>.allocate(capacity: 6)
        defer {
            padded.deallocate(); tile.deallocate(); cursor.deallocate(); end.deallocate(); norm.deallocate()
            buffers.deallocate()
        }
        var start = rows.lowerBound
        while start < rows.upperBound {
            let height = min(6, rows.upperBound - start)
            var block = o.users + start * d
            if height < 6 {
                padded.initialize(repeating: 0, count: 6 * d)
                padded.update(from: block, count: height * d)
                block = UnsafePointer(padded)
            }
            for r in 0..<height {
                buffers[r] = TopKBuffer(scores: o.outScores + (start + r) * k, items: o.outItems + (start + r) * k, k: k)
                cursor[r] = Int(o.offsets[start + r])
                end[r] = Int(o.offsets[start + r + 1])
                norm[r] = o.userNorms[start + r]
            }
            for p in 0..<panelCount {
                // Every score left is at most ‖u‖ · bound[p]: stop when no user can improve.
                var anyCanImprove = false
                for r in 0..<height where !(norm[r] * o.bounds[p] < buffers[r].threshold) { anyCanImprove = true }
                if !anyCanImprove { break }
                GEMM.micro6x16(block, d, 1, o.panels + p * d * width, width, d, tile, width, false)
                let base = p * width
                for r in 0..<height {
                    let t = tile + r * width
                    var c = cursor[r]
                    while c < end[r] && Int(o.excluded[c]) < base + width {
                        t[Int(o.excluded[c]) - base] = -.infinity
                        c += 1
                    }
                    cursor[r] = c
                    if p == panelCount - 1 && lastValid < width {
                        for j in lastValid..<width { t[j] = -.infinity }
                    }
                    let threshold = F8(repeating: buffers[r].threshold)
                    if any(ld8(t) .>= threshold) || any(ld8(t + 8) .>= threshold) {
                        for j in 0..<min(width, itemCount - base) { buffers[r].insert(t[j], o.order[base + j]) }
                    }
                }
            }
            start += height
        }
    }
}
