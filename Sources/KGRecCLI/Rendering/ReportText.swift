import KGRecKit

/// The reports of `import`, `train`, `eval` and `stats` as text, for the terminal.
enum ReportText {
    /// "Imported FILE in 0.42 s", the summary and what changed in the store.
    static func imported(_ outcome: ImportOutcome, into store: String? = nil) -> String {
        "Imported \(outcome.source)" + (store.map { " into \($0)" } ?? "") + " in \(fixed(outcome.seconds, 2)) s\n"
            + "  \(outcome.summary)\n  " + applied(outcome)
    }

    /// What the import changed, fact by fact: "store revision 4: 2 new nodes, 10 new edges, 3
    /// changed, 1 removed; properties: 5 changed, 1,076 as stored", or "nothing changed (store
    /// revision stays 3): 1,081 edges and 412 properties as stored".
    static func applied(_ outcome: ImportOutcome) -> String {
        let r = outcome.report
        func count(_ n: Int, _ what: String) -> String? { n > 0 ? "\(grouped(n)) \(what)" : nil }
        var text: String
        if r.changedNothing {
            let same = [count(r.edgesUnchanged, r.edgesUnchanged == 1 ? "edge" : "edges"),
                        count(r.propertiesUnchanged, r.propertiesUnchanged == 1 ? "property" : "properties")].compactMap { $0 }
            text = "nothing changed (store revision stays \(r.revision))"
                + (same.isEmpty ? "" : ": " + same.joined(separator: " and ") + " as stored")
        } else {
            text = "store revision \(r.revision): \(grouped(r.nodesAdded)) new nodes, \(grouped(r.edgesAdded)) new edges"
            let edges = [count(r.nodesUpdated, "nodes relabelled"), count(r.edgesUpdated, "changed"),
                         count(r.edgesRemoved, "removed"), count(r.edgesUnchanged, "as stored")].compactMap { $0 }
            if !edges.isEmpty { text += ", " + edges.joined(separator: ", ") }
            let properties = [count(r.propertiesAdded, "new"), count(r.propertiesChanged, "changed"),
                              count(r.propertiesUnchanged, "as stored")].compactMap { $0 }
            if !properties.isEmpty { text += "; properties: " + properties.joined(separator: ", ") }
        }
        if outcome.skippedRows > 0 {
            text += "; skipped \(grouped(outcome.skippedRows)) row\(outcome.skippedRows == 1 ? "" : "s") naming items "
                + "the store does not know"
        }
        return text
    }

    /// What `forget user` removed, without naming the user (the receipt stands for them).
    static func forgotten(_ report: ForgetReport) -> String {
        let r = report.change
        return "Forgotten: the user, \(grouped(r.edgesRemoved)) edge\(r.edgesRemoved == 1 ? "" : "s") and "
            + "\(grouped(r.propertiesRemoved)) propert\(r.propertiesRemoved == 1 ? "y" : "ies") erased, "
            + "\(grouped(report.checkpointsDropped)) checkpoint\(report.checkpointsDropped == 1 ? "" : "s") dropped "
            + "(each had learned from them; retrain), the freed bytes zeroed and the log folded in "
            + "(store revision \(r.revision)). Receipt: \(report.receipt)."
    }

    /// What `retire`, `unretire` or `delete` did, and what it means for queries and models.
    static func catalogChange(_ change: CatalogChange) -> String {
        let node = change.id + (change.label.map { " (\($0))" } ?? "")
        let r = change.report
        switch change.verb {
        case "retire":
            return r.changed
                ? "Retired \(node): kept in the graph and for training, never recommended ('unretire \(change.id)' undoes it; "
                    + "store revision \(r.revision))."
                : "\(node) was already retired."
        case "unretire":
            return r.changed ? "\(node) can be recommended again (store revision \(r.revision))."
                : "\(node) was not retired."
        default:
            return "Deleted \(node) with \(grouped(r.edgesRemoved)) edge\(r.edgesRemoved == 1 ? "" : "s") and "
                + "\(grouped(r.propertiesRemoved)) propert\(r.propertiesRemoved == 1 ? "y" : "ies") (store revision \(r.revision)); "
                + "models trained before no longer rank it."
        }
    }

