import KGGraph
import KGTensor

extension NGCF: InteractionAttribution {
    /// An association for now: NGCF's user vector does depend on the history, through non-linear
    /// layers, but its counterfactual recompute is not written yet.
    public var attributionKind: AttributionKind { .association }

    public var attributionMethod: String {
        "NGCF's final user vector re-expressed as a least-squares combination of the final vectors of the user's items; not how NGCF builds the vector"
    }

    /// Propagates once, then the least-squares view over the final vectors (`LeastSquaresAttributor`).
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        let final = propagate(threads: threads)
        return LeastSquaresAttributor(users: final.rows(0..<userCount),
                                      items: final.rows(userCount..<(userCount + itemCount)), train: train)
    }
}
