#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The elementwise non-linearities of the GNN recommenders, with their derivatives in one place.
///
/// Numerically stable forms: sigmoid(x) evaluates exp of a non-positive number only;
/// softplus(x) = max(x, 0) + log1p(exp(−|x|)); logSigmoid(x) = −softplus(−x).
public enum Activation: Sendable, Equatable {
    /// max(x, 0) (PinSage, KGCN-neighbor).
    case relu
    /// x for x > 0, slope · x otherwise (NGCF uses slope 0.2).
    case leakyRelu(slope: Float)
    /// tanh(x) (KGCN's last layer).
    case tanh
    /// 1 / (1 + e^−x).
    case sigmoid
    /// log(1 + e^x).
    case softplus
    /// log σ(x) = −softplus(−x) (the BPR log-likelihood).
    case logSigmoid

    /// f(x) for one element.
    @inline(__always)
    public func value(_ x: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .leakyRelu(let slope): return x > 0 ? x : slope * x
        case .tanh: return Glibc_tanh(x)
        case .sigmoid: return Activation.sigmoid(x)
        case .softplus: return max(x, 0) + log1pf(expf(-abs(x)))
        case .logSigmoid: return min(x, 0) - log1pf(expf(-abs(x)))
        }
    }

    /// f′(x), given the input x and the output y = f(x) (whichever is cheaper is used).
    @inline(__always)
    package func derivative(input x: Float, output y: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu(let slope): return x > 0 ? 1 : slope
        case .tanh: return 1 - y * y
        case .sigmoid: return y * (1 - y)
        case .softplus: return Activation.sigmoid(x)
        case .logSigmoid: return Activation.sigmoid(-x)
        }
    }

    /// The logistic function, stable for large |x|.
    @inline(__always)
    package static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}

@inline(__always)
private func Glibc_tanh(_ x: Float) -> Float { tanhf(x) }

extension Tensor {
    /// f applied to every element.
    package func applying(_ activation: Activation) -> Tensor {
        Tensor(rows: rows, columns: columns) { out in
            withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = activation.value(x[i]) }
            }
        }
    }

    /// The gradient through an activation: upstream ⊙ f′(input), with `output` = f(input).
    package static func activationGradient(_ activation: Activation, input: Tensor, output: Tensor,
                                          upstream: Tensor) -> Tensor {
        precondition(input.shape == output.shape && input.shape == upstream.shape,
                     "activation gradient shapes differ: \(input.shape), \(output.shape), \(upstream.shape)")
        return Tensor(rows: input.rows, columns: input.columns) { out in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeBufferPointer { y in
                    upstream.withUnsafeBufferPointer { g in
                        for i in 0..<x.count { out[i] = g[i] * activation.derivative(input: x[i], output: y[i]) }
                    }
                }
            }
        }
    }
}
