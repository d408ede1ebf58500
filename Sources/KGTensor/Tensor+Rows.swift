extension Tensor {
    /// Rows `indices` of this tensor, in order (an embedding lookup): result (indices.count × columns).
    /// Indices may repeat.
    package func gatherRows(_ indices: [Int32]) -> Tensor {
        let d = columns, n = rows
        return Tensor(rows: indices.count, columns: d) { out in
            withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let o = out.baseAddress else { return }
                for (i, index) in indices.enumerated() {
                    precondition(index >= 0 && Int(index) < n, "row index \(index) outside 0..<\(n)")
                    (o + i * d).update(from: x + Int(index) * d, count: d)
                }
            }
        }
    }

    /// Adds row i of `source` into row `indices[i]` of this tensor (the adjoint of `gatherRows`).
    ///
    /// Rows are added in index order on one thread, so repeated indices accumulate in a fixed order
    /// and the result is deterministic. Cost is one SIMD pass over `source`.
    package mutating func scatterAddRows(_ source: Tensor, at indices: [Int32]) {
        precondition(source.rows == indices.count && source.columns == columns,
                     "scatter source is \(source.rows)×\(source.columns), expected \(indices.count)×\(columns)")
        let d = columns, n = rows
        withUnsafeMutableBufferPointer { y in
            source.withUnsafeBufferPointer { x in
                guard let y = y.baseAddress, let x = x.baseAddress else { return }
                for (i, index) in indices.enumerated() {
                    precondition(index >= 0 && Int(index) < n, "row index \(index) outside 0..<\(n)")
                    Elementwise.addInPlace(y + Int(index) * d, x + i * d, count: d)
                }
            }
        }
    }

    /// A (rowCount × columns) tensor with row i of this tensor added at row `indices[i]`.
    package func scatterAddedRows(at indices: [Int32], rowCount: Int) -> Tensor {
        var result = Tensor(rows: rowCount, columns: columns)
        result.scatterAddRows(self, at: indices)
        return result
    }

    /// Row-wise dot products: result[r] = Σ_c self[r, c] · other[r, c], shape rows × 1.
    /// Eight-lane partial sums, reduced in a fixed order.
    package func rowDot(_ other: Tensor) -> Tensor {
        precondition(rows == other.rows && columns == other.columns,
                     "rowDot shapes differ: \(rows)×\(columns) and \(other.rows)×\(other.columns)")
        let d = columns
        return Tensor(rows: rows, columns: 1) { out in
            withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    for r in 0..<out.count {
                        out[r] = d == 0 ? 0 : Tensor.dot(a.baseAddress! + r * d, b.baseAddress! + r * d, d)
                    }
                }
            }
        }
    }

    /// ⟨a, b⟩ over `d` floats: two SIMD8 accumulators, then a scalar tail. Inlinable, so that
    /// the models' per-row kernels (ALS's solves, MF's step) inline it across modules.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int) -> Float {
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
        }
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
        var c = 0
        while c + 16 <= d {
            s0 = s0.addingProduct(load(a + c), load(b + c))
            s1 = s1.addingProduct(load(a + c + 8), load(b + c + 8))
            c &+= 16
        }
        if c + 8 <= d { s0 = s0.addingProduct(load(a + c), load(b + c)); c &+= 8 }
        var total = (s0 + s1).sum()
        while c < d { total = total.addingProduct(a[c], b[c]); c &+= 1 }
        return total
    }

    /// Each row divided by its L2 norm (PinSage's output normalisation): y = x / max(‖x‖, ε).
    package func rowL2Normalized(epsilon: Float = 1e-12) -> Tensor {
        let norms = rowDot(self)
        var result = self
        result = result.multiplyingRows(by: Tensor(rows: rows, columns: 1) { out in
            norms.withUnsafeBufferPointer { n in
                for r in 0..<out.count { out[r] = 1 / max(n[r].squareRoot(), epsilon) }
            }
        })
        return result
    }

    /// The gradient through `rowL2Normalized`: for y = x/‖x‖, dx = (g − y·⟨g, y⟩) / ‖x‖
    /// (dx = g/ε on rows whose norm is below ε, where y = x/ε is linear).
    package static func rowL2NormalizedGradient(input x: Tensor, output y: Tensor, upstream g: Tensor,
                                               epsilon: Float = 1e-12) -> Tensor {
        let norms = x.rowDot(x), gy = g.rowDot(y)
        var result = g
        let d = x.columns
        let normValues = norms.storage, projections = gy.storage
        result.withUnsafeMutableBufferPointer { out in
            y.withUnsafeBufferPointer { y in
                for r in 0..<x.rows {
                    let norm = normValues[r].squareRoot()
                    let inverse = 1 / max(norm, epsilon)
                    let projection = norm > epsilon ? projections[r] : 0
                    for c in 0..<d {
                        out[r * d + c] = (out[r * d + c] - y[r * d + c] * projection) * inverse
                    }
                }
            }
        }
        return result
    }

    /// Tensors with equal row counts placed side by side: rows × Σ columns.
    package static func concatColumns(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatColumns of no tensors")
        let rows = parts[0].rows
        precondition(parts.allSatisfy { $0.rows == rows }, "concatColumns row counts differ: \(parts.map(\.rows))")
        let total = parts.reduce(0) { $0 + $1.columns }
        return Tensor(rows: rows, columns: total) { out in
            var offset = 0
            for part in parts {
                let w = part.columns
                part.withUnsafeBufferPointer { x in
                    guard let x = x.baseAddress else { return }
                    for r in 0..<rows { (out.baseAddress! + r * total + offset).update(from: x + r * w, count: w) }
                }
                offset += w
            }
        }
    }

    /// Columns `range` of this tensor: the adjoint of `concatColumns`.
    public func columns(_ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "columns \(range) outside 0..<\(columns)")
        let w = range.count, d = columns
        return Tensor(rows: rows, columns: w) { out in
            withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let o = out.baseAddress else { return }
                for r in 0..<rows { (o + r * w).update(from: x + r * d + range.lowerBound, count: w) }
            }
        }
    }

    /// Tensors with equal column counts stacked vertically: Σ rows × columns.
    package static func concatRows(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatRows of no tensors")
        let columns = parts[0].columns
        precondition(parts.allSatisfy { $0.columns == columns }, "concatRows column counts differ: \(parts.map(\.columns))")
        return Tensor(rows: parts.reduce(0) { $0 + $1.rows }, columns: columns) { out in
            var offset = 0
            for part in parts {
                part.withUnsafeBufferPointer { x in
                    if let x = x.baseAddress { (out.baseAddress! + offset).update(from: x, count: part.count) }
                }
                offset += part.count
            }
        }
    }

    /// Rows `range` of this tensor: the adjoint of `concatRows`.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) outside 0..<\(rows)")
        let d = columns
        return Tensor(rows: range.count, columns: d) { out in
            withUnsafeBufferPointer { x in
                if let x = x.baseAddress, let o = out.baseAddress {
                    o.update(from: x + range.lowerBound * d, count: range.count * d)
                }
            }
        }
    }
}

extension Tensor {
    /// Adds `source` into rows `start..<start + source.rows` (the adjoint of `rows(_:)`, in place).
    package mutating func addRows(_ source: Tensor, at start: Int) {
        precondition(source.columns == columns && start >= 0 && start + source.rows <= rows,
                     "cannot add \(source.rows)×\(source.columns) at row \(start) of \(rows)×\(columns)")
        let d = columns
        withUnsafeMutableBufferPointer { y in
            source.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let y = y.baseAddress else { return }
                Elementwise.addInPlace(y + start * d, x, count: source.count)
            }
        }
    }
}
