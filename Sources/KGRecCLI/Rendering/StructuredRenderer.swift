import KGRecKit

/// `--format json`: one JSON object per result line. `--format dot`: a Graphviz graph of the
/// anchor, the results and their explanation paths.
enum StructuredRenderer {
    static func json(_ outcome: StatementOutcome) -> String {
        let s = outcome.snapshot
        func node(_ n: Int32) -> [(String, JSON)] {
            [("id", .string(s.externalIDs[Int(n)])), ("kind", .string(s.kinds[Int(n)].name)),
             ("label", s.labels[Int(n)].map(JSON.string) ?? .null)]
        }
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
        func explanation(_ e: Explanation) -> [(String, JSON)] {
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
        switch outcome.result {
        case .recommendations(let r):
            return r.results.enumerated().map { rank, result in
                var fields: [(String, JSON)] = [("rank", .int(rank + 1))] + node(result.node)
                fields.append(("score", .number(result.score)))
                if let count = result.pathCount { fields.append(("path_count", .number(count))) }
                fields.append(("model", .string(r.plan.model)))
                return JSON.object(fields + explanation(result.explanation)).text
            }.joined(separator: "\n")
        case .explanation(let w):
            var fields: [(String, JSON)] = [("item", .string(s.externalIDs[Int(w.plan.item)])),
                                            ("user", .string(s.externalIDs[Int(w.plan.user)])),
                                            ("model", .string(w.plan.model)), ("score", .number(w.score)),
                                            ("rank", w.rank.map(JSON.int) ?? .null),
                                            ("candidates", .int(w.candidateCount)), ("seen", .bool(w.seen))]
            return JSON.object(fields + explanation(w.explanation)).text
        case .matches(let m):
            return m.rows.map { JSON.object(node($0.node) + [("paths", .number($0.count))]).text }.joined(separator: "\n")
        case .node(let d):
            let properties = JSON.object(d.properties.map { p in
                (p.key, JSON.array(p.values.map { v -> JSON in
                    switch v {
                    case .string(let t): .string(t)
                    case .number(let n): .number(n)
                    case .bool(let b): .bool(b)
                    }
                }))
            })
            let degrees = JSON.array(d.degrees.map {
                .object([("relation", .string($0.relation)), ("out", .int($0.outgoing)), ("in", .int($0.incoming))])
            })
            return JSON.object(node(d.node) + [("properties", properties), ("edges", degrees)]).text
        case .plan(let plan):
            return JSON.object([("plan", .string(plan.rendered(snapshot: s)))]).text
        case .imported(let outcome):
            return CommandJSON.imported(outcome).text
        case .trained(let report):
            return CommandJSON.trained(report).text
        case .evaluated(let report):
            return CommandJSON.evaluated(report).text
        case .stats(let report):
            return CommandJSON.stats(report).text
        }
    }

    /// Graphviz: the anchor, the results (with rank and score) and the reasons' paths, each
    /// edge as wide as the largest contribution it carries.
    static func dot(_ outcome: StatementOutcome) -> String {
        let s = outcome.snapshot
        var anchor: Int32?
        var results: [(node: Int32, rank: Int?, score: Double)] = []
        var reasons: [Reason] = []
        switch outcome.result {
        case .recommendations(let r):
            anchor = r.plan.anchor
            results = r.results.enumerated().map { ($0.element.node, $0.offset + 1, $0.element.score) }
            reasons = r.results.flatMap(\.explanation.reasons)
        case .explanation(let w):
            anchor = w.plan.user
            results = [(w.plan.item, w.rank, w.score)]
            reasons = w.explanation.reasons
        default:
            return "// --format dot draws recommend, similar and why results\ndigraph kgrec {}"
        }
        let largest = max(reasons.map { abs($0.contribution) }.max() ?? 0, .leastNonzeroMagnitude)
        var nodes: [Int32] = anchor.map { [$0] } ?? []
        var edgeOrder: [String] = []
        var edgeWidth: [String: Double] = [:]
        for reason in reasons {
            guard let path = reason.path else { continue }
            for (i, step) in path.steps.enumerated() {
                let (from, to) = step.forward ? (path.nodes[i], path.nodes[i + 1]) : (path.nodes[i + 1], path.nodes[i])
                for n in [from, to] where !nodes.contains(n) { nodes.append(n) }
                let key = "\(JSON.quote(s.externalIDs[Int(from)])) -> \(JSON.quote(s.externalIDs[Int(to)])) "
                    + "[label=\(JSON.quote(s.relations[Int(step.relation)].name))"
                if edgeWidth[key] == nil { edgeOrder.append(key) }
                edgeWidth[key] = max(edgeWidth[key] ?? 0, 1 + 5 * abs(reason.contribution) / largest)
            }
        }
        for result in results where !nodes.contains(result.node) { nodes.append(result.node) }
        var lines = ["digraph kgrec {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
        for n in nodes {
            var label = s.displayName(n) + (s.labels[Int(n)] == nil ? "" : "\n" + s.externalIDs[Int(n)])
            if let result = results.first(where: { $0.node == n }) {
                label += "\n" + (result.rank.map { "#\($0) · " } ?? "") + "score " + PathText.number(result.score)
            }
            var attributes = ["label=\(JSON.quote(label))"]
            if n == anchor { attributes.append("shape=ellipse, style=filled, fillcolor=\"#dbe9ff\"") }
            else if results.contains(where: { $0.node == n }) { attributes.append("style=\"rounded,filled\", fillcolor=\"#fff2cc\"") }
            lines.append("  \(JSON.quote(s.externalIDs[Int(n)])) [\(attributes.joined(separator: ", "))];")
        }
        let edges = edgeOrder.map { "  " + $0 + ", penwidth=" + fixed(edgeWidth[$0] ?? 1, 2) + "];" }
        return (lines + edges + ["}"]).joined(separator: "\n")
    }
}
