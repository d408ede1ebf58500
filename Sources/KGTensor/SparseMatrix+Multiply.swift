extension SparseMatrix {
    /// CSR × dense: Y (rows × d) = A (rows × columns) · X (columns × d).
    ///
    /// Each output row is accumulated in registers (8 SIMD8 accumulators per 64 columns, the
    /// d = 64 case of LightGCN/NGCF propagation) and written once. Rows are split across threads
    /// into ranges with equal nonzero counts; every output row has one writer and a fixed
    /// summation order (the CSR order), so the result does not depend on the thread count.
    /// - Complexity: 2·nnz·d flops; memory-bound on the gathered rows of X (docs/performance.md §6).
    package func multiply(_ x: Tensor, threads: Int = 1) -> Tensor {
        precondition(x.rows == columns, "A is \(rows)×\(columns) but X has \(x.rows) rows")
        return Tensor(rows: rows, columns: x.columns) { y in
            multiply(x, into: y, accumulate: false, threads: threads)
        }
    }

    /// Y (=|+=) A · X, writing into an existing tensor.
    package func multiply(_ x: Tensor, into y: inout Tensor, accumulate: Bool, threads: Int = 1) {
        precondition(x.rows == columns, "A is \(rows)×\(columns) but X has \(x.rows) rows")
        precondition(y.rows == rows && y.columns == x.columns,
                     "Y is \(y.rows)×\(y.columns), expected \(rows)×\(x.columns)")
        y.withUnsafeMutableBufferPointer { multiply(x, into: $0, accumulate: accumulate, threads: threads) }
    }

    private func multiply(_ x: Tensor, into ys: UnsafeMutableBufferPointer<Float>, accumulate: Bool, threads: Int) {
        let d = x.columns
        if rows == 0 || d == 0 { return }
        let chunks = Parallel.chunkCount(work: nonZeroCount * d, threshold: Parallel.parallelElements, threads: threads)
        offsets.withUnsafeBufferPointer { offsets in
            indices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { values in
                    x.withUnsafeBufferPointer { xs in
                        let o = offsets.baseAddress!
                        let ranges = Parallel.balancedRanges(offsets: o, rows: rows, parts: chunks)
                        let shared = UnsafeSendable((o, indices.baseAddress, values.baseAddress,
                                                     xs.baseAddress, ys.baseAddress!))
                        Parallel.run(ranges.count) { chunk in
                            let (o, i, v, x, y) = shared.value
                            SpMM.rows(ranges[chunk], offsets: o, indices: i, values: v, x: x, d: d,
                                      y: y, accumulate: accumulate)
                        }
                    }
                }
            }
        }
    }

    /// Transposed CSR × dense: Y (columns × d) = Aᵀ · X (rows × d), without building Aᵀ.
    ///
    /// Scatters each row of X into the output rows its entries name. With several threads each
    /// thread scatters its nnz-balanced share of A's rows into its own buffer and the buffers are
    /// added in thread order, so the result is deterministic for a given thread count. When the
    /// same matrix is used many times, `transposed()` once and `multiply` are faster.
    package func transposedMultiply(_ x: Tensor, threads: Int = 1) -> Tensor {
        var y = Tensor(rows: columns, columns: x.columns)
        transposedMultiply(x, into: &y, accumulate: false, threads: threads)
        return y
    }

    /// Y (=|+=) Aᵀ · X, writing into an existing tensor.
    package func transposedMultiply(_ x: Tensor, into y: inout Tensor, accumulate: Bool, threads: Int = 1) {
        precondition(x.rows == rows, "A is \(rows)×\(columns) but X has \(x.rows) rows")
        precondition(y.rows == columns && y.columns == x.columns,
                     "Y is \(y.rows)×\(y.columns), expected \(columns)×\(x.columns)")
        let d = x.columns
        if !accumulate { y.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        if rows == 0 || d == 0 || columns == 0 { return }
        let outCount = columns * d
        offsets.withUnsafeBufferPointer { offsets in
            indices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { values in
                    x.withUnsafeBufferPointer { xs in
                        y.withUnsafeMutableBufferPointer { ys in
                            let o = offsets.baseAddress!
                            // Each extra thread costs a zeroed output-sized buffer and one more
                            // pass to add it: split only when the scatter is much larger.
                            let chunks = nonZeroCount < 4 * columns ? 1
                                : Parallel.chunkCount(work: nonZeroCount * d, threshold: Parallel.parallelElements,
                                                      threads: threads)
                            let ranges = Parallel.balancedRanges(offsets: o, rows: rows, parts: chunks)
                            let partials = UnsafeMutablePointer<Float>.allocate(capacity: max(0, ranges.count - 1) * outCount)
                            partials.initialize(repeating: 0, count: max(0, ranges.count - 1) * outCount)
                            defer { partials.deallocate() }
                            let shared = UnsafeSendable((o, indices.baseAddress, values.baseAddress,
                                                         xs.baseAddress!, ys.baseAddress!, partials))
                            Parallel.run(ranges.count) { chunk in
                                let (o, i, v, x, y, partials) = shared.value
                                let target = chunk == 0 ? y : partials + (chunk - 1) * outCount
                                SpMM.scatterRows(ranges[chunk], offsets: o, indices: i, values: v, x: x, d: d, y: target)
                            }
                            for chunk in 1..<max(1, ranges.count) {
                                Elementwise.addInPlace(ys.baseAddress!, partials + (chunk - 1) * outCount, count: outCount)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The SpMM kernels over pointer arguments.
enum SpMM {
    /// Y[r] (=|+=) Σ_p values[p] · X[indices[p]] for r in `rows`.
    // swiftlint:disable:next function_parameter_count
    static func rows(_ rows: Range<Int>, offsets: UnsafePointer<Int32>, indices: UnsafePointer<Int32>?,
                     values: UnsafePointer<Float>?, x: UnsafePointer<Float>?, d: Int,
                     y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        guard let indices, let values, let x else {
            if !accumulate { for r in rows { (y + r * d).update(repeating: 0, count: d) } }
            return
        }
        var column = 0
        while column + 64 <= d {
            rows64(rows, offsets, indices, values, x + column, d, y + column, accumulate)
            column += 64
        }
        if column < d {
            rowsGeneric(rows, offsets, indices, values, x + column, d, width: d - column, y + column, accumulate)
        }
    }

    /// 64 columns of each output row held in 8 registers.
    @inline(__always)
    // swiftlint:disable:next function_parameter_count
    static func rows64(_ rows: Range<Int>, _ offsets: UnsafePointer<Int32>, _ indices: UnsafePointer<Int32>,
                       _ values: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ ldx: Int,
                       _ y: UnsafeMutablePointer<Float>, _ accumulate: Bool) {
        for r in rows {
            let out = y + r &* ldx
            var y0 = F8(), y1 = F8(), y2 = F8(), y3 = F8(), y4 = F8(), y5 = F8(), y6 = F8(), y7 = F8()
            if accumulate {
                y0 = ld8(out); y1 = ld8(out + 8); y2 = ld8(out + 16); y3 = ld8(out + 24)
                y4 = ld8(out + 32); y5 = ld8(out + 40); y6 = ld8(out + 48); y7 = ld8(out + 56)
            }
            var p = Int(offsets[r])
            let end = Int(offsets[r &+ 1])
            while p < end {
                let row = x + Int(indices[p]) &* ldx
                let v = F8(repeating: values[p])
                y0 = y0.addingProduct(v, ld8(row)); y1 = y1.addingProduct(v, ld8(row + 8))
                y2 = y2.addingProduct(v, ld8(row + 16)); y3 = y3.addingProduct(v, ld8(row + 24))
                y4 = y4.addingProduct(v, ld8(row + 32)); y5 = y5.addingProduct(v, ld8(row + 40))
                y6 = y6.addingProduct(v, ld8(row + 48)); y7 = y7.addingProduct(v, ld8(row + 56))
                p &+= 1
            }
            st8(out, y0); st8(out + 8, y1); st8(out + 16, y2); st8(out + 24, y3)
            st8(out + 32, y4); st8(out + 40, y5); st8(out + 48, y6); st8(out + 56, y7)
        }
    }

    /// Any width below 64: SIMD8 blocks updated in the output row, then a scalar tail.
    // swiftlint:disable:next function_parameter_count
    static func rowsGeneric(_ rows: Range<Int>, _ offsets: UnsafePointer<Int32>, _ indices: UnsafePointer<Int32>,
                            _ values: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ ldx: Int,
                            width: Int, _ y: UnsafeMutablePointer<Float>, _ accumulate: Bool) {
        let vectorWidth = width & ~7
        for r in rows {
            let out = y + r &* ldx
            if !accumulate { out.update(repeating: 0, count: width) }
            for p in Int(offsets[r])..<Int(offsets[r &+ 1]) {
                addProduct(values[p], x + Int(indices[p]) &* ldx, to: out, count: width, vectorWidth: vectorWidth)
            }
        }
    }

    /// Y[indices[p]] += values[p] · X[r] for r in `rows` (Y already initialised).
    // swiftlint:disable:next function_parameter_count
    static func scatterRows(_ rows: Range<Int>, offsets: UnsafePointer<Int32>, indices: UnsafePointer<Int32>?,
                            values: UnsafePointer<Float>?, x: UnsafePointer<Float>, d: Int,
                            y: UnsafeMutablePointer<Float>) {
        guard let indices, let values else { return }
        let vectorWidth = d & ~7
        for r in rows {
            let source = x + r &* d
            for p in Int(offsets[r])..<Int(offsets[r &+ 1]) {
                addProduct(values[p], source, to: y + Int(indices[p]) &* d, count: d, vectorWidth: vectorWidth)
            }
        }
    }

    /// out[0..<count] += value · x[0..<count]: SIMD8 blocks up to `vectorWidth` (`count & ~7`),
    /// then a scalar tail.
    @inline(__always)
    static func addProduct(_ value: Float, _ x: UnsafePointer<Float>, to out: UnsafeMutablePointer<Float>,
                           count: Int, vectorWidth: Int) {
        let v = F8(repeating: value)
        var c = 0
        while c < vectorWidth {
            st8(out + c, ld8(out + c).addingProduct(v, ld8(x + c)))
            c &+= 8
        }
        while c < count {
            out[c] = out[c].addingProduct(value, x[c])
            c &+= 1
        }
    }
}
