import KGGraph
import KGQuery
import Testing

/// What every explanation must be, whatever the scorer: at least one reason; every shown path a
/// simple path of train edges of at most 4 hops from the anchor through the reason's interaction
/// to the result; every fact the sentence states a train edge, named in the sentence.
public func expectTrueExplanation(_ e: Explanation, anchor: Int32, result: Int32, in s: GraphSnapshot,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!e.reasons.isEmpty, "no reason for \(s.externalIDs[Int(result)])", sourceLocation: sourceLocation)
    for reason in e.reasons {
        guard let path = reason.path else { continue }
        #expect(path.exists(in: s) && path.steps.count <= 4 && Set(path.nodes).count == path.nodes.count,
                "\(path.nodes) is not a train path of at most 4 hops", sourceLocation: sourceLocation)
        #expect(path.nodes.first == anchor, sourceLocation: sourceLocation)
        #expect(reason.reachesResult ? path.nodes.last == result : path.steps.count == 1 && reason.source == path.nodes[1],
                sourceLocation: sourceLocation)
        if let source = reason.source { #expect(path.nodes[1] == source, sourceLocation: sourceLocation) }
    }
    if let sentence = e.sentence {
        for fact in e.facts {
            let edge = GraphPath(nodes: [fact.from, fact.to], steps: [.init(relation: fact.relation, forward: true, weight: 1)])
            #expect(edge.exists(in: s), "'\(sentence)' states a missing edge", sourceLocation: sourceLocation)
            #expect(sentence.contains(s.displayName(fact.from)) && sentence.contains(s.displayName(fact.to)),
                    "'\(sentence)' does not name both ends of a fact it states", sourceLocation: sourceLocation)
        }
    }
}
