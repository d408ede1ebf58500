#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A partition of a tensor's rows into consecutive groups: segment s is rows
/// `offsets[s]..<offsets[s+1]`.
///
/// CSR offsets are segments (the neighbours of each node), and so are fixed-size groups such as
/// KGCN's sampled neighbours of each entity, stored flattened as (entities · k) × d.
package struct Segments: Sendable, Equatable {
    /// `count + 1` non-decreasing row offsets, from 0 to `rowCount`.
    package let offsets: [Int32]

    /// Segments from CSR-style offsets.
    package init(offsets: [Int32]) {
        precondition(!offsets.isEmpty && offsets[0] == 0, "segment offsets must start at 0, got \(offsets.prefix(1))")
        for s in 1..<offsets.count {
            precondition(offsets[s - 1] <= offsets[s], "segment offsets decrease at \(s): \(offsets[s - 1]) > \(offsets[s])")
        }
        self.offsets = offsets
    }

    /// `count` consecutive groups of `size` rows each.
    package init(count: Int, size: Int) {
        precondition(count >= 0 && size >= 0, "negative segment shape \(count)×\(size)")
        offsets = (0...count).map { Int32($0 * size) }
    }

    /// The number of segments.
    package var count: Int { offsets.count - 1 }
    /// The number of rows the segments cover.
    package var rowCount: Int { Int(offsets[offsets.count - 1]) }
    /// The rows of segment `s`.
    package func range(_ s: Int) -> Range<Int> { Int(offsets[s])..<Int(offsets[s + 1]) }
}

extension Tensor {
    private func checkSegments(_ segments: Segments) {
        precondition(segments.rowCount == rows, "segments cover \(segments.rowCount) rows, tensor has \(rows)")
    }

    /// Per-segment sums: result (segments × columns), row s = Σ of the rows in segment s.
    package func segmentSum(_ segments: Segments) -> Tensor {
        checkSegments(segments)
        let d = columns
        var result = Tensor(rows: segments.count, columns: d)
        result.withUnsafeMutableBufferPointer { out in
            withUnsafeBufferPointer { x in
                guard let o = out.baseAddress, let x = x.baseAddress else { return }
                for s in 0..<segments.count {
                    for r in segments.range(s) { Elementwise.addInPlace(o + s * d, x + r * d, count: d) }
                }
            }
        }
        return result
    }

    /// Per-segment means (an empty segment gives a zero row).
    package func segmentMean(_ segments: Segments) -> Tensor {
        segmentSum(segments).multiplyingRows(by: Tensor(column: (0..<segments.count).map {
            let size = segments.range($0).count
            return size == 0 ? 0 : 1 / Float(size)
        }))
    }

    /// Row s of this (segments × columns) tensor copied to every row of segment s: the adjoint of
    /// `segmentSum`, result (segments.rowCount × columns).
    package func segmentExpanded(_ segments: Segments) -> Tensor {
        precondition(rows == segments.count, "tensor has \(rows) rows, segments \(segments.count)")
        let d = columns
        return Tensor(rows: segments.rowCount, columns: d) { out in
            withUnsafeBufferPointer { x in
                guard let o = out.baseAddress, let x = x.baseAddress else { return }
                for s in 0..<segments.count {
                    for r in segments.range(s) { (o + r * d).update(from: x + s * d, count: d) }
                }
            }
        }
    }

    /// Softmax within each segment, independently per column (attention over a node's neighbours):
    /// y[r, c] = exp(x[r, c] − m) / Σ_{r′ ∈ seg} exp(x[r′, c] − m), m the segment's column maximum.
    package func segmentSoftmax(_ segments: Segments) -> Tensor {
        checkSegments(segments)
        let d = columns
        var result = self
        result.withUnsafeMutableBufferPointer { y in
            for s in 0..<segments.count {
                let range = segments.range(s)
                if range.isEmpty { continue }
                for c in 0..<d {
                    var m = -Float.infinity
                    for r in range { m = max(m, y[r * d + c]) }
                    var total: Float = 0
                    for r in range {
                        let e = expf(y[r * d + c] - m)
                        y[r * d + c] = e
                        total += e
                    }
                    let inverse = 1 / total
                    for r in range { y[r * d + c] *= inverse }
                }
            }
        }
        return result
    }

    /// The gradient through `segmentSoftmax`: dx = y ⊙ (g − Σ_seg g ⊙ y), per column.
    package static func segmentSoftmaxGradient(output y: Tensor, upstream g: Tensor, segments: Segments) -> Tensor {
        precondition(y.shape == g.shape, "softmax gradient shapes differ: \(y.shape) and \(g.shape)")
        let dot = (g * y).segmentSum(segments)
        let d = y.columns
        var result = g
        result.withUnsafeMutableBufferPointer { out in
            y.withUnsafeBufferPointer { y in
                dot.withUnsafeBufferPointer { dot in
                    for s in 0..<segments.count {
                        for r in segments.range(s) {
                            for c in 0..<d { out[r * d + c] = y[r * d + c] * (out[r * d + c] - dot[s * d + c]) }
                        }
                    }
                }
            }
        }
        return result
    }
}
