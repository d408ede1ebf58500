import Foundation
import KGGraph
import KGJSON
import KGModels
import KGQuery
import KGRecKit
import KGStore
import KGTensor

/// `kgrec bench explain --store S --model M`: whether explanations are the model's reasons,
/// measured over sampled users and their top-K (issue 16's protocol).
///
/// For each sampled user (at least two train interactions), `recommend items for U using M
/// limit K explain` runs through the `Session` exactly as an editor's query does, and:
/// - **coverage and truth**: every result has a reason, every shown hop is a train edge, every
///   edge a sentence states is a train edge it names;
/// - **deletion fidelity** (models that can recompute without an interaction,
///   `InteractionRemoval`): the top reason's interaction is deleted from the train graph and the
///   model recomputed at inference time, no retraining (LightGCN: user and item rows propagated
///   again over the graph without the edge). Reported: the share of results whose score drops,
///   and the mean rank drop, beside the same for a random interaction of the same user. Ranks
///   are among the user's unseen items, scored with the recomputed user vector and the trained
///   item vectors;
/// - **contribution agreement**: for each result, Spearman's ρ between the stated contribution
///   of each of the user's interactions and the measured score drop when it alone is deleted
///   (the user's row propagated again over the graph without it; item rows as trained, which
///   the deletion fidelity above recomputes too);
/// - **latency** of the `recommend … explain` statement and of `why` for each user's top result.
public enum ExplanationBenchmark {
    public struct Options: Sendable {
        public var model: String
        public var users = 500
        public var limit = 10
        public var seed: UInt64 = 2026
        /// A `via` path for the statements (`category`), for scorers that rank path candidates.
        public var via: String?

        public init(model: String) { self.model = model }
    }

    /// Deletion results for one kind of removed interaction (top reason or random).
    struct Deletion {
        var results = 0
        var scoreDrops = 0
        var rankDrops: [Double] = []
        /// Deletions whose recomputed rank was checked against the rank the explanation stated,
        /// and how many agreed.
        var statedRanks = 0, statedRanksAgreeing = 0

        var json: JSON {
            .object([("results", .int(results)),
                     ("stated_rank_checked", .int(statedRanks)), ("stated_rank_agrees", .int(statedRanksAgreeing)),
                     ("score_drop_share", .number(results == 0 ? 0 : Double(scoreDrops) / Double(results))),
                     ("mean_rank_drop", .number(rankDrops.isEmpty ? 0 : rankDrops.reduce(0, +) / Double(rankDrops.count)))])
        }
    }

