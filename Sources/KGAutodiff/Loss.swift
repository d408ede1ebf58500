#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGTensor

/// The training objectives of the recommenders, as fused, numerically stable ops.
package enum Loss {
    /// Bayesian personalised ranking (Rendle et al., UAI 2009), averaged over the batch:
    /// −mean(log σ(ŷ_ui − ŷ_uj)) for positive scores ŷ_ui and negative scores ŷ_uj (n × 1 each).
    package static func bpr(positive: Variable, negative: Variable) -> Variable {
        (positive - negative).logSigmoid().mean().scaled(by: -1)
    }

    /// Binary cross-entropy on logits, averaged: mean(softplus(x) − y·x) with labels y ∈ [0, 1]
    /// (KGCN's CTR objective). Stable for any x; backward (σ(x) − y) / n.
    package static func binaryCrossEntropy(logits: Variable, labels: Tensor) -> Variable {
        let x = logits.value
        precondition(labels.shape == x.shape, "labels \(labels.shape) for logits \(x.shape)")
        let n = Float(max(1, x.count))
        var total = 0.0
        x.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                for i in 0..<x.count {
                    let v = x[i]
                    total += Double(max(v, 0) - v * y[i] + log1pf(expf(-abs(v))))
                }
            }
        }
        return logits.tape.record(Tensor(scalar: Float(total / Double(n))), inputs: [logits]) { g, _ in
            let scale = g.scalar / n
            return Tensor(rows: x.rows, columns: x.columns) { out in
                x.withUnsafeBufferPointer { x in
                    labels.withUnsafeBufferPointer { y in
                        for i in 0..<x.count { out[i] = (Activation.sigmoid(x[i]) - y[i]) * scale }
                    }
                }
            }
        }
    }

    /// Max-margin ranking loss (PinSage, Ying et al. KDD 2018), averaged:
    /// mean(max(0, ŷ_neg − ŷ_pos + margin)).
    package static func marginRanking(positive: Variable, negative: Variable, margin: Float) -> Variable {
        let marginTerm = positive.tape.constant(Tensor(rows: positive.rows, columns: positive.columns, repeating: margin))
        return (negative - positive + marginTerm).relu().mean()
    }

    /// L2 regularisation: ½ Σ_v ‖v‖² over the given variables, 1 × 1 (scale it by λ / batch as
    /// the model's reference code does).
    package static func l2(_ variables: [Variable]) -> Variable {
        precondition(!variables.isEmpty, "l2 of no variables")
        var total = variables[0].sumOfSquares()
        for v in variables.dropFirst() { total = total + v.sumOfSquares() }
        return total.scaled(by: 0.5)
    }
}
