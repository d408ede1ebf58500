import KGGraph

/// Resolves a parsed statement's names against the catalog and decides how to run it.
///
/// The planner's job ends at a `Plan` whose every id exists: unknown nodes, kinds,
/// relations, properties and models are `unknownName` errors with a "Did you mean" hint;
/// names that exist but do not fit (a user where an item is expected) are `invalid`.
package struct Planner {
    package let catalog: any Catalog
    var snapshot: GraphSnapshot { catalog.snapshot }

    /// Results a recommend/similar returns when the query gives no `limit`.
    static let defaultLimit = 10
    /// Rows a match returns when the query gives no `limit`.
    static let defaultMatchLimit = 20

    package init(catalog: any Catalog) {
        self.catalog = catalog
    }

    package func plan(_ statement: Statement) throws(QueryError) -> Plan {
        switch statement {
        case .recommend(let r): return .recommend(try planRecommend(r))
        case .similar(let s): return .recommend(try planSimilar(s))
        case .why(let w): return .why(try planWhy(w))
        case .match(let m): return .match(try planMatch(m))
        case .show(let node): return .show(node: try resolveNode(node, expected: nil))
        case .command(let command):
            // Commands are run by the session on their syntax tree; only queries are planned.
            throw QueryError(.invalid, "'\(command.verb.rawValue)' is a command, not a query", at: command.position,
                             length: command.verb.rawValue.count)
        case .explainPlan(let inner): return try plan(inner)
        }
    }

    // MARK: Statements

    private func planRecommend(_ r: Recommend) throws(QueryError) -> RecommendPlan {
        let kind = try resolveKind(r.kind)
        let user = try resolveNode(r.target, expected: .user)
        let model = try resolveModel(r.clauses.using, kind: kind)
        let (candidates, explanation) = try candidates(from: user, anchorKind: .user, kind: kind,
                                                       via: r.clauses.via, model: model)
        return RecommendPlan(
            mode: .forUser, anchor: user, targetKind: kind, candidates: candidates, model: model,
            predicate: try r.clauses.condition.map { (c) throws(QueryError) in try resolveCondition(c) },
            diversify: try r.clauses.diversify.map { (d) throws(QueryError) in try resolveDiversify(d, kind: kind) },
            excludeSeen: !(r.clauses.includeSeen ?? false),
            excluded: try r.clauses.exclude.map { (n) throws(QueryError) in try resolveNode(n, expected: nil) },
            limit: r.clauses.limit ?? Planner.defaultLimit, explain: r.clauses.explain,
            explanationPath: explanation)
    }

    private func planSimilar(_ s: Similar) throws(QueryError) -> RecommendPlan {
        let kind = try resolveKind(s.kind)
        let anchor = try resolveNode(s.target, expected: nil)
        let anchorKind = snapshot.kinds[Int(anchor)]
        let model = try resolveModel(s.clauses.using, kind: kind)
        var candidates: CandidateSource, explanation: RelationPath?
        if s.clauses.via == nil, model == BuiltinScorers.paths, anchorKind == kind, kind != .item,
           let (path, described) = similarPath(kind: kind) {
            (candidates, explanation) = (.path(path, described: described), path)
        } else {
            (candidates, explanation) = try self.candidates(from: anchor, anchorKind: anchorKind, kind: kind,
                                                            via: s.clauses.via, model: model)
        }
        if case .allOfKind = candidates, model == BuiltinScorers.paths || model == BuiltinScorers.popularity {
            // Model-free similarity needs shared neighbours: default to every relation, both ways, 2 hops.
            let path = RelationPath([.init(relations: [], direction: .both, minCount: 2, maxCount: 2)])
            candidates = .path(path, described: "any relation <> any relation")
            explanation = path
        }
        return RecommendPlan(
            mode: .similarTo, anchor: anchor, targetKind: kind, candidates: candidates, model: model,
            predicate: try s.clauses.condition.map { (c) throws(QueryError) in try resolveCondition(c) },
            diversify: try s.clauses.diversify.map { (d) throws(QueryError) in try resolveDiversify(d, kind: kind) },
            excludeSeen: false,
            excluded: [anchor] + (try s.clauses.exclude.map { (n) throws(QueryError) in try resolveNode(n, expected: nil) }),
            limit: s.clauses.limit ?? Planner.defaultLimit, explain: s.clauses.explain,
            explanationPath: explanation)
    }

    private func planWhy(_ w: Why) throws(QueryError) -> WhyPlan {
        let item = try resolveNode(w.item, expected: .item)
        let user = try resolveNode(w.user, expected: .user)
        let model = try resolveModel(w.clauses.using, kind: .item)
        let (candidates, explanation) = try candidates(from: user, anchorKind: .user, kind: .item,
                                                       via: w.clauses.via, model: model)
        return WhyPlan(item: item, user: user, model: model, explanationPath: explanation, candidates: candidates)
    }

    private func planMatch(_ m: Match) throws(QueryError) -> MatchPlan {
        let start = try resolveNode(m.start, expected: nil)
        guard case .steps(let steps) = m.path else { preconditionFailure("match paths are always explicit") }
        let path = try resolveSteps(steps)
        return MatchPlan(start: start, path: path, described: describe(steps),
                         predicate: try m.clauses.condition.map { (c) throws(QueryError) in try resolveCondition(c) },
                         limit: m.clauses.limit ?? Planner.defaultMatchLimit)
    }

    // MARK: Candidates and paths

    /// The candidate source and the explanation path for a recommend/similar/why.
    private func candidates(from anchor: Int32, anchorKind: NodeKind, kind: NodeKind, via: PathExpression?,
                            model: String) throws(QueryError) -> (CandidateSource, RelationPath?) {
        switch via {
        case .steps(let steps)?:
            let path = try resolveSteps(steps)
            return (.path(path, described: describe(steps)), path)
        case .shorthand(let names)?:
            let (path, described) = try resolveShorthand(names, anchorKind: anchorKind, kind: kind)
            return (.path(path, described: described), path)
        case nil:
            guard model == BuiltinScorers.paths else { return (.allOfKind(kind), nil) }
            let (path, described) = try defaultPath(anchorKind: anchorKind, kind: kind)
            return (.path(path, described: described), path)
        }
    }

    /// The path the `paths` scorer follows when the query names none: shared attributes
    /// (categories, tags, brands…) when items have any, else co-interaction.
    private func defaultPath(anchorKind: NodeKind, kind: NodeKind) throws(QueryError) -> (RelationPath, String) {
        let attributes = attributeRelations(of: kind)
        if !attributes.isEmpty {
            let names = attributes.map { Name(snapshot.relations[Int($0)].name, at: TextPosition(), length: 1) }
            return try resolveShorthand(names, anchorKind: anchorKind, kind: kind)
        }
        let interactions = snapshot.interactionRelations
        guard !interactions.isEmpty else {
            throw QueryError(.invalid, "the store has no user–item interactions for the 'paths' scorer to follow")
        }
        let names = relationList(interactions)
        if anchorKind == .user {
            return (RelationPath([.init(relations: interactions, direction: .forward),
                                  .init(relations: interactions, direction: .backward),
                                  .init(relations: interactions, direction: .forward)]),
                    "\(names) < \(names) > \(names)")
        }
        return (RelationPath([.init(relations: interactions, direction: .backward),
                              .init(relations: interactions, direction: .forward)]), "< \(names) > \(names)")
    }

    /// The path `similar` follows between two nodes of `kind` (not items) when the query names
    /// none and ranks with `paths`: users through the items both interacted with; categories,
    /// tags and other attributes of items through the items they share, or, when no item has
    /// two of them (one category per item), through items the same users interacted with.
    /// Nil when no relation links items to nodes of the kind (or users to items).
    private func similarPath(kind: NodeKind) -> (RelationPath, String)? {
        let interactions = snapshot.interactionRelations
        let interactionNames = relationList(interactions)
        if kind == .user {
            guard !interactions.isEmpty else { return nil }
            return (RelationPath([.init(relations: interactions, direction: .forward),
                                  .init(relations: interactions, direction: .backward)]),
                    "\(interactionNames) < \(repeatedList(interactions))")
        }
        let links = snapshot.relations.indices.filter { r in
            catalog.kinds(of: r, sources: true).contains(.item) && catalog.kinds(of: r, sources: false).contains(kind)
        }.map { Int32($0) }
        guard !links.isEmpty else { return nil }
        let names = relationList(links)
        let items = snapshot.nodes(of: .item)
        let shared = links.contains { r in items.contains { snapshot.forward[Int(r)].degree(Int($0)) > 1 } }
        if shared || interactions.isEmpty {
            return (RelationPath([.init(relations: links, direction: .backward), .init(relations: links, direction: .forward)]),
                    "< \(names) > \(repeatedList(links))")
        }
        return (RelationPath([.init(relations: links, direction: .backward),
                              .init(relations: interactions, direction: .backward),
                              .init(relations: interactions, direction: .forward),
                              .init(relations: links, direction: .forward)]),
                "< \(names) < \(interactionNames) > \(interactionNames) > \(names)")
    }

    /// Relations from nodes of `kind` to nodes other than users and the same kind.
    func attributeRelations(of kind: NodeKind) -> [Int32] {
        snapshot.relations.indices.filter { r in
            catalog.kinds(of: r, sources: true).contains(kind)
                && !catalog.kinds(of: r, sources: false).subtracting([.user, kind]).isEmpty
        }.map { Int32($0) }
    }

    /// `via category` / `via brand` / `via (in_category | has_tag)`: from the anchor's items
    /// (a user's train interactions; an item itself) to the attribute and back to other items.
    private func resolveShorthand(_ names: [Name], anchorKind: NodeKind, kind: NodeKind)
        throws(QueryError) -> (RelationPath, String) {
        var forward: [Int32] = [], backward: [Int32] = []
        for name in names {
            if let attributeKind = NodeKind(name: name.text) {
                let relations = attributeRelations(of: kind).filter { r in
                    catalog.kinds(of: Int(r), sources: false).contains(attributeKind)
                }
                guard !relations.isEmpty else {
                    throw QueryError(.invalid, "no relation links \(kind.pluralName) to \(attributeKind.pluralName)",
                                     at: name.position, length: name.length)
                }
                forward += relations.filter { !forward.contains($0) }
            } else if let r = snapshot.relation(named: name.text) {
                if !forward.contains(r) { forward.append(r) }
            } else {
                throw unknownRelation(name, extra: NodeKind.allCases.map(\.name))
            }
        }
        backward = forward
        let attributeNames = relationList(forward)
        if anchorKind == .user {
            let interactions = snapshot.interactionRelations
            guard !interactions.isEmpty else {
                throw QueryError(.invalid, "the store has no user–item interactions to start a shorthand path from")
            }
            return (RelationPath([.init(relations: interactions, direction: .forward),
                                  .init(relations: forward, direction: .forward),
                                  .init(relations: backward, direction: .backward)]),
                    "\(relationList(interactions)) > \(attributeNames) < \(repeatedList(forward))")
        }
        return (RelationPath([.init(relations: forward, direction: .forward),
                              .init(relations: backward, direction: .backward)]),
                "> \(attributeNames) < \(repeatedList(forward))")
    }

    func resolveSteps(_ steps: [PathStep]) throws(QueryError) -> RelationPath {
        var hops: [RelationPath.Hop] = []
        for step in steps {
            var relations: [Int32] = []
            for name in step.relations {
                guard let r = snapshot.relation(named: name.text) else { throw unknownRelation(name) }
                // A relation named twice in one alternation is walked once.
                if !relations.contains(r) { relations.append(r) }
            }
            hops.append(.init(relations: relations, direction: step.direction == .forward ? .forward : .backward,
                              minCount: step.minCount, maxCount: step.maxCount))
        }
        return RelationPath(hops)
    }

    private func describe(_ steps: [PathStep]) -> String {
        steps.enumerated().map { index, step in
            let names = step.relations.count == 1 ? step.relations[0].text
                : "(" + step.relations.map(\.text).joined(separator: " | ") + ")"
            let repeatText = step.minCount == 1 && step.maxCount == 1 ? ""
                : step.minCount == step.maxCount ? "{\(step.minCount)}" : "{\(step.minCount),\(step.maxCount)}"
            let direction = index == 0 && step.direction == .forward ? "" : step.direction.rawValue + " "
            return direction + names + repeatText
        }.joined(separator: " ")
    }

    /// A shorthand's relations as a header shows them: at most `headerRelations`, then how many
    /// more ("(film.actor.film | music.artist.origin | people.person.place_of_birth | 57 more)").
    func relationList(_ relations: [Int32]) -> String {
        let names = relations.map { snapshot.relations[Int($0)].name }
        guard names.count > 1 else { return names.first ?? "" }
        let shown = names.prefix(Self.headerRelations)
        let more = names.count - shown.count
        return "(" + shown.joined(separator: " | ") + (more > 0 ? " | \(more) more" : "") + ")"
    }

    /// A relation set the header has just listed, listed again: in full when short, else
    /// "(the same 56)", so a header over a large knowledge graph names its relations once.
    func repeatedList(_ relations: [Int32]) -> String {
        relations.count > Self.headerRelations ? "(the same \(relations.count))" : relationList(relations)
    }

    /// The most relation names a shorthand's description lists.
    static let headerRelations = 3

    func unknownRelation(_ name: Name, extra: [String] = []) -> QueryError {
        QueryError(.unknownName, "unknown relation \(Excerpt.quoted(name.text))", at: name.position, length: name.length,
                   suggestion: Suggestion.closest(to: name.text, in: snapshot.relations.map(\.name) + extra))
    }
}
