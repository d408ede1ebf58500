#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import KGTensor
@testable import KGModels

/// The scorer's SIMD kernels against the C library and plain loops.
@Suite struct KGCNKernelTests {
    @Test func simdExpAndTanhMatchTheCLibrary() {
        var worstExp: Float = 0, worstTanh: Float = 0
        var x: Float = -100
        while x <= 100 {
            let lanes = SIMD8<Float>((0..<8).map { x + Float($0) * 0.003 })
            let negative = SIMD8<Float>((0..<8).map { -abs(lanes[$0]) })
            let e = KGCNKernels.expNonPositive(negative), t = KGCNKernels.tanh(lanes)
            for lane in 0..<8 {
                let exact = expf(-abs(lanes[lane]))
                let error = abs(e[lane] - exact)
                worstExp = max(worstExp, exact < 1e-37 ? (error < 1e-37 ? 0 : 1) : error / exact)
                worstTanh = max(worstTanh, abs(t[lane] - tanhf(lanes[lane])))
            }
            x += 0.0237
        }
        #expect(worstExp < 1e-6, "relative exp error \(worstExp)")
        #expect(worstTanh < 1e-6, "absolute tanh error \(worstTanh)")
        #expect(KGCNKernels.tanh(SIMD8(repeating: 0)) == SIMD8(repeating: 0))
    }

    @Test(arguments: [1, 7, 8, 16, 19, 64])
    func dotAxpyAndActivationMatchPlainLoops(n: Int) {
        var rng = SeededRNG(seed: UInt64(n))
        let a = (0..<n).map { _ in rng.nextFloat() * 2 - 1 }, b = (0..<n).map { _ in rng.nextFloat() * 2 - 1 }
        var y = b
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let exact = zip(a, b).map { Double($0) * Double($1) }.reduce(0, +)
                #expect(abs(Double(KGCNKernels.dot(a.baseAddress!, b.baseAddress!, n)) - exact) < 1e-5)
            }
            y.withUnsafeMutableBufferPointer { KGCNKernels.axpy($0.baseAddress!, 0.5, a.baseAddress!, n) }
        }
        #expect(zip(y, zip(a, b)).allSatisfy { abs($0 - ($1.1 + 0.5 * $1.0)) < 1e-6 })
        var relu = a, tanh = a
        relu.withUnsafeMutableBufferPointer { KGCNKernels.activate($0.baseAddress!, n, .relu) }
        tanh.withUnsafeMutableBufferPointer { KGCNKernels.activate($0.baseAddress!, n, .tanh) }
        #expect(relu == a.map { max($0, 0) })
        #expect(zip(tanh, a).allSatisfy { abs($0 - tanhf($1)) < 1e-6 })
    }
}
