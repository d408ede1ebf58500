import KGRecKit

/// `--format dot`: a Graphviz graph. Recommendations and `why` draw the anchor, the results
/// with their rank and score, and the reasons' paths, each edge as wide as the largest
/// contribution it carries; `match` draws the start, one matching path to each row and the
/// rows with their walk counts; `show` draws the node and its listed neighbours per relation.
/// An empty answer is a graph whose label says why.
enum DOTRenderer {
    static func render(_ outcome: StatementOutcome) throws(RenderError) -> String {
        let s = outcome.snapshot
        var graph = Graph(s)
        switch outcome.result {
        case .recommendations(let r):
            graph.anchor = r.plan.anchor
            let results = r.results.enumerated().map { (node: $0.element.node, rank: Optional($0.offset + 1), score: $0.element.score) }
            graph.drawReasons(r.results.flatMap(\.explanation.reasons), results: results)
            graph.emptyReason = r.emptyReason.map { "No results: \($0)." }
        case .explanation(let w):
            graph.anchor = w.plan.user
            graph.drawReasons(w.explanation.reasons, results: [(w.plan.item, w.rank, w.score)])
        case .matches(let m):
            graph.anchor = m.plan.start
            graph.add(m.plan.start)
            for (i, row) in m.rows.enumerated() {
                let path = i < m.paths.count ? m.paths[i] : nil
                graph.highlight(row.node, caption: PathText.number(row.count) + (row.count == 1 ? " path" : " paths"))
                if let path {
                    graph.draw(path, width: 1)
                } else if row.node != m.plan.start {
                    graph.edge(from: m.plan.start, to: row.node, label: m.plan.described, attributes: "style=dashed")
                }
            }
            graph.emptyReason = m.emptyReason.map { "No rows: \($0)." }
        case .node(let d):
            graph.anchor = d.node
            graph.add(d.node)
            for group in d.neighbours {
                for neighbour in group.nodes {
                    let (from, to) = group.outgoing ? (d.node, neighbour) : (neighbour, d.node)
                    graph.edge(from: from, to: to, label: group.relation)
                }
                if group.more > 0 {
                    let id = "\(group.outgoing ? "out" : "in"):\(group.relation):more"
                    graph.extra.append("  \(JSON.quote(id)) [label=\(JSON.quote("\(group.more) more")), shape=plaintext];")
                    let (from, to) = group.outgoing ? (JSON.quote(s.externalIDs[Int(d.node)]), JSON.quote(id))
                        : (JSON.quote(id), JSON.quote(s.externalIDs[Int(d.node)]))
                    graph.extra.append("  \(from) -> \(to) [label=\(JSON.quote(group.relation)), style=dashed];")
                }
            }
        case .plan: throw RenderError(result: "explain plan", format: .dot)
        case .imported: throw RenderError(result: "import", format: .dot)
        case .trained: throw RenderError(result: "train", format: .dot)
        case .evaluated: throw RenderError(result: "eval", format: .dot)
        case .stats: throw RenderError(result: "stats", format: .dot)
        case .defaultModel: throw RenderError(result: "set", format: .dot)
        case .catalogChange(let change): throw RenderError(result: change.verb, format: .dot)
        case .forgotten: throw RenderError(result: "forget", format: .dot)
        }
        return graph.text
    }

    /// The nodes and edges of one graph, in the order they were first drawn.
    struct Graph {
        let s: GraphSnapshot
        var anchor: Int32?
        var nodes: [Int32] = []
        /// Results and rows: their caption ("#1 · score 9", "3 paths").
        var captions: [Int32: String] = [:]
        var edgeOrder: [String] = []
        var edgeWidth: [String: Double] = [:]
        var edgeAttributes: [String: String] = [:]
        /// Lines drawn as they are (the "N more" nodes of `show`).
        var extra: [String] = []
        /// The graph's label when the answer is empty.
        var emptyReason: String?

        init(_ s: GraphSnapshot) { self.s = s }

        mutating func add(_ node: Int32) {
            if !nodes.contains(node) { nodes.append(node) }
        }

        mutating func highlight(_ node: Int32, caption: String) {
            add(node)
            captions[node] = caption
        }

        mutating func edge(from: Int32, to: Int32, label: String, width: Double? = nil, attributes: String? = nil) {
            add(from)
            add(to)
            let key = "\(JSON.quote(s.externalIDs[Int(from)])) -> \(JSON.quote(s.externalIDs[Int(to)])) [label=\(JSON.quote(label))"
            if edgeWidth[key] == nil && edgeAttributes[key] == nil { edgeOrder.append(key) }
            if let width { edgeWidth[key] = max(edgeWidth[key] ?? 0, width) }
            if let attributes { edgeAttributes[key] = attributes }
        }

        /// Every hop of `path`, drawn in the direction of its edge.
        mutating func draw(_ path: GraphPath, width: Double?) {
            for (i, step) in path.steps.enumerated() {
                let (from, to) = step.forward ? (path.nodes[i], path.nodes[i + 1]) : (path.nodes[i + 1], path.nodes[i])
                edge(from: from, to: to, label: s.relations[Int(step.relation)].name, width: width)
            }
        }

        /// The reasons' paths, each edge as wide as the largest contribution it carries, and the
        /// results with their rank and score.
        mutating func drawReasons(_ reasons: [Reason], results: [(node: Int32, rank: Int?, score: Double)]) {
            if let anchor { add(anchor) }
            let largest = max(reasons.map { abs($0.contribution) }.max() ?? 0, .leastNonzeroMagnitude)
            for reason in reasons {
                if let path = reason.path { draw(path, width: 1 + 5 * abs(reason.contribution) / largest) }
            }
            for result in results {
                highlight(result.node, caption: (result.rank.map { "#\($0) · " } ?? "") + "score " + PathText.number(result.score))
            }
        }

        var text: String {
            var lines = ["digraph kgrec {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
            if let emptyReason { lines.append("  label=\(JSON.quote(emptyReason)); labelloc=t;") }
            var order = nodes
            if let anchor, !order.contains(anchor) { order.insert(anchor, at: 0) }
            for n in order {
                let id = s.externalIDs[Int(n)]
                var label = s.displayName(n) + (s.labels[Int(n)].map { $0 == id ? "" : "\n" + id } ?? "")
                if let caption = captions[n] { label += "\n" + caption }
                var attributes = ["label=\(JSON.quote(label))"]
                if n == anchor {
                    attributes.append("shape=ellipse, style=filled, fillcolor=\"#dbe9ff\"")
                } else if captions[n] != nil {
                    attributes.append("style=\"rounded,filled\", fillcolor=\"#fff2cc\"")
                }
                lines.append("  \(JSON.quote(id)) [\(attributes.joined(separator: ", "))];")
            }
            for key in edgeOrder {
                var attributes: [String] = []
                if let width = edgeWidth[key] { attributes.append("penwidth=" + fixed(width, 2)) }
                if let extra = edgeAttributes[key] { attributes.append(extra) }
                lines.append("  " + key + (attributes.isEmpty ? "" : ", " + attributes.joined(separator: ", ")) + "];")
            }
            return (lines + extra + ["}"]).joined(separator: "\n")
        }
    }
}
