import Testing
@testable import KGTensor

@Suite struct SparseMatrixTests {
    @Test(arguments: [1, 3, 8, 13, 64, 70, 128, 136])
    func multiplyMatchesDense(width: Int) {
        let a = Reference.sparse(37, 29, density: 0.2, seed: UInt64(width))
        let x = Reference.random(29, width, seed: 11)
        #expect(close(a.multiply(x), Reference.matmul(a.dense(), x)))
    }

    @Test(arguments: [1, 8, 13, 64, 70])
    func transposedMultiplyMatchesDense(width: Int) {
        let a = Reference.sparse(37, 29, density: 0.2, seed: UInt64(width))
        let x = Reference.random(37, width, seed: 12)
        let expected = Reference.matmul(a.dense(), x, transposeA: true)
        #expect(close(a.transposedMultiply(x), expected))
        #expect(close(a.transposed().multiply(x), expected))
    }

    @Test func accumulateAddsToTheOutput() {
        let a = Reference.sparse(20, 20, density: 0.3, seed: 3)
        let x = Reference.random(20, 64, seed: 4)
        var y = Reference.random(20, 64, seed: 5)
        let expected = y + Reference.matmul(a.dense(), x)
        a.multiply(x, into: &y, accumulate: true)
        #expect(close(y, expected))
        var z = Reference.random(20, 64, seed: 6)
        let expectedT = z + Reference.matmul(a.dense(), x, transposeA: true)
        a.transposedMultiply(x, into: &z, accumulate: true, threads: 2)
        #expect(close(z, expectedT))
    }

    @Test func transposeTwiceIsTheIdentity() {
        let a = Reference.sparse(31, 17, density: 0.25, seed: 9)
        #expect(a.transposed().transposed() == a)
        #expect(a.transposed().dense() == Reference.transpose(a.dense()))
    }

    /// Large enough to be split: the split is nnz-balanced and every row has one writer.
    @Test func twoThreadsGiveIdenticalResults() {
        let a = Reference.sparse(3000, 2000, density: 0.01, seed: 10)
        let x = Reference.random(2000, 64, seed: 13)
        #expect(a.multiply(x, threads: 1) == a.multiply(x, threads: 2))
        let xt = Reference.random(3000, 64, seed: 14)
        let one = a.transposedMultiply(xt, threads: 1), two = a.transposedMultiply(xt, threads: 2)
        #expect(close(one, two, tolerance: 1e-5))
        #expect(two == a.transposedMultiply(xt, threads: 2))
    }

    @Test func duplicateEntriesAddUp() {
        let a = SparseMatrix(rows: 2, columns: 2, entries: [(0, 1, 2), (0, 1, 3), (1, 0, 1)])
        #expect(a.dense() == Tensor([[0, 5], [1, 0]]))
        #expect(a.multiply(Tensor([[1], [10]])) == Tensor([[50], [1]]))
    }

    @Test func nnzBalancedRangesCoverAllRows() {
        let offsets: [Int32] = [0, 100, 101, 102, 103, 200, 200, 201]
        let ranges = offsets.withUnsafeBufferPointer {
            Parallel.balancedRanges(offsets: $0.baseAddress!, rows: 7, parts: 2)
        }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 7)
        #expect(ranges[0].upperBound == ranges[1].lowerBound)
        #expect(ranges == [0..<4, 4..<7] || ranges == [0..<1, 1..<7])
    }
}
