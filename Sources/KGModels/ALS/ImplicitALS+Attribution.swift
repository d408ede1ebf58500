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
        let solved = solve(user: user, without: []) ?? full
        return .counterfactual(history: Array(train.neighbours(Int(user))), full: full, reference: solved) {
            solve(user: user, without: [$0]) ?? solved
        }
    }

    func userVector(user: Int32, without removed: [Int32]) -> [Float]? {
        guard let solved = solve(user: user, without: []), let without = solve(user: user, without: removed) else { return nil }
        // The trained vector moved by what the exact solves say the removal moves it.
        return zip(userVector(user: user), zip(solved, without)).map { $0 - ($1.0 - $1.1) }
    }

    /// The exact least-squares user factors without the interactions with `removed`.
    private func solve(user: Int32, without removed: [Int32]) -> [Float]? {
        let y = model.itemFactors.value, d = y.columns
        let alpha = Double(model.confidence)
        var a = gram, b = [Double](repeating: 0, count: d)
        for item in train.neighbours(Int(user)) where !removed.contains(item) {
            let row = y.row(Int(item)).map(Double.init)
            for r in 0..<d {
                b[r] += (1 + alpha) * row[r]
                for c in 0..<d { a[r * d + c] += alpha * row[r] * row[c] }
            }
        }
        return Cholesky.solve(a, b, n: d)?.map { Float($0) }
    }
}
