@testable import KGImport

/// Writes triples as a JSON-LD document, for tests that read the same graph as JSON-LD and as
/// N-Triples: a context of the prefixes given, one node object per subject (in order of first
/// appearance) with `@type` for `rdf:type`, compact IRIs, `{"@id"}` references, and value
/// objects for literals (`@type` or `@language`). Test-only: blank nodes are written as
/// `_:label` identifiers.
enum JSONLDRendering {
    static func render(_ triples: [RDFTriple], prefixes: [(name: String, namespace: String)]) -> String {
        var subjects: [RDFTerm] = []
        var bySubject: [RDFTerm: [RDFTriple]] = [:]
        for triple in triples {
            if bySubject[triple.subject] == nil { subjects.append(triple.subject) }
            bySubject[triple.subject, default: []].append(triple)
        }
        func iri(_ s: String) -> String {
            for (name, namespace) in prefixes where s.hasPrefix(namespace) && s.count > namespace.count {
                return name + ":" + s.dropFirst(namespace.count)
            }
            return s
        }
        func id(_ term: RDFTerm) -> String {
            switch term {
            case .iri(let s): return quote(iri(s))
            case .blank(let label): return quote("_:" + label)
            case .literal: return "null"
            }
        }
        func value(_ term: RDFTerm) -> String {
            guard case .literal(let lexical, let datatype, let language) = term else { return "{\"@id\": \(id(term))}" }
            if let language { return "{\"@value\": \(quote(lexical)), \"@language\": \(quote(language))}" }
            if let datatype { return "{\"@value\": \(quote(lexical)), \"@type\": \(quote(iri(datatype)))}" }
            return quote(lexical)
        }
        let context = prefixes.map { "\(quote($0.name)): \(quote($0.namespace))" }.joined(separator: ", ")
        var nodes: [String] = []
        for subject in subjects {
            var members = ["\"@id\": \(id(subject))"]
            var predicates: [String] = []
            var objects: [String: [String]] = [:]
            for triple in bySubject[subject] ?? [] {
                if objects[triple.predicate] == nil { predicates.append(triple.predicate) }
                objects[triple.predicate, default: []]
                    .append(triple.predicate == RDF.type ? id(triple.object) : value(triple.object))
            }
            for predicate in predicates {
                let key = predicate == RDF.type ? "@type" : iri(predicate)
                members.append("\(quote(key)): [\((objects[predicate] ?? []).joined(separator: ", "))]")
            }
            nodes.append("    {" + members.joined(separator: ", ") + "}")
        }
        return "{\n  \"@context\": {\(context)},\n  \"@graph\": [\n" + nodes.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String { JSONCanonical.serialize(.string(s)) }
}
