import KGAutodiff
import KGTensor

/// One PinSage convolution (Ying et al., "Graph Convolutional Neural Networks for Web-Scale
/// Recommender Systems", KDD 2018, Algorithm 1):
///
///     n_u = Σ_{v ∈ N(u)} α_uv · ReLU(Q h_v + q)
///     z_u = ReLU(W [h_u ‖ n_u] + w),   z_u ← z_u / ‖z_u‖
///
/// As message passing over an item's importance-based neighbourhood N(u) (the top-T items of
/// random walks from u, `RandomWalkSampler`) with weights α_uv (their normalised visit counts):
/// - **message** m_v = ReLU(Q h_v + q), computed once per item (`message`);
/// - **aggregate** n_u = Σ_v α_uv m_v, importance pooling as one CSR × dense product over the
///   neighbourhood matrix (`aggregate`);
/// - **update** z_u = ReLU(W [h_u ‖ n_u] + w) scaled to unit length (`update`).
///
/// Shapes: H is items × inputDimension, Q is inputDimension × hiddenDimension, q 1 × hidden,
/// W (inputDimension + hiddenDimension) × outputDimension, w 1 × outputDimension; Z is
/// items × outputDimension.
struct PinSageConv {
    /// Q, the neighbour transform.
    let neighbourWeight: Parameter
    /// q.
    let neighbourBias: Parameter
    /// W, the transform of the node's own representation concatenated with its neighbourhood's.
    let weight: Parameter
    /// w.
    let bias: Parameter

    /// A layer with Xavier-uniform weights and zero biases; `index` names the parameters
    /// (`Q_0`, `q_0`, `W_0`, `w_0`, …).
    init(index: Int, inputDimension: Int, hiddenDimension: Int, outputDimension: Int, rng: inout SeededRNG) {
        neighbourWeight = Parameter(name: "Q_\(index)", rows: inputDimension, columns: hiddenDimension,
                                    initializer: .xavierUniform, rng: &rng)
        neighbourBias = Parameter(name: "q_\(index)", value: Tensor(rows: 1, columns: hiddenDimension))
        weight = Parameter(name: "W_\(index)", rows: inputDimension + hiddenDimension, columns: outputDimension,
                           initializer: .xavierUniform, rng: &rng)
        bias = Parameter(name: "w_\(index)", value: Tensor(rows: 1, columns: outputDimension))
    }

    /// The layer's parameters in checkpoint order.
    var parameters: [Parameter] { [neighbourWeight, neighbourBias, weight, bias] }

    /// Message: ReLU(H Q + q) for every item.
    func message(_ h: Variable) -> Variable {
        let tape = h.tape
        return h.matmul(tape.parameter(neighbourWeight)).addingRowVector(tape.parameter(neighbourBias)).relu()
    }

    /// Aggregate: the importance-weighted sum of the neighbours' messages.
    func aggregate(_ messages: Variable, neighbourhoods: SparseOperand) -> Variable {
        neighbourhoods * messages
    }

    /// Update: ReLU([H ‖ N] W + w), rows scaled to unit length.
    func update(_ h: Variable, neighbourhood n: Variable) -> Variable {
        let tape = h.tape
        return Variable.concatColumns([h, n]).matmul(tape.parameter(weight)).addingRowVector(tape.parameter(bias))
            .relu().rowL2Normalized()
    }

    /// The whole layer on a tape.
    func callAsFunction(_ h: Variable, neighbourhoods: SparseOperand) -> Variable {
        update(h, neighbourhood: aggregate(message(h), neighbourhoods: neighbourhoods))
    }

    /// The whole layer without a tape (inference).
    func callAsFunction(_ h: Tensor, neighbourhoods: SparseMatrix, threads: Int) -> Tensor {
        let messages = h.matmul(neighbourWeight.value, threads: threads).addingRowVector(neighbourBias.value)
            .applying(.relu)
        let n = neighbourhoods.multiply(messages, threads: threads)
        return Tensor.concatColumns([h, n]).matmul(weight.value, threads: threads).addingRowVector(bias.value)
            .applying(.relu).rowL2Normalized()
    }
}
