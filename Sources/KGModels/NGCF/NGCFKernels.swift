import Dispatch
import KGTensor

/// The pointer kernels behind `NGCFConv`'s fused update: the elementwise passes around the one
/// GEMM of each direction, SIMD8 over columns and split over rows for two threads.
///
/// Every pass writes disjoint rows per thread, and the dropout mask of each block of
/// `maskBlockRows` rows comes from its own generator seeded from one draw of the model's, so
/// the results depend on the inputs and the seed only, never on the thread count.
enum NGCFKernels {
    typealias F8 = SIMD8<Float>

    /// Rows per dropout block (one generator each).
    static let maskBlockRows = 2048

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> F8 { UnsafeRawPointer(p).loadUnaligned(as: F8.self) }
    @inline(__always) static func store(_ p: UnsafeMutablePointer<Float>, _ v: F8) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self)
    }

    /// Runs `body` over `rows` split into at most `threads` contiguous ranges (one when the pass
    /// touches under about a million floats, where dispatch costs more than it saves).
    static func forRows(_ rows: Int, floatsPerRow: Int, threads: Int, _ body: @escaping (Range<Int>) -> Void) {
        let parts = threads > 1 && rows * floatsPerRow >= 1 << 20 ? threads : 1
        if parts == 1 { body(0..<rows); return }
        let shared = UnsafeSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            shared.value((rows * p / parts)..<(rows * (p + 1) / parts))
        }
    }

    /// X = [E + S ‖ S ⊙ E] (or [S ‖ S ⊙ E] when `selfInAggregate`): n × 2d from two n × d inputs.
    static func interactionInput(ego: Tensor, side: Tensor, selfInAggregate: Bool, threads: Int) -> Tensor {
        let n = ego.rows, d = ego.columns
        return Tensor(rows: n, columns: 2 * d, unsafeUninitialized: { out in
            ego.withUnsafeBufferPointer { e in
                side.withUnsafeBufferPointer { s in
                    let pointers = UnsafeSendable((e.baseAddress!, s.baseAddress!, out.baseAddress!))
                    forRows(n, floatsPerRow: 4 * d, threads: threads) { rows in
                        let (e, s, x) = pointers.value
                        for r in rows {
                            let er = e + r * d, sr = s + r * d, xr = x + r * 2 * d
                            var c = 0
                            while c + 8 <= d {
                                let ev = load(er + c), sv = load(sr + c)
                                store(xr + c, selfInAggregate ? sv : ev + sv)
                                store(xr + d + c, sv * ev)
                                c += 8
                            }
                            while c < d {
                                xr[c] = selfInAggregate ? sr[c] : er[c] + sr[c]
                                xr[d + c] = sr[c] * er[c]
                                c += 1
                            }
                        }
                    }
                }
            }
        })
    }

    /// In place on Z (n × m): y = LeakyReLU(z + b) · keep, where keep is 0 with probability `rate`
    /// and 1/(1 − rate) otherwise (inverted dropout; none when `rate` is 0). Returns Y and the
    /// factor D = LeakyReLU′(z + b) · keep that the backward pass multiplies the gradient by.
    /// Dropout draws 16 bits per element, so the drop probability is `rate` rounded to 1/65,536.
    static func activate(_ z: Tensor, bias: Tensor, slope: Float, rate: Float, seed: UInt64,
                         threads: Int) -> (output: Tensor, factor: Tensor) {
        let n = z.rows, m = z.columns
        var y = z
        var factor = Tensor(rows: n, columns: m, unsafeUninitialized: { _ in })
        let threshold = UInt64((Double(rate) * 65_536).rounded())
        let keepScale: Float = rate > 0 ? 1 / (1 - rate) : 1
        y.withUnsafeMutableBufferPointer { yb in
            factor.withUnsafeMutableBufferPointer { fb in
                bias.withUnsafeBufferPointer { bb in
                    let pointers = UnsafeSendable((yb.baseAddress!, fb.baseAddress!, bb.baseAddress!))
                    let blocks = (n + maskBlockRows - 1) / maskBlockRows
                    let parts = threads > 1 && n * m >= 1 << 20 ? threads : 1
                    let work: (Int) -> Void = { p in
                        let (y, f, b) = pointers.value
                        let one = F8(repeating: 1), slopes = F8(repeating: slope), zero = F8()
                        for block in (blocks * p / parts)..<(blocks * (p + 1) / parts) {
                            var rng = SeededRNG(seed: seed &+ UInt64(block) &* 0x9E37_79B9_7F4A_7C15)
                            for r in (block * maskBlockRows)..<min(n, (block + 1) * maskBlockRows) {
                                let yr = y + r * m, fr = f + r * m
                                var c = 0
                                while c + 8 <= m {
                                    let value = load(yr + c) + load(b + c)
                                    var derivative = one.replacing(with: slopes, where: value .<= zero)
                                    if threshold > 0 {
                                        var keep = F8()
                                        let low = rng.next(), high = rng.next()
                                        for lane in 0..<4 {
                                            keep[lane] = (low >> (16 * UInt64(lane))) & 0xFFFF >= threshold ? keepScale : 0
                                            keep[lane + 4] = (high >> (16 * UInt64(lane))) & 0xFFFF >= threshold ? keepScale : 0
                                        }
                                        derivative *= keep
                                    }
                                    store(fr + c, derivative)
                                    store(yr + c, value * derivative)
                                    c += 8
                                }
                                while c < m {
                                    let value = yr[c] + b[c]
                                    var derivative: Float = value > 0 ? 1 : slope
                                    if threshold > 0 { derivative *= rng.next() & 0xFFFF >= threshold ? keepScale : 0 }
                                    fr[c] = derivative
                                    yr[c] = value * derivative
                                    c += 1
                                }
                            }
                        }
                    }
                    if parts == 1 {
                        work(0)
                    } else {
                        let shared = UnsafeSendable(work)
                        DispatchQueue.concurrentPerform(iterations: parts) { shared.value($0) }
                    }
                }
            }
        }
        return (y, factor)
    }

    /// G ⊙ D, elementwise (n × m).
    static func multiply(_ g: Tensor, _ factor: Tensor, threads: Int) -> Tensor {
        let n = g.rows, m = g.columns
        return Tensor(rows: n, columns: m, unsafeUninitialized: { out in
            g.withUnsafeBufferPointer { gb in
                factor.withUnsafeBufferPointer { fb in
                    let pointers = UnsafeSendable((gb.baseAddress!, fb.baseAddress!, out.baseAddress!))
                    forRows(n, floatsPerRow: 3 * m, threads: threads) { rows in
                        let (g, f, o) = pointers.value
                        var i = rows.lowerBound * m
                        let end = rows.upperBound * m
                        while i + 8 <= end { store(o + i, load(g + i) * load(f + i)); i += 8 }
                        while i < end { o[i] = g[i] * f[i]; i += 1 }
                    }
                }
            }
        })
    }

    /// From dX = [dA ‖ dB] (n × 2d): dE = dA + dB ⊙ S and dS = dA + dB ⊙ E, or dE = dB ⊙ S when
    /// the first branch is S alone (`selfInAggregate`).
    static func inputGradients(_ dx: Tensor, ego: Tensor, side: Tensor, selfInAggregate: Bool,
                               threads: Int) -> (ego: Tensor, side: Tensor) {
        let n = ego.rows, d = ego.columns
        var dEgo = Tensor(rows: n, columns: d, unsafeUninitialized: { _ in })
        var dSide = Tensor(rows: n, columns: d, unsafeUninitialized: { _ in })
        dEgo.withUnsafeMutableBufferPointer { de in
            dSide.withUnsafeMutableBufferPointer { ds in
                dx.withUnsafeBufferPointer { dxb in
                    ego.withUnsafeBufferPointer { e in
                        side.withUnsafeBufferPointer { s in
                            let pointers = UnsafeSendable((de.baseAddress!, ds.baseAddress!, dxb.baseAddress!,
                                                          e.baseAddress!, s.baseAddress!))
                            forRows(n, floatsPerRow: 6 * d, threads: threads) { rows in
                                let (de, ds, dx, e, s) = pointers.value
                                for r in rows {
                                    let a = dx + r * 2 * d, b = a + d
                                    let er = e + r * d, sr = s + r * d, der = de + r * d, dsr = ds + r * d
                                    var c = 0
                                    while c + 8 <= d {
                                        let av = load(a + c), bv = load(b + c)
                                        let viaSide = bv * load(sr + c)
                                        store(der + c, selfInAggregate ? viaSide : av + viaSide)
                                        store(dsr + c, av + bv * load(er + c))
                                        c += 8
                                    }
                                    while c < d {
                                        der[c] = selfInAggregate ? b[c] * sr[c] : a[c] + b[c] * sr[c]
                                        dsr[c] = a[c] + b[c] * er[c]
                                        c += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dEgo, dSide)
    }
}
