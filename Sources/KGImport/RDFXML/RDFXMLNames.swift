import KGGraph

/// The names RDF/XML gives meaning to, and the lexical checks its grammar needs
/// (RDF 1.1 XML Syntax §7.2.2–7.2.6 and §7.2.32–7.2.33).
enum RDFXMLNames {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// `coreSyntaxTerms` local names in the RDF namespace.
    static let coreSyntaxTerms: Set<String> = ["RDF", "ID", "about", "parseType", "resource", "nodeID", "datatype"]
    /// `oldTerms`: withdrawn names, errors wherever they appear.
    static let oldTerms: Set<String> = ["aboutEach", "aboutEachPrefix", "bagID"]

    /// Why `rdf:<local>` cannot name a node element, or nil when it can (`nodeElementURIs`).
    static func nodeElementProblem(_ local: String) -> String? {
        if coreSyntaxTerms.contains(local) || local == "li" {
            return "'rdf:\(local)' cannot be used as a node element"
        }
        if oldTerms.contains(local) { return "'rdf:\(local)' was withdrawn from RDF and cannot be used" }
        return nil
    }

    /// Why `rdf:<local>` cannot name a property element, or nil when it can (`propertyElementURIs`).
    static func propertyElementProblem(_ local: String) -> String? {
        if coreSyntaxTerms.contains(local) || local == "Description" {
            return "'rdf:\(local)' cannot be used as a property element"
        }
        if oldTerms.contains(local) { return "'rdf:\(local)' was withdrawn from RDF and cannot be used" }
        return nil
    }

    /// Local names that an unqualified attribute may still use, read as `rdf:` names for
    /// documents written against the 1999 syntax (RDF 1.1 XML Syntax §6.1.4).
    static let legacyUnqualifiedAttributes: Set<String> = ["ID", "about", "resource", "parseType", "type"]

    /// Whether `name` is an XML `NCName` (Namespaces in XML 1.0, XML 1.0 5th edition name
    /// characters), the form `rdf:ID` and `rdf:nodeID` values must have.
    static func isNCName(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNameStart(first.value) else { return false }
        while let scalar = scalars.next() {
            if !isNameCharacter(scalar.value) { return false }
        }
        return true
    }

    private static func isNameStart(_ c: UInt32) -> Bool {
        switch c {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: return true       // A-Z a-z _ (no ':' in an NCName)
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF: return true
        default: return false
        }
    }

    private static func isNameCharacter(_ c: UInt32) -> Bool {
        switch c {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(c)
        }
    }

    /// Whether `tag` is a well-formed BCP 47 language tag in the loose sense every RDF
    /// syntax checks: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
    static func isWellFormedLanguageTag(_ tag: String) -> Bool {
        var subtagLength = 0
        var first = true
        for byte in tag.utf8 {
            if byte == UInt8(ascii: "-") {
                if subtagLength == 0 { return false }
                subtagLength = 0
                first = false
                continue
            }
            let isAlpha = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isAlpha || (isDigit && !first) else { return false }
            subtagLength += 1
            if subtagLength > 8 { return false }
        }
        return subtagLength > 0
    }

    /// A reason the lexical form is not valid for the XSD datatype, for the few datatypes
    /// whose lexical space is checked (boolean, integer, decimal, double, float); nil when it
    /// is valid or the datatype is not checked. RDF parsers must accept ill-typed literals,
    /// so callers turn this into a warning (an error only in strict mode).
    static func illTypedLiteralProblem(_ lexical: String, datatype: String) -> String? {
        guard datatype.utf8.count > XSD.ns.utf8.count, datatype.hasPrefix(XSD.ns) else { return nil }
        let valid: Bool
        switch datatype {
        case XSD.boolean: valid = ["true", "false", "1", "0"].contains(lexical)
        case XSD.integer: valid = matchesNumber(lexical, fraction: false, exponent: false)
        case XSD.decimal: valid = matchesNumber(lexical, fraction: true, exponent: false)
        case XSD.double, XSD.float:
            valid = ["INF", "-INF", "+INF", "NaN"].contains(lexical)
                || matchesNumber(lexical, fraction: true, exponent: true)
        default: return nil
        }
        return valid ? nil : "\(Excerpt.quoted(lexical)) is not a valid \(datatype.dropFirst(XSD.ns.utf8.count)) literal"
    }

