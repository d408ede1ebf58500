/// Serialises the content of an `rdf:parseType="Literal"` property element as the lexical
/// form of an `rdf:XMLLiteral`: Exclusive XML Canonicalization 1.0 with comments and an
/// empty InclusiveNamespaces prefix list (RDF 1.1 XML Syntax §7.2.17).
///
/// What that means for the output, and what this writer does:
/// - elements are written as start and end tags (never `<a/>`);
/// - a namespace declaration is written on an element when the element or one of its
///   attributes visibly uses the prefix and the nearest written ancestor did not already
///   declare it with the same IRI (`xmlns=""` when an element without a namespace sits
///   under a written default namespace); declarations sort by prefix, the default first;
/// - attributes sort by namespace IRI (none first), then local name; `xml:*` attributes are
///   written as they appear, with no inheritance from outside the literal;
/// - text escapes `&`, `<`, `>` and CR; attribute values escape `&`, `<`, `"`, TAB, LF, CR;
///   CDATA sections become escaped text; comments and processing instructions are kept.
struct RDFXMLLiteralWriter {
    private(set) var bytes: [UInt8] = []
    /// The namespace bindings written by each open element of the literal (prefix → IRI,
    /// "" for the default namespace).
    private var scopes: [[String: String]] = []

    /// How many elements of the literal are open.
    var depth: Int { scopes.count }

    /// The namespace a start tag or attribute name uses.
    struct QualifiedName {
        var prefix: String?
        var namespace: String?
        var localName: String
    }

    struct Attribute {
        var name: QualifiedName
        var value: String
    }

    mutating func startElement(_ name: QualifiedName, attributes: [Attribute]) {
        var inherited: [String: String] = scopes.last ?? [:]
        var declarations: [(prefix: String, namespace: String)] = []
        func use(prefix: String, namespace: String) {
            if prefix == "xml" { return }
            if declarations.contains(where: { $0.prefix == prefix }) { return }
            let current = inherited[prefix] ?? ""
            if current != namespace {
                declarations.append((prefix, namespace))
                inherited[prefix] = namespace
            }
        }
        use(prefix: name.prefix ?? "", namespace: name.namespace ?? "")
        for attribute in attributes {
            if let prefix = attribute.name.prefix, let namespace = attribute.name.namespace {
                use(prefix: prefix, namespace: namespace)
            }
        }
        declarations.sort { $0.prefix < $1.prefix }
        append("<")
        appendQualified(name)
        for declaration in declarations {
            append(declaration.prefix.isEmpty ? " xmlns=\"" : " xmlns:" + declaration.prefix + "=\"")
            appendEscaped(declaration.namespace, attribute: true)
            append("\"")
        }
        let sorted = attributes.sorted {
            let a = $0.name.namespace ?? "", b = $1.name.namespace ?? ""
            return a != b ? a < b : $0.name.localName < $1.name.localName
        }
        for attribute in sorted {
            append(" ")
            appendQualified(attribute.name)
            append("=\"")
            appendEscaped(attribute.value, attribute: true)
            append("\"")
        }
        append(">")
        scopes.append(inherited)
    }

    mutating func endElement(_ name: QualifiedName) {
        append("</")
        appendQualified(name)
        append(">")
        scopes.removeLast()
    }

    mutating func text(_ buffer: UnsafeBufferPointer<UInt8>) {
        for byte in buffer {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case 0x0D: append("&#xD;")
            default: bytes.append(byte)
            }
        }
    }

    mutating func comment(_ text: String) {
        append("<!--")
        append(text)
        append("-->")
    }

    mutating func processingInstruction(target: String, data: String) {
        append("<?")
        append(target)
        if !data.isEmpty {
            append(" ")
            append(data)
        }
        append("?>")
    }

    /// The literal's lexical form.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func appendQualified(_ name: QualifiedName) {
        if let prefix = name.prefix, !prefix.isEmpty {
            append(prefix)
            append(":")
        }
        append(name.localName)
    }

    private mutating func appendEscaped(_ value: String, attribute: Bool) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: "\""): append("&quot;")
            case 0x09: append("&#x9;")
            case 0x0A: append("&#xA;")
            case 0x0D: append("&#xD;")
            default: bytes.append(byte)
            }
        }
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
}
