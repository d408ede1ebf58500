import KGGraph

extension Explainer {
    /// One plain sentence from the best explanations:
    /// "Because u42 bought Hiking Boot and Trail Shoe, both in Footwear."
    func sentence(for explanations: [Explanation], anchor: Int32, target: Int32) -> String? {
        guard let best = explanations.first else { return nil }
        let path = best.path
        let anchorName = snapshot.displayName(anchor)
        // anchor > r1 > a > r2 > pivot < r2 < target: the shared-attribute pattern.
        if path.steps.count == 3, path.steps[0].forward, path.steps[1].forward, !path.steps[2].forward,
           path.steps[1].relation == path.steps[2].relation {
            let pivot = path.nodes[2]
            let sharing = explanations.filter {
                $0.path.steps.count == 3 && $0.path.nodes[2] == pivot && $0.path.steps[0].forward
                    && $0.path.steps[1].relation == path.steps[1].relation
            }
            var byVerb: [(verb: String, names: [String])] = []
            for e in sharing {
                let verb = verbPhrase(e.path.steps[0].relation)
                let name = snapshot.displayName(e.path.nodes[1])
                if let i = byVerb.firstIndex(where: { $0.verb == verb }) {
                    if !byVerb[i].names.contains(name) { byVerb[i].names.append(name) }
                } else {
                    byVerb.append((verb, [name]))
                }
            }
            let count = byVerb.reduce(0) { $0 + $1.names.count }
            let actions = byVerb.map { "\($0.verb) \(list($0.names))" }.joined(separator: " and ")
            let shared = sharedPhrase(path.steps[1].relation) + " " + snapshot.displayName(pivot)
            let quantifier = count == 1 ? "also" : count == 2 ? "both" : "all"
            return "Because \(anchorName) \(actions), \(quantifier) \(shared)."
        }
        // anchor > r > pivot < r < target: two nodes sharing an attribute.
        if path.steps.count == 2, path.steps[0].forward, !path.steps[1].forward,
           path.steps[0].relation == path.steps[1].relation {
            return "Because \(anchorName) and \(snapshot.displayName(target)) are both "
                + "\(sharedPhrase(path.steps[0].relation)) \(snapshot.displayName(path.nodes[1]))."
        }
        // user > r > a < r < other user > r > target: people with the same taste.
        if path.steps.count == 3, path.steps[0].forward, !path.steps[1].forward, path.steps[2].forward,
           snapshot.kinds[Int(path.nodes[2])] == .user {
            let other = snapshot.displayName(path.nodes[2])
            return "Because \(anchorName) and \(other) both \(verbPhrase(path.steps[0].relation)) "
                + "\(snapshot.displayName(path.nodes[1])), and \(other) \(verbPhrase(path.steps[2].relation)) "
                + "\(snapshot.displayName(target))."
        }
        // Anything else: one clause per hop.
        var clauses: [String] = []
        for (i, step) in path.steps.enumerated() {
            let (from, to) = step.forward ? (path.nodes[i], path.nodes[i + 1]) : (path.nodes[i + 1], path.nodes[i])
            clauses.append("\(snapshot.displayName(from)) \(verbPhrase(step.relation)) \(snapshot.displayName(to))")
        }
        return "Because " + list(clauses) + "."
    }

    /// How a relation reads between its source and target ("bought", "is in").
    func verbPhrase(_ relation: Int32) -> String {
        let name = snapshot.relations[Int(relation)].name
        switch name {
        case "in_category": return "is in"
        case "has_tag": return "is tagged"
        case "brand": return "is made by"
        case "subclass_of": return "is a kind of"
        case "broader": return "is under"
        case "interacted": return "interacted with"
        case "rated": return "rated"
        default: return name.replacingUnderscores()
        }
    }

    /// How a shared target reads ("in Footwear", "tagged waterproof", "by Acme").
    func sharedPhrase(_ relation: Int32) -> String {
        let name = snapshot.relations[Int(relation)].name
        switch name {
        case "in_category": return "in"
        case "has_tag": return "tagged"
        case "brand": return "by"
        case "subclass_of": return "kinds of"
        case "broader": return "under"
        default: return "sharing \(name.replacingUnderscores())"
        }
    }

    private func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
