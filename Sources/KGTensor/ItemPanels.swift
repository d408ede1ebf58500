/// Item embeddings packed for batch top-K: the scoring GEMM (users · itemsᵀ) fused with the
/// selection, so the users × items score matrix never exists.
///
/// Items are packed once into panels of 16 (`panel[(p·d + c)·16 + j]` = item 16p + j,
/// coordinate c), the B layout of the 6 × 16 GEMM micro-kernel. For each block of 6 users and
/// each panel, the kernel computes the 6 × 16 score tile in registers, writes it to a stack
/// buffer, masks excluded items, and rejects the whole tile row with one SIMD comparison
/// against the user's current k-th best score before touching the sorted top-k buffer
/// (PERF-NOTES §5). Memory beyond the packed items is O(users · k).
public struct ItemPanels: Sendable {
    /// The number of items.
    public let itemCount: Int
    /// The embedding dimension d.
    public let dimension: Int
    private let packed: [Float]

    /// Packs an items × d embedding table. Costs one pass over the table.
    public init(items: Tensor) {
        itemCount = items.rows
        dimension = items.columns
        let panels = (items.rows + GEMM.panelWidth - 1) / GEMM.panelWidth
        let d = items.columns
        packed = [Float](unsafeUninitializedCapacity: panels * d * GEMM.panelWidth) { buffer, initialized in
            items.withUnsafeBufferPointer { x in
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
    /// - Complexity: 2·b·items·d flops plus O(b·k) memory; user blocks split across `threads`.
    public func topK(users: Tensor, k: Int, excluding exclusions: ExclusionList? = nil, threads: Int = 1) -> TopK {
        precondition(users.columns == dimension, "users have \(users.columns) columns, items \(dimension)")
        precondition(k > 0, "k must be positive, got \(k)")
        if let exclusions {
            precondition(exclusions.rows == users.rows, "exclusions have \(exclusions.rows) rows, users \(users.rows)")
        }
        var result = TopK(k: k, rows: users.rows)
        if users.rows == 0 || itemCount == 0 { return result }
        let d = dimension, n = itemCount
        let blocks = (users.rows + 5) / 6
        let chunks = blocks >= 2 ? Parallel.chunkCount(work: 2 * users.rows * n * d, threshold: Parallel.parallelFlops,
                                                       threads: threads) : 1
        let blockRanges = Parallel.evenRanges(blocks, parts: chunks)
        let noExclusions: [Int32] = [0]
        let offsets = exclusions?.offsets ?? [Int32](repeating: 0, count: users.rows + 1)
        let excluded = exclusions?.items ?? noExclusions
        result.scores.withUnsafeMutableBufferPointer { outScores in
            result.items.withUnsafeMutableBufferPointer { outItems in
                users.withUnsafeBufferPointer { u in
                    packed.withUnsafeBufferPointer { panels in
                        offsets.withUnsafeBufferPointer { offsets in
                            excluded.withUnsafeBufferPointer { excluded in
                                let shared = UnsafeSendable((u.baseAddress!, panels.baseAddress!, offsets.baseAddress!,
                                                             excluded.baseAddress!, outScores.baseAddress!,
                                                             outItems.baseAddress!))
                                let userCount = users.rows
                                Parallel.run(blockRanges.count) { chunk in
                                    let (u, panels, offsets, excluded, outScores, outItems) = shared.value
                                    let range = blockRanges[chunk]
                                    let rows = (range.lowerBound * 6)..<min(userCount, range.upperBound * 6)
                                    FusedTopK.run(users: u, rows: rows, d: d, panels: panels, itemCount: n, k: k,
                                                  offsets: offsets, excluded: excluded,
                                                  outScores: outScores, outItems: outItems)
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
enum FusedTopK {
    // swiftlint:disable:next function_parameter_count
    static func run(users: UnsafePointer<Float>, rows: Range<Int>, d: Int, panels: UnsafePointer<Float>,
                    itemCount: Int, k: Int, offsets: UnsafePointer<Int32>, excluded: UnsafePointer<Int32>,
                    outScores: UnsafeMutablePointer<Float>, outItems: UnsafeMutablePointer<Int32>) {
        let width = GEMM.panelWidth
        let panelCount = (itemCount + width - 1) / width
        let lastValid = itemCount - (panelCount - 1) * width
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: 6 * d)
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: 6 * width)
        defer { padded.deallocate(); tile.deallocate() }
        var cursors = (0, 0, 0, 0, 0, 0), ends = (0, 0, 0, 0, 0, 0)
        var start = rows.lowerBound
        while start < rows.upperBound {
            let height = min(6, rows.upperBound - start)
            var block = users + start * d
            if height < 6 {
                padded.initialize(repeating: 0, count: 6 * d)
                padded.update(from: block, count: height * d)
                block = UnsafePointer(padded)
            }
            var buffers = (0..<height).map {
                TopKBuffer(scores: outScores + (start + $0) * k, items: outItems + (start + $0) * k, k: k)
            }
            withUnsafeMutableBytes(of: &cursors) { cursorBytes in
                withUnsafeMutableBytes(of: &ends) { endBytes in
                    let cursor = cursorBytes.bindMemory(to: Int.self), end = endBytes.bindMemory(to: Int.self)
                    for r in 0..<height {
                        cursor[r] = Int(offsets[start + r])
                        end[r] = Int(offsets[start + r + 1])
                    }
                    for p in 0..<panelCount {
                        GEMM.micro6x16(block, d, 1, panels + p * d * width, width, d, tile, width, false)
                        let base = p * width
                        for r in 0..<height {
                            let t = tile + r * width
                            var c = cursor[r]
                            while c < end[r] && Int(excluded[c]) < base + width {
                                let j = Int(excluded[c]) - base
                                if j >= 0 { t[j] = -.infinity }
                                c += 1
                            }
                            cursor[r] = c
                            if p == panelCount - 1 && lastValid < width {
                                for j in lastValid..<width { t[j] = -.infinity }
                            }
                            let threshold = F8(repeating: buffers[r].threshold)
                            if any(ld8(t) .> threshold) || any(ld8(t + 8) .> threshold) {
                                for j in 0..<width { buffers[r].insert(t[j], Int32(base + j)) }
                            }
                        }
                    }
                }
            }
            start += height
        }
    }
}
