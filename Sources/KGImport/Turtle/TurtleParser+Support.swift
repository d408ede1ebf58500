import KGGraph

/// White space, character classes and the messages only Turtle gives.
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

    // MARK: - Character classes

    /// The scalar value and width of the UTF-8 sequence at `i`, or (0x110000, 1), a value that
    /// no character class admits, where the bytes are not UTF-8 (the input was checked before
    /// parsing, so this only keeps a scan from reading past a bad byte).
    @inline(__always)
    func scalarValue(at i: Int) -> (value: UInt32, width: Int) {
        guard let (scalar, width) = scalar(at: i) else { return (0x110000, 1) }
        return (scalar.value, width)
    }

    /// PN_CHARS_BASE: an ASCII letter, or one of the grammar's ranges above ASCII.
    static func isPNCharsBase(_ v: UInt32) -> Bool {
        if v < 0x80 { return Byte.isLetter(UInt8(v)) }
        return NTriplesParser.isPNCharsBase(v)
    }

    /// PN_CHARS: PN_CHARS_BASE, '_', '-', a digit, U+00B7, U+0300-U+036F or U+203F-U+2040.
    static func isPNChars(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return NTriplesParser.isLabelChar(scalar)
    }

    /// `'"'`, `'''` or `'"""'`: a quote character as messages show it.
    static func quoted(_ quote: UInt8, _ count: Int = 1) -> String {
        "'" + String(repeating: quote == Byte.quote ? "\"" : "'", count: count) + "'"
    }

    // MARK: - Errors

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
            let (value, width) = scalarValue(at: i)
            if value == UInt32(Byte.dot) { i &+= 1; continue }
            guard value == UInt32(Byte.colon) || TurtleParser.isPNChars(value) else { break }
            i &+= width
            stop = i
        }
        guard stop > offset else { return found(at: offset) }
        return Excerpt.quoted(String(decoding: UnsafeBufferPointer(start: base + offset, count: stop &- offset), as: UTF8.self))
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
