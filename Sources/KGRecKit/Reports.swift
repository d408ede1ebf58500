import KGModels

extension TrainingReport {
    /// One line: the checkpoint, the kept epoch, its valid metric and the test metrics.
    public var summary: String {
        let r = result, metric = validationMetric
        var text = "Saved checkpoint #\(checkpointID): \(r.checkpoint.model), epoch \(r.bestEpoch) of \(r.epochs.count)"
        if let value = r.bestMetrics?.value(metric) { text += ", valid \(metric) \(fixed(value, 4))" }
        if let test {
            text += "; test " + test.named.filter { $0.name.hasPrefix("recall@") || $0.name.hasPrefix("ndcg@") }
                .map { "\($0.name) \(fixed($0.value, 4))" }.joined(separator: ", ")
        }
        if r.cancelled { text += " (cancelled during epoch \(r.epochs.count + 1))" }
        return text + " (\(fixed(seconds, 1)) s)"
    }

    /// The notes as `Note: …` lines, then `summary`: what a statement prints.
    public var summaryWithNotes: String {
        (notes.map { "Note: " + $0 } + [summary]).joined(separator: "\n")
    }
}

extension EvaluationReport {
    /// The notes as `Note: …` lines, then `text`: what a statement prints.
    public var textWithNotes: String {
        (notes.map { "Note: " + $0 } + [text]).joined(separator: "\n")
    }

    /// The metrics as a small table, and the CTR line when there are labelled pairs.
    public var text: String {
        let m = ranking
        var lines = ["\(model) (checkpoint #\(checkpointID)) on \(split.rawValue): \(grouped(m.userCount)) users "
                     + "ranked over all items in \(fixed(seconds, 2)) s"]
        let names = ["recall", "ndcg", "precision", "hit", "mrr"]
        lines.append("  " + "k".leftPadding(4) + names.map { $0.leftPadding(11) }.joined())
        for k in m.ks {
            lines.append("  " + "\(k)".leftPadding(4) + names.map { fixed(m.value("\($0)@\(k)") ?? 0, 4).leftPadding(11) }.joined())
        }
        if let ctr {
            lines.append("CTR on \(grouped(ctr.pairCount)) labelled pairs: AUC \(fixed(ctr.auc, 4)), F1 \(fixed(ctr.f1, 4))")
        }
        return lines.joined(separator: "\n")
    }
}

/// `value` with exactly `decimals` digits after the point (no Foundation formatting).
public func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int64(scaled / scale)
    var fraction = String(Int64(scaled) - whole * Int64(scale))
    fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
    return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (decimals > 0 ? "." + fraction : "")
}
