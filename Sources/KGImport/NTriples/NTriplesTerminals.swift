import KGGraph

/// A byte-level scanner of the terminals N-Triples defines and Turtle reuses (IRIREF, UCHAR,
/// ECHAR, LANGTAG, BLANK_NODE_LABEL), with the layout both count lines by and the messages
/// both give. `NTriplesParser` and `TurtleParser` adopt it, so each terminal is scanned, and
/// each of its errors worded, in one place.
///
/// The scanner walks `base[0..<end]` with `pos`, keeping `line` and `lineStart` (where the line
/// starts) so that an error's column is computed only when an error happens. `scratch`
/// holds the decoded bytes of a term with escapes.
protocol NTriplesTerminals {
    var base: UnsafePointer<UInt8> { get }
    var end: Int { get }
    /// The input's name, for messages.
    var name: String { get }
    var pos: Int { get set }
    var line: Int { get set }
    var lineStart: Int { get set }
    var scratch: [UInt8] { get set }
}

extension NTriplesTerminals {
    // MARK: - Layout

    /// Consumes one LF, CR or CRLF.
    @inline(__always)
    mutating func newline() {
        if base[pos] == Byte.cr, pos &+ 1 < end, base[pos &+ 1] == Byte.lf { pos &+= 1 }
        pos &+= 1
        line &+= 1
        lineStart = pos
    }

    /// Skips a comment up to (not including) the end of the line; a NUL byte in it is an
    /// error (the grammars allow one, but only binary data holds one there).
    mutating func skipComment() throws {
        while pos < end, base[pos] != Byte.lf, base[pos] != Byte.cr {
            if base[pos] == 0 { throw syntax(at: pos, "expected text, found a NUL byte") }
            pos &+= 1
        }
    }

    // MARK: - Terminals

    /// IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', with `pos` at the '<': leaves `pos`
    /// after the '>' and returns where the content is, whether it holds escapes (checked, not
    /// decoded: see `decodeIRIEscapes`) and whether it is all ASCII.
    @inline(__always)
    mutating func scanIRIRef() throws -> (start: Int, stop: Int, escaped: Bool, ascii: Bool) {
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
        let stop = pos
        pos &+= 1
        return (start, stop, escaped, bits < 0x80)
    }

    /// The text of an IRIREF's content `start..<stop` that holds UCHAR escapes (already
    /// checked by `scanIRIRef`); an escape may not stand for a character an IRIREF may not hold.
    mutating func decodeIRIEscapes(_ start: Int, _ stop: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < stop {
            if base[i] == Byte.backslash {
                let value = try uchar(at: i)
                if value <= 0x20 || (value < 0x80 && Byte.isIRIStop(UInt8(value))) {
                    let shown = value <= 0x20 ? String(format4: value) : "'\(Character(Unicode.Scalar(UInt8(value))))'"
                    throw syntax(at: i, "expected a character an IRI may hold, found \(shown) written as an escape")
                }
                appendUTF8(value)
                i &+= base[i &+ 1] == Byte.u ? 6 : 10
            } else {
                scratch.append(base[i])
                i &+= 1
            }
        }
        return try scratchString(validatingFrom: start)
    }

    /// BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?, with `pos`
    /// at the '_': leaves `pos` after the label (a trailing '.' is not part of it) and returns
    /// where the label is and whether it is all ASCII.
    mutating func scanBlankNodeLabel() throws -> (start: Int, stop: Int, ascii: Bool) {
        pos &+= 1
        guard pos < end, base[pos] == Byte.colon else { throw expected("':' after '_' in a blank node label") }
        pos &+= 1
        let start = pos
        guard pos < end, let (first, width) = scalar(at: pos), NTriplesParser.isLabelStart(first) else {
            throw expected("a letter, a digit or '_' to start the blank node label")
        }
        let (stop, ascii) = labelRunEnd(from: pos &+ width)
        pos = stop
        return (start, stop, ascii && first.value < 0x80)
    }

