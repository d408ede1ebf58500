/// The `k` best-scoring items of each query row, best first.
///
/// Ties keep the lower item index first, so results are deterministic. A row with fewer than `k`
/// eligible items is padded with item −1 and score −∞.
public struct TopK: Sendable, Equatable {
    /// Items kept per row.
    public let k: Int
    /// The number of query rows.
    public let rows: Int
    /// rows × k item indices, row-major.
    public internal(set) var items: [Int32]
    /// rows × k scores, row-major, non-increasing within a row.
    public internal(set) var scores: [Float]

    init(k: Int, rows: Int) {
        self.k = k
        self.rows = rows
        items = [Int32](repeating: -1, count: k * rows)
        scores = [Float](repeating: -.infinity, count: k * rows)
    }

    /// A result from its row-major arrays (concatenating per-block results).
    public init(k: Int, rows: Int, items: [Int32], scores: [Float]) {
        precondition(items.count == k * rows && scores.count == k * rows,
                     "top-\(k) of \(rows) rows needs \(k * rows) entries, got \(items.count) items and \(scores.count) scores")
        self.k = k
        self.rows = rows
        self.items = items
        self.scores = scores
    }

    /// The items of row `r`, best first (padding −1 included).
    public func items(ofRow r: Int) -> ArraySlice<Int32> { items[(r * k)..<((r + 1) * k)] }
    /// The scores of row `r`, best first.
    public func scores(ofRow r: Int) -> ArraySlice<Float> { scores[(r * k)..<((r + 1) * k)] }
}

/// For each query row, the items it must never return (a user's train items in evaluation),
/// sorted ascending: row r excludes `items[offsets[r]..<offsets[r+1]]`.
public struct ExclusionList: Sendable, Equatable {
    package let offsets: [Int32]
    public let items: [Int32]

    /// The number of rows.
    public var rows: Int { offsets.count - 1 }

    /// From CSR arrays whose rows are sorted ascending (checked).
    public init(offsets: [Int32], items: [Int32]) {
        precondition(!offsets.isEmpty && offsets[0] == 0 && Int(offsets[offsets.count - 1]) == items.count,
                     "exclusion offsets must run from 0 to \(items.count)")
        for r in 0..<(offsets.count - 1) {
            precondition(offsets[r] <= offsets[r + 1], "exclusion offsets decrease at row \(r)")
            for p in (Int(offsets[r]) + 1)..<max(Int(offsets[r]) + 1, Int(offsets[r + 1])) {
                precondition(items[p - 1] < items[p], "exclusions of row \(r) are not strictly ascending")
            }
        }
        self.offsets = offsets
        self.items = items
    }

    /// From one list per row, in any order (sorted and de-duplicated here).
    public init(rows: [[Int32]]) {
        var offsets: [Int32] = [0], items: [Int32] = []
        for row in rows {
            var previous: Int32 = -1
            for item in row.sorted() where item != previous {
                items.append(item)
                previous = item
            }
            offsets.append(Int32(items.count))
        }
        self.init(offsets: offsets, items: items)
    }
}

/// A per-row sorted buffer of the best k (score, item) pairs seen so far: higher scores first,
/// and among equal scores the lower item first, whatever order the items arrive in.
struct TopKBuffer {
    let scores: UnsafeMutablePointer<Float>
    let items: UnsafeMutablePointer<Int32>
    let k: Int
    var count = 0

    /// The score an item must reach to be considered (−∞ until the buffer is full).
    @inline(__always)
    var threshold: Float { count < k ? -.infinity : scores[k - 1] }

    @inline(__always)
    private func precedes(_ score: Float, _ item: Int32, _ slot: Int) -> Bool {
        score > scores[slot] || (score == scores[slot] && item < items[slot])
    }

