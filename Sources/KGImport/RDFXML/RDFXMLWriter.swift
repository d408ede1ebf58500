import KGGraph

/// Writes triples as an RDF/XML document that `RDFXMLReader` reads back to the same triples,
/// in the same order.
///
/// Consecutive triples about one subject become one node element: a typed node element
/// (`<schema:Product rdf:about="…">`) when the first of them is an `rdf:type` whose class has
/// an XML name, else `rdf:Description`. Objects are `rdf:resource`, `rdf:nodeID` or element
/// text with `xml:lang` or `rdf:datatype`. With a `base` ending in `/`, IRIs directly under
/// it are written relative to it (`rdf:about="i7"`), through `xml:base`.
///
/// Used to keep the demo's RDF/XML files (Ontologies/) the same graph as their N-Triples
/// versions; the output is deterministic.
package struct RDFXMLWriter: Sendable {
    /// Namespace prefixes to use, in order (`("schema", "https://schema.org/")`); only those
    /// the document needs are declared. `rdf` is always declared, and namespaces not listed
    /// get `ns1`, `ns2`…
    package var prefixes: [(prefix: String, namespace: String)]
    /// The document's `xml:base`, when set.
    package var base: String?
    /// A comment written before the root element (it must not contain `--`).
    package var comment: String?

    package init(prefixes: [(prefix: String, namespace: String)] = [], base: String? = nil, comment: String? = nil) {
        precondition(comment?.contains("--") != true, "an XML comment cannot contain '--': \(comment ?? "")")
        self.prefixes = prefixes
        self.base = base
        self.comment = comment
    }

    /// The document for `triples`; throws `ImportError.invalidGraph` for what RDF/XML cannot
    /// express: a predicate that does not end in an XML name (`<http://ex/1st>`), a
    /// predicate RDF/XML reserves (`rdf:li`), or a literal with a character XML 1.0 forbids.
    package func document(_ triples: [RDFTriple]) throws(ImportError) -> String {
        let available = [("rdf", RDF.ns)] + prefixes.filter { $0.prefix != "rdf" }
        var declared = [("rdf", RDF.ns)]
        func qualifiedName(_ iri: String) throws(ImportError) -> String {
            guard let (namespace, local) = Self.split(iri) else {
                throw .invalidGraph(Self.output, "cannot write <\(Excerpt.iri(iri))> in RDF/XML: it does not end in an XML name")
            }
            if namespace == RDF.ns, Self.reservedRDFNames.contains(local) {
                throw .invalidGraph(Self.output, "cannot write <\(Excerpt.iri(iri))> in RDF/XML: it reserves the name 'rdf:\(local)'")
            }
            if let known = declared.first(where: { $0.1 == namespace }) { return known.0 + ":" + local }
            if let given = available.first(where: { $0.1 == namespace }) {
                declared.append(given)
                return given.0 + ":" + local
            }
            var number = 1
            while (available + declared).contains(where: { $0.0 == "ns\(number)" }) { number += 1 }
            declared.append(("ns\(number)", namespace))
            return "ns\(number):" + local
        }
        var blankNames: [String: String] = [:]
        func nodeID(_ label: String) -> String {
            if RDFXMLNames.isNCName(label) { return label }
            if let known = blankNames[label] { return known }
            var name = "b\(blankNames.count + 1)"
            while blankNames.values.contains(name) { name += "_" }
            blankNames[label] = name
            return name
        }

        var body = ""
        var start = 0
        while start < triples.count {
            let subject = triples[start].subject
            var end = start
            while end < triples.count && triples[end].subject == subject { end += 1 }
            var group = triples[start..<end]
            var element = "rdf:Description"
            if let first = group.first, first.predicate == RDF.type, case .iri(let cls) = first.object,
               let (namespace, local) = Self.split(cls), namespace != RDF.ns || !Self.reservedRDFNames.contains(local) {
                element = try qualifiedName(cls)
                group = group.dropFirst()
            }
            body += "  <" + element
            switch subject {
            case .iri(let iri): body += " rdf:about=\"" + Self.escapeAttribute(relative(iri)) + "\""
            case .blank(let label): body += " rdf:nodeID=\"" + nodeID(label) + "\""
            case .literal: throw .invalidGraph(Self.output, "a literal cannot be a subject")
            }
            if group.isEmpty {
                body += "/>\n"
            } else {
                body += ">\n"
                for triple in group {
                    let name = try qualifiedName(triple.predicate)
                    body += "    <" + name
                    switch triple.object {
                    case .iri(let iri):
                        body += " rdf:resource=\"" + Self.escapeAttribute(relative(iri)) + "\"/>\n"
                    case .blank(let label):
                        body += " rdf:nodeID=\"" + nodeID(label) + "\"/>\n"
                    case .literal(let lexical, let datatype, let language):
                        if let language { body += " xml:lang=\"" + Self.escapeAttribute(language) + "\"" }
                        else if let datatype, datatype != XSD.string {
                            body += " rdf:datatype=\"" + Self.escapeAttribute(datatype) + "\""
                        }
                        body += ">" + (try Self.escapeText(lexical)) + "</" + name + ">\n"
                    }
                }
                body += "  </" + element + ">\n"
            }
            start = end
        }

        var head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        if let comment { head += "<!-- " + comment + " -->\n" }
        head += "<rdf:RDF"
        let order = { (prefix: String) in available.firstIndex(where: { $0.0 == prefix }) ?? available.count }
        declared.sort { (order($0.0), $0.0) < (order($1.0), $1.0) }
        for (index, (prefix, namespace)) in declared.enumerated() {
            head += (index == 0 ? " " : "\n         ") + "xmlns:\(prefix)=\"" + Self.escapeAttribute(namespace) + "\""
        }
        if let base { head += "\n         xml:base=\"" + Self.escapeAttribute(base) + "\"" }
        return head + ">\n" + body + "</rdf:RDF>\n"
    }

    /// `iri` relative to `base` when that is safe: a base ending in `/` and a remainder that
    /// is one plain path segment (no `:`, `/`, `?`, `#`, and not starting with `.`).
    private func relative(_ iri: String) -> String {
        guard let base, base.hasSuffix("/"), iri.hasPrefix(base) else { return iri }
        let rest = iri.dropFirst(base.count)
        guard let first = rest.first, first != ".",
              rest.allSatisfy({ $0.isLetter || $0.isNumber || "-_.~".contains($0) }) else { return iri }
        return String(rest)
    }

    static let output = SourceLocation(file: "<RDF/XML output>", line: 0, column: 0)

    /// RDF names that cannot be property or node element names (RDF 1.1 XML Syntax §7.2).
    static let reservedRDFNames: Set<String> = [
        "RDF", "Description", "ID", "about", "parseType", "resource", "li", "nodeID", "datatype",
        "aboutEach", "aboutEachPrefix", "bagID",
    ]

    /// An IRI as namespace + XML name, splitting after the last `#` or `/`.
    static func split(_ iri: String) -> (String, String)? {
        guard let cut = iri.lastIndex(where: { $0 == "#" || $0 == "/" }) else { return nil }
        let local = String(iri[iri.index(after: cut)...])
        guard RDFXMLNames.isNCName(local) else { return nil }
        return (String(iri[...cut]), local)
    }

    /// Attribute values: `&`, `<`, `"` escaped, and the white space a parser would normalise
    /// (tab, line feed, carriage return) as character references.
    static func escapeAttribute(_ s: String) -> String { attributeEscapes.apply(s) }

    private static let attributeEscapes = Escapes(["&": "&amp;", "<": "&lt;", "\"": "&quot;",
                                                   "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"])

    /// Element text: `&`, `<`, `>` escaped, and `\r` as a character reference (a parser
    /// would otherwise turn it into `\n`); characters XML 1.0 cannot hold are an error.
    static func escapeText(_ s: String) throws(ImportError) -> String {
        let unwritable = s.unicodeScalars.first { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
        if let unwritable {
            throw .invalidGraph(output, "cannot write the literal \(RDFTerm.literal(s).ntriples) in RDF/XML: "
                                + "XML 1.0 cannot hold the character U+\(String(unwritable.value, radix: 16, uppercase: true))")
        }
        return textEscapes.apply(s)
    }

    private static let textEscapes = Escapes(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"])
}
