import KGGraph
import KGTensor

/// The attribution any dot-product model can give: the final user vector e_u re-expressed over
/// the user's train items by least squares, an association rather than the model's mechanism.
///
/// With V_h the final vectors of the user's h history items (h × d), the weights are
/// a = V_h (V_hᵀV_h + λI)⁻¹ e_u = (V_h V_hᵀ + λI)⁻¹ V_h e_u (the same vector by the push-through
/// identity), λ = 10⁻⁶ · max(trace(V_hᵀV_h)/d, 10⁻¹²): the minimum-norm combination of the item
/// vectors nearest to e_u, kept finite when the history is rank-deficient (duplicate vectors).
/// Then parts[j] = a_j v_j and rest = e_u − Σ_j parts[j], so e_u = rest + Σ_j parts[j] holds up
/// to float rounding and the contributions ⟨parts[j], e_i⟩ add up to the score minus ⟨rest, e_i⟩;
/// rest is the part of e_u outside the span of the history.
///
/// The system solved is the smaller of the two: h × h (items) when h ≤ d, d × d (dimensions)
/// otherwise. The h × h form never sees the part of e_u outside the span, which the d × d form
/// would first blow up by 1/λ and then cancel; both run in `Double`.
struct LeastSquaresAttributor: UserAttributor {
    /// Final user vectors, users × d.
    let users: Tensor
    /// Final item vectors, items × d.
    let items: Tensor
    /// The train interactions, users × items.
    let train: CSR

    /// Which normal equations `weights` solves.
    enum System {
        /// (V_h V_hᵀ + λI) a = V_h e_u, h × h.
        case items
        /// (V_hᵀV_h + λI) x = e_u, a = V_h x, d × d.
        case dimensions
    }

    init(users: Tensor, items: Tensor, train: CSR) {
        precondition(users.columns == items.columns, "user dimension \(users.columns) != item dimension \(items.columns)")
        precondition(train.rowCount == users.rows && train.columnCount == items.rows,
                     "train is \(train.rowCount)×\(train.columnCount), the model has \(users.rows) users and \(items.rows) items")
        self.users = users
        self.items = items
        self.train = train
    }

    func userVector(user: Int32) -> [Float] {
        precondition(user >= 0 && Int(user) < users.rows, "user \(user) outside 0..<\(users.rows)")
        return users.row(Int(user))
    }

    func decompose(user: Int32) -> UserDecomposition {
        let target = userVector(user: user)
        let d = items.columns
        var history: [Int32] = []
        for item in train.neighbours(Int(user)).sorted() where history.last != item { history.append(item) }
        let h = history.count
        let vectors = items.gatherRows(history)
        let weights = vectors.withUnsafeBufferPointer { v in
            LeastSquaresAttributor.weights(vectors: v.map(Double.init), count: h, dimension: d,
                                           target: target.map(Double.init))
        } ?? [Double](repeating: 0, count: h)
        var rest = target.map(Double.init)
        let parts = Tensor(rows: h, columns: d) { out in
            vectors.withUnsafeBufferPointer { v in
                for j in 0..<h {
                    let a = Float(weights[j])
                    for c in 0..<d {
                        let part = a * v[j * d + c]
                        out[j * d + c] = part
                        rest[c] -= Double(part)
                    }
                }
            }
        }
        return UserDecomposition(items: history, parts: parts, rest: rest.map(Float.init))
    }

    /// nil: the least-squares view has no recompute (MF's user vector does not depend on the
    /// history; NGCF's and PinSage's recomputes are not written yet).
    func userVector(user: Int32, without removed: [Int32]) -> [Float]? { nil }

    /// The weights a of the combination Σ_j a_j v_j nearest to `target` (see the type's
    /// documentation); `vectors` holds the h vectors row-major (h × d). `system` chooses the
    /// normal equations (default: the smaller). nil when the solve fails (non-finite input).
    static func weights(vectors v: [Double], count h: Int, dimension d: Int, target e: [Double],
                        system: System? = nil) -> [Double]? {
        precondition(v.count == h * d && e.count == d, "\(v.count) vector entries, target \(e.count), h \(h), d \(d)")
        guard h > 0 else { return [] }
        var trace = 0.0
        for x in v { trace += x * x }
        let lambda = 1e-6 * max(trace / Double(max(d, 1)), 1e-12)
        switch system ?? (h <= d ? .items : .dimensions) {
        case .items:
            var gram = [Double](repeating: 0, count: h * h), projected = [Double](repeating: 0, count: h)
            for i in 0..<h {
                for j in 0...i {
                    var s = 0.0
                    for c in 0..<d { s += v[i * d + c] * v[j * d + c] }
                    gram[i * h + j] = s
                }
                gram[i * h + i] += lambda
                var s = 0.0
                for c in 0..<d { s += v[i * d + c] * e[c] }
                projected[i] = s
            }
            return Cholesky.solve(gram, projected, n: h)
        case .dimensions:
            var gram = [Double](repeating: 0, count: d * d)
            for j in 0..<h {
                for r in 0..<d {
                    let x = v[j * d + r]
                    for c in 0...r { gram[r * d + c] += x * v[j * d + c] }
                }
            }
            for r in 0..<d { gram[r * d + r] += lambda }
            guard let x = Cholesky.solve(gram, e, n: d) else { return nil }
            return (0..<h).map { j in
                var s = 0.0
                for c in 0..<d { s += v[j * d + c] * x[c] }
                return s
            }
        }
    }
}
