/// Resolution of IRI references against a base IRI, as RFC 3986 §5.2 defines it
/// (the "strict" transform of §5.2.2, `remove_dot_segments` of §5.2.4), extended to IRIs by
/// treating every non-ASCII byte as an ordinary character.
///
/// RDF/XML resolves `rdf:about`, `rdf:resource`, `rdf:datatype`, `rdf:ID` (as `#id`) and
/// `xml:base` this way (RDF 1.1 XML Syntax §5.3). A base IRI's fragment never takes part:
/// the empty reference `""` resolves to the base without its fragment.
///
/// The resolver works on UTF-8 bytes and copies nothing when the reference is already an
/// absolute IRI whose path has no dot segments, the common case in real files.
enum IRIResolver {
    /// The five components of a URI reference (RFC 3986 Appendix B). `nil` means the
    /// component is undefined, which differs from defined-but-empty for authority, query
    /// and fragment.
    struct Components: Equatable {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    /// A base IRI prepared for resolving many references: its components, and the prefix a
    /// plain relative path is appended to (scheme, authority and the base path up to its
    /// last `/`), when the base path has no dot segments.
    struct Base {
        var iri: String
        var components: Components
        var directoryPrefix: String?

        init(_ iri: String) {
            self.iri = iri
            components = IRIResolver.components(of: iri)
            guard !mayHaveDotSegments(components.path) else { return }
            var prefix = ""
            if let scheme = components.scheme { prefix += scheme + ":" }
            if let authority = components.authority { prefix += "//" + authority }
            if components.authority != nil && components.path.isEmpty {
                prefix += "/"
            } else if let slash = components.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                prefix += components.path[...slash]
            }
            directoryPrefix = prefix
        }
    }

    /// Resolves `reference` against a prepared base. A reference that is a plain relative
    /// path (no scheme, no leading `/ ? #`, no dot segments) is the base's directory prefix
    /// followed by the reference, which is what §5.2.2 computes for it.
    static func resolve(_ reference: String, against base: Base) -> String {
        if let prefix = base.directoryPrefix, let first = reference.utf8.first,
           first != UInt8(ascii: "/"), first != UInt8(ascii: "?"), first != UInt8(ascii: "#"),
           !hasScheme(reference), !mayHaveDotSegments(reference) {
            return prefix + reference
        }
        return resolve(reference, against: base.components)
    }

    /// Splits `reference` into its components. A scheme is recognised only when it follows
    /// RFC 3986's `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` and precedes any `/ ? #`.
    static func components(of reference: String) -> Components {
        let utf8 = reference.utf8
        var index = utf8.startIndex
        let end = utf8.endIndex
        var scheme: Substring?
        // Scheme: up to the first ':' when nothing in "/?#" comes first.
        var probe = index
        while probe != end {
            let byte = utf8[probe]
            if byte == UInt8(ascii: ":") {
                if probe != index, isSchemeStart(utf8[index]),
                   utf8[utf8.index(after: index)..<probe].allSatisfy(isSchemeCharacter) {
                    scheme = reference[index..<probe]
                    index = utf8.index(after: probe)
                }
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            probe = utf8.index(after: probe)
        }
        var authority: Substring?
        if utf8[index...].starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let start = utf8.index(index, offsetBy: 2)
            var stop = start
            while stop != end, !isDelimiter(utf8[stop], slash: true) { stop = utf8.index(after: stop) }
            authority = reference[start..<stop]
            index = stop
        }
        var stop = index
        while stop != end, !isDelimiter(utf8[stop], slash: false) { stop = utf8.index(after: stop) }
        let path = reference[index..<stop]
        index = stop
        var query: Substring?
        if index != end, utf8[index] == UInt8(ascii: "?") {
            let start = utf8.index(after: index)
            var qEnd = start
            while qEnd != end, utf8[qEnd] != UInt8(ascii: "#") { qEnd = utf8.index(after: qEnd) }
            query = reference[start..<qEnd]
            index = qEnd
        }
        var fragment: Substring?
        if index != end, utf8[index] == UInt8(ascii: "#") {
            fragment = reference[utf8.index(after: index)..<end]
        }
        return Components(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
    }

    /// Whether `reference` has a scheme, i.e. is an absolute IRI (possibly with a fragment).
    static func hasScheme(_ reference: String) -> Bool {
        let utf8 = reference.utf8
        guard let first = utf8.first, isSchemeStart(first) else { return false }
        for byte in utf8.dropFirst() {
            if byte == UInt8(ascii: ":") { return true }
            if !isSchemeCharacter(byte) { return false }
        }
        return false
    }

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2). `base` should be absolute; a
    /// base without a scheme is treated as one with an undefined scheme.
    static func resolve(_ reference: String, against base: String) -> String {
        resolve(reference, against: components(of: base))
    }

