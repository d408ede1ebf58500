import Testing
import KGAutodiff
import KGTensor

/// Every tape op's gradient against finite differences.
@Suite struct OpGradientTests {
    let check = GradientCheck()
    let a = randomTensor(4, 5, seed: 1), b = randomTensor(4, 5, seed: 2)

    @Test func arithmetic() {
        #expect(check.mismatches([a, b]) { $0[0] + $0[1] }.isEmpty)
        #expect(check.mismatches([a, b]) { $0[0] - $0[1] }.isEmpty)
        #expect(check.mismatches([a, b]) { $0[0] * $0[1] }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].scaled(by: -2.5) }.isEmpty)
        #expect(check.mismatches([a, b]) { Variable.weightedSum([$0[0], $0[1], $0[0]], weights: [0.25, 0.5, 1]) }.isEmpty)
        #expect(check.mismatches([a, randomTensor(1, 5, seed: 3)]) { $0[0].addingRowVector($0[1]) }.isEmpty)
        #expect(check.mismatches([a, randomTensor(4, 1, seed: 4)]) { $0[0].multiplyingRows(by: $0[1]) }.isEmpty)
    }

    @Test func reductions() {
        #expect(check.mismatches([a]) { $0[0].sum() }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].mean() }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].sumOfSquares() }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].sumOfColumns() }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].sumOfRows() }.isEmpty)
    }

    @Test(arguments: [Activation.relu, .leakyRelu(slope: 0.2), .tanh, .sigmoid, .softplus, .logSigmoid])
    func activations(_ activation: Activation) {
        let x = randomTensor(3, 7, seed: 5, awayFromZero: true).scaled(by: 2)
        #expect(check.mismatches([x]) { $0[0].applying(activation) }.isEmpty)
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matmul(transposeA: Bool, transposeB: Bool) {
        let x = transposeA ? randomTensor(5, 3, seed: 6) : randomTensor(3, 5, seed: 6)
        let w = transposeB ? randomTensor(4, 5, seed: 7) : randomTensor(5, 4, seed: 7)
        #expect(check.mismatches([x, w]) { $0[0].matmul($0[1], transposeSelf: transposeA, transposeOther: transposeB) }.isEmpty)
    }

    @Test func sparseTimesDense() {
        let matrix = SparseMatrix(rows: 3, columns: 4, entries: [(0, 1, 0.5), (0, 3, -1), (2, 0, 2), (2, 1, 1.5)])
        let operand = SparseOperand(matrix)
        let x = randomTensor(4, 6, seed: 8)
        #expect(check.mismatches([x]) { operand * $0[0] }.isEmpty)
        // The sparse op and its gradient equal the dense product's.
        let tape = Tape()
        let p = Parameter(name: "x", value: x), q = Parameter(name: "y", value: x)
        let sparse = operand * tape.parameter(p)
        let dense = tape.constant(matrix.dense()).matmul(tape.parameter(q))
        #expect(sparse.value.maxAbsoluteDifference(dense.value) < 1e-6)
        tape.backward(from: (sparse.sumOfSquares() + dense.sumOfSquares()))
        #expect(p.gradient!.maxAbsoluteDifference(q.gradient!) < 1e-5)
    }

    @Test func rowOps() {
        let table = randomTensor(6, 3, seed: 9)
        #expect(check.mismatches([table]) { $0[0].gatherRows([4, 1, 4, 0]) }.isEmpty)
        #expect(check.mismatches([randomTensor(4, 3, seed: 10)]) { $0[0].scatterAddRows(at: [2, 0, 2, 5], rowCount: 6) }.isEmpty)
        #expect(check.mismatches([a, b]) { $0[0].rowDot($0[1]) }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].rowL2Normalized() }.isEmpty)
        #expect(check.mismatches([a, randomTensor(4, 2, seed: 11)]) { Variable.concatColumns([$0[0], $0[1]]) }.isEmpty)
        #expect(check.mismatches([a, randomTensor(2, 5, seed: 12)]) { Variable.concatRows([$0[0], $0[1]]) }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].rows(1..<3) }.isEmpty)
        #expect(check.mismatches([a]) { $0[0].columns(1..<4) }.isEmpty)
        #expect(check.mismatches([a]) { x in
            var rng = SeededRNG(seed: 13)
            return x[0].dropout(rate: 0.3, rng: &rng)
        }.isEmpty)
    }

    @Test func segmentOps() {
        let segments = Segments(offsets: [0, 2, 2, 5, 6])
        let x = randomTensor(6, 3, seed: 14)
        #expect(check.mismatches([x]) { $0[0].segmentSum(segments) }.isEmpty)
        #expect(check.mismatches([x]) { $0[0].segmentMean(segments) }.isEmpty)
        #expect(check.mismatches([randomTensor(4, 3, seed: 15)]) { $0[0].segmentExpanded(segments) }.isEmpty)
        #expect(check.mismatches([x]) { $0[0].segmentSoftmax(segments) }.isEmpty)
        #expect(check.mismatches([randomTensor(8, 1, seed: 16)]) { $0[0].segmentSoftmax(Segments(count: 2, size: 4)) }.isEmpty)
    }

    @Test func losses() {
        let pos = randomTensor(5, 1, seed: 17).scaled(by: 3), neg = randomTensor(5, 1, seed: 18).scaled(by: 3)
        #expect(check.mismatches([pos, neg]) { Loss.bpr(positive: $0[0], negative: $0[1]) }.isEmpty)
        let labels = Tensor(column: [1, 0, 1, 0.5, 0])
        #expect(check.mismatches([pos]) { Loss.binaryCrossEntropy(logits: $0[0], labels: labels) }.isEmpty)
        let p = Tensor(column: [1, 0.2, -0.5, 2, 0]), n = Tensor(column: [0.1, 0.9, -0.3, -1, 0.3])
        #expect(check.mismatches([p, n]) { Loss.marginRanking(positive: $0[0], negative: $0[1], margin: 0.5) }.isEmpty)
        #expect(check.mismatches([a, b]) { Loss.l2([$0[0], $0[1]]) }.isEmpty)
    }

    /// A GNN-shaped composite: propagation, a dense layer with bias, attention and pooling.
    @Test func composite() {
        let adjacency = SparseOperand(SparseMatrix(rows: 4, columns: 4, entries: [
            (0, 1, 0.5), (1, 0, 0.5), (1, 2, 0.7), (2, 1, 0.7), (3, 3, 1), (2, 3, 0.2),
        ]))
        let segments = Segments(count: 2, size: 2)
        let inputs = [randomTensor(4, 3, seed: 19), randomTensor(3, 3, seed: 20), randomTensor(1, 3, seed: 21)]
        #expect(check.mismatches(inputs) { v in
            let h = (adjacency * v[0]).matmul(v[1]).addingRowVector(v[2]).tanh()
            let attention = h.rowDot(v[0]).segmentSoftmax(segments)
            return h.multiplyingRows(by: attention).segmentSum(segments).rowL2Normalized()
        }.isEmpty)
    }
}

@Suite struct GradientCheckTests {
    /// The checker is not vacuous: an op whose backward pass is off by a factor is caught.
    @Test func detectsAWrongGradient() {
        let x = randomTensor(2, 3, seed: 30)
        let problems = GradientCheck().mismatches([x]) { v in
            v[0].tape.record(v[0].value.scaled(by: 3), inputs: [v[0]]) { g, _ in g.scaled(by: 2.9) }
        }
        #expect(problems.count == 6)
    }
}
