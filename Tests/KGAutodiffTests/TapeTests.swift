import Testing
import KGAutodiff
import KGTensor

@Suite struct TapeTests {
    @Test func lossValuesMatchHandComputation() {
        let tape = Tape()
        let pos = tape.constant(Tensor(column: [2, 0])), neg = tape.constant(Tensor(column: [0, 0]))
        // −mean(log σ(2), log σ(0)) = (log(1 + e^−2) + log 2) / 2
        let expected: Float = (0.126928 + 0.693147) / 2
        #expect(abs(Loss.bpr(positive: pos, negative: neg).value.scalar - expected) < 1e-5)
        let bce = Loss.binaryCrossEntropy(logits: tape.constant(Tensor(column: [0, 100, -100])),
                                          labels: Tensor(column: [1, 1, 1]))
        #expect(abs(bce.value.scalar - (0.693147 + 0 + 100) / 3) < 1e-4)
        let margin = Loss.marginRanking(positive: tape.constant(Tensor(column: [1, 1])),
                                        negative: tape.constant(Tensor(column: [0.8, -1])), margin: 0.5)
        #expect(abs(margin.value.scalar - 0.15) < 1e-6)
        #expect(Loss.l2([tape.constant(Tensor([[3, 4]]))]).value.scalar == 12.5)
    }

    @Test func constantsGetNoGradientAndParametersAccumulate() {
        let tape = Tape()
        let w = Parameter(name: "w", value: Tensor([[1, 2]]))
        let x = tape.constant(Tensor([[3, 4]]))
        let wv = tape.parameter(w)
        let loss = (wv * x).sum()
        tape.backward(from: loss)
        #expect(w.gradient == Tensor([[3, 4]]))
        #expect(x.gradient == nil)
        // A second backward pass on another tape adds to the parameter's gradient.
        let tape2 = Tape()
        tape2.backward(from: (tape2.parameter(w) * tape2.constant(Tensor([[1, 1]]))).sum())
        #expect(w.gradient == Tensor([[4, 5]]))
        w.clearGradient()
        #expect(w.gradient == nil)
    }

    @Test func aGraphWithoutParametersRecordsNoBackward() {
        let tape = Tape()
        let y = (tape.constant(Tensor([[1]])) + tape.constant(Tensor([[2]]))).sum()
        #expect(!y.needsGradient && y.value.scalar == 3)
    }

    /// Variables refer to their tape but the tape's closures never refer to variables, so a
    /// finished step frees its tape (a cycle here leaked every step's tensors).
    @Test func aTapeIsFreedWithItsVariables() {
        weak var released: Tape?
        let p = Parameter(name: "p", value: Tensor([[1, 2]]))
        do {
            let tape = Tape()
            released = tape
            let x = tape.parameter(p)
            let loss = (x * x).matmul(tape.constant(Tensor([[1], [1]]))).sum()
            tape.backward(from: loss)
            #expect(released != nil)
        }
        #expect(released == nil)
        #expect(p.gradient == Tensor([[2, 4]]))
    }

    @Test func reusedVariablesSumTheirGradients() {
        let tape = Tape()
        let p = Parameter(name: "p", value: Tensor([[3]]))
        let x = tape.parameter(p)
        tape.backward(from: (x * x + x).sum())   // d/dx (x² + x) = 2x + 1 = 7
        #expect(p.gradient == Tensor([[7]]))
    }
}

@Suite struct OptimizerTests {
    @Test func sgdStepsAgainstTheGradient() {
        let p = Parameter(name: "p", value: Tensor([[1, -2]]))
        p.accumulateGradient(Tensor([[0.5, 1]]))
        SGD(learningRate: 0.1).step([p])
        #expect(p.value.maxAbsoluteDifference(Tensor([[0.95, -2.1]])) < 1e-7)
        #expect(p.gradient == nil)
    }

    @Test func sgdMomentumAndWeightDecay() {
        let p = Parameter(name: "p", value: Tensor([[1]]))
        let sgd = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
        p.accumulateGradient(Tensor([[1]]))
        sgd.step([p])           // v = 1 + 0.5·1 = 1.5; p = 1 − 0.15 = 0.85
        p.accumulateGradient(Tensor([[1]]))
        sgd.step([p])           // v = 0.9·1.5 + 1 + 0.425 = 2.775; p = 0.85 − 0.2775
        #expect(abs(p.value.scalar - 0.5725) < 1e-6)
    }

