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
        let (start, stop, escaped, _) = try scanIRIRef()
        if !escaped, let hit = iriCache.lookup(offset: start, count: stop &- start, in: base) { return hit }
        let written = escaped ? try decodeIRIEscapes(start, stop)
            : String(decoding: UnsafeBufferPointer(start: base + start, count: stop &- start), as: UTF8.self)
        let iri = try resolve(written, at: open)
        if !escaped { iriCache.insert(iri, offset: start, count: stop &- start, in: base) }
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
                let (value, width) = scalarValue(at: i)
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
        let (start, stop, _) = try scanBlankNodeLabel()
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
        return TurtleParser.isPNCharsBase(scalarValue(at: i).value)
    }

    /// PN_PREFIX ::= PN_CHARS_BASE ((PN_CHARS | '.')* PN_CHARS)?, or nothing; `start..<stop`
    /// is a name run, so only its first character needs checking.
    func isPrefixName(_ start: Int, _ stop: Int) -> Bool {
        start == stop || TurtleParser.isPNCharsBase(scalarValue(at: start).value)
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
