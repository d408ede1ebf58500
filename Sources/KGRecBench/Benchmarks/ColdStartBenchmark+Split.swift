import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

extension ColdStartBenchmark {
    /// The graph without the held-out items' interactions, and what the rankers are scored on.
    struct Split {
        /// The full graph less every interaction edge of a held-out item (KG edges stay).
        let snapshot: GraphSnapshot
        /// Its user × item view: the same users and items as the full graph (held-out items have
        /// no interactions in any split).
        let warm: InteractionMatrix
        /// The held-out items' indices, ascending (so ascending node ids as well).
        let heldOut: [Int32]
        /// users × held-out positions: every interaction of a user with a held-out item, in any
        /// split of the full graph.
        let relevant: CSR

        init(full: GraphSnapshot, source: SnapshotSource, share: Double, seed: UInt64) throws {
            precondition(share > 0 && share < 1, "held-out share \(share) outside (0, 1)")
            let data = InteractionMatrix(snapshot: full)
            var candidates = Array(0..<Int32(data.itemCount))
            let byItem = [data.train, data.valid, data.test].map { $0.transposed() }
            candidates = candidates.filter { item in byItem.contains { $0.degree(Int(item)) > 0 } }
            guard candidates.count >= 2 else {
                throw BenchmarkError("the graph has \(candidates.count) items with interactions; the cold-start protocol needs at least 2")
            }
            var rng = SeededRNG(seed: seed)
            rng.shuffle(&candidates)
            heldOut = Array(candidates.prefix(max(1, Int((Double(candidates.count) * share).rounded())))).sorted()
            var position = [Int32](repeating: -1, count: data.itemCount)
            for (p, item) in heldOut.enumerated() { position[Int(item)] = Int32(p) }
            var heldNode = [Bool](repeating: false, count: full.nodeCount)
            for item in heldOut { heldNode[Int(data.items[Int(item)])] = true }

            var reduced = source
            reduced.edges = SnapshotSource.Edges()
            let edges = source.edges
            for e in 0..<edges.sources.count {
                let interaction = full.relations[Int(edges.relations[e])].isInteraction
                if interaction && (heldNode[Int(edges.targets[e])] || heldNode[Int(edges.sources[e])]) { continue }
                reduced.edges.append(edges.sources[e], edges.relations[e], edges.targets[e], weight: edges.weights[e],
                                     split: edges.splits[e])
            }
            snapshot = GraphSnapshot(reduced)
            warm = InteractionMatrix(snapshot: snapshot)
            precondition(warm.items == data.items && warm.users == data.users, "the reduced graph renumbered its nodes")

            var users: [Int32] = [], columns: [Int32] = []
            for matrix in [data.train, data.valid, data.test] {
                for user in 0..<data.userCount {
                    for item in matrix.neighbours(user) where position[Int(item)] >= 0 {
                        users.append(Int32(user))
                        columns.append(position[Int(item)])
                    }
                }
            }
            relevant = InteractionMatrix(userCount: data.userCount, itemCount: heldOut.count,
                                         train: Array(zip(users, columns))).train
        }

        /// For each user with held-out interactions, the `paths` scorer's path count of every
        /// held-out item (empty for the other users).
        func pathCounts(heldOut: [Int32]) throws -> [[Double]] {
            guard let anchor = (0..<warm.userCount).first(where: { warm.train.degree($0) > 0 }) else {
                throw BenchmarkError("no user has a train interaction left to follow paths from")
            }
            let id = snapshot.externalIDs[Int(warm.users[anchor])]
            let quoted = "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            let plan = try Planner(catalog: SnapshotCatalog(snapshot: snapshot))
                .plan(Parser.parse("recommend items for \(quoted) using paths"))
            guard case .recommend(let recommend) = plan, case .path(let path, _) = recommend.candidates else {
                throw BenchmarkError("the paths scorer planned no candidate path on this graph")
            }
            var position = [Int32](repeating: -1, count: snapshot.nodeCount)
            for (p, item) in heldOut.enumerated() { position[Int(warm.items[Int(item)])] = Int32(p) }
            var walker = PathWalker(snapshot: snapshot)
            var result = [[Double]](repeating: [], count: warm.userCount)
            for user in 0..<warm.userCount where relevant.degree(user) > 0 {
                var counts = [Double](repeating: 0, count: heldOut.count)
                for (node, count) in walker.reach(from: warm.users[user], along: path) where position[Int(node)] >= 0 {
                    counts[Int(position[Int(node)])] = count
                }
                result[user] = counts
            }
            return result
        }

        /// Ranking metrics of `scores(user)` (one score per held-out item) for every user with
        /// held-out interactions: best score first, ties in `tieOrder` (a rank per held-out
        /// position; ascending positions are ascending node ids).
        func evaluate(ks: [Int], tieOrder: [Int], scores: (Int) -> [Double]) -> RankingMetrics {
            var metrics = RankingMetrics(ks: ks)
            let k = ks.max() ?? 20
            for user in 0..<relevant.rowCount where relevant.degree(user) > 0 {
                let s = scores(user)
                let order = s.indices.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : tieOrder[$0] < tieOrder[$1] }
                let ranked = order.prefix(k).map { Int32($0) }
                metrics.add(ranked: ranked[...], relevantCount: relevant.degree(user)) {
                    relevant.contains(row: user, column: $0)
                }
            }
            return metrics.averaged()
        }
    }
}
