import Foundation
@testable import KGImport

/// Writes triples as Turtle, for tests that read the same graph as Turtle and as N-Triples:
/// prefixes for the namespaces given, `a` for `rdf:type`, one statement per run of triples
/// with the same subject (`;` between predicates, `,` between objects), bare integers,
/// decimals and booleans, and long strings for text that spans lines. Test-only: it writes
/// what the tests need, not every graph (a local name must be plain letters, digits, `_`, `-`).
enum TurtleRendering {
    static func render(_ triples: [RDFTriple], prefixes: [(name: String, namespace: String)]) -> String {
        var out = prefixes.map { "@prefix \($0.name): <\($0.namespace)> .\n" }.joined()
        var index = 0
        while index < triples.count {
            let subject = triples[index].subject
            out += "\n" + term(subject, prefixes)
            var separator = " "
            while index < triples.count, triples[index].subject == subject {
                let predicate = triples[index].predicate
                out += separator + (predicate == RDF.type ? "a" : term(.iri(predicate), prefixes)) + " "
                var objects: [String] = []
                while index < triples.count, triples[index].subject == subject, triples[index].predicate == predicate {
                    objects.append(term(triples[index].object, prefixes))
                    index += 1
                }
                out += objects.joined(separator: " , ")
                separator = " ;\n    "
            }
            out += " .\n"
        }
        return out
    }

    private static func term(_ term: RDFTerm, _ prefixes: [(name: String, namespace: String)]) -> String {
        switch term {
        case .iri(let iri):
            for (name, namespace) in prefixes where iri.hasPrefix(namespace) {
                let local = iri.dropFirst(namespace.count)
                if let first = local.first, first != "-",
                   local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                    return name + ":" + local
                }
            }
            return "<" + iri + ">"
        case .blank(let label):
            return "_:" + label
        case .literal(let lexical, let datatype, let language):
            if datatype == XSD.integer, lexical.wholeMatch(of: /[+-]?[0-9]+/) != nil { return lexical }
            if datatype == XSD.decimal, lexical.wholeMatch(of: /[+-]?[0-9]*\.[0-9]+/) != nil { return lexical }
            if datatype == XSD.boolean, lexical == "true" || lexical == "false" { return lexical }
            let escaped = lexical.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\r", with: "\\r")
            var out = lexical.contains("\n") ? "\"\"\"" + escaped + "\"\"\"" : "\"" + escaped + "\""
            if let language { out += "@" + language } else if let datatype { out += "^^" + self.term(.iri(datatype), prefixes) }
            return out
        }
    }
}