    /// Adam's first steps by hand: after t steps with a constant gradient g, m̂ = g and v̂ = g²,
    /// so each step moves p by lr · g / (|g| + ε) (up to ε).
    @Test func adamMatchesHandComputedSteps() {
        let values = (0..<19).map { Float($0) - 9 }
        let p = Parameter(name: "p", value: Tensor(rows: 1, columns: 19, storage: values))
        let adam = Adam(learningRate: 0.01)
        let g = Tensor(rows: 1, columns: 19, storage: values.map { $0 == 0 ? 0 : ($0 > 0 ? 2 : -0.5) })
        for _ in 0..<3 {
            p.accumulateGradient(g)
            adam.step([p])
        }
        for i in 0..<19 {
            let sign: Float = values[i] == 0 ? 0 : (values[i] > 0 ? 1 : -1)
            #expect(abs(p.value[0, i] - (values[i] - 0.03 * sign)) < 1e-5)
        }
    }

    /// A parameter's `learningRateScale` scales its steps alone: with a constant gradient each
    /// step moves p by lr · scale.
    @Test func learningRateScaleScalesOnlyThatParameter() {
        let fast = Parameter(name: "fast", value: Tensor([[1]])), slow = Parameter(name: "slow", value: Tensor([[1]]))
        slow.learningRateScale = 0.1
        let adam = Adam(learningRate: 0.01)
        for _ in 0..<4 {
            fast.accumulateGradient(Tensor([[2]]))
            slow.accumulateGradient(Tensor([[2]]))
            adam.step([fast, slow])
        }
        #expect(abs(fast.value.scalar - (1 - 0.04)) < 1e-5)
        #expect(abs(slow.value.scalar - (1 - 0.004)) < 1e-5)
    }

    @Test func adamWithWeightDecayAndVaryingGradients() {
        // Two steps by the formulas, in Double.
        let p = Parameter(name: "p", value: Tensor([[1]]))
        let adam = Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.1)
        var x = 1.0, m = 0.0, v = 0.0
        for (t, grad) in [(1, 0.5), (2, -1.0)] {
            p.accumulateGradient(Tensor([[Float(grad)]]))
            adam.step([p])
            let g = grad + 0.1 * x
            m = 0.9 * m + 0.1 * g
            v = 0.99 * v + 0.01 * g * g
            let c1 = 1 - pow(0.9, Double(t)), c2 = 1 - pow(0.99, Double(t))
            x -= 0.1 / c1 * m / (v.squareRoot() / c2.squareRoot() + 1e-8)
        }
        #expect(abs(Double(p.value.scalar) - x) < 1e-5)
    }

    @Test func adamMinimisesAQuadratic() {
        var rng = SeededRNG(seed: 1)
        let target = Tensor.normal(rows: 300, columns: 40, standardDeviation: 1, using: &rng)   // > 8 and odd tail
        let p = Parameter(name: "p", rows: 300, columns: 40, initializer: .xavierUniform, rng: &rng)
        let adam = Adam(learningRate: 0.05, threads: 2)
        for _ in 0..<300 {
            let tape = Tape()
            tape.backward(from: (tape.parameter(p) - tape.constant(target)).sumOfSquares())
            adam.step([p])
        }
        #expect(p.value.maxAbsoluteDifference(target) < 0.05)
    }

    @Test func initialisersHaveTheDocumentedScale() {
        var rng = SeededRNG(seed: 2)
        let u = Initializer.xavierUniform.tensor(rows: 200, columns: 100, rng: &rng)
        let bound = (6.0 / 300.0).squareRoot()
        #expect(u.storage.allSatisfy { abs(Double($0)) <= bound })
        let n = Initializer.xavierNormal.tensor(rows: 200, columns: 100, rng: &rng)
        let variance = Double(n.sumOfSquares()) / Double(n.count)
        #expect(abs(variance - 2.0 / 300.0) < 0.0005)
        let s = Initializer.normal(standardDeviation: 0.1).tensor(rows: 100, columns: 100, rng: &rng)
        #expect(abs(Double(s.sumOfSquares()) / 10_000 - 0.01) < 0.001)
        #expect(Initializer.zeros.tensor(rows: 2, columns: 2, rng: &rng) == Tensor(rows: 2, columns: 2))
    }
}

private func pow(_ x: Double, _ n: Double) -> Double {
    var r = 1.0
    for _ in 0..<Int(n) { r *= x }
    return r
}