    /// Inserts (score, item) if it ranks among the best k. −∞ and NaN never enter.
    @inline(__always)
    mutating func insert(_ score: Float, _ item: Int32) {
        guard score > -.infinity else { return }
        if count == k && !precedes(score, item, k - 1) { return }
        var j = count < k ? count : k - 1
        while j > 0 && precedes(score, item, j - 1) {
            scores[j] = scores[j - 1]
            items[j] = items[j - 1]
            j -= 1
        }
        scores[j] = score
        items[j] = item
        if count < k { count += 1 }
    }
}

extension Tensor {
    /// The top `k` columns of each row of a score matrix, skipping each row's exclusions.
    ///
    /// The reference for `ItemPanels.topK` and the path for models whose scores are not dot
    /// products. Scores that are NaN or −∞ are never returned.
    package func topK(_ k: Int, excluding exclusions: ExclusionList? = nil) -> TopK {
        precondition(k > 0, "k must be positive, got \(k)")
        if let exclusions { precondition(exclusions.rows == rows, "exclusions have \(exclusions.rows) rows, scores \(rows)") }
        var result = TopK(k: k, rows: rows)
        let n = columns
        result.scores.withUnsafeMutableBufferPointer { outScores in
            result.items.withUnsafeMutableBufferPointer { outItems in
                withUnsafeBufferPointer { x in
                    for r in 0..<rows {
                        var buffer = TopKBuffer(scores: outScores.baseAddress! + r * k,
                                                items: outItems.baseAddress! + r * k, k: k)
                        var cursor = exclusions.map { Int($0.offsets[r]) } ?? 0
                        let end = exclusions.map { Int($0.offsets[r + 1]) } ?? 0
                        for c in 0..<n {
                            if cursor < end, let exclusions, Int(exclusions.items[cursor]) == c {
                                cursor += 1
                                continue
                            }
                            buffer.insert(x[r * n + c], Int32(c))
                        }
                    }
                }
            }
        }
        return result
    }
}

extension Tensor {
    /// `transposed().topK(k, excluding:)` without the transpose: the top `k` rows of each column
    /// of an items × queries score matrix, skipping each column's exclusions, with the same ties
    /// and padding. Rows are read in order, so memory is streamed; columns are split across
    /// `threads`.
    package func columnTopK(_ k: Int, excluding exclusions: ExclusionList? = nil, threads: Int = 1) -> TopK {
        precondition(k > 0, "k must be positive, got \(k)")
        if let exclusions { precondition(exclusions.rows == columns, "exclusions have \(exclusions.rows) rows, scores \(columns) columns") }
        var result = TopK(k: k, rows: columns)
        let n = columns, m = rows
        let chunks = Parallel.chunkCount(work: m * n, threshold: Parallel.parallelElements, threads: threads)
        let ranges = Parallel.evenRanges(n, parts: chunks)
        result.scores.withUnsafeMutableBufferPointer { outScores in
            result.items.withUnsafeMutableBufferPointer { outItems in
                withUnsafeBufferPointer { x in
                    let shared = UnsafeSendable((x.baseAddress!, outScores.baseAddress!, outItems.baseAddress!))
                    Parallel.run(ranges.count) { chunk in
                        let (x, scores, items) = shared.value
                        let columns = ranges[chunk]
                        var buffers = columns.map { TopKBuffer(scores: scores + $0 * k, items: items + $0 * k, k: k) }
                        var cursors = columns.map { c in exclusions.map { Int($0.offsets[c]) } ?? 0 }
                        let ends = columns.map { c in exclusions.map { Int($0.offsets[c + 1]) } ?? 0 }
                        for r in 0..<m {
                            let row = x + r * n
                            for (slot, c) in columns.enumerated() {
                                if cursors[slot] < ends[slot], let exclusions, Int(exclusions.items[cursors[slot]]) == r {
                                    cursors[slot] += 1
                                    continue
                                }
                                let score = row[c]
                                if score > buffers[slot].threshold || buffers[slot].count < k {
                                    buffers[slot].insert(score, Int32(r))
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
