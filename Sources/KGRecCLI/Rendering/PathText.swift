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
