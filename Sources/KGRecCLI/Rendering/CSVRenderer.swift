import KGRecKit

/// `--format csv`: a header row, then one row per result, quoted as RFC 4180 says (a field with
/// a comma, a double quote or a line break is put in double quotes, its quotes doubled); lines
/// end in LF. Numbers are written in full, as JSON writes them. Results that are no table (a
/// plan, an import or training report) have no CSV form.
enum CSVRenderer {
    static func render(_ outcome: StatementOutcome) throws(RenderError) -> String {
        let s = outcome.snapshot
        switch outcome.result {
        case .recommendations(let r):
            var rows = [["rank", "id", "kind", "label", "score", "path_count", "reason"]]
            for (rank, result) in r.results.enumerated() {
                let e = result.explanation
                let reason = e.reasons.first.map { PathText.reasonPath($0, target: result.node, rest: e.restMeaning, s) } ?? ""
                rows.append(["\(rank + 1)"] + node(result.node, s)
                            + [number(result.score), result.pathCount.map(number) ?? "", reason])
            }
            return table(rows)
        case .explanation(let w):
            var rows = [["item", "user", "model", "score", "rank", "contribution", "rank_without", "reason"]]
            let e = w.explanation
            for reason in e.reasons {
                rows.append([s.externalIDs[Int(w.plan.item)], s.externalIDs[Int(w.plan.user)], w.plan.model, number(w.score),
                             w.rank.map(String.init) ?? "", number(reason.contribution),
                             reason.rankWithout.map(String.init) ?? "",
                             PathText.reasonPath(reason, target: w.plan.item, rest: e.restMeaning, s)])
            }
            return table(rows)
        case .matches(let m):
            return table([["id", "kind", "label", "paths"]] + m.rows.map { node($0.node, s) + [number($0.count)] })
        case .node(let d):
            var rows = [["relation", "direction", "id", "kind", "label"]]
            for group in d.neighbours {
                for neighbour in group.nodes {
                    rows.append([group.relation, group.outgoing ? "outgoing" : "incoming"] + node(neighbour, s))
                }
            }
            return table(rows)
        case .stats(let report): return stats(report)
        case .evaluated(let report): return evaluated(report)
        case .plan: throw RenderError(result: "explain plan", format: .csv)
        case .imported: throw RenderError(result: "import", format: .csv)
        case .trained: throw RenderError(result: "train", format: .csv)
        case .defaultModel: throw RenderError(result: "set", format: .csv)
        case .catalogChange(let change): throw RenderError(result: change.verb, format: .csv)
        case .forgotten: throw RenderError(result: "forget", format: .csv)
        }
    }

    /// Edges per relation and split, as `kgrec stats` lists them (largest first).
    static func stats(_ report: StatisticsReport) -> String {
        table([["relation", "train", "valid", "test", "total"]] + report.relationsBySize.map { r in
            [r.name, "\(r.train)", "\(r.valid)", "\(r.test)", "\(r.total)"]
        })
    }

    /// One row per cut-off: the ranking metrics at k.
    static func evaluated(_ report: EvaluationReport) -> String {
        let names = ["recall", "ndcg", "precision", "hit", "mrr"]
        let m = report.ranking
        return table([["k"] + names] + m.ks.map { k in ["\(k)"] + names.map { number(m.value("\($0)@\(k)") ?? 0) } })
    }

    /// A node's id, kind and label (empty when it has none).
    static func node(_ n: Int32, _ s: GraphSnapshot) -> [String] {
        [s.externalIDs[Int(n)], s.kinds[Int(n)].name, s.labels[Int(n)] ?? ""]
    }

    static func number(_ value: Double) -> String { JSON.number(value).text }

    /// The rows, each field quoted when it must be, one line per row.
    static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// One field as RFC 4180 writes it: in double quotes, with its quotes doubled, when it holds
    /// a comma, a double quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var quoted = "\""
        for c in text { quoted += c == "\"" ? "\"\"" : String(c) }
        return quoted + "\""
    }
}
