import KGGraph
import KGTensor

extension MatrixFactorization: InteractionAttribution {
    /// An association: p_u is a free parameter, so removing an interaction leaves the score as it
    /// is until the model is retrained.
    public var attributionKind: AttributionKind { .association }

    public var attributionMethod: String {
        "MF's user vector re-expressed as a least-squares combination of the user's items; removing an interaction would not change MF's score"
    }

    /// The least-squares view over P and Q (`LeastSquaresAttributor`); nothing to prepare.
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        LeastSquaresAttributor(users: userEmbedding.value, items: itemEmbedding.value, train: train)
    }
}

extension MatrixFactorization: InteractionRemoval {
    /// MF's user vector is learned, not built from the history: without retraining, removing an
    /// interaction changes nothing.
    public func remover(train: CSR) -> any InteractionRemover { UnchangedScores(model: self) }
}

/// The recompute of a model whose representations do not depend on the history: its own.
final class UnchangedScores: InteractionRemover {
    let model: MatrixFactorization

    init(model: MatrixFactorization) { self.model = model }

    func userVector(user: Int32, without removed: Int32) -> [Float] {
        model.userEmbedding.value.gatherRows([user]).storage
    }

    func scores(user: Int32, without removed: Int32, scoring items: [Int32]) -> [Float] {
        model.scores(users: [Int32](repeating: user, count: items.count), items: items, threads: 1)
    }
}
