/// String, numeric and boolean literals.
extension TurtleParser {
    /// RDFLiteral ::= String (LANGTAG | '^^' iri)?; white space and comments may separate the
    /// terminals, as anywhere in the grammar (nothing else that may follow an object starts
    /// with '@' or '^').
    mutating func rdfLiteral() throws -> RDFTerm {
        let lexical = try string()
        try skipSpace()
        guard pos < end else { return .literal(lexical) }
        if base[pos] == Byte.at {
            return .literal(lexical, language: try languageTag())
        }
        guard base[pos] == Byte.caret else { return .literal(lexical) }
        guard pos &+ 1 < end, base[pos &+ 1] == Byte.caret else {
            pos &+= 1
            throw expected("'^^' before the datatype IRI")
        }
        pos &+= 2
        try skipSpace()
        let datatype: String
        if pos < end, base[pos] == Byte.lt {
            datatype = try iriRef()
        } else {
            let wordEnd = pos < end && isNameStart(pos) ? labelRunEnd(from: pos).stop : pos
            guard wordEnd < end, base[wordEnd] == Byte.colon else {
                throw expectedToken("an IRI ('<…>' or a prefixed name) after '^^'")
            }
            datatype = try prefixedName(prefixEnd: wordEnd)
        }
        return .literal(lexical, datatype: datatype == XSD.string ? nil : datatype)
    }

    /// String ::= STRING_LITERAL_QUOTE | STRING_LITERAL_SINGLE_QUOTE
    ///          | STRING_LITERAL_LONG_QUOTE | STRING_LITERAL_LONG_SINGLE_QUOTE
    mutating func string() throws -> String {
        let quote = base[pos]
        if pos &+ 2 < end, base[pos &+ 1] == quote, base[pos &+ 2] == quote { return try longString(quote) }
        pos &+= 1
        let start = pos
        while true {
            guard pos < end else { throw expected("\(TurtleParser.quoted(quote)) to end the string") }
            let c = base[pos]
            if c == quote { break }
            if c == Byte.backslash { return try escapedString(from: start, quote: quote) }
            if c == Byte.lf || c == Byte.cr { throw expected("\(TurtleParser.quoted(quote)) to end the string") }
            pos &+= 1
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: pos &- start), as: UTF8.self)
        pos &+= 1
        return text
    }

    /// The rest of a short string that holds escapes; `pos` is at the first '\'.
    mutating func escapedString(from start: Int, quote: UInt8) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
        while true {
            guard pos < end else { throw expected("\(TurtleParser.quoted(quote)) to end the string") }
            let c = base[pos]
            if c == quote {
                pos &+= 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c == Byte.lf || c == Byte.cr { throw expected("\(TurtleParser.quoted(quote)) to end the string") }
            if c == Byte.backslash {
                try appendEscape()
            } else {
                scratch.append(c)
                pos &+= 1
            }
        }
    }

    /// STRING_LITERAL_LONG_QUOTE ::= '"""' (('"' | '""')? ([^"\] | ECHAR | UCHAR))* '"""', and
    /// its `'''` twin; line ends inside are kept as written. The first `"""` ends it.
    mutating func longString(_ quote: UInt8) throws -> String {
        let open = pos, openLine = line, openLineStart = lineStart
        pos &+= 3
        let start = pos
        var escaped = false
        while true {
            guard pos < end else {
                throw syntax(at: open, line: openLine, lineStart: openLineStart,
                             "expected \(TurtleParser.quoted(quote, 3)) to end the long string that starts here, "
                             + "found end of file")
            }
            let c = base[pos]
            if c == quote, pos &+ 2 < end, base[pos &+ 1] == quote, base[pos &+ 2] == quote { break }
            if c == Byte.backslash {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
                }
                try appendEscape()
            } else {
                if escaped { scratch.append(c) }
                if c == Byte.lf || c == Byte.cr {
                    if c == Byte.cr, pos &+ 1 < end, base[pos &+ 1] == Byte.lf {
                        pos &+= 1
                        if escaped { scratch.append(Byte.lf) }
                    }
                    pos &+= 1
                    line &+= 1
                    lineStart = pos
                } else {
                    pos &+= 1
                }
            }
            if pos &- start > limits.maxStringBytes {
                throw syntax(at: open, line: openLine, lineStart: openLineStart,
                             "the long string that starts here is longer than the limit of "
                             + InputLimits.describe(limits.maxStringBytes))
            }
        }
        let text = escaped ? String(decoding: scratch, as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(start: base + start, count: pos &- start), as: UTF8.self)
        pos &+= 3
        return text
    }

    /// NumericLiteral ::= INTEGER | DECIMAL | DOUBLE, typed `xsd:integer`, `xsd:decimal` or
    /// `xsd:double`, its lexical form as written:
    /// INTEGER ::= [+-]? [0-9]+, DECIMAL ::= [+-]? [0-9]* '.' [0-9]+,
    /// DOUBLE ::= [+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT).
    /// A '.' that no digit or exponent follows is not part of the number (it ends the statement).
    mutating func numericLiteral() throws -> RDFTerm {
        let start = pos
        var i = pos
        if base[i] == Byte.plus || base[i] == Byte.minus { i &+= 1 }
        let digitsStart = i
        while i < end, Byte.isDigit(base[i]) { i &+= 1 }
        let integerDigits = i &- digitsStart
        var datatype = XSD.integer
        if i < end, base[i] == Byte.dot {
            if i &+ 1 < end, Byte.isDigit(base[i &+ 1]) {
                i &+= 1
                while i < end, Byte.isDigit(base[i]) { i &+= 1 }
                datatype = XSD.decimal
            } else if integerDigits > 0, hasExponent(at: i &+ 1) {
                i &+= 1
            }
        }
        guard integerDigits > 0 || datatype == XSD.decimal else {
            throw syntax(at: i, "expected a digit in the number, found \(found(at: i))")
        }
        if i < end, base[i] | 0x20 == 0x65 {  // 'e' or 'E'
            guard hasExponent(at: i) else {
                var digit = i &+ 1
                if digit < end, base[digit] == Byte.plus || base[digit] == Byte.minus { digit &+= 1 }
                throw syntax(at: digit, "expected a digit in the number's exponent, found \(found(at: digit))")
            }
            i &+= 1
            if base[i] == Byte.plus || base[i] == Byte.minus { i &+= 1 }
            while i < end, Byte.isDigit(base[i]) { i &+= 1 }
            datatype = XSD.double
        }
        pos = i
        let lexical = String(decoding: UnsafeBufferPointer(start: base + start, count: i &- start), as: UTF8.self)
        return .literal(lexical, datatype: datatype)
    }

    /// EXPONENT ::= [eE] [+-]? [0-9]+ at `i`.
    func hasExponent(at i: Int) -> Bool {
        guard i < end, base[i] | 0x20 == 0x65 else { return false }
        var digit = i &+ 1
        if digit < end, base[digit] == Byte.plus || base[digit] == Byte.minus { digit &+= 1 }
        return digit < end && Byte.isDigit(base[digit])
    }
}
