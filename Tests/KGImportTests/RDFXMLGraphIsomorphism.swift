@testable import KGImport

/// RDF graph isomorphism with blank nodes (RDF 1.1 Concepts §3.6), for comparing a parse
/// with the expected N-Triples.
///
/// Method: triples are de-duplicated (graphs are sets); triples without blank nodes must be
/// equal as sets; blank nodes are then coloured by iterated refinement (a node's colour is
/// a hash of its old colour and the multiset of its triples seen through its neighbours'
/// colours) until the partition stops splitting. If colour classes differ in size the graphs
/// differ. Otherwise ties are broken by backtracking: one node of the smallest class in the
/// first graph is given a fresh colour together with each candidate of the second in turn,
/// and refinement continues. A complete bijection is verified triple by triple, so a hash
/// collision can cost time but never a wrong answer.
enum RDFXMLGraphIsomorphism {
    /// Whether `a` and `b` denote isomorphic graphs.
    static func isomorphic(_ a: [RDFTriple], _ b: [RDFTriple]) -> Bool {
        let setA = Set(a), setB = Set(b)
        guard setA.count == setB.count else { return false }
        let groundA = setA.filter { !hasBlank($0) }, groundB = setB.filter { !hasBlank($0) }
        guard groundA == groundB else { return false }
        let graphA = BlankGraph(setA.filter(hasBlank)), graphB = BlankGraph(setB.filter(hasBlank))
        guard graphA.nodes.count == graphB.nodes.count, graphA.triples.count == graphB.triples.count else { return false }
        return search(graphA, graphA.initialColours(), graphB, graphB.initialColours(), setB)
    }

    private static func hasBlank(_ t: RDFTriple) -> Bool { t.subject.isBlank || t.object.isBlank }

    private static func search(_ a: BlankGraph, _ coloursA: [String: Int],
                               _ b: BlankGraph, _ coloursB: [String: Int], _ targetB: Set<RDFTriple>) -> Bool {
        var ca = coloursA, cb = coloursB
        refine(a, &ca, b, &cb)
        let classesA = classes(ca), classesB = classes(cb)
        guard classesA.mapValues(\.count) == classesB.mapValues(\.count) else { return false }
        guard let (colour, members) = classesA.filter({ $0.value.count > 1 })
            .min(by: { ($0.value.count, $0.key) < ($1.value.count, $1.key) }) else {
            // Every class is a singleton: the colours define the only candidate bijection.
            let bOfColour = Dictionary(uniqueKeysWithValues: cb.map { ($0.value, $0.key) })
            let mapping = ca.mapValues { bOfColour[$0]! }
            return a.triples.allSatisfy { targetB.contains(map($0, mapping)) }
        }
        let node = members.sorted()[0]
        let marker = hash(colour, "marker", ca.count)
        for candidate in classesB[colour]!.sorted() {
            var nextA = ca, nextB = cb
            nextA[node] = marker
            nextB[candidate] = marker
            if search(a, nextA, b, nextB, targetB) { return true }
        }
        return false
    }

    /// Refines both colourings in lock step until neither splits further.
    private static func refine(_ a: BlankGraph, _ ca: inout [String: Int], _ b: BlankGraph, _ cb: inout [String: Int]) {
        var distinct = Set(ca.values).count
        while true {
            ca = a.refined(ca)
            cb = b.refined(cb)
            let now = Set(ca.values).count
            if now == distinct { return }
            distinct = now
        }
    }

    private static func classes(_ colours: [String: Int]) -> [Int: [String]] {
        Dictionary(grouping: colours.keys, by: { colours[$0]! })
    }

    private static func map(_ t: RDFTriple, _ mapping: [String: String]) -> RDFTriple {
        func m(_ term: RDFTerm) -> RDFTerm {
            if case .blank(let label) = term { return .blank(mapping[label]!) }
            return term
        }
        return RDFTriple(m(t.subject), t.predicate, m(t.object))
    }

    fileprivate static func hash(_ parts: AnyHashable...) -> Int {
        var hasher = Hasher()
        for part in parts { hasher.combine(part) }
        return hasher.finalize()
    }

    /// The triples that mention blank nodes, indexed by node.
    private struct BlankGraph {
        var triples: [RDFTriple]
        var nodes: Set<String> = []
        var incidence: [String: [RDFTriple]] = [:]

        init(_ triples: Set<RDFTriple>) {
            self.triples = Array(triples)
            for t in triples {
                for term in [t.subject, t.object] {
                    if case .blank(let label) = term {
                        nodes.insert(label)
                        if incidence[label]?.last != t { incidence[label, default: []].append(t) }
                    }
                }
            }
        }

        func initialColours() -> [String: Int] {
            Dictionary(uniqueKeysWithValues: nodes.map { ($0, 0) })
        }

        func refined(_ colours: [String: Int]) -> [String: Int] {
            var next: [String: Int] = [:]
            for node in nodes {
                let signature = incidence[node, default: []].map { t -> Int in
                    func view(_ term: RDFTerm) -> AnyHashable {
                        if case .blank(let label) = term {
                            return label == node ? AnyHashable("self") : AnyHashable(colours[label]!)
                        }
                        return AnyHashable(term)
                    }
                    return RDFXMLGraphIsomorphism.hash(view(t.subject), t.predicate, view(t.object))
                }.sorted()
                next[node] = RDFXMLGraphIsomorphism.hash(colours[node]!, signature)
            }
            return next
        }
    }
}
