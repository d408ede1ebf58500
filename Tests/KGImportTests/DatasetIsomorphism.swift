@testable import KGImport

/// RDF dataset isomorphism with blank nodes, for comparing JSON-LD's quads with expected
/// N-Quads: each quad of a named graph is written as a blank "statement" node with four
/// edges (subject, predicate, object, graph), the default graph's as itself, and the two
/// graphs so made are compared by `RDFXMLGraphIsomorphism` (blank graph names and blank
/// nodes shared across graphs map consistently).
enum DatasetIsomorphism {
    typealias Quad = (triple: RDFTriple, graph: RDFTerm?)

    private static let ns = "urn:kgrec:quad#"

    static func isomorphic(_ a: [Quad], _ b: [Quad]) -> Bool {
        RDFXMLGraphIsomorphism.isomorphic(encode(a), encode(b))
    }

    private static func encode(_ quads: [Quad]) -> [RDFTriple] {
        var seen = Set<String>()
        var out: [RDFTriple] = []
        var counter = 0
        for (triple, graph) in quads {
            guard let graph else { out.append(triple); continue }
            let key = triple.description + " " + graph.ntriples
            guard seen.insert(key).inserted else { continue }
            counter += 1
            let node = RDFTerm.blank("quad\(counter)")
            out.append(RDFTriple(node, ns + "s", triple.subject))
            out.append(RDFTriple(node, ns + "p", .iri(triple.predicate)))
            out.append(RDFTriple(node, ns + "o", triple.object))
            out.append(RDFTriple(node, ns + "g", graph))
        }
        return out
    }

    /// Reads N-Quads text: each line's graph term (a fourth term) is split off and the rest
    /// read by `NTriplesReader`.
    static func readNQuads(_ text: String) throws -> [Quad] {
        var quads: [Quad] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let terms = tokens(String(trimmed))
            guard terms.count == 4 || terms.count == 5 else { throw NQuadsError(line: String(line)) }
            var reader = NTriplesReader(text: terms[0..<3].joined(separator: " ") + " .", name: "expected.nq")
            guard let triple = try reader.readAll().first else { throw NQuadsError(line: String(line)) }
            var graph: RDFTerm?
            if terms.count == 5 {
                var graphReader = NTriplesReader(text: "<urn:s> <urn:p> " + terms[3] + " .", name: "expected.nq")
                graph = try graphReader.readAll().first?.object
            }
            quads.append((triple, graph))
        }
        return quads
    }

    struct NQuadsError: Error { var line: String }

    /// The terms of one N-Quads line, and its final `.`.
    private static func tokens(_ line: String) -> [String] {
        var out: [String] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            var j = i
            if c == "<" {
                while j < chars.count, chars[j] != ">" { j += 1 }
                j += 1
            } else if c == "\"" {
                j += 1
                while j < chars.count, chars[j] != "\"" { j += chars[j] == "\\" ? 2 : 1 }
                j += 1
                if j < chars.count, chars[j] == "@" {
                    while j < chars.count, chars[j] != " " && chars[j] != "\t" { j += 1 }
                } else if j + 1 < chars.count, chars[j] == "^" {
                    while j < chars.count, chars[j] != ">" { j += 1 }
                    j += 1
                }
            } else {
                while j < chars.count, chars[j] != " " && chars[j] != "\t" { j += 1 }
            }
            out.append(String(chars[i..<min(j, chars.count)]))
            i = j
        }
        return out
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
