import KGTensor

/// A reverse-mode autodiff tape: each op records its output, its inputs and a closure giving the
/// gradient of one input from the output's gradient; `backward(from:)` visits the nodes in
/// reverse order and accumulates the input gradients.
///
/// One tape per training step (the `Trainer` makes it, the model's `loss` records onto it, the
/// optimiser reads the parameters' gradients). Leaves are constants, which get no gradient, and
/// parameters, whose gradients are added to `Parameter.gradient` at the end of `backward`.
/// Gradients are computed only for inputs that depend on a parameter, so constant inputs
/// (adjacency, features, labels) cost nothing in the backward pass.
///
/// Variables refer to their tape, but the tape's closures never refer to variables (they capture
/// tensors and input positions only), so a tape and its variables are freed together with no
/// reference cycle. Not thread-safe: one tape is used from one thread; the kernels it calls use
/// `threads` cores.
public final class Tape {
    /// Threads each kernel may use (the `--threads` setting).
    public let threads: Int

    /// The gradient of input `index` of a node, given the gradient of its output.
    package typealias Backward = (_ upstream: Tensor, _ index: Int) -> Tensor
    /// Adds the gradient of input `index` into `gradient` in place (nil: none accumulated yet),
    /// for ops whose contribution is cheaper to add than to materialise: a gather scatters into
    /// the existing table, a sparse product accumulates into it, a weighted sum adds a multiple.
    package typealias AccumulatingBackward = (_ upstream: Tensor, _ index: Int, _ gradient: inout Tensor?) -> Void

    enum Rule {
        case returning(Backward)
        case accumulating(AccumulatingBackward)
    }

    struct Node {
        let value: Tensor
        var gradient: Tensor?
        let needsGradient: Bool
        let inputs: [Int]
        let backward: Rule?
        let parameter: Parameter?
    }

    var nodes: [Node] = []

    public init(threads: Int = 1) {
        precondition(threads >= 1, "threads must be at least 1, got \(threads)")
        self.threads = threads
    }

    /// The number of recorded nodes.
    public var count: Int { nodes.count }

    /// A leaf that gets no gradient (inputs, labels, fixed features).
    package func constant(_ value: Tensor) -> Variable {
        nodes.append(Node(value: value, gradient: nil, needsGradient: false, inputs: [], backward: nil, parameter: nil))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// A leaf bound to a parameter: after `backward`, its gradient is added to `parameter.gradient`.
    package func parameter(_ parameter: Parameter) -> Variable {
        nodes.append(Node(value: parameter.value, gradient: nil, needsGradient: true, inputs: [], backward: nil,
                          parameter: parameter))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// Records an op: its output `value`, its `inputs`, and `backward(g, i)`, the gradient of
    /// `inputs[i]` given the output's gradient g (same shape as that input). `backward` is called
    /// only for inputs that need a gradient, and is not kept when none does. It must not capture
    /// variables (capture their values).
    package func record(_ value: Tensor, inputs: [Variable], backward: @escaping Backward) -> Variable {
        record(value, inputs: inputs, rule: .returning(backward))
    }

    /// Records an op whose backward pass adds each input's gradient in place (see
    /// `AccumulatingBackward`); otherwise as `record(_:inputs:backward:)`.
    package func record(_ value: Tensor, inputs: [Variable], accumulating backward: @escaping AccumulatingBackward) -> Variable {
        record(value, inputs: inputs, rule: .accumulating(backward))
    }

    private func record(_ value: Tensor, inputs: [Variable], rule: Rule) -> Variable {
        for input in inputs { precondition(input.tape === self, "an operand belongs to another tape") }
        let ids = inputs.map(\.id)
        let needsGradient = ids.contains { nodes[$0].needsGradient }
        nodes.append(Node(value: value, gradient: nil, needsGradient: needsGradient, inputs: ids,
                          backward: needsGradient ? rule : nil, parameter: nil))
        return Variable(tape: self, id: nodes.count - 1)
    }

    private func accumulate(_ gradient: Tensor, into id: Int) {
        precondition(gradient.shape == nodes[id].value.shape,
                     "gradient \(gradient.shape) does not match value \(nodes[id].value.shape) of node \(id)")
        if nodes[id].gradient == nil {
            nodes[id].gradient = gradient
        } else {
            nodes[id].gradient!.add(gradient)
        }
    }

    /// Runs the backward pass from a 1 × 1 `loss`, seeding its gradient with `seed` (default 1),
    /// then adds each parameter leaf's gradient to its `Parameter`.
    ///
    /// Gradients of intermediate nodes are released as soon as they have been propagated;
    /// leaves keep theirs (`Variable.gradient`).
    public func backward(from loss: Variable, seed: Float = 1) {
        precondition(loss.tape === self, "loss belongs to another tape")
        precondition(nodes[loss.id].value.count == 1,
                     "backward needs a scalar loss, got \(nodes[loss.id].value.shape)")
        guard nodes[loss.id].needsGradient else { return }
        accumulate(Tensor(scalar: seed), into: loss.id)
        for id in stride(from: loss.id, through: 0, by: -1) {
            guard let gradient = nodes[id].gradient else { continue }
            if let rule = nodes[id].backward {
                nodes[id].gradient = nil
                for (index, input) in nodes[id].inputs.enumerated() where nodes[input].needsGradient {
                    switch rule {
                    case .returning(let backward):
                        accumulate(backward(gradient, index), into: input)
                    case .accumulating(let backward):
                        // Moved out so that the buffer is uniquely referenced and updated in place.
                        var current = nodes[input].gradient
                        nodes[input].gradient = nil
                        backward(gradient, index, &current)
                        precondition(current?.shape == nodes[input].value.shape,
                                     "gradient \(current?.shape ?? []) does not match value \(nodes[input].value.shape) of node \(input)")
                        nodes[input].gradient = current
                    }
                }
            } else if let parameter = nodes[id].parameter {
                parameter.accumulateGradient(gradient)
            }
        }
    }

    func value(_ id: Int) -> Tensor { nodes[id].value }
    func needsGradient(_ id: Int) -> Bool { nodes[id].needsGradient }
    func gradient(_ id: Int) -> Tensor? { nodes[id].gradient }
}

/// A node of a tape: a tensor value and, after `Tape.backward`, the gradient of the loss with
/// respect to it (leaves only).
public struct Variable {
    package let tape: Tape
    let id: Int

    /// The forward value.
    public var value: Tensor { tape.value(id) }
    /// Whether the loss gradient flows to a parameter through this node.
    package var needsGradient: Bool { tape.needsGradient(id) }
    /// The gradient after `backward` (leaves), or nil.
    package var gradient: Tensor? { tape.gradient(id) }
    /// The value's shape.
    public var rows: Int { value.rows }
    public var columns: Int { value.columns }
}
