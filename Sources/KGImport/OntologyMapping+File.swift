/// Parsing the mapping-file format documented on `OntologyMapping`.
extension OntologyMapping {
    /// The directives of the mapping-file format.
    static let directives = [
        "prefix", "alias-namespace", "id-namespace", "reset", "label", "subclass", "broader", "narrower",
        "type", "tag", "in-scheme", "relation", "property", "ignore", "category-class", "tag-class",
        "entity-class", "category-scheme",
    ]

    /// Applies mapping-file text on top of this table; `file` names it in errors.
    public mutating func apply(text: String, file: String) throws(ImportError) {
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
                let found = arguments.count > range.upperBound ? "'\(at.text)'" : "end of line"
                throw error(at, "expected \(what) after '\(directive.text)', found \(found)")
            }
        }
        func iri(_ token: MappingTokens.Token) throws(ImportError) -> String {
            if token.text.hasPrefix("<") {
                guard token.text.hasSuffix(">"), token.text.count > 2 else {
                    throw error(token, "expected '>' to end the IRI, found end of the term '\(token.text)'")
                }
                return String(token.text.dropFirst().dropLast())
            }
            guard let colon = token.text.firstIndex(of: ":") else {
                throw error(token, "expected an IRI such as <http://…> or a prefixed name such as rdfs:label, found '\(token.text)'")
            }
            let prefix = String(token.text[..<colon])
            guard let namespace = prefixes[prefix] else {
                throw error(token, "expected a declared prefix, found '\(prefix):'; declare it with 'prefix \(prefix): <…>'")
            }
            return namespace + token.text[token.text.index(after: colon)...]
        }
        func name(_ token: MappingTokens.Token) throws(ImportError) -> String {
            guard !token.text.hasPrefix("<"), !token.text.contains(":") else {
                throw error(token, "expected a plain name (letters, digits, '_', '.', '-'), found '\(token.text)'")
            }
            return token.text
        }
        func setRole(_ role: PredicateRole, _ predicate: String) {
            predicates[predicate] = role
            labelPriority.removeAll { $0 == predicate }
            if role == .label { labelPriority.append(predicate) }
        }

        switch directive.text {
        case "prefix":
            try count(2...2, "a prefix name such as 'schema:' and a namespace IRI")
            guard arguments[0].text.hasSuffix(":") else {
                throw error(arguments[0], "expected a prefix name ending in ':', found '\(arguments[0].text)'")
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
            classes = [:]
            categorySchemes = []
            idNamespaces = []
            namespaceAliases = [:]
        case "label", "subclass", "broader", "narrower", "type", "tag", "in-scheme", "ignore":
            try count(1...Int.max, "one or more predicates")
            let role: PredicateRole = switch directive.text {
            case "label": .label
            case "subclass": .subclass
            case "broader": .broader
            case "narrower": .narrower
            case "type": .type
            case "tag": .tag
            case "in-scheme": .inScheme
            default: .ignore
            }
            for argument in arguments { setRole(role, try iri(argument)) }
        case "relation":
            try count(1...2, "a predicate and optionally a relation name")
            let predicate = try iri(arguments[0])
            setRole(.relation(try arguments.count > 1 ? name(arguments[1]) : OntologyMapping.localName(predicate)), predicate)
        case "property":
            try count(1...3, "a predicate, optionally a key and a type (string, number or bool)")
            let predicate = try iri(arguments[0])
            let key = try arguments.count > 1 ? name(arguments[1]) : OntologyMapping.localName(predicate)
            var type: PropertyType?
            if arguments.count > 2 {
                guard let t = PropertyType(rawValue: arguments[2].text) else {
                    throw error(arguments[2], "expected a type (string, number or bool), found '\(arguments[2].text)'")
                }
                type = t
            }
            setRole(.property(key, type), predicate)
        case "category-class", "tag-class", "entity-class":
            try count(1...Int.max, "one or more classes")
            let role: ClassRole = directive.text == "category-class" ? .category : directive.text == "tag-class" ? .tag : .entity
            for argument in arguments { classes[try iri(argument)] = role }
        case "category-scheme":
            try count(1...Int.max, "one or more concept schemes")
            for argument in arguments { categorySchemes.insert(try iri(argument)) }
        default:
            var message = "expected a directive (\(OntologyMapping.directives.joined(separator: ", "))), found '\(directive.text)'"
            if let suggestion = closestMatch(to: directive.text, among: OntologyMapping.directives) {
                message += ". Did you mean '\(suggestion)'?"
            }
            throw error(directive, message)
        }
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
            if c == "<" {
                while i < scalars.count, scalars[i] != ">" { i += 1 }
                guard i < scalars.count else {
                    throw .syntax(SourceLocation(file: file, line: number, column: i + 1), "expected '>' to end the IRI, found end of line")
                }
                i += 1
            } else {
                while i < scalars.count, scalars[i] != " ", scalars[i] != "\t", scalars[i] != "\r", scalars[i] != "#" { i += 1 }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<i])
            tokens.append(Token(text: String(text), column: start + 1))
        }
        return tokens
    }
}
