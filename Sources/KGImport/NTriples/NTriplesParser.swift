import KGGraph

/// The byte-level N-Triples 1.1 parser behind `NTriplesReader`.
///
/// It walks `base[0..<end]` with one index, keeping the line number and the offset where
/// the line starts, so an error's column is computed only when an error happens. Terms
/// without escapes become strings straight from the input bytes; escapes go through a
/// scratch buffer. Grammar productions are cited by their names in the N-Triples 1.1
/// recommendation (IRIREF, BLANK_NODE_LABEL, STRING_LITERAL_QUOTE, LANGTAG, UCHAR, ECHAR);
/// the terminals Turtle shares are scanned by `NTriplesTerminals`.
struct NTriplesParser: NTriplesTerminals {
    let base: UnsafePointer<UInt8>
    let end: Int
    let name: String
    var pos = 0
    var line = 1
    var lineStart = 0
    /// Decoded bytes of a term that holds escapes.
    var scratch: [UInt8] = []
    /// Recently seen IRIs, so that repeated predicates and classes share one string.
    var iriCache = IRICache()

    init(_ input: InputBytes) {
        base = input.start
        end = input.bytes.count
        name = input.name
        scratch.reserveCapacity(256)
    }

    /// Parses the document, calling `emit` with each triple and the line and column it starts at.
    mutating func parse(_ emit: (RDFTriple, Int, Int) throws -> Void) throws {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3; lineStart = 3 }
        while true {
            skipSpaces()
            guard pos < end else { return }
            let c = base[pos]
            if c == Byte.lf || c == Byte.cr { newline(); continue }
            if c == Byte.hash { try skipComment(); continue }
            let tripleLine = line
            let tripleColumn = pos - lineStart + 1  // only spaces precede it on this line
            let subject = try parseSubject()
            skipSpaces()
            let predicate = try parsePredicate()
            skipSpaces()
            let object = try parseObject()
            skipSpaces()
            guard pos < end, base[pos] == Byte.dot else { throw expected("'.' to end the triple") }
            pos &+= 1
            skipSpaces()
            if pos < end {
                let next = base[pos]
                if next == Byte.hash {
                    try skipComment()
                } else if next != Byte.lf && next != Byte.cr {
                    throw expected("the end of the line after '.'")
                }
            }
            try emit(RDFTriple(subject, predicate, object), tripleLine, tripleColumn)
        }
    }

    // MARK: - Layout

    @inline(__always)
    mutating func skipSpaces() {
        while pos < end, base[pos] == Byte.space || base[pos] == Byte.tab { pos &+= 1 }
    }

    // MARK: - Terms

    mutating func parseSubject() throws -> RDFTerm {
        let c = base[pos]
        if c == Byte.lt { return .iri(try parseIRI()) }
        if c == Byte.underscore { return .blank(try parseBlankNode()) }
        throw expected("'<' or '_:' to start a subject")
    }

    mutating func parsePredicate() throws -> String {
        guard pos < end, base[pos] == Byte.lt else { throw expected("'<' to start a predicate IRI") }
        return try parseIRI()
    }

    mutating func parseObject() throws -> RDFTerm {
        guard pos < end else { throw expected("an IRI, a blank node or a literal") }
        switch base[pos] {
        case Byte.lt: return .iri(try parseIRI())
        case Byte.underscore: return .blank(try parseBlankNode())
        case Byte.quote: return try parseLiteral()
        default: throw expected("an IRI, a blank node or a literal")
        }
    }

    /// IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', and the IRI must be absolute.
    mutating func parseIRI() throws -> String {
        let open = pos
        let (start, contentEnd, escaped, ascii) = try scanIRIRef()
        let iri = escaped ? try decodeIRIEscapes(start, contentEnd)
            : try string(start, contentEnd, ascii: ascii, cached: true)
        guard NTriplesParser.hasScheme(iri) else {
            throw syntax(at: open, "expected an absolute IRI (one that starts with a scheme such as 'http:'), found '<\(Excerpt.iri(iri))>'")
        }
        return iri
    }

    /// BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    mutating func parseBlankNode() throws -> String {
        let (start, stop, ascii) = try scanBlankNodeLabel()
        return try string(start, stop, ascii: ascii, cached: false)
    }

    /// STRING_LITERAL_QUOTE, then an optional LANGTAG or '^^' IRIREF.
    mutating func parseLiteral() throws -> RDFTerm {
        pos &+= 1
        let start = pos
        var bits: UInt8 = 0
        var lexical: String
        while true {
            guard pos < end else { throw expected("'\"' to end the literal") }
            let c = base[pos]
            if c == Byte.quote || c == Byte.backslash || c == Byte.lf || c == Byte.cr { break }
            bits |= c
            pos &+= 1
        }
        if base[pos] == Byte.quote {
            lexical = try string(start, pos, ascii: bits < 0x80, cached: false)
        } else if base[pos] == Byte.backslash {
            lexical = try parseEscapedLiteral(from: start)
        } else {
            throw expected("'\"' to end the literal")
        }
        pos &+= 1  // the closing quote
        guard pos < end else { return .literal(lexical) }
        if base[pos] == Byte.at {
            return .literal(lexical, language: try languageTag())
        }
        if base[pos] == Byte.caret {
            guard pos &+ 1 < end, base[pos &+ 1] == Byte.caret else {
                pos &+= 1
                throw expected("'^^' before the datatype IRI")
            }
            pos &+= 2
            guard pos < end, base[pos] == Byte.lt else { throw expected("'<' to start the datatype IRI") }
            let datatype = try parseIRI()
            return .literal(lexical, datatype: datatype == XSD.string ? nil : datatype)
        }
        return .literal(lexical)
    }

    /// The literal's text when it holds ECHAR or UCHAR escapes; `pos` is at the first '\'.
    mutating func parseEscapedLiteral(from start: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
        while true {
            guard pos < end else { throw expected("'\"' to end the literal") }
            let c = base[pos]
            switch c {
            case Byte.quote:
                return try scratchString(validatingFrom: start)
            case Byte.lf, Byte.cr:
                throw expected("'\"' to end the literal")
            case Byte.backslash:
                try appendEscape()
            default:
                scratch.append(c)
                pos &+= 1
            }
        }
    }
}
