/// An RDF 1.1 term as the readers produce it.
package enum RDFTerm: Hashable, Sendable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node label, without the `_:` prefix; unique within one document.
    case blank(String)
    /// A literal: its lexical form, and either a datatype IRI or a language tag (never both).
    /// A plain literal has neither (it is an `xsd:string`).
    case literal(String, datatype: String? = nil, language: String? = nil)

    var isBlank: Bool { if case .blank = self { true } else { false } }

    /// The IRI string when the term is an IRI.
    var iriValue: String? { if case .iri(let s) = self { s } else { nil } }

    /// The term in N-Triples syntax, canonically escaped.
    package var ntriples: String {
        switch self {
        case .iri(let iri): return "<" + RDFTerm.escapeIRI(iri) + ">"
        case .blank(let label): return "_:" + label
        case .literal(let lexical, let datatype, let language):
            var out = "\"" + RDFTerm.escapeLiteral(lexical) + "\""
            if let language { out += "@" + language }
            else if let datatype, datatype != XSD.string { out += "^^<" + RDFTerm.escapeIRI(datatype) + ">" }
            return out
        }
    }

    /// Escapes a literal's lexical form as N-Triples canonical form does: `\"`, `\\`, `\n`,
    /// `\r`, `\t`, `\b`, `\f`, and `\uXXXX` for other control characters.
    static func escapeLiteral(_ s: String) -> String { literalEscapes.apply(s) }

    private static let literalEscapes = Escapes(
        ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f"],
        otherwise: { $0.value < 0x20 || $0.value == 0x7F ? "\\u" + hex($0.value, width: 4) : nil })

    /// Escapes the characters an IRIREF may not hold literally as `\uXXXX`.
    static func escapeIRI(_ s: String) -> String { iriEscapes.apply(s) }

    private static let iriEscapes = Escapes([:], otherwise: { scalar in
        scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) ? "\\u" + hex(scalar.value, width: 4) : nil
    })
}

/// One RDF statement. The predicate is always an IRI.
package struct RDFTriple: Hashable, Sendable, CustomStringConvertible {
    package var subject: RDFTerm
    package var predicate: String
    package var object: RDFTerm

    package init(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }

    /// The triple as one N-Triples line, without the newline.
    package var description: String {
        subject.ntriples + " <" + RDFTerm.escapeIRI(predicate) + "> " + object.ntriples + " ."
    }
}

/// Well-known vocabulary IRIs.
public enum RDF {
    package static let ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let type = ns + "type"
    static let langString = ns + "langString"
    static let xmlLiteral = ns + "XMLLiteral"
    public static let first = ns + "first"
    public static let rest = ns + "rest"
    static let nil_ = ns + "nil"
    package static let subject = ns + "subject"
    package static let predicate = ns + "predicate"
    public static let object = ns + "object"
    public static let statement = ns + "Statement"
}

package enum XSD {
    package static let ns = "http://www.w3.org/2001/XMLSchema#"
    package static let string = ns + "string"
    package static let boolean = ns + "boolean"
    package static let integer = ns + "integer"
    package static let decimal = ns + "decimal"
    package static let double = ns + "double"
    package static let float = ns + "float"
}

package enum RDFS {
    package static let ns = "http://www.w3.org/2000/01/rdf-schema#"
    package static let class_ = ns + "Class"
    package static let subClassOf = ns + "subClassOf"
    package static let label = ns + "label"
    package static let comment = ns + "comment"
}

package enum Schema {
    package static let ns = "https://schema.org/"
    package static let name = ns + "name"
    package static let price = ns + "price"
    package static let brand = ns + "brand"
    package static let keywords = ns + "keywords"
    package static let product = ns + "Product"
}
