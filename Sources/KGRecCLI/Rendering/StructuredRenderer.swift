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
        func paths(_ explanations: [Explanation]) -> JSON {
            .array(explanations.map { e in
                .object([("weight", .number(e.weight)), ("hops", .array(e.path.steps.enumerated().map { i, step in
                    .object([("from", .string(s.externalIDs[Int(e.path.nodes[i])])),
                             ("relation", .string(s.relations[Int(step.relation)].name)),
                             ("direction", .string(step.forward ? "forward" : "backward")),
                             ("to", .string(s.externalIDs[Int(e.path.nodes[i + 1])])),
                             ("weight", .number(e.hopWeights[i]))])
                }))])
            })
        }
        switch outcome.result {
        case .recommendations(let r):
            return r.results.enumerated().map { rank, result in
                var fields: [(String, JSON)] = [("rank", .int(rank + 1))] + node(result.node)
                fields.append(("score", .number(result.score)))
                if let count = result.pathCount { fields.append(("path_count", .number(count))) }
                fields.append(("model", .string(r.plan.model)))
                fields.append(("paths", paths(result.explanations)))
                if let sentence = result.sentence { fields.append(("sentence", .string(sentence))) }
                return JSON.object(fields).text
            }.joined(separator: "\n")
        case .explanation(let w):
            var fields: [(String, JSON)] = [("item", .string(s.externalIDs[Int(w.plan.item)])),
                                            ("user", .string(s.externalIDs[Int(w.plan.user)])),
                                            ("model", .string(w.plan.model)), ("score", .number(w.score)),
                                            ("rank", w.rank.map(JSON.int) ?? .null),
                                            ("candidates", .int(w.candidateCount)), ("seen", .bool(w.seen)),
                                            ("paths", paths(w.explanations))]
            if let sentence = w.sentence { fields.append(("sentence", .string(sentence))) }
            return JSON.object(fields).text
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

    static func dot(_ outcome: StatementOutcome) -> String {
        let s = outcome.snapshot
        var anchor: Int32?
        var results: [Int32] = []
        var explanations: [Explanation] = []
        switch outcome.result {
        case .recommendations(let r):
            anchor = r.plan.anchor
            results = r.results.map(\.node)
            explanations = r.results.flatMap(\.explanations)
        case .explanation(let w):
            anchor = w.plan.user
            results = [w.plan.item]
            explanations = w.explanations
        default:
            return "// --format dot draws recommend, similar and why results\ndigraph kgrec {}"
        }
        var nodes: [Int32] = anchor.map { [$0] } ?? []
        var edges: [String] = []
        var seenEdges: Set<String> = []
        for e in explanations {
            for (i, step) in e.path.steps.enumerated() {
                let (from, to) = step.forward ? (e.path.nodes[i], e.path.nodes[i + 1]) : (e.path.nodes[i + 1], e.path.nodes[i])
                for n in [from, to] where !nodes.contains(n) { nodes.append(n) }
                let line = "  \(JSON.quote(s.externalIDs[Int(from)])) -> \(JSON.quote(s.externalIDs[Int(to)])) [label=\(JSON.quote(s.relations[Int(step.relation)].name))];"
                if seenEdges.insert(line).inserted { edges.append(line) }
            }
        }
        for n in results where !nodes.contains(n) { nodes.append(n) }
        var lines = ["digraph kgrec {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
        for n in nodes {
            var attributes = ["label=\(JSON.quote(s.displayName(n) + (s.labels[Int(n)] == nil ? "" : "\n" + s.externalIDs[Int(n)])))"]
            if n == anchor { attributes.append("shape=ellipse, style=filled, fillcolor=\"#dbe9ff\"") }
            else if results.contains(n) { attributes.append("style=\"rounded,filled\", fillcolor=\"#fff2cc\"") }
            lines.append("  \(JSON.quote(s.externalIDs[Int(n)])) [\(attributes.joined(separator: ", "))];")
        }
        return (lines + edges + ["}"]).joined(separator: "\n")
    }
}
