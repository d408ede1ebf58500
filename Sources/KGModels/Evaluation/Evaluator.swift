import KGGraph
import KGTensor

/// Which held-out interactions an evaluation ranks against.
public enum EvaluationSplit: String, Sendable, Equatable {
    /// Valid items are relevant; train items are masked.
    case valid
    /// Test items are relevant; train and valid items are masked.
    case test
}

/// Full-ranking evaluation: for every user with relevant items, score all items, mask the items
/// the user has already seen, take the top K and compute `RankingMetrics`.
///
/// Users are processed in batches of `userBatchSize`; each batch keeps only its top-K lists, so
/// memory is O(batch · K) beyond the model — never a users × items matrix. Users are visited in
/// index order and sums are accumulated in Double in that order, so results are deterministic.
package struct Evaluator: Sendable {
    /// The cut-offs K. Default [10, 20].
    package var ks: [Int]
    /// Threads for scoring. Default 1.
    package var threads: Int
    /// Users per scoring batch. Default 2048.
    var userBatchSize: Int

    package init(ks: [Int] = [10, 20], threads: Int = 1, userBatchSize: Int = 2048) {
        precondition(!ks.isEmpty && ks.allSatisfy { $0 > 0 }, "cut-offs must be positive, got \(ks)")
        self.ks = ks.sorted()
        self.threads = threads
        self.userBatchSize = userBatchSize
    }

    /// Ranks against `split` of `data`, masking train (and, for test, valid) items.
    package func evaluate(_ model: any Recommender, on split: EvaluationSplit, data: InteractionMatrix) -> RankingMetrics {
        evaluate(model.scorer(threads: threads), on: split, data: data)
    }

    /// The same with a prepared scorer (evaluate valid and test from one propagation).
    package func evaluate(_ scorer: any ItemScorer, on split: EvaluationSplit, data: InteractionMatrix) -> RankingMetrics {
        switch split {
        case .valid: return evaluate(scorer, relevant: data.valid, excluding: [data.train])
        case .test: return evaluate(scorer, relevant: data.test, excluding: [data.train, data.valid])
        }
    }

    /// Ranks all items for each user with a non-empty row in `relevant` (users × items), skipping
    /// the items of that user's rows in `excluding`.
    package func evaluate(_ scorer: any ItemScorer, relevant: CSR, excluding: [CSR]) -> RankingMetrics {
        for mask in excluding {
            precondition(mask.rowCount == relevant.rowCount, "mask has \(mask.rowCount) users, relevant \(relevant.rowCount)")
        }
        let users = (0..<relevant.rowCount).filter { relevant.degree($0) > 0 }.map(Int32.init)
        let maxK = ks[ks.count - 1]
        var metrics = RankingMetrics(ks: ks)
        var start = 0
        while start < users.count {
            let batch = Array(users[start..<min(users.count, start + userBatchSize)])
            let exclusions = Evaluator.exclusions(for: batch, excluding)
            let top = scorer.topK(users: batch, k: maxK, excluding: exclusions)
            for (row, user) in batch.enumerated() {
                metrics.add(ranked: top.items(ofRow: row), relevantCount: relevant.degree(Int(user))) {
                    relevant.contains(row: Int(user), column: $0)
                }
            }
            start += batch.count
        }
        return metrics.averaged()
    }

    /// AUC and F1 of the model's pair scores on labelled pairs (KGCN's CTR protocol).
    package func ctr(_ model: any Recommender, users: [Int32], items: [Int32], labels: [Bool]) -> CTRMetrics {
        CTRMetrics(scores: model.scores(users: users, items: items, threads: threads), labels: labels)
    }

    /// The sorted union of each user's rows in `masks`.
    static func exclusions(for users: [Int32], _ masks: [CSR]) -> ExclusionList {
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        offsets.reserveCapacity(users.count + 1)
        for user in users {
            let start = items.count
            for mask in masks { items.append(contentsOf: mask.neighbours(Int(user))) }
            if masks.count > 1 {
                var row = Array(items[start...])
                row.sort()
                items.removeSubrange(start...)
                var previous: Int32 = -1
                for item in row where item != previous {
                    items.append(item)
                    previous = item
                }
            }
            offsets.append(Int32(items.count))
        }
        return ExclusionList(offsets: offsets, items: items)
    }
}
