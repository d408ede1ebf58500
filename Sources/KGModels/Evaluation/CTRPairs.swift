import KGGraph

/// The labelled (user, item, label) pairs of one split in model indices: KGCN's click-through
/// protocol, scored with `Evaluator.ctr` (AUC, F1).
///
/// Read from a snapshot's `labelledPairs` (the KGCN importer's `ctr_*.tsv`, Book-Crossing's
/// rated and sampled rows) and mapped through an `InteractionMatrix`'s user and item indices;
/// pairs whose user or item is not in the matrix are counted in `skipped`.
public struct CTRPairs: Sendable, Equatable {
    public let users: [Int32]
    public let items: [Int32]
    public let labels: [Bool]
    /// Pairs of the split left out because their user or item has no index.
    package let skipped: Int

    public var count: Int { users.count }
    package var positiveCount: Int { labels.lazy.filter { $0 }.count }

    public init(users: [Int32], items: [Int32], labels: [Bool], skipped: Int = 0) {
        precondition(users.count == items.count && users.count == labels.count,
                     "\(users.count) users, \(items.count) items, \(labels.count) labels")
        self.users = users
        self.items = items
        self.labels = labels
        self.skipped = skipped
    }

    /// The pairs of `split` in `snapshot`, in file order.
    public init(snapshot: GraphSnapshot, data: InteractionMatrix, split: EdgeSplit) {
        var users: [Int32] = [], items: [Int32] = [], labels: [Bool] = []
        var skipped = 0
        for pair in snapshot.labelledPairs where pair.split == split {
            let user = data.userIndex[Int(pair.user)], item = data.itemIndex[Int(pair.item)]
            guard user >= 0, item >= 0 else {
                skipped += 1
                continue
            }
            users.append(user)
            items.append(item)
            labels.append(pair.label)
        }
        self.init(users: users, items: items, labels: labels, skipped: skipped)
    }
}

extension Evaluator {
    /// AUC and F1 of the model on labelled pairs.
    package func ctr(_ model: any Recommender, on pairs: CTRPairs) -> CTRMetrics {
        ctr(model, users: pairs.users, items: pairs.items, labels: pairs.labels)
    }
}

extension ValidationScore {
    /// Early stopping on the AUC of labelled validation pairs (KGCN's CTR protocol).
    package static func auc(on pairs: CTRPairs, threads: Int) -> ValidationScore {
        let evaluator = Evaluator(ks: [1], threads: threads)
        return ValidationScore(metric: "auc") { evaluator.ctr($0, on: pairs).auc }
    }
}
