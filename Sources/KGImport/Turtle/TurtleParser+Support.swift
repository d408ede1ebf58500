import KGGraph

/// Layout (spaces, line ends, comments), escapes, UTF-8 decoding, character classes and
/// error messages.
extension TurtleParser {
    // MARK: - Layout

    /// Skips WS (space, tab, LF, CR) and comments.
    @inline(__always)
    mutating func skipSpace() throws {
        while pos < end {
            let c = base[pos]
            if c == Byte.space || c == Byte.tab {
                pos &+= 1
            } else if c == Byte.lf || c == Byte.cr {
                newline()
            } else if c == Byte.hash {
                try skipComment()
            } else {
                return
            }
        }
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
    /// error, as in N-Triples (only binary data holds one there).
    mutating func skipComment() throws {
        while pos < end, base[pos] != Byte.lf, base[pos] != Byte.cr {
            if base[pos] == 0 { throw syntax(at: pos, "expected text, found a NUL byte") }
            pos &+= 1
        }
    }

    // MARK: - Escapes and UTF-8

    /// Scans a UCHAR at `at` ('\' then 'u' + 4 or 'U' + 8 hex digits); returns the offset after it.
    func skipUCHAR(at: Int) throws -> Int {
        let digits = base[at &+ 1] == Byte.u ? 4 : 8
        var i = at &+ 2
        for _ in 0..<digits {
            guard i < end, Byte.hexValue(base[i]) != nil else {
                throw syntax(at: i, "expected a hexadecimal digit in the '\\\(digits == 4 ? "u" : "U")' escape, "
                             + "found \(found(at: i))")
            }
            i &+= 1
        }
        return i
    }

    /// The code point of the (already scanned) UCHAR at `at`; rejects surrogates and values
    /// above U+10FFFF.
    func uchar(at: Int) throws -> UInt32 {
        let digits = base[at &+ 1] == Byte.u ? 4 : 8
        var value: UInt32 = 0
        for k in 0..<digits {
            value = value &<< 4 | UInt32(Byte.hexValue(base[at &+ 2 &+ k]) ?? 0)
        }
        guard Unicode.Scalar(value) != nil else {
            let text = String(decoding: UnsafeBufferPointer(start: base + at, count: digits &+ 2), as: UTF8.self)
            throw syntax(at: at, "expected an escape of a Unicode scalar value, found '\(text)'")
        }
        return value
    }

    /// Appends a code point (already checked to be a scalar value) to `scratch` as UTF-8.
    mutating func appendUTF8(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value), let units = UTF8.encode(scalar) else { return }
        for unit in units { scratch.append(unit) }
    }

