import KGRecKit

/// Renders query results as aligned text tables, the way a terminal user reads them.
enum TableRenderer {
    static func render(_ outcome: StatementOutcome) -> String {
        let s = outcome.snapshot
        switch outcome.result {
        case .recommendations(let r): return recommendations(r, s)
        case .explanation(let w): return why(w, s)
        case .matches(let m): return match(m, s)
        case .node(let d): return show(d, s)
        case .plan(let plan): return plan.rendered(snapshot: s)
        case .imported(let outcome): return ReportText.imported(outcome)
        case .trained(let report): return ReportText.trained(report)
        case .evaluated(let report): return ReportText.evaluated(report)
        case .stats(let report): return ReportText.stats(report)
        case .defaultModel(let change):
            return change.model == change.previous
                ? "The default model stays \(change.model)."
                : "Queries without 'using' now rank with \(change.model) (was \(change.previous))."
        case .catalogChange(let change): return ReportText.catalogChange(change)
        case .forgotten(let report): return ReportText.forgotten(report)
        }
    }

    static func recommendations(_ r: Recommendations, _ s: GraphSnapshot) -> String {
        let p = r.plan
        let anchor = s.externalIDs[Int(p.anchor)]
        var header = p.mode == .forUser ? "Recommendations for \(anchor)" : "Similar to \(anchor)"
        header += " · model \(p.model)"
        if case .path(_, let described) = p.candidates { header += " · via \(described)" }
        guard !r.results.isEmpty else { return header + "\nNo results: \(r.emptyReason ?? "no candidates")." }
        let scoreTitle = p.model == BuiltinScorers.paths ? "paths"
            : p.model == BuiltinScorers.popularity ? "interactions" : "score"
        var rows: [[String]] = [["#", p.targetKind.name, "name", scoreTitle, p.explain ? "" : "path"]]
        var details: [Int: [String]] = [:]
        for (rank, result) in r.results.enumerated() {
            let e = result.explanation
            let top = e.reasons.first.map { PathText.reasonPath($0, target: result.node, rest: e.restMeaning, s) } ?? ""
            rows.append(["\(rank + 1)", s.externalIDs[Int(result.node)], s.labels[Int(result.node)] ?? "—",
                         PathText.number(result.score), p.explain ? "" : top])
            if p.explain {
                var lines: [String] = []
                if let sentence = e.sentence { lines.append(sentence) }
                if let counterfactual = e.counterfactual { lines.append(counterfactual) }
                for reason in e.reasons {
                    lines.append(PathText.reason(reason, anchor: p.anchor, target: result.node, rank: e.rank ?? rank + 1,
                                                 rest: e.restMeaning, s))
                }
                details[rank + 1] = lines
            }
        }
        let table = Table.render(rows, rightAligned: [0, 3], details: details)
        var more = r.candidateCount > r.results.count ? "\n\(r.results.count) of \(r.candidateCount) candidates shown." : ""
        if p.explain {
            var methods: [String] = []
            for result in r.results {
                let line = "Weights are contributions to the score (\(result.explanation.kind.rawValue)): \(result.explanation.method)."
                if !methods.contains(line) { methods.append(line) }
            }
            more += "\n" + methods.joined(separator: "\n")
        }
        return header + "\n" + table + more
    }

    static func why(_ w: WhyAnswer, _ s: GraphSnapshot) -> String {
        let item = s.externalIDs[Int(w.plan.item)], user = s.externalIDs[Int(w.plan.user)]
        var lines = ["Why \(item) (\(s.labels[Int(w.plan.item)] ?? item)) for \(user) · model \(w.plan.model)"]
        if w.seen {
            lines.append("\(user) already interacted with \(item) in train; it is excluded from recommendations.")
        } else if let rank = w.rank {
            lines.append("Rank \(rank) of \(w.candidateCount) candidates, score \(PathText.number(w.score)).")
        } else {
            lines.append("Not a candidate: \(w.plan.candidates.description) does not reach it"
                         + " (model score \(PathText.number(w.score))).")
        }
        let e = w.explanation
        if let sentence = e.sentence { lines.append(sentence) }
        if let counterfactual = e.counterfactual { lines.append(counterfactual) }
        for reason in e.reasons {
            lines.append("  " + PathText.reason(reason, anchor: w.plan.user, target: w.plan.item, rank: w.rank,
                                                rest: e.restMeaning, s))
        }
        lines.append(PathText.method(e))
        return lines.joined(separator: "\n")
    }

    static func match(_ m: MatchAnswer, _ s: GraphSnapshot) -> String {
        let header = "Match from \(s.externalIDs[Int(m.plan.start)]) · \(m.plan.described): \(m.total) node\(m.total == 1 ? "" : "s")"
        guard !m.rows.isEmpty else { return header + (m.emptyReason.map { "\nNo rows: \($0)." } ?? "") }
        var rows: [[String]] = [["node", "kind", "label", "paths"]]
        for row in m.rows {
            rows.append([s.externalIDs[Int(row.node)], s.kinds[Int(row.node)].name, s.labels[Int(row.node)] ?? "—",
                         PathText.number(row.count)])
        }
        let more = m.total > m.rows.count ? "\n\(m.rows.count) of \(m.total) shown." : ""
        return header + "\n" + Table.render(rows, rightAligned: [3]) + more
    }

    static func show(_ d: NodeDescription, _ s: GraphSnapshot) -> String {
        let node = Int(d.node)
        var lines = ["\(s.externalIDs[node]) · \(s.kinds[node].name)" + (s.labels[node].map { " · \"\($0)\"" } ?? "")]
        if !d.properties.isEmpty {
            lines.append("properties:")
            let width = d.properties.map(\.key.count).max() ?? 0
            for p in d.properties {
                lines.append("  " + p.key.padding(width) + "  " + p.values.map(\.plainText).joined(separator: ", "))
            }
        }
        if d.neighbours.isEmpty {
            lines.append("no train edges")
            return lines.joined(separator: "\n")
        }
        lines.append("neighbours (train edges; the first \(NodeDescription.listed) per relation):")
        var rows: [[String]] = []
        for group in d.neighbours {
            let relation = group.outgoing ? "—\(group.relation)→" : "←\(group.relation)—"
            for (i, neighbour) in group.nodes.enumerated() {
                let id = s.externalIDs[Int(neighbour)], label = s.labels[Int(neighbour)]
                rows.append([i == 0 ? relation : "", i == 0 ? "\(group.count)" : "", id, label == id ? "" : label ?? ""])
            }
            if group.more > 0 { rows.append(["", "", "… \(group.more) more", ""]) }
        }
        lines.append(Table.render(rows, rightAligned: [1], indent: "  "))
        return lines.joined(separator: "\n")
    }
}

extension CandidateSource {
    var description: String {
        switch self {
        case .allOfKind(let kind): "all \(kind.pluralName)"
        case .path(_, let described): "the path \(described)"
        }
    }
}

/// Aligned columns with a header row, optional indented detail lines under each row.
enum Table {
    static func render(_ rows: [[String]], rightAligned: Set<Int> = [], details: [Int: [String]] = [:],
                       indent: String = "") -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var lines: [String] = []
        for (r, row) in rows.enumerated() {
            var cells: [String] = []
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                cells.append(rightAligned.contains(i) ? cell.leftPadding(widths[i]) : last ? cell : cell.padding(widths[i]))
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            for detail in details[r] ?? [] { lines.append(indent + "     " + detail) }
        }
        return lines.joined(separator: "\n")
    }
}
