#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Full-ranking top-K metrics averaged over the evaluated users, with the definitions of the
/// NGCF and LightGCN reference code (`metrics.py` / `utils.py` of LightGCN-PyTorch):
///
/// - Recall@K = |hits in top K| / |relevant|
/// - Precision@K = |hits in top K| / K
/// - NDCG@K = DCG / IDCG with DCG = Σ_{r<K} hit_r / log₂(r + 2) and
///   IDCG = Σ_{r < min(K, |relevant|)} 1 / log₂(r + 2)
/// - HitRate@K = 1 if any hit in the top K
/// - MRR@K = 1 / (rank of the first hit), 0 when there is none in the top K
///
/// Ranks r are 0-based. Users without relevant items are not evaluated.
public struct RankingMetrics: Sendable, Equatable {
    /// The cut-offs, ascending.
    public let ks: [Int]
    /// The number of users averaged over.
    public private(set) var userCount = 0
    public private(set) var recall: [Double]
    public private(set) var ndcg: [Double]
    public private(set) var precision: [Double]
    private(set) var hitRate: [Double]
    public private(set) var mrr: [Double]

    public init(ks: [Int]) {
        precondition(!ks.isEmpty && ks.allSatisfy { $0 > 0 }, "cut-offs must be positive, got \(ks)")
        self.ks = ks.sorted()
        recall = [Double](repeating: 0, count: ks.count)
        ndcg = recall; precision = recall; hitRate = recall; mrr = recall
    }

    /// Adds one user: `ranked` holds the user's top items, best first (at least max(ks) of them,
    /// or all eligible ones, padding −1 allowed); `isRelevant` says which are relevant and
    /// `relevantCount` how many relevant items the user has in all.
    public mutating func add(ranked: ArraySlice<Int32>, relevantCount: Int, isRelevant: (Int32) -> Bool) {
        guard relevantCount > 0 else { return }
        userCount += 1
        var hits = 0, dcg = 0.0, firstHit = -1
        var r = 0, kIndex = 0
        let items = Array(ranked)
        while kIndex < ks.count {
            let k = ks[kIndex]
            while r < k {
                if r < items.count, items[r] >= 0, isRelevant(items[r]) {
                    hits += 1
                    dcg += 1 / log2(Double(r + 2))
                    if firstHit < 0 { firstHit = r }
                }
                r += 1
            }
            var idcg = 0.0
            for i in 0..<min(k, relevantCount) { idcg += 1 / log2(Double(i + 2)) }
            recall[kIndex] += Double(hits) / Double(relevantCount)
            precision[kIndex] += Double(hits) / Double(k)
            ndcg[kIndex] += dcg / idcg
            hitRate[kIndex] += hits > 0 ? 1 : 0
            mrr[kIndex] += firstHit >= 0 ? 1 / Double(firstHit + 1) : 0
            kIndex += 1
        }
    }

    /// The averages (each sum divided by the number of users).
    public func averaged() -> RankingMetrics {
        var result = self
        let n = Double(max(1, userCount))
        for i in 0..<ks.count {
            result.recall[i] /= n; result.ndcg[i] /= n; result.precision[i] /= n
            result.hitRate[i] /= n; result.mrr[i] /= n
        }
        return result
    }

    /// A metric by name: `recall@20`, `ndcg@10`, `precision@20`, `hit@20`, `mrr@20`.
    public func value(_ name: String) -> Double? {
        let parts = name.lowercased().split(separator: "@")
        guard parts.count == 2, let k = Int(parts[1]), let index = ks.firstIndex(of: k) else { return nil }
        switch parts[0] {
        case "recall": return recall[index]
        case "ndcg": return ndcg[index]
        case "precision": return precision[index]
        case "hit", "hitrate": return hitRate[index]
        case "mrr": return mrr[index]
        default: return nil
        }
    }

    /// Every metric as (name, value), e.g. ("recall@20", 0.18), in a fixed order.
    public var named: [(name: String, value: Double)] {
        var result: [(String, Double)] = []
        for (i, k) in ks.enumerated() {
            result += [("recall@\(k)", recall[i]), ("ndcg@\(k)", ndcg[i]), ("precision@\(k)", precision[i]),
                       ("hit@\(k)", hitRate[i]), ("mrr@\(k)", mrr[i])]
        }
        return result
    }
}
