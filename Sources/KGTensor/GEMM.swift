/// The register-tiled single-precision GEMM behind `Tensor.matmul` and the autodiff matmul.
///
/// C (m × n) = op(A) (m × k) · op(B) (k × n), optionally added to C. Both operands are described
/// by strides, so transposes cost nothing on A and at most one packing pass on B:
/// op(A)(i, p) = a[i·aRowStride + p·aColumnStride], op(B)(p, j) = b[p·bRowStride + j·bColumnStride].
///
/// The 6 × 16 micro-kernel keeps a C tile in 12 SIMD8 accumulators (12 of the 16 AVX2
/// registers) and runs one FMA chain per accumulator over k (docs/performance.md §5). B is used in place
/// when its rows are contiguous and n is a multiple of 16; otherwise it is packed once into
/// zero-padded panels of 16 columns. k is blocked by 256 so that the A and B blocks stay in L2
/// when k is long (the weight gradient Xᵀ·dY of a 40,000-row batch).
///
/// Threads split the rows of C into contiguous blocks of 6; each C element is computed by one
/// thread with one fixed summation order, so the result does not depend on the thread count.
enum GEMM {
    static let kBlock = 256
    static let panelWidth = 16

    // swiftlint:disable:next function_parameter_count
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
                         b: UnsafePointer<Float>, bRowStride: Int, bColumnStride: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int,
                         accumulate: Bool, threads: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let panels = (n + panelWidth - 1) / panelWidth
        let direct = bColumnStride == 1 && n % panelWidth == 0
        var packed: UnsafeMutablePointer<Float>?
        if !direct {
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: panels * k * panelWidth)
            packB(k: k, n: n, b: b, rowStride: bRowStride, columnStride: bColumnStride, into: buffer)
            packed = buffer
        }
        defer { packed?.deallocate() }
        // Panel p of op(B) starts at panelBase + p·panelStep; consecutive k rows are bStride apart.
        let panelBase = UnsafePointer(packed) ?? b
        let panelStep = direct ? panelWidth : k * panelWidth
        let bStride = direct ? bRowStride : panelWidth

        let fullBlocks = m / 6
        let chunks = fullBlocks >= 4 ? Parallel.chunkCount(work: 2 * m * n * k, threshold: Parallel.parallelFlops,
                                                           threads: threads) : 1
        let blockRanges = Parallel.evenRanges(fullBlocks, parts: chunks)
        let shared = UnsafeSendable((a, panelBase, c))
        Parallel.run(blockRanges.count) { chunk in
            let (a, panelBase, c) = shared.value
            let firstRow = blockRanges[chunk].lowerBound * 6
            let endRow = chunk == blockRanges.count - 1 ? m : blockRanges[chunk].upperBound * 6
            multiplyRows(firstRow..<endRow, n: n, k: k, panels: panels,
                         a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                         panelBase: panelBase, panelStep: panelStep, bStride: bStride,
                         c: c, ldc: ldc, accumulate: accumulate)
        }
    }

    // swiftlint:disable:next function_parameter_count
    private static func multiplyRows(_ rows: Range<Int>, n: Int, k: Int, panels: Int,
                                     a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
                                     panelBase: UnsafePointer<Float>, panelStep: Int, bStride: Int,
                                     c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 * panelWidth) { tileBuffer in
            let tile = tileBuffer.baseAddress!
            var kStart = 0
            while kStart < k {
                let kLength = min(kBlock, k - kStart)
                let add = accumulate || kStart > 0
                var i = rows.lowerBound
                while i < rows.upperBound {
                    let height = min(6, rows.upperBound - i)
                    let aTile = a + i * aRowStride + kStart * aColumnStride
                    for p in 0..<panels {
                        let bPanel = panelBase + p * panelStep + kStart * bStride
                        let width = min(panelWidth, n - p * panelWidth)
                        let cTile = c + i * ldc + p * panelWidth
                        if height == 6 && width == panelWidth {
                            micro6x16(aTile, aRowStride, aColumnStride, bPanel, bStride, kLength,
                                      cTile, ldc, add)
                        } else {
                            // Edge tile: compute into a 6 × 16 scratch tile, copy the valid part.
                            for r in 0..<height {
                                for j in 0..<panelWidth {
                                    tile[r * panelWidth + j] = add && j < width ? cTile[r * ldc + j] : 0
                                }
                            }
                            if height == 6 {
                                micro6x16(aTile, aRowStride, aColumnStride, bPanel, bStride, kLength,
                                          tile, panelWidth, add)
                            } else {
                                for r in 0..<height {
                                    micro1x16(aTile + r * aRowStride, aColumnStride, bPanel, bStride, kLength,
                                              tile + r * panelWidth)
                                }
                            }
                            for r in 0..<height {
                                for j in 0..<width { cTile[r * ldc + j] = tile[r * panelWidth + j] }
                            }
                        }
                    }
                    i += height
                }
                kStart += kLength
            }
        }
    }

    /// C[6 × 16] (=|+=) A[6 × k] · Bpanel[k × 16].
    @inline(__always)
    // swiftlint:disable:next function_parameter_count
    static func micro6x16(_ a: UnsafePointer<Float>, _ rs: Int, _ cs: Int,
                          _ b: UnsafePointer<Float>, _ bs: Int, _ k: Int,
                          _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        var c00 = F8(), c01 = F8(), c10 = F8(), c11 = F8(), c20 = F8(), c21 = F8()
        var c30 = F8(), c31 = F8(), c40 = F8(), c41 = F8(), c50 = F8(), c51 = F8()
        if add {
            var o = c
            c00 = ld8(o); c01 = ld8(o + 8); o += ldc; c10 = ld8(o); c11 = ld8(o + 8); o += ldc
            c20 = ld8(o); c21 = ld8(o + 8); o += ldc; c30 = ld8(o); c31 = ld8(o + 8); o += ldc
            c40 = ld8(o); c41 = ld8(o + 8); o += ldc; c50 = ld8(o); c51 = ld8(o + 8)
        }
        let r1 = rs, r2 = 2 &* rs, r3 = 3 &* rs, r4 = 4 &* rs, r5 = 5 &* rs
        var pa = a, pb = b, p = 0
        while p < k {
            let b0 = ld8(pb), b1 = ld8(pb + 8)
            var x = F8(repeating: pa[0]); c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = F8(repeating: pa[r1]); c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = F8(repeating: pa[r2]); c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = F8(repeating: pa[r3]); c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = F8(repeating: pa[r4]); c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = F8(repeating: pa[r5]); c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            pa += cs; pb += bs; p &+= 1
        }
        var o = c
        st8(o, c00); st8(o + 8, c01); o += ldc; st8(o, c10); st8(o + 8, c11); o += ldc
        st8(o, c20); st8(o + 8, c21); o += ldc; st8(o, c30); st8(o + 8, c31); o += ldc
        st8(o, c40); st8(o + 8, c41); o += ldc; st8(o, c50); st8(o + 8, c51)
    }

    /// c[16] += a[1 × k] · Bpanel[k × 16]. One accumulator chain per lane over k in order, the
    /// same summation order as `micro6x16`, so edge rows give bit-identical results to full tiles.
    @inline(__always)
    static func micro1x16(_ a: UnsafePointer<Float>, _ cs: Int,
                          _ b: UnsafePointer<Float>, _ bs: Int, _ k: Int,
                          _ c: UnsafeMutablePointer<Float>) {
        var c0 = ld8(c), c1 = ld8(c + 8)
        var pa = a, pb = b, p = 0
        while p < k {
            let x = F8(repeating: pa[0])
            c0 = c0.addingProduct(x, ld8(pb)); c1 = c1.addingProduct(x, ld8(pb + 8))
            pa += cs; pb += bs; p &+= 1
        }
        st8(c, c0); st8(c + 8, c1)
    }

    /// Packs op(B) (k × n) into panels of 16 columns: packed[(p·k + row)·16 + j] = op(B)(row, 16p + j),
    /// zero beyond column n.
    static func packB(k: Int, n: Int, b: UnsafePointer<Float>, rowStride: Int, columnStride: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        let panels = (n + panelWidth - 1) / panelWidth
        for p in 0..<panels {
            let base = packed + p * k * panelWidth
            for j in 0..<panelWidth {
                let column = p * panelWidth + j
                if column < n {
                    let source = b + column * columnStride
                    for row in 0..<k { base[row * panelWidth + j] = source[row * rowStride] }
                } else {
                    for row in 0..<k { base[row * panelWidth + j] = 0 }
                }
            }
        }
    }
}