    /// The scalar value and width of the UTF-8 sequence at `i`. The input was checked to be
    /// UTF-8 before parsing; a truncated or invalid sequence still gives (0x110000, 1), a value
    /// that is no scalar and that no character class admits, so it is reported, never read past.
    @inline(__always)
    func scalar(at i: Int) -> (value: UInt32, width: Int) {
        let b0 = base[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let width = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0
        guard width > 0, i &+ width <= end else { return (0x110000, 1) }
        var value = UInt32(b0) & (0x7F >> UInt32(width))
        for k in 1..<width {
            let b = base[i &+ k]
            guard b & 0xC0 == 0x80 else { return (0x110000, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return (value, width)
    }

    // MARK: - Character classes

    /// PN_CHARS_BASE: an ASCII letter, or one of the grammar's ranges above ASCII.
    static func isPNCharsBase(_ v: UInt32) -> Bool {
        if v < 0x80 { return Byte.isLetter(UInt8(v)) }
        return NTriplesParser.isPNCharsBase(v)
    }

    /// PN_CHARS: PN_CHARS_BASE, '_', '-', a digit, U+00B7, U+0300-U+036F or U+203F-U+2040.
    static func isPNChars(_ v: UInt32) -> Bool {
        if v < 0x80 { return Byte.isASCIILabelChar(UInt8(v)) }
        return NTriplesParser.isPNCharsBase(v) || v == 0xB7 || (0x300...0x36F).contains(v) || (0x203F...0x2040).contains(v)
    }

    /// `'"'`, `'''` or `'"""'`: a quote character as messages show it.
    static func quoted(_ quote: UInt8, _ count: Int = 1) -> String {
        "'" + String(repeating: quote == Byte.quote ? "\"" : "'", count: count) + "'"
    }

    // MARK: - Errors

    /// `expected <what>, found <the character at pos>`, for errors inside a token.
    func expected(_ what: String) -> ImportError {
        syntax(at: pos, "expected \(what), found \(found(at: pos))")
    }

    /// `expected <what>, found <the token at pos>`, for errors between tokens.
    func expectedToken(_ what: String) -> ImportError {
        syntax(at: pos, "expected \(what), found \(foundToken(at: pos))")
    }

    func expectedSubject() -> ImportError {
        expectedToken("a subject (an IRI, a blank node, '[' or '('), or a directive")
    }

    func expectedVerb() -> ImportError {
        expectedToken("a predicate (an IRI or 'a')")
    }

    func expectedObject() -> ImportError {
        expectedToken("an object (an IRI, a blank node, '[', '(' or a literal)")
    }

    func expectedPrefixName(_ start: Int) -> ImportError {
        syntax(at: start, "expected a prefixed name (a prefix that starts with a letter, then ':'), found \(found(at: start))")
    }

    /// An error at `offset` on the current line.
    func syntax(at offset: Int, _ message: String) -> ImportError {
        syntax(at: offset, line: line, lineStart: lineStart, message)
    }

    /// An error at `offset` on the line `line` that starts at `lineStart`.
    func syntax(at offset: Int, line: Int, lineStart: Int, _ message: String) -> ImportError {
        let column = 1 + UTF8Columns.scalars(base, from: lineStart, to: min(offset, end))
        return .syntax(SourceLocation(file: name, line: line, column: column), message)
    }

    /// How a message names the token at `offset`: a word (`'ex:name'`, `'true'`, `'_:b'`) when a
    /// name starts there, else what `found(at:)` says.
    func foundToken(at offset: Int) -> String {
        guard offset < end else { return "end of file" }
        let b = base[offset]
        guard Byte.isLetterOrDigit(b) || b == Byte.colon || b == Byte.underscore || b >= 0x80 else { return found(at: offset) }
        var stop = offset
        var i = offset
        while i < end, i &- offset < 160 {
            let (value, width) = scalar(at: i)
            if value == UInt32(Byte.dot) { i &+= 1; continue }
            guard value == UInt32(Byte.colon) || TurtleParser.isPNChars(value) else { break }
            i &+= width
            stop = i
        }
        guard stop > offset else { return found(at: offset) }
        return Excerpt.quoted(String(decoding: UnsafeBufferPointer(start: base + offset, count: stop &- offset), as: UTF8.self))
    }

    /// How a message names the character at `offset`: `'x'`, `U+0009`, `end of line`, `end of file`.
    func found(at offset: Int) -> String {
        guard offset < end else { return "end of file" }
        let b = base[offset]
        if b == Byte.lf || b == Byte.cr { return "end of line" }
        let (value, _) = scalar(at: offset)
        guard let s = Unicode.Scalar(value) else { return "byte 0x" + hex(UInt32(b), width: 2) }
        if value < 0x20 || value == 0x7F { return "U+" + hex(value, width: 4) }
        return Excerpt.quoted(String(Character(s)))
    }
}

/// Turtle's punctuation beyond N-Triples'.
extension Byte {
    static let percent: UInt8 = 0x25, lparen: UInt8 = 0x28, rparen: UInt8 = 0x29

    /// PN_LOCAL_ESC ::= '\' ('_' | '~' | '.' | '-' | '!' | '$' | '&' | "'" | '(' | ')' | '*' | '+'
    /// | ',' | ';' | '=' | '/' | '?' | '#' | '@' | '%'): whether `c` may follow the '\'.
    static func isLocalEscape(_ c: UInt8) -> Bool {
        switch c {
        case 0x5F, 0x7E, 0x2E, 0x2D, 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D, 0x2F, 0x3F,
             0x23, 0x40, 0x25:
            true
        default:
            false
        }
    }
}
