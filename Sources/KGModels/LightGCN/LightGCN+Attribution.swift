import KGGraph
import KGTensor

extension LightGCN: InteractionAttribution {
    /// Exact: LightGCN's user vector is linear in its neighbours' propagated messages
    /// (`LightGCNAttributor`).
    public var attributionKind: AttributionKind { .exact }

    public var attributionMethod: String {
        "LightGCN's score split exactly over the user's interactions: each interaction carries the propagated messages of its item; the user's own embedding is the rest"
    }

    /// Propagates once (K sparse products); each `decompose` then costs O(|N(u)| · d). The
    /// decomposition reads Â, the graph the model was built on; `train` must have its shape.
    public func attributor(train: CSR, threads: Int) -> any UserAttributor {
        precondition(train.rowCount == userCount && train.columnCount == itemCount,
                     "train is \(train.rowCount)×\(train.columnCount), the model has \(userCount) users and \(itemCount) items")
        return LightGCNAttributor(model: self, threads: threads)
    }
}
