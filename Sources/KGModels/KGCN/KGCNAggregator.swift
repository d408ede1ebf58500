import KGAutodiff
import KGTensor

/// One KGCN iteration (Wang et al., WWW 2019, §3.2): an entity's representation v is combined
/// with its user-specific neighbourhood v_N = Σ_{j ∈ S(v)} π̃(u, r_vj) · e_j into a new v.
///
/// Written as three message-passing steps over the flattened receptive field, where the `n`
/// "self" rows have their K sampled neighbours in consecutive rows (n · K rows); a layer call
/// runs message and aggregate as one fused op (`neighbourhood`), tested against the two steps:
///
/// - **message**: m_j = π̃_j · e_j, the neighbour's vector weighted by the user–relation
///   attention (`KGCNAttention`); (n · K) × d.
/// - **aggregate**: v_N = Σ over each group of K messages; n × d.
/// - **update** (the three aggregators of eq. 5–7), W and b this iteration's weights:
///   - `sum`:      σ(W (v + v_N) + b), W d × d
///   - `concat`:   σ(W [v ‖ v_N] + b), W 2d × d
///   - `neighbor`: σ(W v_N + b),       W d × d
///
///   with σ = ReLU in every iteration but the last, which uses tanh. Rows are vectors, so the
///   code computes x·W for the paper's W·x.
///
/// The neighbourhood is the paper's sum Σ π̃ e; the reference code averages it (divides by K).
public struct KGCNAggregator {
    /// How an entity and its neighbourhood are combined.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// σ(W (v + v_N) + b).
        case sum
        /// σ(W [v ‖ v_N] + b).
        case concat
        /// σ(W v_N + b): the entity's own vector is dropped.
        case neighbor

        /// The rows of W for embedding size d: 2d for concat, d otherwise.
        func weightRows(dimension: Int) -> Int { self == .concat ? 2 * dimension : dimension }
    }

    public let kind: Kind
    /// ReLU for inner iterations, tanh for the last.
    package let activation: Activation
    /// W, d × d (2d × d for concat).
    public let weight: Parameter
    /// b, 1 × d.
    package let bias: Parameter

    /// An aggregator of `kind` for embedding size `dimension`; its parameters are named
    /// `aggregator_<index>_weight` and `aggregator_<index>_bias`, W drawn by `initializer`, b zero.
    public init(kind: Kind, dimension: Int, activation: Activation, index: Int, initializer: Initializer,
                rng: inout SeededRNG) {
        self.kind = kind
        self.activation = activation
        weight = Parameter(name: "aggregator_\(index)_weight", rows: kind.weightRows(dimension: dimension),
                           columns: dimension, initializer: initializer, rng: &rng)
        bias = Parameter(name: "aggregator_\(index)_bias", rows: 1, columns: dimension, initializer: .zeros, rng: &rng)
    }

    /// The message step: row j of `neighbours` ((n · K) × d) times its weight in `attention`
    /// ((n · K) × 1).
    public static func message(neighbours: Variable, attention: Variable) -> Variable {
        neighbours.multiplyingRows(by: attention)
    }

    /// The aggregate step: the sum of each consecutive group of `k` messages, (n · K) × d → n × d.
    package static func aggregate(_ messages: Variable, k: Int) -> Variable {
        precondition(messages.rows % k == 0, "\(messages.rows) messages do not split into groups of \(k)")
        return messages.segmentSum(Segments(count: messages.rows / k, size: k))
    }

    /// The message and aggregate steps in one pass: row s of the result is
    /// Σ_{j < k} attention[s·k + j] · neighbours[s·k + j], (n · K) × d → n × d, without
    /// materialising the (n · K) × d messages. Backward: d neighbours[r] = attention[r] · g[r / k],
    /// d attention[r] = ⟨g[r / k], neighbours[r]⟩.
    package static func neighbourhood(neighbours: Variable, attention: Variable, k: Int) -> Variable {
        let x = neighbours.value, w = attention.value, d = x.columns
        precondition(k > 0 && x.rows % k == 0 && w.rows == x.rows && w.columns == 1 && d > 0,
                     "\(x.rows)×\(d) neighbours, \(w.rows)×\(w.columns) weights, groups of \(k)")
        let groups = x.rows / k, rows = x.rows
        var value = Tensor(rows: groups, columns: d)
        value.withUnsafeMutableBufferPointer { out in
            x.withUnsafeBufferPointer { x in
                w.withUnsafeBufferPointer { w in
                    guard let o = out.baseAddress, let x = x.baseAddress, let w = w.baseAddress else { return }
                    for r in 0..<rows { KGCNKernels.axpy(o + (r / k) * d, w[r], x + r * d, d) }
                }
            }
        }
        return neighbours.tape.record(value, inputs: [neighbours, attention], backward: { g, index -> Tensor in
            g.withUnsafeBufferPointer { g in
                x.withUnsafeBufferPointer { x in
                    w.withUnsafeBufferPointer { w in
                        guard let g = g.baseAddress, let x = x.baseAddress, let w = w.baseAddress else {
                            return Tensor(rows: rows, columns: index == 0 ? d : 1)
                        }
                        if index == 0 {
                            return Tensor(rows: rows, columns: d) { out in
                                for r in 0..<rows {
                                    let target = out.baseAddress! + r * d, source = g + (r / k) * d, weight = w[r]
                                    for c in 0..<d { target[c] = weight * source[c] }
                                }
                            }
                        }
                        return Tensor(rows: rows, columns: 1) { out in
                            for r in 0..<rows { out[r] = KGCNKernels.dot(g + (r / k) * d, x + r * d, d) }
                        }
                    }
                }
            }
        })
    }

    /// The update step: the new representation of the n self rows from their vectors `v` and
    /// neighbourhoods `neighbourhood` (both n × d).
    package func update(_ v: Variable, neighbourhood: Variable) -> Variable {
        let tape = v.tape
        let input: Variable = switch kind {
        case .sum: v + neighbourhood
        case .concat: Variable.concatColumns([v, neighbourhood])
        case .neighbor: neighbourhood
        }
        return input.matmul(tape.parameter(weight)).addingRowVector(tape.parameter(bias)).kgcnActivated(activation)
    }

    /// One iteration for n self rows: `v` (n × d), their sampled neighbours' vectors
    /// (`neighbours`, (n · K) × d, K consecutive rows per self row) and the attention weights
    /// π̃ of those neighbours ((n · K) × 1, summing to 1 over each group). Returns n × d.
    func callAsFunction(_ v: Variable, neighbours: Variable, attention: Variable) -> Variable {
        precondition(neighbours.rows == attention.rows && neighbours.rows % max(1, v.rows) == 0,
                     "\(v.rows) self rows, \(neighbours.rows) neighbour rows, \(attention.rows) attention weights")
        let k = v.rows == 0 ? 1 : neighbours.rows / v.rows
        return update(v, neighbourhood: KGCNAggregator.neighbourhood(neighbours: neighbours, attention: attention, k: k))
    }
}

extension Variable {
    /// f(x) elementwise with the SIMD ReLU and tanh of `KGCNKernels` (tanh within 10⁻⁶ of the C
    /// library's, several times faster); the backward pass is `Tensor.activationGradient`.
    func kgcnActivated(_ activation: Activation) -> Variable {
        let x = value
        var y = x
        y.withUnsafeMutableBufferPointer { KGCNKernels.activate($0.baseAddress!, $0.count, activation) }
        return tape.record(y, inputs: [self]) { g, _ in
            Tensor.activationGradient(activation, input: x, output: y, upstream: g)
        }
    }
}