    /// The end of the run of PN_CHARS and '.' from `start`, trailing dots excluded (a label, or
    /// a Turtle prefix, never ends with '.': a trailing '.' ends the statement), and whether the
    /// run is all ASCII.
    @inline(__always)
    func labelRunEnd(from start: Int) -> (stop: Int, ascii: Bool) {
        var i = start
        var stop = start
        var ascii = true
        while i < end {
            let c = base[i]
            if c < 0x80 {
                if c == Byte.dot { i &+= 1; continue }
                guard Byte.isASCIILabelChar(c) else { break }
                i &+= 1
            } else {
                guard let (s, w) = scalar(at: i), NTriplesParser.isLabelChar(s) else { break }
                ascii = false
                i &+= w
            }
            stop = i
        }
        return (stop, ascii)
    }

    /// LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, with `pos` at the '@'.
    mutating func languageTag() throws -> String {
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

    /// ECHAR ::= '\' [tbnrf"'\] or UCHAR, with `pos` at the '\': appends what it stands for to
    /// `scratch` and leaves `pos` after it.
    mutating func appendEscape() throws {
        guard pos &+ 1 < end else {
            pos &+= 1
            throw expected("an escape after '\\'")
        }
        let e = base[pos &+ 1]
        if e == Byte.u || e == Byte.upperU {
            let escapeStart = pos
            pos = try skipUCHAR(at: pos)
            appendUTF8(try uchar(at: escapeStart))
            return
        }
        guard let decoded = Byte.echar(e) else {
            pos &+= 1
            throw expected("one of t b n r f \" ' \\ u U after '\\'")
        }
        scratch.append(decoded)
        pos &+= 2
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

    // MARK: - UTF-8

    /// Appends a code point (already checked to be a scalar value) to `scratch` as UTF-8.
    mutating func appendUTF8(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value), let units = UTF8.encode(scalar) else { return }
        for unit in units { scratch.append(unit) }
    }

    /// The scratch buffer as a string; `start` is where the term began, for the error.
    func scratchString(validatingFrom start: Int) throws -> String {
        guard let valid = String(validating: scratch, as: UTF8.self) else { throw invalidUTF8(from: start) }
        return valid
    }

    /// Decodes one UTF-8 scalar at `at`, rejecting overlong forms, surrogates and values above U+10FFFF.
    @inline(__always)
    func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = base[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let width: Int, initial: UInt32, minimum: UInt32
        switch b0 {
        case 0xC2...0xDF: (width, initial, minimum) = (2, UInt32(b0 & 0x1F), 0x80)
        case 0xE0...0xEF: (width, initial, minimum) = (3, UInt32(b0 & 0x0F), 0x800)
        case 0xF0...0xF4: (width, initial, minimum) = (4, UInt32(b0 & 0x07), 0x10000)
        default: return nil
        }
        guard i + width <= end else { return nil }
        var value = initial
        for k in 1..<width {
            let b = base[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, width)
    }

    // MARK: - Errors

    /// `expected <what>, found <the character at pos>`.
    func expected(_ what: String) -> ImportError {
        syntax(at: pos, "expected \(what), found \(found(at: pos))")
    }

    /// An error at `offset` on the current line.
    func syntax(at offset: Int, _ message: String) -> ImportError {
        .syntax(SourceLocation(file: name, line: line, column: column(at: offset)), message)
    }

    /// The 1-based column of `offset` on the current line, in Unicode scalars.
    func column(at offset: Int) -> Int {
        1 + UTF8Columns.scalars(base, from: lineStart, to: min(offset, end))
    }

    /// How a message names the character at `offset`: `'x'`, `U+0009`, `end of line`, `end of file`.
    func found(at offset: Int) -> String {
        guard offset < end else { return "end of file" }
        let b = base[offset]
        if b == Byte.lf || b == Byte.cr { return "end of line" }
        guard let (s, _) = scalar(at: offset) else { return "byte 0x" + hex(UInt32(b), width: 2) }
        if s.value < 0x20 || s.value == 0x7F { return "U+" + hex(s.value, width: 4) }
        return Excerpt.quoted(String(Character(s)))
    }

    /// An error at the first byte from `start` on that is not valid UTF-8.
    func invalidUTF8(from start: Int) -> ImportError {
        var i = start
        while i < end, let (_, width) = scalar(at: i) { i += width }
        return syntax(at: i, "expected UTF-8 text, found \(found(at: i))")
    }
}
