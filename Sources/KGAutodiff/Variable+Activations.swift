import KGTensor

extension Variable {
    /// f applied elementwise; the backward pass uses f′ from `Activation.derivative`.
    package func applying(_ activation: Activation) -> Variable {
        let x = value
        let y = x.applying(activation)
        return tape.record(y, inputs: [self]) { g, _ in
            Tensor.activationGradient(activation, input: x, output: y, upstream: g)
        }
    }

    /// max(x, 0).
    package func relu() -> Variable { applying(.relu) }
    /// x for x > 0, slope · x otherwise.
    package func leakyRelu(slope: Float = 0.2) -> Variable { applying(.leakyRelu(slope: slope)) }
    /// tanh(x).
    package func tanh() -> Variable { applying(.tanh) }
    /// 1 / (1 + e^−x).
    package func sigmoid() -> Variable { applying(.sigmoid) }
    /// log(1 + e^x).
    package func softplus() -> Variable { applying(.softplus) }
    /// log σ(x).
    package func logSigmoid() -> Variable { applying(.logSigmoid) }
}
