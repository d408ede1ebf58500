import KGAutodiff
import KGTensor

/// One NGCF embedding-propagation layer (Wang et al., "Neural Graph Collaborative Filtering",
/// SIGIR 2019, eq. 7 in matrix form):
///
///     E' = LeakyReLU((L + I) E W1 + (L E ⊙ E) W2 + b1 + b2)
///
/// As message passing over the user–item graph with edge weights L_ij:
/// - **message** m_{j→i} = L_ij · e_j, and the bi-interaction message L_ij · (e_j ⊙ e_i);
/// - **aggregate** by sum: s_i = Σ_j L_ij e_j (one CSR × dense product, `aggregate`), so that
///   the bi-interaction sum is s_i ⊙ e_i and no per-edge message is materialised;
/// - **update** e'_i = LeakyReLU((e_i + s_i) W1 + (s_i ⊙ e_i) W2 + b1 + b2) (`update`).
///
/// With the official code's adjacency (`NGCF.Adjacency.meanPlusIdentity`), the self-connection
/// is already inside the aggregate (s_i holds e_i), so the first branch is s_i W1 and the
/// bi-interaction term includes e_i ⊙ e_i: `selfInAggregate` selects that form.
///
/// Shapes: E is n × inputDimension, W1 and W2 are inputDimension × outputDimension, b1 and b2
/// are 1 × outputDimension, E' is n × outputDimension.
struct NGCFConv {
    /// W1, the transform of the neighbourhood sum (with the self-connection).
    let weight1: Parameter
    /// b1.
    let bias1: Parameter
    /// W2, the transform of the bi-interaction e_i ⊙ s_i.
    let weight2: Parameter
    /// b2.
    let bias2: Parameter
    /// Whether the aggregate already holds the node's own embedding (Â = D^-1 A + I).
    let selfInAggregate: Bool
    /// LeakyReLU's slope for negative inputs. NGCF uses 0.2.
    let negativeSlope: Float

    /// A layer with Xavier-uniform weights (as the reference code) and zero biases; `index`
    /// names the parameters (`W1_0`, `b1_0`, …).
    init(index: Int, inputDimension: Int, outputDimension: Int, selfInAggregate: Bool,
                negativeSlope: Float = 0.2, rng: inout SeededRNG) {
        weight1 = Parameter(name: "W1_\(index)", rows: inputDimension, columns: outputDimension,
                            initializer: .xavierUniform, rng: &rng)
        bias1 = Parameter(name: "b1_\(index)", value: Tensor(rows: 1, columns: outputDimension))
        weight2 = Parameter(name: "W2_\(index)", rows: inputDimension, columns: outputDimension,
                            initializer: .xavierUniform, rng: &rng)
        bias2 = Parameter(name: "b2_\(index)", value: Tensor(rows: 1, columns: outputDimension))
        self.selfInAggregate = selfInAggregate
        self.negativeSlope = negativeSlope
    }

    /// The layer's parameters in checkpoint order.
    var parameters: [Parameter] { [weight1, bias1, weight2, bias2] }

    /// Message + aggregate: S = Â E over all nodes, or over the rows `adjacency` holds.
    func aggregate(_ embeddings: Variable, adjacency: SparseOperand) -> Variable {
        adjacency * embeddings
    }

    /// Update: LeakyReLU((E + S) W1 + (S ⊙ E) W2 + b1 + b2) for the rows of `ego` and their
    /// aggregates `side` (same rows, same order), then message dropout at `dropout` with masks
    /// seeded by `seed`.
    ///
    /// One fused op on the tape: X = [E + S ‖ S ⊙ E] (n × 2d) goes through a single GEMM with
    /// [W1; W2] (2d × d'), and the bias, LeakyReLU and dropout are one pass that also keeps the
    /// factor D = LeakyReLU′ · mask. Backward: dZ = dY ⊙ D; db1 = db2 = Σ_rows dZ;
    /// [dW1; dW2] = Xᵀ dZ; [dA ‖ dB] = dZ [W1; W2]ᵀ; dE = dA + dB ⊙ S and dS = dA + dB ⊙ E
    /// (dE = dB ⊙ S when the aggregate holds the self-connection). Two GEMMs and four
    /// elementwise passes in all, where the composed ops take four GEMMs and about fifteen passes.
    func update(ego: Variable, side: Variable, dropout: Float = 0, seed: UInt64 = 0) -> Variable {
        precondition(ego.rows == side.rows && ego.columns == side.columns,
                     "ego \(ego.rows)×\(ego.columns) and aggregate \(side.rows)×\(side.columns) differ")
        let tape = ego.tape, threads = tape.threads
        let e = ego.value, s = side.value, selfInAggregate = self.selfInAggregate
        let weights = Tensor.concatRows([weight1.value, weight2.value])
        let x = NGCFKernels.interactionInput(ego: e, side: s, selfInAggregate: selfInAggregate, threads: threads)
        let z = x.matmul(weights, threads: threads)
        let (y, factor) = NGCFKernels.activate(z, bias: bias1.value + bias2.value, slope: negativeSlope,
                                                rate: dropout, seed: seed, threads: threads)
        let d = weight1.value.rows
        let cache = GradientCache()
        let inputs = [ego, side, tape.parameter(weight1), tape.parameter(bias1), tape.parameter(weight2), tape.parameter(bias2)]
        return tape.record(y, inputs: inputs) { g, index in
            let dz = cache.dz ?? NGCFKernels.multiply(g, factor, threads: threads)
            cache.dz = dz
            switch index {
            case 0, 1:
                if cache.inputs == nil {
                    let dx = dz.matmul(weights, transposeOther: true, threads: threads)
                    cache.inputs = NGCFKernels.inputGradients(dx, ego: e, side: s, selfInAggregate: selfInAggregate,
                                                              threads: threads)
                }
                return index == 0 ? cache.inputs!.ego : cache.inputs!.side
            case 2, 4:
                if cache.weights == nil { cache.weights = x.matmul(dz, transposeSelf: true, threads: threads) }
                return index == 2 ? cache.weights!.rows(0..<d) : cache.weights!.rows(d..<(2 * d))
            default:
                return dz.sumOfRows()
            }
        }
    }

    /// The gradients the fused update's backward pass shares between its inputs, computed at the
    /// first input that asks.
    private final class GradientCache {
        var dz: Tensor?
        var inputs: (ego: Tensor, side: Tensor)?
        var weights: Tensor?
    }

    /// The same update without a tape or dropout (inference).
    func update(ego: Tensor, side: Tensor, threads: Int) -> Tensor {
        let x = NGCFKernels.interactionInput(ego: ego, side: side, selfInAggregate: selfInAggregate, threads: threads)
        let z = x.matmul(Tensor.concatRows([weight1.value, weight2.value]), threads: threads)
        return NGCFKernels.activate(z, bias: bias1.value + bias2.value, slope: negativeSlope, rate: 0, seed: 0,
                                    threads: threads).output
    }
}
