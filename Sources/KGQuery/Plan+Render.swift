import KGGraph

extension Plan {
    /// The plan as a tree, for `explain plan` and `:plan on`.
    public func rendered(snapshot: GraphSnapshot) -> String {
        let (title, rows) = treeRows(snapshot)
        return Tree.render(title, rows)
    }

    private func treeRows(_ s: GraphSnapshot) -> (String, [String]) {
        func id(_ node: Int32) -> String { s.externalIDs[Int(node)] }
        switch self {
        case .recommend(let p):
            let title = p.mode == .forUser ? "Recommend \(p.targetKind.pluralName) for \(id(p.anchor))"
                                           : "Similar \(p.targetKind.pluralName) to \(id(p.anchor))"
            var rows = ["Candidates: " + p.candidates.rendered]
            var excluded: [String] = []
            if p.excludeSeen { excluded.append("seen items") }
            excluded += p.excluded.filter { $0 != p.anchor }.map(id)
            if !excluded.isEmpty { rows.append("Exclude: " + excluded.joined(separator: ", ")) }
            if let predicate = p.predicate { rows.append("Filter: " + predicate.rendered(s)) }
            rows.append("Score: \(p.model)")
            if let d = p.diversify { rows.append("Diversify: by \(d.name), max \(d.max)") }
            rows.append("Limit: \(p.limit)")
            rows.append(p.explain ? "Explain: 3 paths per result" : "Explain: 1 path per result")
            return (title, rows)
        case .why(let p):
            return ("Why \(id(p.item)) for \(id(p.user))",
                    ["Candidates: " + p.candidates.rendered, "Score: \(p.model)", "Explain: 3 paths"])
        case .match(let p):
            var rows = ["Path: " + p.described]
            if let predicate = p.predicate { rows.append("Filter: " + predicate.rendered(s)) }
            rows.append("Limit: \(p.limit)")
            return ("Match from \(id(p.start))", rows)
        case .show(let node):
            return ("Show \(id(node))", ["Kind: \(s.kinds[Int(node)].name)"])
        }
    }
}

extension CandidateSource {
    var rendered: String {
        switch self {
        case .allOfKind(let kind): "all \(kind.pluralName)"
        case .path(_, let described): "path " + described
        }
    }
}

extension Predicate {
    /// The condition as a query would write it, fully parenthesised where nested.
    public func rendered(_ s: GraphSnapshot) -> String {
        switch self {
        case .compare(let subject, let op, let value): "\(subject.name) \(op.rawValue) \(Predicate.render(value))"
        case .member(let subject, let values, let negated):
            "\(subject.name) \(negated ? "not in" : "in") (" + values.map(Predicate.render).joined(separator: ", ") + ")"
        case .contains(let subject, let value): "\(subject.name) contains \(Predicate.render(value))"
        case .and(let a, let b): "(\(a.rendered(s)) and \(b.rendered(s)))"
        case .or(let a, let b): "(\(a.rendered(s)) or \(b.rendered(s)))"
        case .not(let a): "not \(a.rendered(s))"
        }
    }

    static func render(_ value: Literal.Value) -> String {
        Literal(value: value, position: TextPosition(), length: 1).description
    }
}

/// Renders a titled list as a tree with `├─` and `└─`.
public enum Tree {
    public static func render(_ title: String, _ rows: [String]) -> String {
        var lines = [title]
        for (i, row) in rows.enumerated() { lines.append((i == rows.count - 1 ? "└─ " : "├─ ") + row) }
        return lines.joined(separator: "\n")
    }
}
