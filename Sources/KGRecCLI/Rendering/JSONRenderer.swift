import KGRecKit

/// `--format json`: one JSON document per statement, on one line. It opens with a `header`
/// object that says what was asked and how it was answered (the statement, the model, where the
/// candidates came from and how many each step removed, the filters, and why the answer is
/// empty when it is), then the answer: `results`, `rows`, the node's `properties` and
/// `neighbours`, the `plan`, or a command's report. Queries/README.md documents the shape.
enum JSONRenderer {
    static func render(_ outcome: StatementOutcome) -> String {
        let s = outcome.snapshot
        let notes: (String, JSON) = ("notes", .array(outcome.notes.map(JSON.string)))
        func header(_ statement: String, _ fields: [(String, JSON)] = []) -> (String, JSON) {
            ("header", .object([("statement", .string(statement))] + fields))
        }
        switch outcome.result {
        case .recommendations(let r):
            return JSON.object([header(r.plan.mode == .forUser ? "recommend" : "similar", recommendationHeader(r, s) + [notes]),
                                ("results", .array(r.results.enumerated().map { result($0.element, rank: $0.offset + 1, s) }))]).text
        case .explanation(let w):
            let fields: [(String, JSON)] = [
                ("user", node(w.plan.user, s)), ("item", node(w.plan.item, s)), ("model", .string(w.plan.model)),
                ("candidates", .object(source(w.plan.candidates) + [("count", .int(w.candidateCount))])), notes,
            ]
            return JSON.object([header("why", fields), ("score", .number(w.score)), ("rank", w.rank.map(JSON.int) ?? .null),
                                ("seen", .bool(w.seen))] + explanation(w.explanation, s)).text
        case .matches(let m):
            let fields: [(String, JSON)] = [
                ("start", node(m.plan.start, s)), ("path", .string(m.plan.described)),
                ("where", m.plan.predicate.map { .string($0.rendered(s)) } ?? .null), ("limit", .int(m.plan.limit)),
                ("reached", .int(m.reached)), ("matched", .int(m.total)), ("shown", .int(m.rows.count)),
                ("empty_reason", m.emptyReason.map(JSON.string) ?? .null),
            ]
            let rows = m.rows.map { JSON.object(nodeFields($0.node, s) + [("paths", .number($0.count))]) }
            return JSON.object([header("match", fields), ("rows", .array(rows))]).text
        case .node(let d):
            let properties = JSON.object(d.properties.map { p in (p.key, JSON.array(p.values.map(value))) })
            let neighbours = JSON.array(d.neighbours.map { group in
                .object([("relation", .string(group.relation)), ("direction", .string(group.outgoing ? "outgoing" : "incoming")),
                         ("count", .int(group.count)), ("nodes", .array(group.nodes.map { node($0, s) })),
                         ("more", .int(group.more))])
            })
            return JSON.object([header("show", [("node", node(d.node, s)), ("listed_per_relation", .int(NodeDescription.listed))]),
                                ("properties", properties), ("neighbours", neighbours)]).text
        case .plan(let plan):
            return JSON.object([header("explain plan"), ("plan", .string(plan.rendered(snapshot: s)))]).text
        case .imported(let outcome): return report(CommandJSON.imported(outcome), "import")
        case .trained(let trained): return report(CommandJSON.trained(trained), "train")
        case .evaluated(let evaluated): return report(CommandJSON.evaluated(evaluated), "eval")
        case .stats(let stats): return report(CommandJSON.stats(stats), "stats")
        case .defaultModel(let change):
            return JSON.object([header("set default model"), ("model", .string(change.model)),
                                ("previous", .string(change.previous))]).text
        case .catalogChange(let change):
            return JSON.object([header(change.verb), ("id", .string(change.id)), ("label", change.label.map(JSON.string) ?? .null),
                                ("changed", .bool(change.report.changed)), ("revision", .int(Int(change.report.revision))),
                                ("edges_removed", .int(change.report.edgesRemoved)),
                                ("properties_removed", .int(change.report.propertiesRemoved))]).text
        case .forgotten(let report):
            return JSON.object([header("forget"), ("receipt", .string(report.receipt)),
                                ("revision", .int(Int(report.change.revision))),
                                ("edges_removed", .int(report.change.edgesRemoved)),
                                ("properties_removed", .int(report.change.propertiesRemoved)),
                                ("checkpoints_dropped", .int(report.checkpointsDropped))]).text
        }
    }

    /// A command's report object with its header first: `{"header":{"statement":"stats"},…}`.
    static func report(_ object: JSON, _ statement: String) -> String {
        guard case .object(let fields) = object else { return object.text }
        return JSON.object([("header", .object([("statement", .string(statement))]))] + fields).text
    }

