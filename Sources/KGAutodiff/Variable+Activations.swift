import KGTensor

extension Variable {
    /// f applied elementwise; the backward pass uses f′ from `Activation.derivative`.
    public func applying(_ activation: Activation) -> Variable {
        let x = value
        let y = x.applying(activation)
        return tape.record(y, inputs: [self]) { g, _ in
            Tensor.activationGradient(activation, input: x, output: y, upstream: g)
        }
    }

    /// max(x, 0).
    public func relu() -> Variable { applying(.relu) }
    /// x for x > 0, slope · x otherwise.
    public func leakyRelu(slope: Float = 0.2) -> Variable { applying(.leakyRelu(slope: slope)) }
    /// tanh(x).
    public func tanh() -> Variable { applying(.tanh) }
    /// 1 / (1 + e^−x).
    public func sigmoid() -> Variable { applying(.sigmoid) }
    /// log(1 + e^x).
    public func softplus() -> Variable { applying(.softplus) }
    /// log σ(x).
    public func logSigmoid() -> Variable { applying(.logSigmoid) }
}
