import KGGraph

/// The byte-level Turtle 1.1 parser behind `TurtleReader`: a recursive descent over the
/// grammar's productions, cited by their names in the Turtle recommendation (turtleDoc,
/// statement, directive, triples, predicateObjectList, objectList, blankNodePropertyList,
/// collection…). The terminals Turtle takes from N-Triples (IRIREF, UCHAR, ECHAR, LANGTAG,
/// BLANK_NODE_LABEL) are scanned by `NTriplesTerminals`, as the N-Triples parser scans them.
///
/// It walks `base[0..<end]` with one index, keeping the line number and the offset where the
/// line starts, so an error's column is computed only when an error happens. Each triple is
/// handed to `emit` as soon as its object is read; a nested `[ … ]` or `( … )` gets a fresh
/// blank node whose triples follow. Recursion goes one level per open `[` or `(`, bounded by
/// `Limits.maxDepth`.
struct TurtleParser: NTriplesTerminals {
    /// Receives a triple and the line and column of its object (0 when not locating).
    typealias Emit = (RDFTriple, Int, Int) throws -> Void

    let base: UnsafePointer<UInt8>
    let end: Int
    let name: String
    let limits: TurtleReader.Limits
    var pos = 0
    var line = 1
    var lineStart = 0
    /// How many `[ … ]` and `( … )` are open.
    var depth = 0
    /// Decoded bytes of a term that holds escapes.
    var scratch: [UInt8] = []
    /// Prefix names (without the ':') and the namespace IRIs they stand for.
    var prefixes: [String: String] = [:]
    /// The current base IRI, prepared for resolving many references.
    var baseIRI: IRIResolver.Base?
    /// Blank nodes made so far (`b1`, `b2`, …).
    var freshBlankNodes = 0
    /// IRIREF contents already resolved against the current base.
    var iriCache = TurtleTermCache()
    /// Prefixed names already expanded with the current prefixes.
    var nameCache = TurtleTermCache()
    /// Whether triples are emitted with their locations.
    let locating: Bool
    var columns = UTF8Columns.Counter()
    /// Where the term that completes the next triple starts: its line, that line's start, its offset.
    var termLine = 1, termLineStart = 0, termOffset = 0

    init(_ input: InputBytes, baseIRI: String?, limits: TurtleReader.Limits, locating: Bool) {
        base = input.start
        end = input.bytes.count
        name = input.name
        self.limits = limits
        self.locating = locating
        self.baseIRI = baseIRI.map(IRIResolver.Base.init)
        scratch.reserveCapacity(256)
    }