    /// `[+-]?digits`, optionally with `.digits` and an exponent, as XSD numeric lexical forms.
    private static func matchesNumber(_ s: String, fraction: Bool, exponent: Bool) -> Bool {
        var bytes = Array(s.utf8)[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        var mantissa = digits()
        if fraction, bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if exponent, let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A reason `iri` looks broken (white space, a character IRIs forbid) and the IRI
    /// repaired, or nil. Such IRIs occur in real files: leading and trailing white space is
    /// dropped, and forbidden characters are percent-encoded (RFC 3987 §3.1 maps an IRI to a
    /// URI the same way). The caller warns with the reason and uses the repaired IRI.
    static func repairedIRI(_ iri: String) -> (iri: String, problem: String)? {
        guard iri.utf8.contains(where: needsEncoding) else { return nil }
        var problem: String?
        let trimmed = iri.trimmingSpaces
        if trimmed != iri {
            let leading = iri.unicodeScalars.first.map { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ?? false
            problem = "IRI '\(Excerpt.iri(iri))' \(leading ? "starts" : "ends") with white space"
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(trimmed.utf8.count)
        for byte in trimmed.utf8 {
            if needsEncoding(byte) {
                if problem == nil {
                    let shown = Excerpt.iri(trimmed)
                    problem = byte == 0x20 ? "IRI '\(shown)' contains a space"
                        : byte < 0x20 || byte == 0x7F
                        ? "IRI '\(shown)' contains a control character"
                        : "IRI '\(shown)' contains '\(Character(Unicode.Scalar(byte)))', which IRIs do not allow"
                }
                let hex = Array("0123456789ABCDEF".utf8)
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                encoded.append(byte)
            }
        }
        return problem.map { (String(decoding: encoded, as: UTF8.self), $0) }
    }

    /// `http:/www.…` or `https:/www.…` (one slash, then `www.`) with its `//` back, and the
    /// reason, or nil. Real files hold this typo (the GoodRelations examples, 19 times);
    /// nothing else is rewritten: `http:/a`, `http:x/y` and `https:/x` are valid IRIs
    /// (RFC 3986: a path with no authority) and are kept as written.
    static func repairedSchemeSlashes(_ iri: String) -> (iri: String, problem: String)? {
        for scheme in ["http:/www.", "https:/www."] where iri.hasPrefix(scheme) {
            let schemeLength = scheme.utf8.count - "/www.".utf8.count
            let rest = String(decoding: iri.utf8.dropFirst(schemeLength + 1), as: UTF8.self)
            return (String(decoding: iri.utf8.prefix(schemeLength), as: UTF8.self) + "//" + rest,
                    "IRI '\(Excerpt.iri(iri))' has no '//' after its scheme")
        }
        return nil
    }

    /// Bytes an IRI cannot hold as they are: controls, space, and `<>"{}|\^` and backquote.
    private static func needsEncoding(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"):
            true
        default:
            false
        }
    }

    /// The XSD IRI a datatype written as a prefixed name (`xsd:float`, `xs:int`) stands for,
    /// or nil: `xsd` and `xs` are not URI schemes, so such a datatype is a mistake for the
    /// XML Schema namespace.
    static func xsdDatatype(forPrefixedName datatype: String) -> String? {
        for prefix in ["xsd:", "xs:"] where datatype.hasPrefix(prefix) {
            let local = datatype.dropFirst(prefix.count)
            guard !local.isEmpty, local.allSatisfy({ $0.isLetter }) else { return nil }
            return XSD.ns + local
        }
        return nil
    }
}
