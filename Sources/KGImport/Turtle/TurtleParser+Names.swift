#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGGraph

/// IRIs, prefixed names and blank node labels.
extension TurtleParser {
    /// IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', resolved against the base when
    /// relative. Escaped or not, the characters an IRIREF may not hold are rejected.
    mutating func iriRef() throws -> String {
        let open = pos
        pos &+= 1
        let start = pos
        var escaped = false
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
            pos &+= 1
        }
        let contentEnd = pos
        pos &+= 1
        if !escaped, let hit = iriCache.lookup(offset: start, count: contentEnd &- start, in: base) { return hit }
        let written = escaped ? try decodeIRIEscapes(start, contentEnd)
            : String(decoding: UnsafeBufferPointer(start: base + start, count: contentEnd &- start), as: UTF8.self)
        let iri = try resolve(written, at: open)
        if !escaped { iriCache.insert(iri, offset: start, count: contentEnd &- start, in: base) }
        return iri
    }

    /// `written` as an absolute IRI: as it is when it has a scheme, else resolved against the base.
    func resolve(_ written: String, at open: Int) throws -> String {
        if IRIResolver.hasScheme(written) { return written }
        guard let baseIRI else {
            throw syntax(at: open, "cannot resolve the relative IRI '<\(Excerpt.iri(written))>': there is no base IRI "
                         + "(declare one with @base or give --base)")
        }
        let resolved = IRIResolver.resolve(written, against: baseIRI)
        guard IRIResolver.hasScheme(resolved) else {
            throw syntax(at: open, "cannot resolve the relative IRI '<\(Excerpt.iri(written))>': the base IRI "
                         + "'\(Excerpt.iri(baseIRI.iri))' is not absolute")
        }
        return resolved
    }

    /// The IRI's text when it holds UCHAR escapes (already checked by `skipUCHAR`).
    mutating func decodeIRIEscapes(_ start: Int, _ contentEnd: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < contentEnd {
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
        return String(decoding: scratch, as: UTF8.self)
    }

    /// PNAME_LN ::= PNAME_NS PN_LOCAL, or a lone PNAME_NS; `prefixEnd` is the ':'. Returns
    /// the namespace IRI followed by the local name, its `\`-escapes decoded and its `%XX`
    /// kept as written.
    mutating func prefixedName(prefixEnd: Int) throws -> String {
        let start = pos
        guard isPrefixName(start, prefixEnd) else { throw expectedPrefixName(start) }
        let localStart = prefixEnd &+ 1
        var i = localStart
        var stop = localStart  // after the last character that may end a local name (not '.')
        var escaped = false
        while i < end {
            let c = base[i]
            if c < 0x80 {
                if Byte.isASCIILabelChar(c) {
                    if c == Byte.minus && i == localStart { break }
                    i &+= 1
                } else if c == Byte.colon {
                    i &+= 1
                } else if c == Byte.dot {
                    if i == localStart { break }
                    i &+= 1
                    continue
                } else if c == Byte.percent {
                    for k in 1...2 where i &+ k >= end || Byte.hexValue(base[i &+ k]) == nil {
                        throw syntax(at: i &+ k, "expected two hexadecimal digits after '%' in a local name, "
                                     + "found \(found(at: i &+ k))")
                    }
                    i &+= 3
                } else if c == Byte.backslash {
                    guard i &+ 1 < end, Byte.isLocalEscape(base[i &+ 1]) else {
                        throw syntax(at: i &+ 1, "expected one of _ ~ . - ! $ & ' ( ) * + , ; = / ? # @ % after '\\' "
                                     + "in a local name, found \(found(at: i &+ 1))")
                    }
                    escaped = true
                    i &+= 2
                } else {
                    break
                }
            } else {
                let (value, width) = scalar(at: i)
                let ok = i == localStart ? TurtleParser.isPNCharsBase(value) : TurtleParser.isPNChars(value)
                guard ok else { break }
                i &+= width
            }
            stop = i
        }
        pos = stop
        if let hit = nameCache.lookup(offset: start, count: stop &- start, in: base) { return hit }
        let prefix = String(decoding: UnsafeBufferPointer(start: base + start, count: prefixEnd &- start), as: UTF8.self)
        guard let namespace = prefixes[prefix] else {
            throw syntax(at: start, "undefined prefix '\(Excerpt.of(prefix)):'; declare it with @prefix or PREFIX "
                         + "before its first use")
        }
        let iri: String
        if escaped {
            scratch.removeAll(keepingCapacity: true)
            var k = localStart
            while k < stop {
                if base[k] == Byte.backslash { k &+= 1 }
                scratch.append(base[k])
                k &+= 1
            }
            iri = namespace + String(decoding: scratch, as: UTF8.self)
        } else {
            iri = namespace + String(decoding: UnsafeBufferPointer(start: base + localStart, count: stop &- localStart),
                                     as: UTF8.self)
        }
        nameCache.insert(iri, offset: start, count: stop &- start, in: base)
        return iri
    }

    /// BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    ///
    /// A label of the form `_*b<digits>` (which the reader's own `b1`, `b2`, … could take)
    /// gets one more leading `_`.
    mutating func blankNodeLabel() throws -> RDFTerm {
        pos &+= 1
        guard pos < end, base[pos] == Byte.colon else { throw expected("':' after '_' in a blank node label") }
        pos &+= 1
        let start = pos
        guard pos < end else { throw expected("a letter, a digit or '_' to start the blank node label") }
        let (first, firstWidth) = scalar(at: pos)
        guard first < 0x80 ? Byte.isLetterOrDigit(UInt8(first)) || first == 0x5F : TurtleParser.isPNCharsBase(first) else {
            throw expected("a letter, a digit or '_' to start the blank node label")
        }
        pos &+= firstWidth
        var stop = pos
        while pos < end {
            let c = base[pos]
            if c < 0x80 {
                if c == Byte.dot { pos &+= 1; continue }
                guard Byte.isASCIILabelChar(c) else { break }
                pos &+= 1
            } else {
                let (value, width) = scalar(at: pos)
                guard TurtleParser.isPNChars(value) else { break }
                pos &+= width
            }
            stop = pos
        }
        pos = stop  // a label never ends with '.': a trailing '.' ends the statement
        let label = String(decoding: UnsafeBufferPointer(start: base + start, count: stop &- start), as: UTF8.self)
        return .blank(TurtleParser.mayCollide(base + start, stop &- start) ? "_" + label : label)
    }

    /// Whether a document label has the form `_*b<digits>` of the reader's own labels.
    static func mayCollide(_ label: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i < count, label[i] == Byte.underscore { i &+= 1 }
        guard i < count, label[i] == 0x62, i &+ 1 < count else { return false }
        i &+= 1
        while i < count {
            guard Byte.isDigit(label[i]) else { return false }
            i &+= 1
        }
        return true
    }

    // MARK: - Words

    /// Whether the character at `i` can start a prefixed name or a keyword: a letter, ':' or
    /// a PN_CHARS_BASE character above ASCII.
    func isNameStart(_ i: Int) -> Bool {
        let c = base[i]
        if c < 0x80 { return Byte.isLetter(c) || c == Byte.colon }
        return TurtleParser.isPNCharsBase(scalar(at: i).value)
    }

    /// The end of the run of PN_CHARS and '.' from `start`, trailing dots excluded: where a
    /// prefix's ':' must be, or the end of a keyword.
    func nameRunEnd(from start: Int) -> Int {
        var i = start
        var stop = start
        while i < end {
            let c = base[i]
            if c < 0x80 {
                if c == Byte.dot { i &+= 1; continue }
                guard Byte.isASCIILabelChar(c) else { break }
                i &+= 1
            } else {
                let (value, width) = scalar(at: i)
                guard TurtleParser.isPNChars(value) else { break }
                i &+= width
            }
            stop = i
        }
        return stop
    }

    /// PN_PREFIX ::= PN_CHARS_BASE ((PN_CHARS | '.')* PN_CHARS)?, or nothing; `start..<stop`
    /// is a name run, so only its first character needs checking.
    func isPrefixName(_ start: Int, _ stop: Int) -> Bool {
        start == stop || TurtleParser.isPNCharsBase(scalar(at: start).value)
    }

    /// Whether `base[start..<stop]` is exactly `word`.
    func matches(_ word: StaticString, _ start: Int, _ stop: Int) -> Bool {
        guard stop &- start == word.utf8CodeUnitCount else { return false }
        return memcmp(base + start, word.utf8Start, stop &- start) == 0
    }

    /// Whether `base[start..<stop]` is `word` (given in lower case) in any case.
    func matchesIgnoringCase(_ word: StaticString, _ start: Int, _ stop: Int) -> Bool {
        guard stop &- start == word.utf8CodeUnitCount else { return false }
        let letters = word.utf8Start
        for k in 0..<(stop &- start) where base[start &+ k] | 0x20 != letters[k] { return false }
        return true
    }
}
