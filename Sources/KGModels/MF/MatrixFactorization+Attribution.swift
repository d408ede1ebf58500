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
    /// interaction changes nothing (the least-squares attributor has no recompute).
    public func remover(train: CSR) -> any InteractionRemover {
        UserSideRemover(attributor: attributor(train: train, threads: 1))
    }
}
