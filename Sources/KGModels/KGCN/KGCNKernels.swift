#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGTensor

/// The small pointer kernels of KGCN's all-items scorer (rows of d = 16 or 64 floats).
///
/// SIMD8 with FMA and two accumulators for the dot product, because Swift never reassociates a
/// float sum (docs/performance.md §4); a scalar tail covers dimensions that are not multiples of 8.
enum KGCNKernels {
    typealias F8 = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> F8 { UnsafeRawPointer(p).loadUnaligned(as: F8.self) }

    @inline(__always)
    static func store(_ p: UnsafeMutablePointer<Float>, _ v: F8) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self) }

    /// ⟨a, b⟩ over n floats.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = F8(), s1 = F8(), i = 0
        while i &+ 16 <= n {
            s0 = s0.addingProduct(load(a + i), load(b + i))
            s1 = s1.addingProduct(load(a + i + 8), load(b + i + 8))
            i &+= 16
        }
        if i &+ 8 <= n {
            s0 = s0.addingProduct(load(a + i), load(b + i))
            i &+= 8
        }
        var total = (s0 + s1).sum()
        while i < n {
            total += a[i] * b[i]
            i &+= 1
        }
        return total
    }

    /// y += alpha · x over n floats.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Float>, _ alpha: Float, _ x: UnsafePointer<Float>, _ n: Int) {
        let a = F8(repeating: alpha)
        var i = 0
        while i &+ 8 <= n {
            store(y + i, load(UnsafePointer(y + i)).addingProduct(a, load(x + i)))
            i &+= 8
        }
        while i < n {
            y[i] += alpha * x[i]
            i &+= 1
        }
    }

    /// x ← f(x) over n floats, for KGCN's two activations (ReLU, tanh); others elementwise.
    static func activate(_ x: UnsafeMutablePointer<Float>, _ n: Int, _ activation: Activation) {
        var i = 0
        switch activation {
        case .relu:
            while i &+ 8 <= n {
                let v = load(UnsafePointer(x + i))
                store(x + i, v.replacing(with: 0, where: v .< 0))
                i &+= 8
            }
        case .tanh:
            while i &+ 8 <= n {
                store(x + i, tanh(load(UnsafePointer(x + i))))
                i &+= 8
            }
        default:
            break
        }
        while i < n {
            x[i] = activation.value(x[i])
            i &+= 1
        }
    }

    /// f(x) on eight lanes for ReLU and tanh, lane by lane for the other activations.
    @inline(__always)
    static func activated(_ x: F8, _ activation: Activation) -> F8 {
        switch activation {
        case .tanh: return tanh(x)
        case .relu: return x.replacing(with: 0, where: x .< 0)
        default:
            var y = x
            for lane in 0..<8 { y[lane] = activation.value(x[lane]) }
            return y
        }
    }

    /// e^x for x ≤ 0 (Cephes' expf: x = n·ln 2 + r with |r| ≤ ½ ln 2, a degree-5 polynomial for
    /// e^r, then 2^n through the exponent bits); relative error about 2·10⁻⁷, and 0 below −87.
    @inline(__always)
    static func expNonPositive(_ input: F8) -> F8 {
        let magic = F8(repeating: 12_582_912)   // 1.5 · 2²³: adding it rounds to an integer
        let floor = F8(repeating: -87)
        let x = input.replacing(with: floor, where: input .< floor)
        let t = magic.addingProduct(x, F8(repeating: 1.442_695_04))   // n + magic, n = round(x / ln 2)
        let n = t - magic
        var r = x.addingProduct(n, F8(repeating: -0.693_359_375))
        r = r.addingProduct(n, F8(repeating: 2.121_944_4e-4))
        var p = F8(repeating: 1.987_569_15e-4)
        p = F8(repeating: 1.398_199_95e-3).addingProduct(p, r)
        p = F8(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = F8(repeating: 4.166_579_59e-2).addingProduct(p, r)
        p = F8(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = F8(repeating: 5.000_000_12e-1).addingProduct(p, r)
        let e = r.addingProduct(p, r * r) + F8(repeating: 1)
        let exponent = (unsafeBitCast(t, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return (e * unsafeBitCast(exponent, to: F8.self)).replacing(with: 0, where: input .< -87)
    }

    /// tanh x = sign(x) · (1 − e^−2|x|) / (1 + e^−2|x|); absolute error below 10⁻⁶.
    @inline(__always)
    static func tanh(_ x: F8) -> F8 {
        let magnitudeBits = unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF
        let e = expNonPositive(-2 * unsafeBitCast(magnitudeBits, to: F8.self))
        let magnitude = (1 - e) / (1 + e)
        return magnitude.replacing(with: -magnitude, where: x .< 0)
    }
}