    /// What a `recommend` or `similar` asked and how its candidates narrowed.
    static func recommendationHeader(_ r: Recommendations, _ s: GraphSnapshot) -> [(String, JSON)] {
        let p = r.plan, c = r.counts
        let candidates = source(p.candidates) + [
            ("reached", .int(c.reached)), ("anchor", .int(c.anchor)), ("seen", .int(c.seen)), ("excluded", .int(c.excluded)), ("retired", .int(c.retired)), ("unavailable", .int(c.unavailable)),
            ("unscorable", .int(c.unscorable)), ("filtered", .int(c.filtered)), ("remaining", .int(c.remaining)),
        ]
        let filters: [(String, JSON)] = [
            ("where", p.predicate.map { .string($0.rendered(s)) } ?? .null),
            ("exclude_seen", .bool(p.excludeSeen)),
            ("exclude", .array(p.excluded.filter { $0 != p.anchor }.map { .string(s.externalIDs[Int($0)]) })),
            ("diversify", p.diversify.map { .object([("by", .string($0.name)), ("max", .int($0.max))]) } ?? .null),
        ]
        return [("anchor", node(p.anchor, s)), ("kind", .string(p.targetKind.name)), ("model", .string(p.model)),
                ("candidates", .object(candidates)), ("filters", .object(filters)), ("limit", .int(p.limit)),
                ("shown", .int(r.results.count)), ("empty_reason", r.emptyReason.map(JSON.string) ?? .null)]
    }

    /// Where candidates come from: `{"source":"path","path":"…"}` or `{"source":"all"}`.
    static func source(_ candidates: CandidateSource) -> [(String, JSON)] {
        switch candidates {
        case .allOfKind: [("source", .string("all"))]
        case .path(_, let described): [("source", .string("path")), ("path", .string(described))]
        }
    }

    /// One ranked result: its rank, the node, the score, the walks that reached it, and why.
    static func result(_ result: RankedNode, rank: Int, _ s: GraphSnapshot) -> JSON {
        var fields: [(String, JSON)] = [("rank", .int(rank))] + nodeFields(result.node, s)
        fields.append(("score", .number(result.score)))
        if let count = result.pathCount { fields.append(("path_count", .number(count))) }
        return .object(fields + explanation(result.explanation, s))
    }

    static func nodeFields(_ n: Int32, _ s: GraphSnapshot) -> [(String, JSON)] {
        [("id", .string(s.externalIDs[Int(n)])), ("kind", .string(s.kinds[Int(n)].name)),
         ("label", s.labels[Int(n)].map(JSON.string) ?? .null)]
    }

    static func node(_ n: Int32, _ s: GraphSnapshot) -> JSON { .object(nodeFields(n, s)) }

    static func value(_ v: PropertyValue) -> JSON {
        switch v {
        case .string(let t): .string(t)
        case .number(let n): .number(n)
        case .bool(let b): .bool(b)
        }
    }

    static func explanation(_ e: Explanation, _ s: GraphSnapshot) -> [(String, JSON)] {
        func hop(_ path: GraphPath, _ i: Int) -> JSON {
            let step = path.steps[i], from = path.nodes[i], to = path.nodes[i + 1]
            return .object([("from", .string(s.externalIDs[Int(from)])), ("from_label", .string(s.displayName(from))),
                            ("relation", .string(s.relations[Int(step.relation)].name)),
                            ("direction", .string(step.forward ? "forward" : "backward")),
                            ("to", .string(s.externalIDs[Int(to)])), ("to_label", .string(s.displayName(to)))])
        }
        func reason(_ r: Reason) -> JSON {
            var fields: [(String, JSON)] = [("contribution", .number(r.contribution))]
            fields.append(("source", r.source.map { .string(s.externalIDs[Int($0)]) } ?? .null))
            fields.append(("hops", r.path.map { p in .array(p.steps.indices.map { hop(p, $0) }) } ?? .null))
            fields.append(("rank_without", r.rankWithout.map(JSON.int) ?? .null))
            if r.leavesCandidates { fields.append(("leaves_candidates", .bool(true))) }
            return .object(fields)
        }
        var fields: [(String, JSON)] = [
            ("attribution", .string(e.kind.rawValue)), ("method", .string(e.method)),
            ("reasons", .array(e.reasons.map(reason))), ("contributions", .int(e.contributionCount)),
            ("rest", .number(e.rest)),
        ]
        if let meaning = e.restMeaning { fields.append(("rest_meaning", .string(meaning))) }
        if let sentence = e.sentence { fields.append(("sentence", .string(sentence))) }
        if let rank = e.rank { fields.append(("candidate_rank", .int(rank))) }
        if let counterfactual = e.counterfactual { fields.append(("counterfactual", .string(counterfactual))) }
        return fields
    }
}
