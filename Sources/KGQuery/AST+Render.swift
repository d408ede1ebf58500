extension Statement {
    /// The syntax tree as text, one clause per branch; tests compare it verbatim.
    package var tree: String {
        switch self {
        case .recommend(let r): Tree.render("Recommend \(r.kind)", ["for: \(r.target)"] + r.clauses.rows)
        case .similar(let s): Tree.render("Similar \(s.kind)", ["to: \(s.target)"] + s.clauses.rows)
        case .why(let w): Tree.render("Why \(w.item)", ["for: \(w.user)"] + w.clauses.rows)
        case .match(let m): Tree.render("Match from \(m.start)", ["path: \(m.path.text)"] + m.clauses.rows)
        case .show(let node): Tree.render("Show \(node)", [])
        case .command(let c):
            Tree.render("Command \(c.verb.rawValue)",
                        (c.argument.map { ["argument: \($0)"] } ?? []) + c.options.map { "\($0.name.text): \($0.value)" })
        case .explainPlan(let inner): "Explain plan\n" + inner.tree.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        }
    }
}

extension Clauses {
    var rows: [String] {
        var rows: [String] = []
        if let via { rows.append("via: \(via.text)") }
        if let using { rows.append("using: \(using)") }
        if let condition { rows.append("where: \(condition.text)") }
        if let diversify { rows.append("diversify: by \(diversify.by) max \(diversify.max)") }
        if let includeSeen { rows.append(includeSeen ? "include seen" : "exclude seen") }
        if !exclude.isEmpty { rows.append("exclude: " + exclude.map(\.description).joined(separator: ", ")) }
        if let limit { rows.append("limit: \(limit)") }
        if explain { rows.append("explain") }
        return rows
    }
}

extension PathExpression {
    /// The path as it would be written, normalised.
    public var text: String {
        switch self {
        case .shorthand(let names):
            names.count == 1 ? names[0].text : "(" + names.map(\.text).joined(separator: " | ") + ")"
        case .steps(let steps):
            steps.map { step in
                let names = step.relations.count == 1 ? step.relations[0].text
                    : "(" + step.relations.map(\.text).joined(separator: " | ") + ")"
                let repetition = step.minCount == 1 && step.maxCount == 1 ? "" : "{\(step.minCount),\(step.maxCount)}"
                return step.direction.rawValue + " " + names + repetition
            }.joined(separator: " ")
        }
    }
}

extension Condition {
    /// The condition fully parenthesised, showing how the parser grouped it.
    public var text: String {
        switch self {
        case .comparison(let name, let op, let value): "\(name.text) \(op.rawValue) \(value)"
        case .membership(let name, let values, let negated):
            "\(name.text) \(negated ? "not in" : "in") (" + values.map(\.description).joined(separator: ", ") + ")"
        case .contains(let name, let value): "\(name.text) contains \(value)"
        case .and(let a, let b): "(\(a.text) and \(b.text))"
        case .or(let a, let b): "(\(a.text) or \(b.text))"
        case .not(let a): "not \(a.text)"
        }
    }
}
