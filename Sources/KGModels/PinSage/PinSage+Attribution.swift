import KGGraph
import KGTensor

extension PinSage: InteractionAttribution {
    /// An association for now: the least-squares view, not PinSage's own importance weights.
    public var attributionKind: AttributionKind { .association }

    public var attributionMethod: String {
        "PinSage's user vector re-expressed as a least-squares combination of the representations of the user's items; not yet PinSage's own importance weights"
    }

    /// Computes the item representations once, then the least-squares view over them
    /// (`LeastSquaresAttributor`).
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        let scorer = dotProductScorer(threads: threads)
        return LeastSquaresAttributor(users: scorer.users, items: scorer.items, train: train)
    }
}
