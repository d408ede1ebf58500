import KGGraph
import KGTensor

extension ImplicitALS: InteractionAttribution {
    /// Counterfactual: with the items' factors fixed, ALS's user vector is the solution of a
    /// least-squares problem over the user's interactions, so it is rebuilt without one exactly;
    /// the solution is not linear in the interactions, so the parts are drops, not terms.
    public var attributionKind: AttributionKind { .counterfactual }

    public var attributionMethod: String {
        "each interaction carries the drop of ALS's score when the user's factors are solved again without it "
            + "(the least-squares solve ALS makes, item factors as trained); the rest is what no single interaction carries"
    }

    public func attributor(train: CSR, threads: Int) -> any UserAttributor { ALSAttributor(model: self, train: train) }
}

extension ImplicitALS: InteractionRemoval {
    /// The user's factors solved again without the interaction (item factors as trained).
    public func remover(train: CSR) -> any InteractionRemover {
        UserSideRemover(attributor: ALSAttributor(model: self, train: train))
    }
}

/// ALS's contributions as counterfactual drops: x′_u solves
/// (YᵀY + λI + α Σ_{j∈R_u∖removed} y_j y_jᵀ) x = (1 + α) Σ_{j∈R_u∖removed} y_j exactly (Cholesky,
/// in double precision).
struct ALSAttributor: UserAttributor {
    let model: ImplicitALS
    let train: CSR
    /// YᵀY + λI, d × d, in double precision.
    private let gram: [Double]

    init(model: ImplicitALS, train: CSR) {
        self.model = model
        self.train = train
        let y = model.itemFactors.value, d = y.columns
        var gram = y.matmul(y, transposeSelf: true).storage.map(Double.init)
        for k in 0..<d { gram[k * d + k] += Double(model.regularization) }
        self.gram = gram
    }

    var items: Tensor { model.itemFactors.value }

    func userVector(user: Int32) -> [Float] { model.userFactors.value.row(Int(user)) }

    /// parts[j] = x_u − x′_u(without j); rest = x_u − Σ_j parts[j] (the trained x_u, whose
    /// conjugate-gradient error lands in the rest).
    func decompose(user: Int32) -> UserDecomposition {
        let full = userVector(user: user)
        let system = System(self, user: user)
        let solved = system?.solution.map { Float($0) } ?? full
        return .counterfactual(history: Array(train.neighbours(Int(user))), full: full, reference: solved) {
            system?.without($0) ?? solved
        }
    }

    func userVector(user: Int32, without removed: [Int32]) -> [Float]? {
        guard let system = System(self, user: user) else { return nil }
        let solved = system.solution.map { Float($0) }
        let without: [Float]?
        switch removed.count {
        case 0: without = solved
        case 1: without = system.without(removed[0])
        default: without = System(self, user: user, excluding: removed)?.solution.map { Float($0) }
        }
        // The trained vector moved by what the exact solves say the removal moves it.
        return without.map { without in zip(userVector(user: user), zip(solved, without)).map { $0 - ($1.0 - $1.1) } }
    }

    /// One user's least-squares problem A x = b with its Cholesky factor, in double precision:
    /// A = YᵀY + λI + α Σ_j y_j y_jᵀ, b = (1 + α) Σ_j y_j over the user's items (but `excluding`).
    struct System {
        let factor: [Double]
        let solution: [Double]
        let rows: Tensor
        let alpha: Double

        init?(_ attributor: ALSAttributor, user: Int32, excluding: [Int32] = []) {
            let y = attributor.model.itemFactors.value, d = y.columns
            let alpha = Double(attributor.model.confidence)
            var a = attributor.gram, b = [Double](repeating: 0, count: d)
            for item in attributor.train.neighbours(Int(user)) where !excluding.contains(item) {
                let row = y.row(Int(item)).map(Double.init)
                for r in 0..<d {
                    b[r] += (1 + alpha) * row[r]
                    for c in 0..<d { a[r * d + c] += alpha * row[r] * row[c] }
                }
            }
            guard let factor = Cholesky.factor(a, n: d) else { return nil }
            self.factor = factor
            solution = Cholesky.solve(factor: factor, b, n: d)
            rows = y
            self.alpha = alpha
        }

        /// The solution without item j, by Sherman–Morrison on the rank-one change
        /// A′ = A − α y yᵀ, b′ = b − (1 + α) y: with z = A⁻¹y and w = x − (1 + α) z,
        /// x′ = w + α z (yᵀw) / (1 − α yᵀz). O(d²) instead of a new factorisation.
        func without(_ item: Int32) -> [Float] {
            let y = rows.row(Int(item)).map(Double.init), d = y.count
            let z = Cholesky.solve(factor: factor, y, n: d)
            let w = (0..<d).map { solution[$0] - (1 + alpha) * z[$0] }
            let yz = zip(y, z).reduce(0) { $0 + $1.0 * $1.1 }, yw = zip(y, w).reduce(0) { $0 + $1.0 * $1.1 }
            let denominator = 1 - alpha * yz
            return (0..<d).map { Float(w[$0] + alpha * z[$0] * yw / denominator) }
        }
    }
}
