import KGGraph

extension Explainer {
    /// One plain sentence from the strongest reasons, generated from their paths relation by
    /// relation and direction by direction, and the edges it states:
    /// "Because u42 bought Hiking Boot and viewed Trail Shoe, both in Footwear."
    func sentence(for explanation: Explanation, anchor: Int32, target: Int32,
                  scorerName: String) -> (String, [Explanation.Fact]) {
        var facts: [Explanation.Fact] = []
        func state(_ from: Int32, _ step: GraphPath.Step, _ to: Int32) {
            let fact = step.forward ? Explanation.Fact(from: from, relation: step.relation, to: to)
                                    : Explanation.Fact(from: to, relation: step.relation, to: from)
            if !facts.contains(fact) { facts.append(fact) }
        }
        let a = name(anchor), t = name(target)
        guard let top = explanation.reasons.first, let path = top.path, top.reachesResult else {
            if let top = explanation.reasons.first, let source = top.source, let step = edgeStep(from: anchor, to: source) {
                state(anchor, step, source)
                return ("Because \(clause(anchor, step, source)), which \(scorerName) places close to \(t); no path of at most "
                        + "\(Self.maxHops) hops connects them.", facts)
            }
            return ("Because of \(explanation.restMeaning ?? "\(scorerName)'s score of \(t)").", facts)
        }
        let steps = path.steps, nodes = path.nodes
        // anchor > r0 > j > r1 > pivot < r1 < target: interactions sharing an attribute with the target.
        if steps.count == 3, steps[0].forward, steps[1].forward, !steps[2].forward, steps[1].relation == steps[2].relation {
            let pivot = nodes[2]
            var byVerb: [(verb: String, names: [String])] = []
            for reason in explanation.reasons {
                guard let p = reason.path, p.steps.count == 3, p.nodes[2] == pivot, p.steps[0].forward, p.steps[1].forward,
                      !p.steps[2].forward, p.steps[1].relation == steps[1].relation else { continue }
                state(p.nodes[0], p.steps[0], p.nodes[1])
                state(p.nodes[1], p.steps[1], p.nodes[2])
                let verb = verbPhrase(p.steps[0].relation), item = name(p.nodes[1])
                if let i = byVerb.firstIndex(where: { $0.verb == verb }) {
                    if !byVerb[i].names.contains(item) { byVerb[i].names.append(item) }
                } else {
                    byVerb.append((verb, [item]))
                }
            }
            state(nodes[2], steps[2], nodes[3])
            let count = byVerb.reduce(0) { $0 + $1.names.count }
            let actions = byVerb.map { "\($0.verb) \(list($0.names))" }.joined(separator: " and ")
            let quantifier = count == 1 ? "also" : count == 2 ? "both" : "all"
            return ("Because \(a) \(actions), \(quantifier) \(sharedPhrase(steps[1].relation)) \(name(pivot)), like \(t).", facts)
        }
        // anchor > r0 > j < r1 < u' > r2 > target: another user who interacted with j and the target.
        if steps.count == 3, steps[0].forward, !steps[1].forward, steps[2].forward, snapshot.kinds[Int(nodes[2])] == .user {
            for i in 0..<3 { state(nodes[i], steps[i], nodes[i + 1]) }
            let other = name(nodes[2]), j = name(nodes[1])
            let second = steps[1].relation == steps[2].relation
                ? "\(other) \(verbPhrase(steps[1].relation)) \(j) and \(t)"
                : "\(other) \(verbPhrase(steps[1].relation)) \(j) and \(verbPhrase(steps[2].relation)) \(t)"
            return ("Because \(a) \(verbPhrase(steps[0].relation)) \(j); \(second).", facts)
        }
        // anchor > r > pivot < r < target: two nodes sharing an attribute.
        if steps.count == 2, steps[0].forward, !steps[1].forward, steps[0].relation == steps[1].relation {
            state(nodes[0], steps[0], nodes[1])
            state(nodes[1], steps[1], nodes[2])
            return ("Because \(a) and \(t) are both \(sharedPhrase(steps[0].relation)) \(name(nodes[1])).", facts)
        }
        // Anything else: one clause per hop, each in its edge's direction.
        var clauses: [String] = []
        for (i, step) in steps.enumerated() {
            state(nodes[i], step, nodes[i + 1])
            clauses.append(clause(nodes[i], step, nodes[i + 1]))
        }
        return ("Because " + list(clauses) + ".", facts)
    }

    /// "Without u42 having viewed Trail Shoe, Granite Headphones drops from #3 to #27."
    /// "Without u42 having viewed Trail Shoe, Granite Headphones is no longer reached." when
    /// `without` is nil (the path no longer reaches it).
    func counterfactual(anchor: Int32, step: GraphPath.Step, source: Int32, target: Int32, rank: Int, without: Int?) -> String {
        let what = step.forward && snapshot.relations[Int(step.relation)].isInteraction
            ? "\(name(anchor)) having \(verbPhrase(step.relation)) \(name(source))"
            : "the edge " + (step.forward ? "\(name(anchor)) —\(snapshot.relations[Int(step.relation)].name)→ \(name(source))"
                                          : "\(name(source)) —\(snapshot.relations[Int(step.relation)].name)→ \(name(anchor))")
        let moves = without.map { without in
            without > rank ? "drops from #\(rank) to #\(without)"
                : without == rank ? "stays at #\(rank)" : "rises from #\(rank) to #\(without)"
        } ?? "is no longer reached (it was #\(rank))"
        return "Without \(what), \(name(target)) \(moves)."
    }

    /// "u42 bought Trail Shoe" for the hop `from → to` (stated in the edge's own direction).
    private func clause(_ from: Int32, _ step: GraphPath.Step, _ to: Int32) -> String {
        let (subject, object) = step.forward ? (from, to) : (to, from)
        return "\(name(subject)) \(verbPhrase(step.relation)) \(name(object))"
    }

    func name(_ node: Int32) -> String { snapshot.displayName(node) }

    /// How a relation reads between its source and target ("bought", "is in", "has origin").
    func verbPhrase(_ relation: Int32) -> String {
        let info = snapshot.relations[Int(relation)]
        switch info.name {
        case "in_category": return "is in"
        case "has_tag": return "is tagged"
        case "brand": return "is made by"
        case "subclass_of": return "is a kind of"
        case "broader": return "is under"
        case "interacted": return "interacted with"
        case "rated": return "rated"
        default:
            let words = Self.readable(info.name)
            if info.isInteraction || words.hasPrefix("is ") || words.hasPrefix("has ") || words.hasSuffix("ed") {
                return words
            }
            return "has " + words
        }
    }

    /// How a shared target reads ("in Footwear", "tagged waterproof", "sharing origin Detroit").
    func sharedPhrase(_ relation: Int32) -> String {
        switch snapshot.relations[Int(relation)].name {
        case "in_category": return "in"
        case "has_tag": return "tagged"
        case "brand": return "by"
        case "subclass_of": return "kinds of"
        case "broader": return "under"
        case let name: return "sharing \(Self.readable(name))"
        }
    }

    /// A relation name as words: its last IRI or dotted segment, underscores and camel case
    /// split ("film.person_or_entity_appearing_in_film.film" → "film",
    /// "http://schema.org/isRelatedTo" → "is related to").
    static func readable(_ name: String) -> String {
        let segment = name.split(whereSeparator: { "/#.:".contains($0) }).last.map(String.init) ?? name
        var words = ""
        for character in segment {
            if character == "_" || character == "-" {
                words += " "
            } else if character.isUppercase, let last = words.last, last.isLowercase {
                words += " " + character.lowercased()
            } else {
                words += character.lowercased()
            }
        }
        return words.isEmpty ? name : words
    }

    func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}
