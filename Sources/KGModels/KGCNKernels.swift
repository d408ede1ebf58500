#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGTensor

/// The small pointer kernels of KGCN's all-items scorer (rows of d = 16 or 64 floats).
///
/// SIMD8 with FMA and two accumulators for the dot product, because Swift never reassociates a
/// float sum (PERF-NOTES §5.4); a scalar tail covers dimensions that are not multiples of 8.
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
        switch activation {
        case .relu:
            let zero = F8()
            var i = 0
            while i &+ 8 <= n {
                store(x + i, pointwiseMax(load(UnsafePointer(x + i)), zero))
                i &+= 8
            }
            while i < n {
                x[i] = max(x[i], 0)
                i &+= 1
            }
        default:
            for i in 0..<n { x[i] = activation.value(x[i]) }
        }
    }
}

/// A value that crosses into `concurrentPerform`'s `@Sendable` closure (raw pointers); the
/// caller guarantees that the threads write disjoint memory.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
