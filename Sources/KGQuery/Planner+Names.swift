import KGGraph

extension Planner {
    func resolveKind(_ name: Name) throws(QueryError) -> NodeKind {
        guard let kind = NodeKind(name: name.text) else {
            throw QueryError(.unknownName, "unknown kind \(Excerpt.quoted(name.text))", at: name.position, length: name.length,
                             suggestion: Suggestion.closest(to: name.text, in: NodeKind.allCases.map(\.pluralName)))
        }
        return kind
    }

    /// Finds a node by id or IRI, else by its label when one node has it (quoted or not: the
    /// labels results show can be typed back); `expected` checks its kind. An unknown name gets
    /// the nearest id, else the nearest label, as a suggestion.
    package func resolveNode(_ name: NodeReference, expected: NodeKind? = nil) throws(QueryError) -> Int32 {
        var node = snapshot.node(name.text)
        if node == nil {
            let labelled = catalog.nodes(labelled: name.text)
            if labelled.count > 1 {
                let ids = labelled.prefix(4).map { snapshot.externalIDs[Int($0)] }.joined(separator: ", ")
                throw QueryError(.invalid, "the label \"\(name.text)\" names \(labelled.count) nodes (\(ids)\(labelled.count > 4 ? ", …" : "")); use an id",
                                 at: name.position, length: name.length)
            }
            node = labelled.first
        }
        guard let node else {
            let pool = expected.map { snapshot.nodes(of: $0).lazy.map { self.snapshot.externalIDs[Int($0)] } }
            let labels = (expected.map { snapshot.nodes(of: $0) } ?? Array(0..<Int32(snapshot.nodeCount)))
                .lazy.compactMap { self.snapshot.labels[Int($0)] }
            let suggestion = pool.flatMap { Suggestion.closest(to: name.text, in: $0) }
                ?? Suggestion.closest(to: name.text, in: snapshot.externalIDs)
                ?? Suggestion.closest(to: name.text, in: labels)
            throw QueryError(.unknownName, "unknown \(expected?.name ?? "node") \(Excerpt.quoted(name.text))", at: name.position,
                             length: name.length, suggestion: suggestion)
        }
        if let expected, snapshot.kinds[Int(node)] != expected {
            throw QueryError(.invalid, "\(Excerpt.quoted(name.text)) is \(snapshot.kinds[Int(node)].withArticle), not \(expected.withArticle)",
                             at: name.position, length: name.length)
        }
        return node
    }

    func resolveModel(_ name: Name?, kind: NodeKind) throws(QueryError) -> String {
        guard let name else {
            return kind == .item ? catalog.defaultModel : BuiltinScorers.paths
        }
        let lower = name.text.lowercased()
        guard catalog.modelNames.contains(lower) else {
            throw QueryError(.unknownName, "unknown model \(Excerpt.quoted(name.text))", at: name.position, length: name.length,
                             suggestion: Suggestion.closest(to: name.text, in: catalog.modelNames))
        }
        if kind != .item, !BuiltinScorers.names.contains(lower) {
            throw QueryError(.invalid, "model '\(lower)' ranks items only; use 'paths' to rank \(kind.pluralName)",
                             at: name.position, length: name.length)
        }
        return lower
    }

    func resolveDiversify(_ d: Diversify, kind: NodeKind) throws(QueryError) -> ([Int32], String, Int) {
        if let r = snapshot.relation(named: d.by.text) { return ([r], d.by.text, d.max) }
        if let groupKind = NodeKind(name: d.by.text), groupKind != kind {
            let relations = attributeRelations(of: kind).filter { r in
                catalog.kinds(of: Int(r), sources: false).contains(groupKind)
            }
            guard !relations.isEmpty else {
                throw QueryError(.invalid, "no relation links \(kind.pluralName) to \(groupKind.pluralName)",
                                 at: d.by.position, length: d.by.length)
            }
            return (relations, groupKind.name, d.max)
        }
        throw unknownRelation(d.by, extra: NodeKind.allCases.map(\.name))
    }

    // MARK: Conditions

    func resolveCondition(_ condition: Condition) throws(QueryError) -> Predicate {
        switch condition {
        case .and(let a, let b): return .and(try resolveCondition(a), try resolveCondition(b))
        case .or(let a, let b): return .or(try resolveCondition(a), try resolveCondition(b))
        case .not(let a): return .not(try resolveCondition(a))
        case .comparison(let name, let op, let literal):
            let subject = try resolveSubject(name)
            try checkType(subject, literal, op: op)
            return .compare(subject, op, literal.value)
        case .membership(let name, let literals, let negated):
            let subject = try resolveSubject(name)
            for literal in literals { try checkType(subject, literal, op: .equal) }
            return .member(subject, literals.map(\.value), negated: negated)
        case .contains(let name, let literal):
            return .contains(try resolveSubject(name), literal.value)
        }
    }

    private static let pseudoProperties = ["label", "name", "id", "degree", "popularity"]

    private func resolveSubject(_ name: Name) throws(QueryError) -> Predicate.Subject {
        if snapshot.properties[name.text] != nil { return .property(name.text) }
        switch name.text.lowercased() {
        case "label", "name": return .label
        case "id": return .id
        case "degree", "popularity": return .degree
        default: break
        }
        if let r = snapshot.relation(named: name.text) { return .relation(r, name: name.text) }
        let candidates = Array(snapshot.properties.keys) + Planner.pseudoProperties + snapshot.relations.map(\.name)
        throw QueryError(.unknownName, "unknown property \(Excerpt.quoted(name.text))", at: name.position, length: name.length,
                         suggestion: Suggestion.closest(to: name.text, in: candidates))
    }

    /// Rejects comparisons that can never hold: ordering text, or text against a numeric property.
    private func checkType(_ subject: Predicate.Subject, _ literal: Literal, op: ComparisonOperator) throws(QueryError) {
        let isNumber: Bool = if case .number = literal.value { true } else { false }
        let ordering = op != .equal && op != .notEqual
        switch subject {
        case .degree where !isNumber:
            throw QueryError(.invalid, "'degree' is a number; compare it with a number, not \(literal.excerpt)",
                             at: literal.position, length: literal.length)
        case .property(let key):
            let values = snapshot.properties[key]?.values.lazy.flatMap { $0 } ?? []
            let allNumbers = values.allSatisfy { if case .number = $0 { true } else { false } }
            if allNumbers && !isNumber {
                throw QueryError(.invalid, "property '\(key)' holds numbers; compare it with a number, not \(literal.excerpt)",
                                 at: literal.position, length: literal.length)
            }
            if ordering && !isNumber {
                throw QueryError(.invalid, "'\(op.rawValue)' compares numbers; \(literal.excerpt) is not a number",
                                 at: literal.position, length: literal.length)
            }
        case .label, .id, .relation:
            if ordering {
                throw QueryError(.invalid, "'\(subject.name)' is text; use =, !=, in or contains, not '\(op.rawValue)'",
                                 at: literal.position, length: literal.length)
            }
        default: break
        }
    }
}
