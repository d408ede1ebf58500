import KGGraph
import Testing
@testable import KGQuery

/// Sentences say what each hop of their path says, relation by relation: the co-interaction
/// sentence once claimed "u42 and u49 both bought …" when u49 had only viewed the item.
@Suite struct ExplainerSentenceTests {
    static func explanation(_ path: GraphPath) -> Explanation {
        Explanation(kind: .exact, method: "", reasons: [Reason(path: path, source: path.nodes[1], contribution: 1)],
                    contributionCount: 1, rest: 0, restMeaning: nil, sentence: nil, rank: nil, counterfactual: nil, facts: [])
    }

    static func step(_ s: GraphSnapshot, _ relation: String, forward: Bool) -> GraphPath.Step {
        GraphPath.Step(relation: s.relation(named: relation)!, forward: forward, weight: 1)
    }

    @Test func aCoInteractionSentenceNamesEachUsersOwnRelation() throws {
        let s = try Shop.snapshot()
        let explainer = Explainer(snapshot: s)
        let n = { (id: String) in s.node(id)! }
        // u42 viewed i5 (Sun Hat); u9 bought i5 and i6 (Beanie).
        let path = GraphPath(nodes: [n("u42"), n("i5"), n("u9"), n("i6")],
                             steps: [Self.step(s, "viewed", forward: true), Self.step(s, "bought", forward: false),
                                     Self.step(s, "bought", forward: true)])
        #expect(path.exists(in: s))
        let (text, facts) = explainer.sentence(for: Self.explanation(path), anchor: n("u42"), target: n("i6"), scorerName: "m")
        #expect(text == "Because u42 viewed Sun Hat; u9 bought Sun Hat and Beanie.")
        #expect(facts.count == 3 && facts.allSatisfy {
            GraphPath(nodes: [$0.from, $0.to], steps: [.init(relation: $0.relation, forward: true, weight: 1)]).exists(in: s)
        })
    }

    @Test func relationNamesReadAsWords() {
        #expect(Explainer.readable("film.person_or_entity_appearing_in_film.film") == "film")
        #expect(Explainer.readable("music.artist.origin") == "origin")
        #expect(Explainer.readable("http://schema.org/isRelatedTo") == "is related to")
        #expect(Explainer.readable("has_tag") == "has tag")
    }
}
