import Testing
@testable import KGTensor

@Suite struct GEMMTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (6, 16, 8), (7, 17, 3), (13, 40, 64), (5, 15, 0), (12, 32, 300), (25, 48, 257), (2, 5, 9),
    ]

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matchesTripleLoop(transposeA: Bool, transposeB: Bool) {
        for (index, (m, n, k)) in Self.shapes.enumerated() {
            let a = transposeA ? Reference.random(k, m, seed: UInt64(index)) : Reference.random(m, k, seed: UInt64(index))
            let b = transposeB ? Reference.random(n, k, seed: 99 + UInt64(index)) : Reference.random(k, n, seed: 99 + UInt64(index))
            let c = a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB)
            let expected = Reference.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
            #expect(close(c, expected), "m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB)")
        }
    }

    @Test func accumulatesIntoExistingOutput() {
        let a = Reference.random(11, 20, seed: 1), b = Reference.random(20, 33, seed: 2)
        var c = Reference.random(11, 33, seed: 3)
        let expected = c + Reference.matmul(a, b)
        Tensor.gemm(a, transposeA: false, b, transposeB: false, into: &c, accumulate: true)
        #expect(close(c, expected))
    }

    @Test func zeroInnerDimensionGivesZeros() {
        let c = Tensor(rows: 4, columns: 0).matmul(Tensor(rows: 0, columns: 5))
        #expect(c == Tensor(rows: 4, columns: 5))
    }

    /// Shapes large enough to be split across threads give bit-identical results.
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func threadCountDoesNotChangeTheResult(transposeA: Bool, transposeB: Bool) {
        let m = 700, k = 130, n = 240
        let a = transposeA ? Reference.random(k, m, seed: 5) : Reference.random(m, k, seed: 5)
        let b = transposeB ? Reference.random(n, k, seed: 6) : Reference.random(k, n, seed: 6)
        let one = a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB, threads: 1)
        let two = a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB, threads: 2)
        #expect(one == two)
        let spot = Reference.matmul(a.rows(0..<(transposeA ? k : 13)), b, transposeA: transposeA, transposeB: transposeB)
        if !transposeA { #expect(close(one.rows(0..<13), spot)) }
    }

    @Test func longInnerDimensionIsBlockedCorrectly() {
        let x = Reference.random(1000, 20, seed: 7), g = Reference.random(1000, 16, seed: 8)
        let w = x.matmul(g, transposeSelf: true, threads: 2)
        #expect(close(w, Reference.matmul(x, g, transposeA: true), tolerance: 1e-3))
    }
}
