import KGGraph

/// Runs plans over the snapshot: walks candidate paths over CSR, excludes and filters,
/// scores with the plan's model, takes the top results with diversification, and explains them.
package struct Executor {
    package let snapshot: GraphSnapshot
    let popularity: Popularity
    let scorerNamed: (String) throws(QueryError) -> (any Scorer)?
    var walker: PathWalker
    let explainer: Explainer

    /// - Parameter scorerNamed: the scorer for a model name the planner accepted (the built-ins
    ///   are provided when it returns nil); it throws a `.runtime` error when a model cannot load.
    package init(snapshot: GraphSnapshot,
                scorerNamed: @escaping (String) throws(QueryError) -> (any Scorer)? = { _ in nil }) {
        self.snapshot = snapshot
        popularity = Popularity(snapshot: snapshot)
        self.scorerNamed = scorerNamed
        walker = PathWalker(snapshot: snapshot)
        explainer = Explainer(snapshot: snapshot, popularity: popularity)
    }

    package mutating func run(_ plan: Plan) throws(QueryError) -> QueryResult {
        switch plan {
        case .recommend(let p): return .recommendations(try recommend(p))
        case .why(let p): return .why(try why(p))
        case .match(let p): return .match(match(p))
        case .show(let node): return .show(describe(node))
        }
    }

    func scorer(_ name: String) throws(QueryError) -> any Scorer {
        if let scorer = try scorerNamed(name) { return scorer }
        switch name {
        case BuiltinScorers.paths: return PathsScorer()
        case BuiltinScorers.popularity: return PopularityScorer(popularity: popularity, snapshot: snapshot)
        default: throw QueryError(.runtime, "model '\(name)' could not be loaded")
        }
    }

    // MARK: recommend / similar

    mutating func recommend(_ plan: RecommendPlan) throws(QueryError) -> Recommendations {
        let scorer = try scorer(plan.model)
        try scorer.checkAnchor(plan.anchor)
        var (candidates, counts) = gather(plan.candidates, from: plan.anchor, kind: plan.targetKind)
        // Each step removes from what the earlier ones left, and counts what it removed.
        var funnel = CandidateCounts()
        funnel.reached = candidates.count
        var excluded = NodeSet(capacity: snapshot.nodeCount)
        for node in plan.excluded { excluded.insert(node) }
        let retired = snapshot.properties[CatalogProperty.retired]
        let availability = snapshot.properties[CatalogProperty.available]
        let seen = plan.excludeSeen ? seenItems(of: plan.anchor) : NodeSet(capacity: snapshot.nodeCount)
        var keep: [Int] = []
        keep.reserveCapacity(candidates.count)
        for (i, node) in candidates.enumerated() {
            if plan.mode == .similarTo && node == plan.anchor {
                funnel.anchor += 1
            } else if seen.contains(node) {
                funnel.seen += 1
            } else if excluded.contains(node) {
                funnel.excluded += 1
            } else if retired?[node] != nil {
                funnel.retired += 1
            } else if availability?[node]?.contains(.bool(false)) == true {
                funnel.unavailable += 1
            } else if !scorer.canScore(node) {
                funnel.unscorable += 1
            } else if let predicate = plan.predicate, !evaluate(predicate, node) {
                funnel.filtered += 1
            } else {
                keep.append(i)
            }
        }
        candidates = keep.map { candidates[$0] }
        counts = counts.map { c in keep.map { c[$0] } }

        let scores = plan.mode == .forUser
            ? scorer.scores(user: plan.anchor, candidates: candidates, pathCounts: counts)
            : scorer.similarities(to: plan.anchor, candidates: candidates, pathCounts: counts)
        let order = ranked(candidates, scores, limit: plan.diversify == nil ? plan.limit : max(plan.limit * 8, 64))
        var chosen: [Int] = []
        var groupCounts: [Int32: Int] = [:]
        for index in order where chosen.count < plan.limit {
            if let diversify = plan.diversify {
                let groups = neighbours(of: candidates[index], over: diversify.relations)
                if groups.contains(where: { groupCounts[$0, default: 0] >= diversify.max }) { continue }
                for g in groups { groupCounts[g, default: 0] += 1 }
            }
            chosen.append(index)
        }
        let contributions = pathContributions(scorer, plan.candidates, anchor: plan.anchor)
        let ranking = plan.explain ? self.ranking(candidates, scores) : nil
        let results = chosen.map { index -> RankedNode in
            let node = candidates[index]
            let explanation = explain(anchor: plan.anchor, target: node, score: scores[index], pattern: plan.explanationPath,
                                      scorer: scorer, contributions: contributions, count: plan.explain ? 3 : 1,
                                      detailed: plan.explain, ranking: ranking)
            return RankedNode(node: node, score: scores[index], pathCount: counts?[index], explanation: explanation)
        }
        return Recommendations(plan: plan, results: results, counts: funnel,
                               emptyReason: results.isEmpty ? emptyReason(plan, funnel, scorer: scorer.name) : nil,
                               notes: scorer.notes)
    }

    /// The candidates and scores a result's counterfactual rank is taken among.
    struct Ranking {
        /// Ascending node ids (as `gather` and the filters leave them).
        let candidates: [Int32]
        let scores: [Double]
        /// How many of the best candidates `leaders` keeps.
        static let leaderCount = 512
        /// The indices of the `leaderCount` best candidates, best first: counterfactual ranks of
        /// top results only look at candidates near them.
        let leaders: [Int]
        /// Every candidate outside `leaders` scores at most this.
        var leadersFloor: Double { leaders.count < candidates.count ? scores[leaders[leaders.count - 1]] : -.infinity }

        /// The model's rescorings without each removed interaction, shared by every result of
        /// one statement (they are the same user's).
        let counterfactuals = Counterfactuals()

        init(candidates: [Int32], scores: [Double], leaders: [Int]) {
            self.candidates = candidates
            self.scores = scores
            self.leaders = leaders
        }
    }

    /// Per removed interaction: the scorer's rescoring and, once asked for, the leaders' new
    /// scores, so a statement's results do not rebuild the same user representation or rescore
    /// the same leaders again.
    final class Counterfactuals {
        private var rescorings: [Int32: Rescoring?] = [:]
        private var leaderScores: [Int32: [Double]] = [:]

        func rescoring(without source: Int32, _ make: () -> Rescoring?) -> Rescoring? {
            if let known = rescorings[source] { return known }
            let made = make()
            rescorings[source] = made
            return made
        }

        func leaderScores(without source: Int32, _ rescoring: Rescoring, _ ranking: Ranking) -> [Double] {
            if let known = leaderScores[source] { return known }
            let scores = ranking.leaders.map { rescoring.score(ranking.candidates[$0]) }
            leaderScores[source] = scores
            return scores
        }
    }

    /// Every contribution `model` attributes to its score of `target` for `anchor` (the
    /// explanations show the strongest), and the score; nil attribution when the model has no
    /// decomposition of its own.
    public mutating func attribution(of target: Int32, for anchor: Int32,
                                     model: String) throws(QueryError) -> (score: Double, attribution: Attribution?) {
        let scorer = try scorer(model)
        try scorer.checkAnchor(anchor)
        let score = scorer.scores(user: anchor, candidates: [target], pathCounts: nil)[0]
        return (score, scorer.attribution(user: anchor, item: target, score: score))
    }

    /// The ranking counterfactual ranks are taken in, with its leaders.
    private func ranking(_ candidates: [Int32], _ scores: [Double]) -> Ranking {
        Ranking(candidates: candidates, scores: scores, leaders: ranked(candidates, scores, limit: Ranking.leaderCount))
    }

    /// The exact split of a `paths` ranking by first hop, when the scorer counts paths.
    private mutating func pathContributions(_ scorer: any Scorer, _ source: CandidateSource,
                                            anchor: Int32) -> PathContributions? {
        guard scorer.scoresArePathCounts, case .path(let path, _) = source else { return nil }
        return PathContributions(anchor: anchor, pattern: path, walker: &walker)
    }

    /// Why `target` scores `score` for `anchor`: the scorer's attribution (the path split for
    /// `paths`, the scorer's own, or an association over the heaviest paths), its `count`
    /// strongest contributions as reasons, and with `detailed` a sentence and each reason's
    /// counterfactual rank among `ranking`.
    func explain(anchor: Int32, target: Int32, score: Double, pattern: RelationPath?, scorer: any Scorer,
                 contributions: PathContributions?, count: Int, detailed: Bool, ranking: Ranking?) -> Explanation {
        var known: [Int32: GraphPath] = [:]
        let attribution: Attribution
        if let contributions {
            attribution = contributions.attribution(of: target, score: score)
        } else if let own = scorer.attribution(user: anchor, item: target, score: score) {
            attribution = own
        } else {
            (attribution, known) = explainer.association(anchor: anchor, target: target, score: score, pattern: pattern,
                                                         scorer: scorer)
        }
        var rankWithout: ((Int32) -> Reason.Without?)?
        var rank: Int?
        // Ranks without a reason need a recompute: the path split, or the scorer's own (an
        // association's contributions can still come with its model's recompute, NGCF's).
        if let ranking, contributions != nil || attribution.kind != .association || !attribution.contributions.isEmpty {
            rank = self.rank(of: target, in: ranking)
            rankWithout = { source in
                self.rank(of: target, without: source, anchor: anchor, in: ranking, scorer: scorer, contributions: contributions)
            }
        }
        return explainer.explanation(anchor: anchor, target: target, attribution: attribution, pattern: pattern,
                                     count: count, withSentence: detailed, scorerName: scorer.name, paths: known,
                                     rank: rank, rankWithout: rankWithout)
    }

    /// `target`'s 1-based rank among `ranking` once the anchor's interactions with `source` are
    /// removed and every candidate rescored (path counts lose the walks through `source`; a
    /// model recomputes the anchor's representation); nil when the scorer cannot say.
    ///
    /// A model's rescoring bounds how far any score moved, so only the candidates whose old
    /// score lies within that distance of the target's new score are rescored; those above
    /// the band rank before it whatever their new score, those below after. When the band lies
    /// among the best candidates, only those are looked at.
    func rank(of target: Int32, without source: Int32, anchor: Int32, in ranking: Ranking, scorer: any Scorer,
              contributions: PathContributions?) -> Reason.Without? {
        guard let position = Self.position(of: target, in: ranking.candidates) else { return nil }
        if let contributions {
            var scores = ranking.scores
            for (node, count) in contributions.counts(through: source) {
                if let i = Self.position(of: node, in: ranking.candidates) { scores[i] -= count }
            }
            // A candidate no walk reaches any more is no candidate.
            guard scores[position] > 0 else { return .leavesCandidates }
            var rank = 1
            for i in ranking.candidates.indices where i != position
                && better(i, position, ranking.candidates, scores) { rank += 1 }
            return .rank(rank)
        }
        guard let rescoring = ranking.counterfactuals.rescoring(without: source, {
            scorer.rescoring(user: anchor, without: source)
        }) else { return nil }
        let own = rescoring.score(target)
        let high = own + rescoring.bound, low = own - rescoring.bound
        var rank = 1
        func visit(_ i: Int, _ score: @autoclosure () -> Double) {
            let old = ranking.scores[i]
            guard old >= low, i != position else { return }
            if old > high {
                // Above the band: above whatever its new score.
                rank += 1
            } else {
                let score = score()
                if score > own || (score == own && tieBreaksBefore(i, position, ranking.candidates)) { rank += 1 }
            }
        }
        // When the band lies above every candidate outside the leaders, the leaders decide.
        if low > ranking.leadersFloor {
            let scores = ranking.counterfactuals.leaderScores(without: source, rescoring, ranking)
            for (k, i) in ranking.leaders.enumerated() { visit(i, scores[k]) }
        } else {
            for i in ranking.scores.indices { visit(i, rescoring.score(ranking.candidates[i])) }
        }
        return .rank(rank)
    }

    /// `target`'s 1-based rank among `ranking` as it stands (among the leaders when it is one).
    func rank(of target: Int32, in ranking: Ranking) -> Int? {
        guard let position = Self.position(of: target, in: ranking.candidates) else { return nil }
        let indices = ranking.scores[position] > ranking.leadersFloor ? ranking.leaders : Array(ranking.candidates.indices)
        return 1 + indices.filter { $0 != position && better($0, position, ranking.candidates, ranking.scores) }.count
    }

    /// Between equal scores: popularity, then node id.
    private func tieBreaksBefore(_ a: Int, _ b: Int, _ candidates: [Int32]) -> Bool {
        let pa = popularity[candidates[a]], pb = popularity[candidates[b]]
        return pa != pb ? pa > pb : candidates[a] < candidates[b]
    }

    /// The index of `node` in the ascending `nodes`.
    static func position(of node: Int32, in nodes: [Int32]) -> Int? {
        var lo = 0, hi = nodes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if nodes[mid] < node { lo = mid + 1 } else { hi = mid }
        }
        return lo < nodes.count && nodes[lo] == node ? lo : nil
    }

    /// Candidate nodes of `kind`, with path counts when a path produced them.
    private mutating func gather(_ source: CandidateSource, from anchor: Int32, kind: NodeKind)
        -> ([Int32], [Double]?) {
        switch source {
        case .allOfKind(let kind):
            return (snapshot.nodes(of: kind), nil)
        case .path(let path, _):
            let reached = walker.reach(from: anchor, along: path)
            var nodes: [Int32] = [], counts: [Double] = []
            nodes.reserveCapacity(reached.count)
            counts.reserveCapacity(reached.count)
            for (node, count) in reached where snapshot.kinds[Int(node)] == kind {
                nodes.append(node)
                counts.append(count)
            }
            return (nodes, counts)
        }
    }

    /// Whether candidate a ranks before candidate b: score, then popularity, then node id.
    private func better(_ a: Int, _ b: Int, _ candidates: [Int32], _ scores: [Double]) -> Bool {
        if scores[a] != scores[b] { return scores[a] > scores[b] }
        let pa = popularity[candidates[a]], pb = popularity[candidates[b]]
        if pa != pb { return pa > pb }
        return candidates[a] < candidates[b]
    }

    /// Indices of the best `limit` candidates: score, then popularity, then node id.
    private func ranked(_ candidates: [Int32], _ scores: [Double], limit: Int) -> [Int] {
        func better(_ a: Int, _ b: Int) -> Bool { self.better(a, b, candidates, scores) }
        if candidates.count <= limit * 4 {
            return candidates.indices.sorted(by: better)
        }
        // Bounded selection: keep the best `limit` in a sorted buffer, reject most in O(1).
        var top: [Int] = []
        top.reserveCapacity(limit + 1)
        for i in candidates.indices {
            if top.count == limit, let worst = top.last, !better(i, worst) { continue }
            var lo = 0, hi = top.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if better(top[mid], i) { lo = mid + 1 } else { hi = mid }
            }
            top.insert(i, at: lo)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// The items a user interacted with in train, over every interaction relation.
    func seenItems(of user: Int32) -> NodeSet {
        var seen = NodeSet(capacity: snapshot.nodeCount)
        for r in snapshot.interactionRelations {
            for item in snapshot.forward[Int(r)].neighbours(Int(user)) { seen.insert(item) }
        }
        return seen
    }

    func neighbours(of node: Int32, over relations: [Int32]) -> [Int32] {
        relations.flatMap { r in Array(snapshot.forward[Int(r)].neighbours(Int(node))) }
    }

    // MARK: why

    mutating func why(_ plan: WhyPlan) throws(QueryError) -> WhyAnswer {
        let scorer = try scorer(plan.model)
        try scorer.checkAnchor(plan.user)
        try scorer.checkAnchor(plan.item)
        let (candidates, counts) = gather(plan.candidates, from: plan.user, kind: .item)
        let seen = seenItems(of: plan.user)
        let pool = candidates.indices.filter { !seen.contains(candidates[$0]) && scorer.canScore(candidates[$0]) }
        let poolNodes = pool.map { candidates[$0] }
        let poolCounts = counts.map { c in pool.map { c[$0] } }
        let scores = scorer.scores(user: plan.user, candidates: poolNodes, pathCounts: poolCounts)
        var rank: Int?
        var score: Double
        if let position = poolNodes.firstIndex(of: plan.item) {
            score = scores[position]
            let order = ranked(poolNodes, scores, limit: poolNodes.count)
            rank = (order.firstIndex(of: position) ?? 0) + 1
        } else {
            score = scorer.scores(user: plan.user, candidates: [plan.item],
                                  pathCounts: counts == nil ? nil : [0])[0]
        }
        let contributions = pathContributions(scorer, plan.candidates, anchor: plan.user)
        let explanation = explain(anchor: plan.user, target: plan.item, score: score, pattern: plan.explanationPath,
                                  scorer: scorer, contributions: contributions, count: 3, detailed: true,
                                  ranking: rank == nil ? nil : self.ranking(poolNodes, scores))
        return WhyAnswer(plan: plan, score: score, rank: rank, candidateCount: poolNodes.count,
                         seen: seen.contains(plan.item), explanation: explanation,
                         notes: scorer.notes + (snapshot.properties[CatalogProperty.retired]?[plan.item] != nil
                             ? ["\(snapshot.externalIDs[Int(plan.item)]) is retired: it is never recommended"] : []))
    }

    // MARK: match and show

    mutating func match(_ plan: MatchPlan) -> MatchAnswer {
        var reached = walker.reach(from: plan.start, along: plan.path)
        let reachedCount = reached.count
        if let predicate = plan.predicate { reached = reached.filter { evaluate(predicate, $0.node) } }
        let order = reached.indices.sorted { a, b in
            reached[a].count != reached[b].count ? reached[a].count > reached[b].count : reached[a].node < reached[b].node
        }
        let rows = order.prefix(plan.limit).map { reached[$0] }
        let paths = rows.prefix(MatchAnswer.pathLimit).map { row in
            explainer.finder.paths(from: plan.start, to: row.node, along: plan.path, limit: 1).first
        }
        return MatchAnswer(plan: plan, rows: rows, paths: paths, reached: reachedCount, total: reached.count,
                           emptyReason: rows.isEmpty ? emptyReason(plan, reached: reachedCount) : nil)
    }

    func describe(_ node: Int32) -> NodeDescription {
        let properties = snapshot.properties.keys.sorted().compactMap { key -> (key: String, values: [PropertyValue])? in
            let values = snapshot.property(key, of: node)
            return values.isEmpty ? nil : (key, values)
        }
        var neighbours: [NodeDescription.Neighbours] = []
        for relation in snapshot.relations {
            for (outgoing, csr) in [(true, snapshot.forward[Int(relation.id)]), (false, snapshot.reverse[Int(relation.id)])] {
                let all = csr.neighbours(Int(node))
                guard !all.isEmpty else { continue }
                neighbours.append(.init(relation: relation.name, outgoing: outgoing, count: all.count,
                                        nodes: Array(all.prefix(NodeDescription.listed))))
            }
        }
        return NodeDescription(node: node, properties: properties, neighbours: neighbours)
    }
}