    /// Runs the protocol; progress goes to `progress`, and the result is one JSON line.
    public static func run(session: Session, options: Options,
                           progress: (String) -> Void = { _ in }) throws -> JSON {
        let snapshot = try session.snapshot()
        let users = try sample(session: session, count: options.users, seed: options.seed)
        let loaded: LoadedModel? = BuiltinScorers.names.contains(options.model) ? nil : try session.loadModel(named: options.model)
        let recompute = loaded.flatMap(Recompute.init)

        var rng = SeededRNG(seed: options.seed ^ 0x2545_F491_4F6C_DD1D)
        // `paths` on a via path: each deletion rebuilds the graph without the edges and reruns.
        let pathDeletion = options.model == BuiltinScorers.paths && options.via != nil
            ? PathDeletion(source: try session.store().snapshotSource(), snapshot: snapshot) : nil
        var results = 0, withReason = 0, hops = 0, hopsInTrain = 0, sentences = 0, facts = 0, factsTrue = 0
        var kinds: [String: Int] = [:]
        var top = Deletion(), random = Deletion(), distinctive = Deletion()
        var agreement: [Double] = []
        var recommendMilliseconds: [Double] = [], whyMilliseconds: [Double] = []
        let clock = ContinuousClock()

        for (done, user) in users.enumerated() {
            if done > 0 && done % 50 == 0 { progress("explain: \(done) of \(users.count) users…") }
            let id = quoted(snapshot.externalIDs[Int(user)])
            let start = clock.now
            let via = options.via.map { " via \($0)" } ?? ""
            let outcome = try session.execute("recommend items for \(id) using \(options.model)\(via) limit \(options.limit) explain")
            recommendMilliseconds.append((clock.now - start).seconds * 1000)
            guard case .recommendations(let r) = outcome.result else { continue }
            if let first = r.results.first {
                let whyStart = clock.now
                _ = try session.execute("why \(quoted(snapshot.externalIDs[Int(first.node)])) for \(id) using \(options.model)\(via)")
                whyMilliseconds.append((clock.now - whyStart).seconds * 1000)
            }
            for result in r.results {
                results += 1
                let e = result.explanation
                kinds[e.kind.rawValue, default: 0] += 1
                if !e.reasons.isEmpty { withReason += 1 }
                for reason in e.reasons {
                    guard let path = reason.path else { continue }
                    hops += path.steps.count
                    for (i, step) in path.steps.enumerated() where edgeExists(path.nodes[i], step, path.nodes[i + 1], snapshot) {
                        hopsInTrain += 1
                    }
                }
                if let sentence = e.sentence {
                    sentences += 1
                    for fact in e.facts {
                        facts += 1
                        let stated = GraphPath.Step(relation: fact.relation, forward: true, weight: 1)
                        if edgeExists(fact.from, stated, fact.to, snapshot), sentence.contains(snapshot.displayName(fact.from)),
                           sentence.contains(snapshot.displayName(fact.to)) {
                            factsTrue += 1
                        }
                    }
                }
            }
            if let paths = pathDeletion {
                paths.measure(user: user, results: r.results, via: options.via ?? "", top: &top, random: &random, rng: &rng)
            }
            guard let loaded, let recompute else { continue }
            let data = loaded.data
            let u = data.userIndex[Int(user)]
            guard u >= 0 else { continue }
            let history = Array(data.train.neighbours(Int(u)))
            guard history.count >= 2 else { continue }
            let rows = r.results.map { data.itemIndex[Int($0.node)] }
            guard rows.allSatisfy({ $0 >= 0 }) else { continue }
            let baseRow = recompute.scores(u, nil)
            let base = rows.map { Double(baseRow[Int($0)]) }
            let unseen = unseenItems(history: history, itemCount: data.itemCount)
            let baseRanks = rows.map { rank(of: $0, in: baseRow, among: unseen) }
            // Every interaction deleted in turn: the measured drop of each result's score with the
            // user's side recomputed without it (item side as trained).
            var without: [Int32: [Float]] = [:]
            for j in history { without[j] = recompute.scores(u, j) }
            let drops = without.mapValues { row in rows.enumerated().map { k, item in base[k] - Double(row[Int(item)]) } }
            // One deletion, both sides recomputed: does the result's score drop, and how far does it fall?
            func deleted(_ j: Int32, _ k: Int, into deletion: inout Deletion) {
                deletion.results += 1
                let after = recompute.bothSides(u, j, rows[k])
                // Scores are recomputed in single precision: a drop counts above rounding.
                if base[k] - after > 1e-5 * max(abs(base[k]), 1e-3) { deletion.scoreDrops += 1 }
                let rank = rank(of: rows[k], in: without[j]!, among: unseen)
                deletion.rankDrops.append(Double(rank - baseRanks[k]))
                if let top = r.results[k].explanation.reasons.first, let source = top.source,
                   data.itemIndex[Int(source)] == j, let stated = top.rankWithout {
                    deletion.statedRanks += 1
                    if stated == rank { deletion.statedRanksAgreeing += 1 }
                }
            }
            // The contributions to the next result's score, for the distinctive-reason comparison.
            var statedFor: [[Int32: Double]] = []
            for result in r.results {
                var stated: [Int32: Double] = [:]
                if let (_, attribution) = try? session.attribution(model: options.model, user: user, item: result.node),
                   let attribution {
                    for c in attribution.contributions { stated[data.itemIndex[Int(c.node)]] = c.value }
                }
                statedFor.append(stated)
            }
            for (k, result) in r.results.enumerated() {
                let stated = statedFor[k]
                guard !stated.isEmpty else { continue }
                if k + 1 < r.results.count {
                    // The interaction that most sets this result above the next one.
                    let next = statedFor[k + 1]
                    let j = history.max { (stated[$0] ?? 0) - (next[$0] ?? 0) < (stated[$1] ?? 0) - (next[$1] ?? 0) }!
                    deleted(j, k, into: &distinctive)
                }
                if let rho = Statistics.spearman(history.map { stated[$0] ?? 0 }, history.map { drops[$0]![k] }) {
                    agreement.append(rho)
                }
                if let source = result.explanation.reasons.first?.source, data.itemIndex[Int(source)] >= 0 {
                    deleted(data.itemIndex[Int(source)], k, into: &top)
                    deleted(history[rng.next(below: history.count)], k, into: &random)
                }
            }
        }
        let randomDrop = random.rankDrops.isEmpty ? 0 : random.rankDrops.reduce(0, +) / Double(random.rankDrops.count)
        let topDrop = top.rankDrops.isEmpty ? 0 : top.rankDrops.reduce(0, +) / Double(top.rankDrops.count)
        func share(_ a: Int, _ b: Int) -> JSON { .number(b == 0 ? 1 : Double(a) / Double(b)) }
        func quantile(_ values: [Double], _ q: Double) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[max(0, min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return .object([
            ("benchmark", .string("explain")), ("model", .string(options.model)), ("users", .int(users.count)),
            ("results", .int(results)), ("seed", .int(Int(options.seed))),
            ("attribution", .object(kinds.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("coverage", share(withReason, results)), ("hops_in_train", share(hopsInTrain, hops)),
            ("sentences", .int(sentences)), ("facts_true", share(factsTrue, facts)),
            ("deletion", recompute == nil && pathDeletion == nil ? .null : .object([
                ("top_reason", top.json), ("random_interaction", random.json),
                ("most_distinctive_interaction", distinctive.json),
                ("rank_drop_ratio", .number(randomDrop == 0 ? 0 : topDrop / randomDrop)),
            ])),
            ("agreement", recompute == nil ? .null : .object([
                ("pairs", .int(agreement.count)), ("median_spearman", .number(Statistics.median(agreement))),
                ("mean_spearman", .number(agreement.isEmpty ? 0 : agreement.reduce(0, +) / Double(agreement.count))),
                ("p10_spearman", .number(quantile(agreement, 0.1))),
            ])),
            ("latency_ms", .object([
                ("recommend_explain_p50", .number(quantile(recommendMilliseconds, 0.5))),
                ("recommend_explain_p99", .number(quantile(recommendMilliseconds, 0.99))),
                ("why_p50", .number(quantile(whyMilliseconds, 0.5))), ("why_p99", .number(quantile(whyMilliseconds, 0.99))),
            ])),
        ])
    }

    /// A node id as a quoted query string (ids may be IRIs).
    static func quoted(_ id: String) -> String {
        "\"" + id.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// `count` distinct users with at least two train interactions, drawn with `seed`.
    static func sample(session: Session, count: Int, seed: UInt64) throws -> [Int32] {
        let matrix = InteractionMatrix(snapshot: try session.snapshot())
        var active = (0..<matrix.userCount).filter { matrix.train.degree($0) >= 2 }.map { matrix.users[$0] }
        guard !active.isEmpty else { throw BenchmarkError("the store has no user with two train interactions") }
        var rng = SeededRNG(seed: seed)
        rng.shuffle(&active)
        return Array(active.prefix(count))
    }

    /// The item rows not in `history`, ascending.
    static func unseenItems(history: [Int32], itemCount: Int) -> [Int32] {
        var seen = [Bool](repeating: false, count: itemCount)
        for j in history { seen[Int(j)] = true }
        return (0..<Int32(itemCount)).filter { !seen[Int($0)] }
    }

    /// The 1-based rank of `target` among `candidates` by `scores` (ties: the target first).
    static func rank(of target: Int32, in scores: [Float], among candidates: [Int32]) -> Int {
        let own = scores[Int(target)]
        return 1 + candidates.filter { $0 != target && scores[Int($0)] > own }.count
    }

    /// How the bench recomputes a trained model without one of a user's interactions, no
    /// retraining: a model that rebuilds its user vector (`InteractionRemoval` with its
    /// attributor's item vectors), or a filter, whose scores lose that interaction's row.
    struct Recompute {
        /// All items' scores for a user, without the interaction with an item when one is given
        /// (the user's side recomputed, items as trained).
        let scores: (Int32, Int32?) -> [Float]
        /// One item's score after the deletion with both sides recomputed.
        let bothSides: (Int32, Int32, Int32) -> Double

        init?(_ loaded: LoadedModel) {
            let train = loaded.data.train
            if let filter = loaded.model as? any FilterAttribution {
                let scorer = loaded.model.scorer(threads: 1)
                let scores: (Int32, Int32?) -> [Float] = { user, removed in
                    let row = scorer.scoresOfAllItems(users: [user]).storage
                    guard let removed else { return row }
                    return zip(row, filter.filterRow(item: removed)).map { $0 - $1 }
                }
                self.scores = scores
                bothSides = { user, removed, item in Double(scores(user, removed)[Int(item)]) }
                return
            }
            guard let removal = (loaded.model as? any InteractionRemoval)?.remover(train: train),
                  let attributor = (loaded.model as? any InteractionAttribution)?.attributor(train: train, threads: 1) else {
                return nil
            }
            let items = attributor.items
            scores = { user, removed in
                let vector = removed.map { removal.userVector(user: user, without: $0) } ?? attributor.userVector(user: user)
                return vector.withUnsafeBufferPointer { v in
                    items.withUnsafeBufferPointer { e in
                        (0..<items.rows).map { Tensor.dot(v.baseAddress!, e.baseAddress! + $0 * items.columns, items.columns) }
                    }
                }
            }
            bothSides = { user, removed, item in Double(removal.scores(user: user, without: removed, scoring: [item])[0]) }
        }
    }

    /// Deletions for the `paths` scorer, against an independent recompute: the graph rebuilt
    /// without the user's train edges to the item, and the same statement run on it.
    struct PathDeletion {
        let source: SnapshotSource
        let snapshot: GraphSnapshot

        /// For each result: its top reason's interaction and a random one of the user's, deleted.
        func measure(user: Int32, results: [RankedNode], via: String, top: inout Deletion, random: inout Deletion,
                     rng: inout SeededRNG) {
            var history: [Int32] = []
            for r in snapshot.interactionRelations { history += snapshot.forward[Int(r)].neighbours(Int(user)) }
            history = Array(Set(history)).sorted()
            guard history.count >= 2 else { return }
            for (k, result) in results.enumerated() {
                guard let source = result.explanation.reasons.first?.source else { continue }
                deleted(source, user: user, k: k, results: results, via: via, into: &top)
                deleted(history[rng.next(below: history.count)], user: user, k: k, results: results, via: via, into: &random)
            }
        }

        /// Reruns the user's statement on the graph without (user, item) train edges: does the
        /// k-th result's path count drop, and how far does it fall among the same candidates?
        private func deleted(_ item: Int32, user: Int32, k: Int, results: [RankedNode], via: String,
                             into deletion: inout Deletion) {
            var reduced = source
            var edges = SnapshotSource.Edges()
            for e in reduced.edges.sources.indices {
                let s = reduced.edges.sources[e], t = reduced.edges.targets[e]
                if s == user && t == item && reduced.edges.splits[e] == .train { continue }
                edges.append(s, reduced.edges.relations[e], t, weight: reduced.edges.weights[e], split: reduced.edges.splits[e])
            }
            reduced.edges = edges
            let graph = GraphSnapshot(reduced)
            let id = quoted(graph.externalIDs[Int(user)]), excluded = quoted(graph.externalIDs[Int(item)])
            let text = "recommend items for \(id) using paths via \(via) exclude \(excluded) limit 1000000"
            guard let plan = try? Planner(catalog: SnapshotCatalog(snapshot: graph)).plan(Parser.parse(text)) else { return }
            var executor = Executor(snapshot: graph)
            guard case .recommendations(let after)? = try? executor.run(plan) else { return }
            let target = results[k].node
            let position = after.results.firstIndex { $0.node == target }
            let score = position.map { after.results[$0].score } ?? 0
            deletion.results += 1
            if score < results[k].score { deletion.scoreDrops += 1 }
            let rank = position.map { $0 + 1 } ?? after.results.count + 1
            deletion.rankDrops.append(Double(rank - (results[k].explanation.rank ?? k + 1)))
            // The stated rank without (or "no longer reached") against the recomputed one.
            if let top = results[k].explanation.reasons.first, top.source == item, top.rankWithout != nil || top.leavesCandidates {
                deletion.statedRanks += 1
                if top.leavesCandidates ? position == nil : top.rankWithout == rank { deletion.statedRanksAgreeing += 1 }
            }
        }
    }

    /// Whether the hop `from → to` over `step` is a train edge.
    static func edgeExists(_ from: Int32, _ step: GraphPath.Step, _ to: Int32, _ s: GraphSnapshot) -> Bool {
        GraphPath(nodes: [from, to], steps: [step]).exists(in: s)
    }
}
