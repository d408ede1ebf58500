import KGAutodiff
import KGTensor

/// Finite-difference gradient checking: the tape's gradient of every input element against the
/// central difference (f(x + ε) − f(x − ε)) / 2ε.
///
/// A non-scalar output y is reduced to the scalar Σ y ⊙ R with a fixed random R, so every output
/// element contributes with a different weight. Inputs are parameters, so gradients flow to all
/// of them; ops whose other operands are constants are checked through the variable ones.
struct GradientCheck {
    var epsilon: Float = 1e-2
    var absoluteTolerance: Float = 5e-3
    var relativeTolerance: Float = 2e-2

    /// The mismatches found (empty when every gradient element agrees).
    func mismatches(_ inputs: [Tensor], _ build: ([Variable]) -> Variable) -> [String] {
        let weightSeed: UInt64 = 777
        func evaluate(_ values: [Tensor]) -> (Double, [Tensor?]) {
            let tape = Tape()
            let parameters = values.enumerated().map { Parameter(name: "input\($0.offset)", value: $0.element) }
            let variables = parameters.map { tape.parameter($0) }
            let output = build(variables)
            var rng = SeededRNG(seed: weightSeed)
            let weights = Tensor.uniform(rows: output.rows, columns: output.columns, lower: 0.5, upper: 1.5, using: &rng)
            let loss = output.value.count == 1 && output.rows == 1 ? output : (output * tape.constant(weights)).sum()
            var total = 0.0
            let y = output.value.storage, w = weights.storage
            for i in 0..<y.count { total += Double(y[i]) * (output.value.count == 1 ? 1 : Double(w[i])) }
            tape.backward(from: loss)
            return (total, parameters.map(\.gradient))
        }
        let (_, analytic) = evaluate(inputs)
        var problems: [String] = []
        for (index, input) in inputs.enumerated() {
            for element in 0..<input.count {
                var plus = inputs, minus = inputs
                let r = element / input.columns, c = element % input.columns
                plus[index][r, c] += epsilon
                minus[index][r, c] -= epsilon
                let numeric = Float((evaluate(plus).0 - evaluate(minus).0) / (2 * Double(epsilon)))
                let exact = analytic[index]?[r, c] ?? 0
                if abs(exact - numeric) > absoluteTolerance + relativeTolerance * abs(numeric) {
                    problems.append("input \(index) element (\(r), \(c)): tape \(exact), finite difference \(numeric)")
                }
            }
        }
        return problems
    }
}

func randomTensor(_ rows: Int, _ columns: Int, seed: UInt64, awayFromZero: Bool = false) -> Tensor {
    var rng = SeededRNG(seed: seed)
    var t = Tensor.uniform(rows: rows, columns: columns, lower: -1, upper: 1, using: &rng)
    if awayFromZero {
        t = Tensor(rows: rows, columns: columns, storage: t.storage.map { $0 < 0 ? $0 - 0.1 : $0 + 0.1 })
    }
    return t
}
