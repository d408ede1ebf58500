import KGTensor

/// A reverse-mode autodiff tape: ops record their output and a closure that pushes the output's
/// gradient to their inputs; `backward(from:)` runs the closures in reverse order.
///
/// One tape per training step (the `Trainer` makes it, the model's `loss` records onto it, the
/// optimiser reads the parameters' gradients). Leaves are constants, which get no gradient, and
/// parameters, whose gradients are added to `Parameter.gradient` at the end of `backward`.
/// Ops skip the gradients of inputs that do not depend on a parameter, so constant inputs
/// (adjacency, features, labels) cost nothing in the backward pass.
///
/// Not thread-safe: one tape is used from one thread; the kernels it calls use `threads` cores.
public final class Tape {
    /// Threads each kernel may use (the `--threads` setting).
    public let threads: Int

    struct Node {
        var value: Tensor
        var gradient: Tensor?
        let needsGradient: Bool
        let backward: ((Tape, Tensor) -> Void)?
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
    public func constant(_ value: Tensor) -> Variable {
        record(value, needsGradient: false, backward: nil)
    }

    /// A leaf bound to a parameter: after `backward`, its gradient is added to `parameter.gradient`.
    public func parameter(_ parameter: Parameter) -> Variable {
        nodes.append(Node(value: parameter.value, gradient: nil, needsGradient: true, backward: nil,
                          parameter: parameter))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// Records an op's output. `backward(tape, g)` receives the gradient g of the output and
    /// calls `accumulate` for each input that needs one. Ops pass `needsGradient` = whether any
    /// input needs a gradient; when false, no closure is kept.
    public func record(_ value: Tensor, needsGradient: Bool, backward: ((Tape, Tensor) -> Void)?) -> Variable {
        nodes.append(Node(value: value, gradient: nil, needsGradient: needsGradient,
                          backward: needsGradient ? backward : nil, parameter: nil))
        return Variable(tape: self, id: nodes.count - 1)
    }

    /// Adds `gradient` to the gradient of `variable` (no-op for constants).
    public func accumulate(_ gradient: Tensor, into variable: Variable) {
        let id = variable.id
        guard nodes[id].needsGradient else { return }
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
        accumulate(Tensor(scalar: seed), into: loss)
        for id in stride(from: loss.id, through: 0, by: -1) {
            guard let gradient = nodes[id].gradient else { continue }
            if let backward = nodes[id].backward {
                nodes[id].gradient = nil
                backward(self, gradient)
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
    public let tape: Tape
    let id: Int

    /// The forward value.
    public var value: Tensor { tape.value(id) }
    /// Whether the loss gradient flows to a parameter through this node.
    public var needsGradient: Bool { tape.needsGradient(id) }
    /// The gradient after `backward` (leaves), or nil.
    public var gradient: Tensor? { tape.gradient(id) }
    /// The value's shape.
    public var rows: Int { value.rows }
    public var columns: Int { value.columns }

    /// Records `value` as the output of an op with these inputs.
    func derived(_ value: Tensor, from inputs: [Variable], backward: @escaping (Tape, Tensor) -> Void) -> Variable {
        for input in inputs { precondition(input.tape === tape, "operands from different tapes") }
        return tape.record(value, needsGradient: inputs.contains { $0.needsGradient }, backward: backward)
    }
}
