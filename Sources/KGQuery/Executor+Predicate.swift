import KGGraph

extension Executor {
    /// Whether `node` satisfies the predicate. Multi-valued subjects hold when any value does;
    /// `!=` and `not in` are the negations of `=` and `in`. Text compares case-insensitively.
    func evaluate(_ predicate: Predicate, _ node: Int32) -> Bool {
        switch predicate {
        case .and(let a, let b): return evaluate(a, node) && evaluate(b, node)
        case .or(let a, let b): return evaluate(a, node) || evaluate(b, node)
        case .not(let a): return !evaluate(a, node)
        case .compare(let subject, let op, let value):
            if op == .notEqual { return !evaluate(.compare(subject, .equal, value), node) }
            return values(subject, node).contains { compare($0, op, value) }
        case .member(let subject, let list, let negated):
            let found = values(subject, node).contains { v in list.contains { compare(v, .equal, $0) } }
            return found != negated
        case .contains(let subject, let value):
            let needle = text(value).lowercased()
            return values(subject, node).contains { $0.plainText.lowercased().contains(needle) }
        }
    }

    private func values(_ subject: Predicate.Subject, _ node: Int32) -> [PropertyValue] {
        switch subject {
        case .property(let key): return snapshot.property(key, of: node)
        case .label: return [.string(snapshot.displayName(node))]
        case .id: return [.string(snapshot.externalIDs[Int(node)])]
        case .degree: return [.number(Double(snapshot.degree(node)))]
        case .relation(let r, _):
            return snapshot.forward[Int(r)].neighbours(Int(node)).flatMap { neighbour -> [PropertyValue] in
                var out: [PropertyValue] = [.string(snapshot.externalIDs[Int(neighbour)])]
                if let label = snapshot.labels[Int(neighbour)] { out.append(.string(label)) }
                return out
            }
        }
    }

    private func compare(_ stored: PropertyValue, _ op: ComparisonOperator, _ literal: Literal.Value) -> Bool {
        switch (stored, literal) {
        case (.number(let a), .number(let b)):
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        case (.bool(let a), .bool(let b)):
            return op == .equal ? a == b : op == .notEqual ? a != b : false
        default:
            let a = stored.plainText.lowercased(), b = text(literal).lowercased()
            return op == .equal ? a == b : op == .notEqual ? a != b : false
        }
    }

    private func text(_ value: Literal.Value) -> String {
        switch value {
        case .string(let s), .word(let s): s
        case .number(let n): PropertyValue.format(n)
        case .bool(let b): b ? "true" : "false"
        }
    }
}
