import KGGraph

/// The byte-level N-Triples 1.1 parser behind `NTriplesReader`.
///
/// It walks `base[0..<end]` with one index, keeping the line number and the offset where
/// the line starts, so an error's column is computed only when an error happens. Terms
/// without escapes become strings straight from the input bytes; escapes go through a
/// scratch buffer. Grammar productions are cited by their names in the N-Triples 1.1
/// recommendation (IRIREF, BLANK_NODE_LABEL, STRING_LITERAL_QUOTE, LANGTAG, UCHAR, ECHAR).
struct NTriplesParser {
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

    /// Consumes one LF, CR or CRLF.
    @inline(__always)
    mutating func newline() {
        if base[pos] == Byte.cr, pos &+ 1 < end, base[pos &+ 1] == Byte.lf { pos &+= 1 }
        pos &+= 1
        line &+= 1
        lineStart = pos
    }

    /// Skips a comment up to (not including) the end of the line; a NUL byte in it is an
    /// error (the grammar allows one, but only binary data holds one there).
    mutating func skipComment() throws {
        while pos < end, base[pos] != Byte.lf, base[pos] != Byte.cr {
            if base[pos] == 0 { throw syntax(at: pos, "expected text, found a NUL byte") }
            pos &+= 1
        }
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
        pos &+= 1
        let start = pos
        var escaped = false
        var bits: UInt8 = 0
        while true {
            guard pos < end else { throw expected("'>' to end the IRI") }
            let c = base[pos]
            if Byte.isIRIStop(c) {
                if c == Byte.gt { break }
                guard c == Byte.backslash else { throw expected("'>' to end the IRI") }
                escaped = true
                guard pos &+ 1 < end, base[pos &+ 1] == Byte.u || base[pos &+ 1] == Byte.upperU else {
                    pos &+= 1
                    throw expected("'u' or 'U' after '\\' in an IRI (only \\u and \\U escapes are allowed there)")
                }
                pos = try skipUCHAR(at: pos)
                continue
            }
            bits |= c
            pos &+= 1
        }
        let contentEnd = pos
        pos &+= 1
        let iri: String
        if escaped {
            iri = try decodeIRIEscapes(start, contentEnd)
        } else {
            iri = try string(start, contentEnd, ascii: bits < 0x80, cached: true)
        }
        guard NTriplesParser.hasScheme(iri) else {
            throw syntax(at: open, "expected an absolute IRI (one that starts with a scheme such as 'http:'), found '<\(Excerpt.iri(iri))>'")
        }
        return iri
    }

    /// BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    mutating func parseBlankNode() throws -> String {
        pos &+= 1
        guard pos < end, base[pos] == Byte.colon else { throw expected("':' after '_' in a blank node label") }
        pos &+= 1
        let start = pos
        guard pos < end, let (first, width) = scalar(at: pos), NTriplesParser.isLabelStart(first) else {
            throw expected("a letter, a digit or '_' to start the blank node label")
        }
        pos &+= width
        var lastNonDot = pos
        var ascii = first.value < 0x80
        while pos < end {
            let c = base[pos]
            if c < 0x80 {
                if c == Byte.dot { pos &+= 1; continue }
                guard Byte.isASCIILabelChar(c) else { break }
                pos &+= 1
            } else {
                guard let (s, w) = scalar(at: pos), NTriplesParser.isLabelChar(s) else { break }
                ascii = false
                pos &+= w
            }
            lastNonDot = pos
        }
        pos = lastNonDot  // a label never ends with '.': a trailing '.' ends the triple
        return try string(start, pos, ascii: ascii, cached: false)
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
            return .literal(lexical, language: try parseLanguageTag())
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

    /// LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
    mutating func parseLanguageTag() throws -> String {
        pos &+= 1
        let start = pos
        guard pos < end, Byte.isLetter(base[pos]) else { throw expected("a letter to start the language tag") }
        while pos < end, Byte.isLetter(base[pos]) { pos &+= 1 }
        while pos < end, base[pos] == Byte.minus {
            pos &+= 1
            guard pos < end, Byte.isLetterOrDigit(base[pos]) else {
                throw expected("a letter or a digit after '-' in the language tag")
            }
            while pos < end, Byte.isLetterOrDigit(base[pos]) { pos &+= 1 }
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: pos &- start), as: UTF8.self)
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
                guard pos &+ 1 < end else { pos &+= 1; throw expected("an escape after '\\'") }
                let e = base[pos &+ 1]
                if e == Byte.u || e == Byte.upperU {
                    let escapeStart = pos
                    pos = try skipUCHAR(at: pos)
                    appendUTF8(try uchar(at: escapeStart))
                    continue
                }
                guard let decoded = Byte.echar(e) else {
                    pos &+= 1
                    throw expected("one of t b n r f \" ' \\ u U after '\\'")
                }
                scratch.append(decoded)
                pos &+= 2
            default:
                scratch.append(c)
                pos &+= 1
            }
        }
    }

    /// The IRI's text when it holds UCHAR escapes (already checked by `skipUCHAR`).
    mutating func decodeIRIEscapes(_ start: Int, _ contentEnd: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < contentEnd {
            if base[i] == Byte.backslash {
                let value = try uchar(at: i)
                if value <= 0x20 || (value < 0x80 && Byte.isIRIStop(UInt8(value))) {
                    let shown = value <= 0x20 ? String(format4: value) : "'\(Character(Unicode.Scalar(value)!))'"
                    throw syntax(at: i, "expected a character an IRI may hold, found \(shown) written as an escape")
                }
                appendUTF8(value)
                i += base[i &+ 1] == Byte.u ? 6 : 10
            } else {
                scratch.append(base[i])
                i &+= 1
            }
        }
        return try scratchString(validatingFrom: start)
    }

    /// Scans a UCHAR at `at` ('\' then 'u' + 4 or 'U' + 8 hex digits); returns the offset after it.
    func skipUCHAR(at: Int) throws -> Int {
        let digits = base[at &+ 1] == Byte.u ? 4 : 8
        var i = at &+ 2
        for _ in 0..<digits {
            guard i < end, Byte.hexValue(base[i]) != nil else {
                throw syntax(at: i, "expected a hexadecimal digit in the '\\\(digits == 4 ? "u" : "U")' escape, found \(found(at: i))")
            }
            i &+= 1
        }
        return i
    }

    /// The code point of the (already scanned) UCHAR at `at`; rejects surrogates and values above U+10FFFF.
    func uchar(at: Int) throws -> UInt32 {
        let digits = base[at &+ 1] == Byte.u ? 4 : 8
        var value: UInt32 = 0
        for k in 0..<digits {
            value = value &<< 4 | UInt32(Byte.hexValue(base[at &+ 2 &+ k]) ?? 0)
        }
        guard Unicode.Scalar(value) != nil else {
            let text = String(decoding: UnsafeBufferPointer(start: base + at, count: digits + 2), as: UTF8.self)
            throw syntax(at: at, "expected an escape of a Unicode scalar value, found '\(text)'")
        }
        return value
    }
}
