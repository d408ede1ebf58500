import KGAutodiff
import KGTensor

/// Checks the tape's gradients against central differences (f(θ + ε) − f(θ − ε)) / 2ε, element by
/// element, for f = Σ y ⊙ R: the output y of `build` weighted by a fixed random R (so every
/// output element has its own weight; a 1 × 1 output is used as it is). f is summed in Double,
/// so rounding stays far below the differences even for small ε.
struct FiniteDifferences {
    var epsilon: Float = 1e-2
    var absoluteTolerance: Float = 3e-3
    var relativeTolerance: Float = 3e-2

    /// The mismatching elements as readable lines (empty when all agree). `build` records the
    /// output on the tape it is given; it must be deterministic.
    func mismatches(_ parameters: [Parameter], _ build: (Tape) -> Variable) -> [String] {
        func weights(_ y: Tensor) -> Tensor {
            if y.count == 1 { return Tensor(scalar: 1) }
            var rng = SeededRNG(seed: 99)
            return Tensor.uniform(rows: y.rows, columns: y.columns, lower: 0.5, upper: 1.5, using: &rng)
        }
        func evaluate() -> Double {
            let y = build(Tape()).value, w = weights(y)
            var total = 0.0
            for (a, b) in zip(y.storage, w.storage) { total += Double(a) * Double(b) }
            return total
        }
        for p in parameters { p.clearGradient() }
        let tape = Tape()
        let y = build(tape)
        let loss = y.value.count == 1 ? y : (y * tape.constant(weights(y.value))).sum()
        tape.backward(from: loss)
        let analytic = parameters.map { $0.gradient }
        for p in parameters { p.clearGradient() }
        var problems: [String] = []
        for (index, parameter) in parameters.enumerated() {
            let base = parameter.value
            for element in 0..<base.count {
                let r = element / base.columns, c = element % base.columns
                parameter.value = base
                parameter.value[r, c] += epsilon
                let plus = evaluate()
                parameter.value = base
                parameter.value[r, c] -= epsilon
                let minus = evaluate()
                parameter.value = base
                let numeric = Float((plus - minus) / (2 * Double(epsilon)))
                let exact = analytic[index]?[r, c] ?? 0
                if abs(exact - numeric) > absoluteTolerance + relativeTolerance * abs(numeric) {
                    problems.append("\(parameter.name)[\(r), \(c)]: tape \(exact), finite difference \(numeric)")
                }
            }
        }
        return problems
    }
}
