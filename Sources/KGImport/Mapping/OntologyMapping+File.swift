import KGGraph

/// Parsing the mapping-file format documented on `OntologyMapping`.
extension OntologyMapping {
    /// The directives of the mapping-file format.
    static let directives = [
        "prefix", "alias-namespace", "id-namespace", "reset", "label", "subclass", "broader", "narrower",
        "type", "tag", "category", "in-scheme", "relation", "entity-relation", "property", "availability", "ignore",
        "category-class", "tag-class", "product-class", "entity-class", "category-scheme",
    ]

    /// The directives whose predicates may be property paths.
    static let pathDirectives = ["label", "tag", "category", "relation", "entity-relation", "property"]

    /// Applies mapping-file text on top of this table; `file` names it in errors.
    mutating func apply(text: String, file: String) throws(ImportError) {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = try MappingTokens.split(line, file: file, line: offset + 1)
            guard let directive = tokens.first else { continue }
            try apply(directive: directive, arguments: Array(tokens.dropFirst()), file: file, line: offset + 1)
        }
    }

    private mutating func apply(directive: MappingTokens.Token, arguments: [MappingTokens.Token],
                                file: String, line: Int) throws(ImportError) {
        func error(_ token: MappingTokens.Token, _ message: String) -> ImportError {
            .syntax(SourceLocation(file: file, line: line, column: token.column), message)
        }
        func count(_ range: ClosedRange<Int>, _ what: String) throws(ImportError) {
            guard range.contains(arguments.count) else {
                let at = arguments.count > range.upperBound ? arguments[range.upperBound] : directive
                let found = arguments.count > range.upperBound ? Excerpt.quoted(at.text) : "end of line"
                throw error(at, "expected \(what) after \(Excerpt.quoted(directive.text)), found \(found)")
            }
        }
        func iri(_ text: String, _ column: Int) throws(ImportError) -> String {
            let token = MappingTokens.Token(text: text, column: column)
            if text.hasPrefix("<") {
                guard text.hasSuffix(">"), text.count > 2 else {
                    throw error(token, "expected '>' to end the IRI, found end of the term \(Excerpt.quoted(text))")
                }
                return String(text.dropFirst().dropLast())
            }
            guard let colon = text.firstIndex(of: ":") else {
                throw error(token, "expected an IRI such as <http://…> or a prefixed name such as rdfs:label, found \(Excerpt.quoted(text))")
            }
            let prefix = String(text[..<colon])
            guard let namespace = prefixes[prefix] else {
                let shown = Excerpt.of(prefix + ":")
                throw error(token, "expected a declared prefix, found '\(shown)'; declare it with 'prefix \(shown) <…>'")
            }
            return namespace + text[text.index(after: colon)...]
        }
        func iri(_ token: MappingTokens.Token) throws(ImportError) -> String {
            if OntologyMapping.looksLikePath(token.text) {
                throw error(token, "expected a single term, found the path \(Excerpt.quoted(token.text)); paths are allowed after "
                            + OntologyMapping.pathDirectives.map { "'\($0)'" }.joined(separator: ", "))
            }
            return try iri(token.text, token.column)
        }
        /// A predicate or a property path.
        func predicate(_ token: MappingTokens.Token) throws(ImportError) -> PropertyPath {
            guard OntologyMapping.looksLikePath(token.text) else {
                return PropertyPath([PropertyPath.Step(predicate: try iri(token.text, token.column))])
            }
            return try OntologyMapping.parsePath(token.text, column: token.column, iri: iri,
                                                 error: { column, message in
                                                     error(MappingTokens.Token(text: "", column: column), message)
                                                 })
        }
        func name(_ token: MappingTokens.Token) throws(ImportError) -> String {
            guard !token.text.hasPrefix("<"), !token.text.contains(":") else {
                throw error(token, "expected a plain name (letters, digits, '_', '.', '-'), found \(Excerpt.quoted(token.text))")
            }
            return token.text
        }
        func setRole(_ role: PredicateRole, _ path: PropertyPath) {
            guard path.isPlainPredicate else {
                paths[path] = role
                pathOrder.removeAll { $0 == path }
                pathOrder.append(path)
                return
            }
            let predicate = path.steps[0].predicate
            predicates[predicate] = role
            labelPriority.removeAll { $0 == predicate }
            if role == .label { labelPriority.append(predicate) }
        }

        switch directive.text {
        case "prefix":
            try count(2...2, "a prefix name such as 'schema:' and a namespace IRI")
            guard arguments[0].text.hasSuffix(":") else {
                throw error(arguments[0], "expected a prefix name ending in ':', found \(Excerpt.quoted(arguments[0].text))")
            }
            let namespace = try iri(arguments[1])
            prefixes[String(arguments[0].text.dropLast())] = namespace
        case "alias-namespace":
            try count(2...2, "two namespace IRIs (the alias, then the namespace it stands for)")
            namespaceAliases[try iri(arguments[0])] = try iri(arguments[1])
        case "id-namespace":
            try count(1...Int.max, "a namespace IRI")
            for argument in arguments {
                let namespace = try iri(argument)
                if !idNamespaces.contains(namespace) { idNamespaces.append(namespace) }
            }
        case "reset":
            try count(0...0, "nothing")
            predicates = [:]
            labelPriority = []
            paths = [:]
            pathOrder = []
            classes = [:]
            categorySchemes = []
            idNamespaces = []
            namespaceAliases = [:]
        case "label", "tag", "category", "availability":
            try count(1...Int.max, "one or more predicates or paths")
            let role: PredicateRole = switch directive.text {
            case "label": .label
            case "tag": .tag
            case "category": .category
            default: .availability
            }
            for argument in arguments { setRole(role, try predicate(argument)) }
        case "subclass", "broader", "narrower", "type", "in-scheme", "ignore":
            try count(1...Int.max, "one or more predicates")
            let role: PredicateRole = switch directive.text {
            case "subclass": .subclass
            case "broader": .broader
            case "narrower": .narrower
            case "type": .type
            case "in-scheme": .inScheme
            default: .ignore
            }
            for argument in arguments { setRole(role, PropertyPath([PropertyPath.Step(predicate: try iri(argument))])) }
        case "relation", "entity-relation":
            try count(1...2, "a predicate or path and optionally a relation name")
            let path = try predicate(arguments[0])
            let relation = try arguments.count > 1 ? name(arguments[1]) : OntologyMapping.defaultName(path)
            setRole(directive.text == "relation" ? .relation(relation) : .entityRelation(relation), path)
        case "property":
            try count(1...3, "a predicate or path, optionally a key and a type (string, number or bool)")
            let path = try predicate(arguments[0])
            let key = try arguments.count > 1 ? name(arguments[1]) : OntologyMapping.defaultName(path)
            var type: PropertyType?
            if arguments.count > 2 {
                guard let t = PropertyType(rawValue: arguments[2].text) else {
                    throw error(arguments[2], "expected a type (string, number or bool), found \(Excerpt.quoted(arguments[2].text))")
                }
                type = t
            }
            setRole(.property(key, type), path)
        case "category-class", "tag-class", "product-class", "entity-class":
            try count(1...Int.max, "one or more classes")
            let role: ClassRole = switch directive.text {
            case "category-class": .category
            case "tag-class": .tag
            case "product-class": .product
            default: .entity
            }
            for argument in arguments { classes[try iri(argument)] = role }
        case "category-scheme":
            try count(1...Int.max, "one or more concept schemes")
            for argument in arguments { categorySchemes.insert(try iri(argument)) }
        default:
            throw error(directive, "expected a directive (\(OntologyMapping.directives.joined(separator: ", "))), found "
                        + Excerpt.quoted(directive.text) + Suggestion.hint(for: directive.text, in: OntologyMapping.directives))
        }
    }

    /// Whether a term is a property path rather than one IRI or prefixed name: it has a `^`,
    /// a `[…]` condition or a `/` outside `<…>`.
    static func looksLikePath(_ text: String) -> Bool {
        if text.hasPrefix("^") { return true }
        var inIRI = false
        for character in text {
            switch character {
            case "<": inIRI = true
            case ">": inIRI = false
            case "/", "[": if !inIRI { return true }
            default: break
            }
        }
        return false
    }

    /// The name a relation or property line gives when it names none: the local name of the
    /// path's last predicate.
    static func defaultName(_ path: PropertyPath) -> String {
        localName(path.steps[path.steps.count - 1].predicate)
    }

    /// The local name of an IRI: what follows its last `#`, `/` or `:`, or the segment before
    /// a trailing separator.
    static func localName(_ iri: String) -> String {
        let parts = iri.split(whereSeparator: { $0 == "#" || $0 == "/" || $0 == ":" })
        return parts.last.map(String.init) ?? iri
    }
}

/// Splits one mapping-file line into terms, keeping `<…>` IRIs whole and dropping a comment.
enum MappingTokens {
    struct Token {
        var text: String
        var column: Int
    }

    static func split(_ line: Substring, file: String, line number: Int) throws(ImportError) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "#" { break }
            let start = i
            // A term runs to the next space or comment; `<…>` parts may hold anything but '>'.
            while i < scalars.count, scalars[i] != " ", scalars[i] != "\t", scalars[i] != "\r", scalars[i] != "#" {
                if scalars[i] == "<" {
                    while i < scalars.count, scalars[i] != ">" { i += 1 }
                    guard i < scalars.count else {
                        throw .syntax(SourceLocation(file: file, line: number, column: i + 1), "expected '>' to end the IRI, found end of line")
                    }
                }
                i += 1
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<i])
            tokens.append(Token(text: String(text), column: start + 1))
        }
        return tokens
    }
}
