/// The click-through-rate protocol of KGCN (Wang et al., WWW 2019): AUC and F1 over labelled
/// (user, item, label) pairs.
public struct CTRMetrics: Sendable, Equatable {
    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (Mann–Whitney U with average ranks).
    public let auc: Double
    /// F1 of the predictions σ(score) ≥ 0.5, i.e. score ≥ 0 on logits.
    public let f1: Double
    public let pairCount: Int

    /// Metrics of `scores` (logits) against `labels`.
    public init(scores: [Float], labels: [Bool]) {
        precondition(scores.count == labels.count, "\(scores.count) scores for \(labels.count) labels")
        pairCount = scores.count
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumOfPositives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for p in start...end where labels[order[p]] { rankSumOfPositives += averageRank }
            start = end + 1
        }
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        auc = positives == 0 || negatives == 0 ? 0
            : (rankSumOfPositives - positives * (positives + 1) / 2) / (positives * negatives)
        var truePositives = 0.0, falsePositives = 0.0, falseNegatives = 0.0
        for (score, label) in zip(scores, labels) {
            let predicted = score >= 0
            if predicted && label { truePositives += 1 }
            if predicted && !label { falsePositives += 1 }
            if !predicted && label { falseNegatives += 1 }
        }
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        f1 = denominator == 0 ? 0 : 2 * truePositives / denominator
    }
}
