import Foundation
import Testing
@testable import KGTensor

@Suite struct RowOpsTests {
    @Test func gatherThenScatterIsTheAdjoint() {
        let table = Reference.random(10, 13, seed: 1)
        let index: [Int32] = [3, 0, 3, 9]
        let gathered = table.gatherRows(index)
        #expect(gathered.row(0) == table.row(3) && gathered.row(2) == table.row(3) && gathered.row(3) == table.row(9))
        let g = Reference.random(4, 13, seed: 2)
        let scattered = g.scatterAddedRows(at: index, rowCount: 10)
        // ⟨gather(T), G⟩ = ⟨T, scatter(G)⟩
        #expect(abs((gathered * g).sum() - (table * scattered).sum()) < 1e-4)
        #expect(close(scattered.rows(3..<4), (g.rows(0..<1) + g.rows(2..<3))))
        #expect(scattered.row(5) == [Float](repeating: 0, count: 13))
    }

    @Test(arguments: [1, 7, 8, 16, 64, 67])
    func rowDotMatchesScalarLoop(width: Int) {
        let a = Reference.random(5, width, seed: 3), b = Reference.random(5, width, seed: 4)
        let dots = a.rowDot(b)
        for r in 0..<5 {
            let expected = (0..<width).reduce(0.0) { $0 + Double(a[r, $1]) * Double(b[r, $1]) }
            #expect(abs(Double(dots[r, 0]) - expected) < 1e-5)
        }
    }

    @Test func l2NormalisedRowsHaveUnitNorm() {
        let x = Reference.random(6, 9, seed: 5)
        let y = x.rowL2Normalized()
        for r in 0..<6 { #expect(abs(y.rowDot(y)[r, 0] - 1) < 1e-5) }
        #expect(Tensor(rows: 1, columns: 3).rowL2Normalized() == Tensor(rows: 1, columns: 3))
    }

    @Test func concatAndSliceColumnsRoundTrip() {
        let a = Reference.random(4, 3, seed: 6), b = Reference.random(4, 5, seed: 7)
        let both = Tensor.concatColumns([a, b])
        #expect(both.shape == [4, 8])
        #expect(both.columns(0..<3) == a && both.columns(3..<8) == b)
        let stacked = Tensor.concatRows([a, Reference.random(2, 3, seed: 8)])
        #expect(stacked.rows(0..<4) == a)
    }

    @Test func broadcastsAndReductions() {
        let x = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(x.addingRowVector(Tensor([[10, 20]])) == Tensor([[11, 22], [13, 24], [15, 26]]))
        #expect(x.multiplyingRows(by: Tensor(column: [1, 0, -1])) == Tensor([[1, 2], [0, 0], [-5, -6]]))
        #expect(x.sumOfRows() == Tensor([[9, 12]]))
        #expect(x.sumOfColumns() == Tensor(column: [3, 7, 11]))
        #expect(x.sum() == 21 && x.mean() == 3.5 && x.sumOfSquares() == 91)
        #expect(Tensor([[1, 2]]).repeatedRows(2) == Tensor([[1, 2], [1, 2]]))
        var y = x
        y.add(x, scaledBy: -2)
        #expect(y == x.scaled(by: -1))
        #expect(x * x - x == Tensor([[0, 2], [6, 12], [20, 30]]))
    }

    @Test func dropoutMaskKeepsTheExpectation() {
        var rng = SeededRNG(seed: 4)
        let mask = Tensor.dropoutMask(rows: 200, columns: 50, rate: 0.25, using: &rng)
        let zeros = mask.storage.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 10_000 - 0.25) < 0.02)
        #expect(mask.storage.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
        #expect(abs(mask.mean() - 1) < 0.03)
    }
}

@Suite struct SegmentTests {
    let segments = Segments(offsets: [0, 2, 2, 5])
    let x = Tensor([[1, -1], [2, 0], [3, 1], [4, 2], [5, 9]])

    @Test func sumMeanAndExpand() {
        #expect(x.segmentSum(segments) == Tensor([[3, -1], [0, 0], [12, 12]]))
        #expect(x.segmentMean(segments) == Tensor([[1.5, -0.5], [0, 0], [4, 4]]))
        #expect(Tensor([[1, 2], [3, 4], [5, 6]]).segmentExpanded(segments)
                == Tensor([[1, 2], [1, 2], [5, 6], [5, 6], [5, 6]]))
        #expect(Segments(count: 2, size: 3).offsets == [0, 3, 6])
    }

    @Test func softmaxMatchesTheFormula() {
        let y = x.segmentSoftmax(segments)
        let e1 = [1.0, 2.0].map { exp($0) }
        #expect(abs(Double(y[0, 0]) - e1[0] / (e1[0] + e1[1])) < 1e-6)
        let sums = y.segmentSum(segments)
        #expect(abs(sums[0, 0] - 1) < 1e-6 && abs(sums[2, 1] - 1) < 1e-6 && sums[1, 0] == 0)
        // Large inputs do not overflow.
        let big = Tensor(column: [1000, 1000]).segmentSoftmax(Segments(count: 1, size: 2))
        #expect(big == Tensor(column: [0.5, 0.5]))
    }
}