    /// turtleDoc ::= statement*
    mutating func parse(_ emit: Emit) throws {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3; lineStart = 3 }
        while true {
            try skipSpace()
            guard pos < end else { return }
            try statement(emit)
        }
    }

    // MARK: - Statements and directives

    /// statement ::= directive | triples '.'
    mutating func statement(_ emit: Emit) throws {
        let c = base[pos]
        if c == Byte.at {
            try atDirective()
            return
        }
        if c == 0x50 || c == 0x70 || c == 0x42 || c == 0x62 {  // P p B b: perhaps PREFIX or BASE
            let wordEnd = labelRunEnd(from: pos).stop
            if wordEnd >= end || base[wordEnd] != Byte.colon {
                if matchesIgnoringCase("prefix", pos, wordEnd) {
                    pos = wordEnd
                    try prefixDirective(keyword: "PREFIX")
                    return
                }
                if matchesIgnoringCase("base", pos, wordEnd) {
                    pos = wordEnd
                    try baseDirective(keyword: "BASE")
                    return
                }
            }
        }
        try triples(emit)
        try skipSpace()
        guard pos < end, base[pos] == Byte.dot else { throw expectedToken("'.' to end the statement") }
        pos &+= 1
    }

    /// prefixID ::= '@prefix' PNAME_NS IRIREF '.' and base ::= '@base' IRIREF '.'
    /// (case-sensitive, unlike their SPARQL forms).
    mutating func atDirective() throws {
        let at = pos
        var wordEnd = pos &+ 1
        while wordEnd < end, Byte.isLetter(base[wordEnd]) { wordEnd &+= 1 }
        let word = String(decoding: UnsafeBufferPointer(start: base + at, count: wordEnd &- at), as: UTF8.self)
        pos = wordEnd
        switch word {
        case "@prefix": try prefixDirective(keyword: word)
        case "@base": try baseDirective(keyword: word)
        default:
            throw syntax(at: at, "expected '@prefix' or '@base', found \(Excerpt.quoted(word))")
        }
        try skipSpace()
        guard pos < end, base[pos] == Byte.dot else { throw expectedToken("'.' to end the \(word) directive") }
        pos &+= 1
    }

    /// PNAME_NS IRIREF, after `@prefix` or `PREFIX`: declares (or redeclares) a prefix.
    mutating func prefixDirective(keyword: String) throws {
        try skipSpace()
        let start = pos
        let prefixEnd = pos < end ? labelRunEnd(from: pos).stop : pos
        guard prefixEnd < end, base[prefixEnd] == Byte.colon, isPrefixName(start, prefixEnd) else {
            throw expectedToken("a prefix name ending in ':' (such as 'ex:') after \(keyword)")
        }
        let prefix = String(decoding: UnsafeBufferPointer(start: base + start, count: prefixEnd &- start), as: UTF8.self)
        pos = prefixEnd &+ 1
        try skipSpace()
        guard pos < end, base[pos] == Byte.lt else {
            throw expectedToken("'<' to start the namespace IRI of '\(Excerpt.of(prefix)):'")
        }
        let namespace = try iriRef()
        if prefixes.updateValue(namespace, forKey: prefix) == nil, prefixes.count > limits.maxPrefixes {
            throw syntax(at: start, "the document declares more than the limit of \(limits.maxPrefixes) distinct prefixes")
        }
        nameCache.invalidate()
    }

    /// IRIREF, after `@base` or `BASE`: the new base, resolved against the current one.
    mutating func baseDirective(keyword: String) throws {
        try skipSpace()
        guard pos < end, base[pos] == Byte.lt else { throw expectedToken("'<' to start the base IRI after \(keyword)") }
        baseIRI = IRIResolver.Base(try iriRef())
        iriCache.invalidate()
    }

    // MARK: - Triples

    /// triples ::= subject predicateObjectList | blankNodePropertyList predicateObjectList?
    mutating func triples(_ emit: Emit) throws {
        let subject: RDFTerm
        switch base[pos] {
        case Byte.leftBracket:
            let open = pos
            pos &+= 1
            try skipSpace()
            subject = freshBlankNode()
            if pos < end, base[pos] == Byte.rightBracket {  // ANON
                pos &+= 1
            } else {
                try enter(at: open)
                try predicateObjectList(subject, emit)
                try close(Byte.rightBracket, "']' to end the blank node's property list")
                try skipSpace()
                if pos >= end || base[pos] == Byte.dot { return }  // a sole blankNodePropertyList
            }
        case Byte.lparen:
            subject = try collection(emit)
        case Byte.lt:
            subject = .iri(try iriRef())
        case Byte.underscore:
            subject = try blankNodeLabel()
        default:
            guard isNameStart(pos) else { throw expectedSubject() }
            let wordEnd = labelRunEnd(from: pos).stop
            guard wordEnd < end, base[wordEnd] == Byte.colon else { throw expectedSubject() }
            subject = .iri(try prefixedName(prefixEnd: wordEnd))
        }
        try skipSpace()
        try predicateObjectList(subject, emit)
    }

    /// predicateObjectList ::= verb objectList (';' (verb objectList)?)*
    mutating func predicateObjectList(_ subject: RDFTerm, _ emit: Emit) throws {
        while true {
            let predicate = try verb()
            try skipSpace()
            try objectList(subject, predicate, emit)
            guard pos < end, base[pos] == Byte.semicolon else { return }
            repeat {
                pos &+= 1
                try skipSpace()
            } while pos < end && base[pos] == Byte.semicolon
            guard pos < end, base[pos] != Byte.dot, base[pos] != Byte.rightBracket else { return }
        }
    }

    /// objectList ::= object (',' object)*; leaves `pos` at the first non-space after it.
    mutating func objectList(_ subject: RDFTerm, _ predicate: String, _ emit: Emit) throws {
        while true {
            try object(subject, predicate, emit)
            try skipSpace()
            guard pos < end, base[pos] == Byte.comma else { return }
            pos &+= 1
            try skipSpace()
        }
    }

    /// verb ::= predicate | 'a'
    mutating func verb() throws -> String {
        guard pos < end else { throw expectedVerb() }
        let c = base[pos]
        if c == Byte.lt { return try iriRef() }
        guard isNameStart(pos) else { throw expectedVerb() }
        let wordEnd = labelRunEnd(from: pos).stop
        if wordEnd < end, base[wordEnd] == Byte.colon { return try prefixedName(prefixEnd: wordEnd) }
        if wordEnd == pos &+ 1, c == 0x61 {  // 'a'
            pos = wordEnd
            return RDF.type
        }
        throw expectedVerb()
    }

    /// object ::= iri | BlankNode | collection | blankNodePropertyList | literal; emits the
    /// triple it completes, then those of a nested property list or collection.
    mutating func object(_ subject: RDFTerm, _ predicate: String, _ emit: Emit) throws {
        guard pos < end else { throw expectedObject() }
        markTerm()
        let c = base[pos]
        let object: RDFTerm
        switch c {
        case Byte.lt:
            object = .iri(try iriRef())
        case Byte.underscore:
            object = try blankNodeLabel()
        case Byte.quote, Byte.apostrophe:
            object = try rdfLiteral()
        case Byte.leftBracket:
            let open = pos
            pos &+= 1
            try skipSpace()
            let node = freshBlankNode()
            try self.emit(subject, predicate, node, emit)
            if pos < end, base[pos] == Byte.rightBracket {  // ANON
                pos &+= 1
                return
            }
            try enter(at: open)
            try predicateObjectList(node, emit)
            try close(Byte.rightBracket, "']' to end the blank node's property list")
            return
        case Byte.lparen:
            try collection(emit, owner: (subject, predicate))
            return
        case 0x30...0x39, Byte.plus, Byte.minus:
            object = try numericLiteral()
        case Byte.dot where pos &+ 1 < end && Byte.isDigit(base[pos &+ 1]):
            object = try numericLiteral()
        default:
            guard isNameStart(pos) else { throw expectedObject() }
            let wordEnd = labelRunEnd(from: pos).stop
            if wordEnd < end, base[wordEnd] == Byte.colon {
                object = .iri(try prefixedName(prefixEnd: wordEnd))
            } else if matches("true", pos, wordEnd) || matches("false", pos, wordEnd) {
                object = .literal(String(decoding: UnsafeBufferPointer(start: base + pos, count: wordEnd &- pos),
                                         as: UTF8.self), datatype: XSD.boolean)
                pos = wordEnd
            } else {
                throw expectedObject()
            }
        }
        try self.emit(subject, predicate, object, emit)
    }

    /// collection ::= '(' object* ')': the list's head (`rdf:nil` when empty), its cells
    /// emitted as `rdf:first`/`rdf:rest` triples. With an `owner`, the triple that points at
    /// the list is emitted first.
    @discardableResult
    mutating func collection(_ emit: Emit, owner: (RDFTerm, String)? = nil) throws -> RDFTerm {
        let open = pos
        pos &+= 1
        try skipSpace()
        if pos < end, base[pos] == Byte.rparen {
            pos &+= 1
            let empty = RDFTerm.iri(RDF.nil_)
            if let (subject, predicate) = owner { try self.emit(subject, predicate, empty, emit) }
            return empty
        }
        try enter(at: open)
        let head = freshBlankNode()
        if let (subject, predicate) = owner { try self.emit(subject, predicate, head, emit) }
        var cell = head
        while true {
            try object(cell, RDF.first, emit)
            try skipSpace()
            guard pos < end else { throw expectedToken("')' to end the collection") }
            if base[pos] == Byte.rparen {
                markTerm()
                pos &+= 1
                try self.emit(cell, RDF.rest, .iri(RDF.nil_), emit)
                break
            }
            markTerm()
            let next = freshBlankNode()
            try self.emit(cell, RDF.rest, next, emit)
            cell = next
        }
        depth &-= 1
        return head
    }

    // MARK: - Nesting and emission

    /// Opens a `[` or `(` at `open`, within `Limits.maxDepth`.
    mutating func enter(at open: Int) throws {
        guard depth < limits.maxDepth else {
            throw syntax(at: open, "'[' and '(' nest deeper than the limit of \(limits.maxDepth) levels")
        }
        depth &+= 1
    }

    /// Expects `closing` (after optional space) and closes one level of nesting.
    mutating func close(_ closing: UInt8, _ what: String) throws {
        try skipSpace()
        guard pos < end, base[pos] == closing else { throw expectedToken(what) }
        pos &+= 1
        depth &-= 1
    }

    /// A new blank node, labelled `b1`, `b2`, … (document labels of that form are renamed).
    mutating func freshBlankNode() -> RDFTerm {
        freshBlankNodes &+= 1
        return .blank("b" + String(freshBlankNodes))
    }

    /// Records the current position as where the next emitted triple's object starts.
    @inline(__always)
    mutating func markTerm() {
        guard locating else { return }
        (termLine, termLineStart, termOffset) = (line, lineStart, pos)
    }

    @inline(__always)
    mutating func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, _ sink: Emit) throws {
        guard locating else {
            try sink(RDFTriple(subject, predicate, object), 0, 0)
            return
        }
        let column = columns.column(of: termOffset, lineStart: termLineStart, in: base)
        try sink(RDFTriple(subject, predicate, object), termLine, column)
    }
}