    /// Resolves `reference` against a base already split into components (callers that
    /// resolve many references against one base split it once).
    static func resolve(_ reference: String, against b: Components) -> String {
        if hasScheme(reference) {
            // T = R with dot segments removed; skip the work when there are none.
            if !mayHaveDotSegments(reference) { return reference }
            let r = components(of: reference)
            return recompose(scheme: r.scheme, authority: r.authority,
                             path: removeDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        let r = components(of: reference)
        let authority: Substring?
        let path: String
        let query: Substring?
        if r.authority != nil {
            authority = r.authority
            path = removeDotSegments(r.path)
            query = r.query
        } else {
            authority = b.authority
            if r.path.isEmpty {
                path = String(b.path)
                query = r.query ?? b.query
            } else {
                if r.path.utf8.first == UInt8(ascii: "/") {
                    path = removeDotSegments(r.path)
                } else {
                    path = removeDotSegments(Substring(merge(base: b, referencePath: r.path)))
                }
                query = r.query
            }
        }
        return recompose(scheme: b.scheme, authority: authority, path: path, query: query, fragment: r.fragment)
    }

    /// RFC 3986 §5.2.3: the reference path appended to the base path's directory.
    private static func merge(base: Components, referencePath: Substring) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + referencePath }
        guard let slash = base.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return String(referencePath) }
        return String(base.path[...slash]) + referencePath
    }

    /// RFC 3986 §5.2.4, `remove_dot_segments`.
    static func removeDotSegments(_ path: Substring) -> String {
        guard mayHaveDotSegments(path) else { return String(path) }
        var input = Array(path.utf8)[...]
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        while !input.isEmpty {
            if input.starts(with: [dot, dot, slash]) {                         // A: "../"
                input = input.dropFirst(3)
            } else if input.starts(with: [dot, slash]) {                       // A: "./"
                input = input.dropFirst(2)
            } else if input.starts(with: [slash, dot, slash]) {                // B: "/./"
                input = input.dropFirst(2)
            } else if input.elementsEqual([slash, dot]) {                      // B: "/." at the end
                input = [slash][...]
            } else if input.starts(with: [slash, dot, dot, slash]) {           // C: "/../"
                input = input.dropFirst(3)
                removeLastSegment(&output)
            } else if input.elementsEqual([slash, dot, dot]) {                 // C: "/.." at the end
                input = [slash][...]
                removeLastSegment(&output)
            } else if input.elementsEqual([dot]) || input.elementsEqual([dot, dot]) { // D
                input = []
            } else {                                                           // E: move one segment
                var stop = input.startIndex
                if input[stop] == slash { stop += 1 }
                while stop < input.endIndex, input[stop] != slash { stop += 1 }
                output.append(contentsOf: input[input.startIndex..<stop])
                input = input[stop...]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func removeLastSegment(_ output: inout [UInt8]) {
        if let slash = output.lastIndex(of: UInt8(ascii: "/")) {
            output.removeSubrange(slash...)
        } else {
            output.removeAll()
        }
    }

    /// A quick test that rules out dot segments: a path has one only if it contains "/." or
    /// starts with ".".
    static func mayHaveDotSegments<S: StringProtocol>(_ s: S) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        for byte in s.utf8 {
            if byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return true }
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return false }
            previous = byte
        }
        return false
    }

    /// RFC 3986 §5.3, component recomposition.
    private static func recompose(scheme: Substring?, authority: Substring?, path: String,
                                  query: Substring?, fragment: Substring?) -> String {
        var result = ""
        result.reserveCapacity(path.utf8.count + (authority?.utf8.count ?? 0) + 16)
        if let scheme { result += scheme; result += ":" }
        if let authority { result += "//"; result += authority }
        result += path
        if let query { result += "?"; result += query }
        if let fragment { result += "#"; result += fragment }
        return result
    }

    private static func isSchemeStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isSchemeCharacter(_ byte: UInt8) -> Bool {
        isSchemeStart(byte) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isDelimiter(_ byte: UInt8, slash: Bool) -> Bool {
        byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || (slash && byte == UInt8(ascii: "/"))
    }
}
