import KGGraph
import KGTensor

/// Uniform negative sampling for implicit feedback: an item drawn uniformly from those the user
/// has no train interaction with.
///
/// Rejection sampling against the user's sorted train row (binary search), so a draw costs
/// O(log degree) in expectation when users interact with a small share of the items, which is
/// the case in every benchmark here (Gowalla's densest user has 811 of 40,981 items).
struct NegativeSampler: Sendable {
    let positives: CSR

    /// Samples against `positives` (users × items, rows sorted by item).
    init(positives: CSR) {
        self.positives = positives
    }

    /// Whether `user` has at least one item it has not interacted with.
    func canSample(for user: Int32) -> Bool {
        positives.degree(Int(user)) < positives.columnCount
    }

    /// A uniformly drawn item that is not a positive of `user` (precondition: `canSample(for:)`).
    @inline(__always)
    func sample(for user: Int32, using rng: inout SeededRNG) -> Int32 {
        precondition(canSample(for: user), "user \(user) interacted with every item; no negative exists")
        while true {
            let item = Int32(rng.next(below: positives.columnCount))
            if !positives.contains(row: Int(user), column: item) { return item }
        }
    }
}