    /// One line: the checkpoint, the kept epoch, its valid metric and the test metrics.
    static func trained(_ report: TrainingReport) -> String {
        let r = report.result, metric = report.validationMetric
        var text = "Saved checkpoint #\(report.checkpointID): \(r.checkpoint.model), epoch \(r.bestEpoch) of \(r.epochs.count)"
        if let value = r.bestValidationScore { text += ", valid \(metric) \(fixed(value, 4))" }
        var tested = report.test?.named.filter { $0.name.hasPrefix("recall@") || $0.name.hasPrefix("ndcg@") }
            .map { "\($0.name) \(fixed($0.value, 4))" } ?? []
        if let ctr = report.testCTR { tested = ["auc \(fixed(ctr.auc, 4))", "f1 \(fixed(ctr.f1, 4))"] + tested }
        if !tested.isEmpty { text += "; test " + tested.joined(separator: ", ") }
        if r.cancelled { text += " (cancelled during epoch \(r.epochs.count + 1))" }
        return text + " (\(fixed(report.seconds, 1)) s)"
    }

    /// The metrics as a small table, and the CTR line when there are labelled pairs.
    static func evaluated(_ report: EvaluationReport) -> String {
        let m = report.ranking
        var lines = ["\(report.model) (checkpoint #\(report.checkpointID)) on \(report.split.rawValue): "
                     + "\(grouped(m.userCount)) users ranked over all items in \(fixed(report.seconds, 2)) s"]
        let names = ["recall", "ndcg", "precision", "hit", "mrr"]
        lines.append("  " + "k".leftPadding(4) + names.map { $0.leftPadding(11) }.joined())
        for k in m.ks {
            lines.append("  " + "\(k)".leftPadding(4) + names.map { fixed(m.value("\($0)@\(k)") ?? 0, 4).leftPadding(11) }.joined())
        }
        if let ctr = report.ctr {
            lines.append("CTR on \(grouped(ctr.pairCount)) labelled pairs: AUC \(fixed(ctr.auc, 4)), F1 \(fixed(ctr.f1, 4))")
        }
        return lines.joined(separator: "\n")
    }

    /// Nodes per kind, edges per relation and split, the knowledge graph, degrees, as aligned text.
    static func stats(_ report: StatisticsReport) -> String {
        let s = report.statistics
        var lines = ["Store \(report.storePath) · revision \(s.revision) · \(s.imports) import\(s.imports == 1 ? "" : "s")"]
        let total = s.nodesByKind.values.reduce(0, +)
        lines.append("")
        lines.append("Nodes: \(grouped(total))")
        for kind in NodeKind.allCases {
            if let n = s.nodesByKind[kind] { lines.append("  " + kind.pluralName.padding(12) + grouped(n).leftPadding(12)) }
        }
        lines.append("")
        let edges = s.relations.reduce(0) { $0 + $1.total }
        lines.append("Edges: \(grouped(edges)) in \(s.relations.count) relation\(s.relations.count == 1 ? "" : "s")")
        let width = max(12, s.relations.map(\.name.count).max() ?? 0)
        lines.append("  " + "relation".padding(width) + "train".leftPadding(12) + "valid".leftPadding(10)
                     + "test".leftPadding(10) + "total".leftPadding(12))
        for r in report.relationsBySize {
            lines.append("  " + r.name.padding(width) + grouped(r.train).leftPadding(12) + grouped(r.valid).leftPadding(10)
                         + grouped(r.test).leftPadding(10) + grouped(r.total).leftPadding(12))
        }
        if report.knowledgeGraphTriples > 0 {
            lines.append("")
            lines.append("Knowledge graph: \(grouped(report.knowledgeGraphTriples)) triples in \(report.knowledgeGraphRelations) "
                         + "relation\(report.knowledgeGraphRelations == 1 ? "" : "s") among "
                         + "\(grouped(report.knowledgeGraphEntities)) entities (items included)")
        }
        if s.labelledPairs > 0 {
            lines.append("")
            lines.append("Labelled pairs: \(grouped(s.labelledPairs)) (\(grouped(s.positiveLabelledPairs)) positive)")
        }
        if s.properties > 0 { lines.append("Properties: \(grouped(s.properties))") }
        lines.append("")
        lines.append("Degree (train edges, both directions):")
        lines.append("  " + "kind".padding(12) + "min".leftPadding(8) + "median".leftPadding(10) + "mean".leftPadding(10)
                     + "max".leftPadding(10))
        for d in report.degrees {
            lines.append("  " + d.kind.pluralName.padding(12) + "\(d.min)".leftPadding(8) + tenths(d.median).leftPadding(10)
                         + tenths(d.mean).leftPadding(10) + "\(d.max)".leftPadding(10))
        }
        if s.checkpoints > 0 { lines.append("\nCheckpoints: \(s.checkpoints)") }
        return lines.joined(separator: "\n")
    }

    private static func tenths(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
