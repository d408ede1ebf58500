import KGRecKit

/// How nodes and paths read in output.
enum PathText {
    /// Users and items by id (their labels have a column of their own); other nodes by label.
    static func node(_ node: Int32, _ s: GraphSnapshot) -> String {
        switch s.kinds[Int(node)] {
        case .user, .item: s.externalIDs[Int(node)]
        default: s.displayName(node)
        }
    }

    /// `u42 —bought→ i7 —in_category→ Footwear ←in_category— i99`, with hop weights when given.
    static func path(_ path: GraphPath, weights: [Double]? = nil, _ s: GraphSnapshot) -> String {
        var text = node(path.nodes[0], s)
        for (i, step) in path.steps.enumerated() {
            let relation = s.relations[Int(step.relation)].name
            let label = weights.map { "\(relation) \(number($0[i]))" } ?? relation
            text += step.forward ? " —\(label)→ " : " ←\(label)— "
            text += node(path.nodes[i + 1], s)
        }
        return text
    }

    /// One reason: its contribution, its path (or what it rests on) and its counterfactual rank.
    /// `0.031  u42 —bought→ i128 ←viewed— u49 —bought→ i174  (without it #3 → #27)`.
    static func reason(_ r: Reason, anchor: Int32, target: Int32, rank: Int?, rest: String?, _ s: GraphSnapshot) -> String {
        var text = number(r.contribution) + "  "
        text += reasonPath(r, target: target, rest: rest, s)
        if let without = r.rankWithout, let rank {
            text += without == rank ? "  (without it: still #\(rank))" : "  (without it: #\(rank) → #\(without))"
        } else if r.leavesCandidates {
            text += "  (without it: no longer reached)"
        }
        return text
    }

    /// A reason's path; `u42 —bought→ i7 ⋯ i99 (no path within 4 hops)` when the interaction does
    /// not reach the result; what the reason is when it is no interaction.
    static func reasonPath(_ r: Reason, target: Int32, rest: String?, _ s: GraphSnapshot) -> String {
        guard let p = r.path else { return rest ?? "the scorer's own score" }
        return path(p, s) + (r.reachesResult ? "" : " ⋯ \(node(target, s)) (no path within 4 hops)")
    }

    /// The line under an explanation that says what its numbers are: "Weights are contributions
    /// to the score (exact): <method>", and the rest when it matters and is not shown as a reason.
    static func method(_ e: Explanation) -> String {
        var text = "Weights are contributions to the score (\(e.kind.rawValue)): \(e.method)"
        let shown = e.reasons.reduce(0) { $0 + abs($1.contribution) }
        if e.reasons.contains(where: { $0.source != nil }), let meaning = e.restMeaning, abs(e.rest) > 1e-4 * shown {
            text += "; rest \(number(e.rest)): \(meaning)"
        }
        if e.contributionCount > e.reasons.filter({ $0.source != nil }).count {
            text += "; \(e.contributionCount) interactions contribute"
        }
        return text + "."
    }

    /// A weight or score: integers as integers, else 3 significant decimals.
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int64(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : max(3, Int(-log10(magnitude)) + 3)
        return fixed(value, min(decimals, 8))
    }
}

#if canImport(Glibc)
import Glibc
#endif
