import KGGraph

/// Turns tokens into a `Statement`. Checks syntax only: names stay unresolved words, and
/// whether `u42` exists or `in_categroy` is a relation is the planner's job.
package struct Parser {
    private var tokens: [Token]
    private var index = 0
    /// Open parentheses and `not`s of the condition being parsed (bounded by `maxNesting`).
    var nesting = 0

    /// Parses exactly one statement, optionally followed by `;`.
    package static func parse(_ text: String) throws(QueryError) -> Statement {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        return try parser.parseSingleStatement()
    }

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    mutating func parseSingleStatement() throws(QueryError) -> Statement {
        if current.kind == .end { throw expected("a statement (recommend, similar, why, match, show…)") }
        let statement = try parseStatement()
        if current.isSymbol(";") { advance() }
        guard current.kind == .end else {
            throw QueryError(.syntax, "unexpected \(current.quoted) after the end of the statement",
                             at: current.position, length: current.length)
        }
        return statement
    }

    // MARK: Statements

    static let statementKeywords = ["recommend", "similar", "why", "match", "show", "explain",
                                    "import", "train", "eval", "stats", "set", "retire", "unretire", "delete", "forget"]

    mutating func parseStatement() throws(QueryError) -> Statement {
        let token = current
        guard token.kind == .word else { throw expected("a statement (recommend, similar, why, match, show…)") }
        switch token.text.lowercased() {
        case "recommend":
            advance()
            let kind = try parseKind(after: "recommend")
            try expectKeyword("for", after: "recommend \(kind.text)")
            let target = try parseNode(what: "a user after 'for'")
            var recommend = Recommend(kind: kind, target: target)
            recommend.clauses = try parseClauses(allowed: ["via", "using", "where", "diversify", "exclude",
                                                           "include", "limit", "explain"])
            return .recommend(recommend)
        case "similar":
            advance()
            let kind = try parseKind(after: "similar")
            try expectKeyword("to", after: "similar \(kind.text)")
            let target = try parseNode(what: "a node after 'to'")
            var similar = Similar(kind: kind, target: target)
            similar.clauses = try parseClauses(allowed: ["via", "using", "where", "diversify", "exclude",
                                                         "limit", "explain"])
            return .similar(similar)
        case "why":
            advance()
            let item = try parseNode(what: "an item after 'why'")
            try expectKeyword("for", after: "why \(item)")
            let user = try parseNode(what: "a user after 'for'")
            var why = Why(item: item, user: user)
            why.clauses = try parseClauses(allowed: ["via", "using"])
            return .why(why)
        case "match":
            advance()
            let start = try parseNode(what: "a node to start the pattern from")
            guard current.isSymbol(">") || current.isSymbol("<") else {
                throw expected("'>' or '<' and a relation after the start node")
            }
            let path = try parsePath()
            try checkLength(path)
            var match = Match(start: start, path: .steps(path))
            match.clauses = try parseClauses(allowed: ["where", "limit"])
            return .match(match)
        case "show":
            advance()
            return .show(try parseNode(what: "a node after 'show'"))
        case "explain":
            advance()
            guard current.isKeyword("plan") else { throw expected("'plan' after 'explain'") }
            advance()
            if current.isKeyword("explain") {
                throw QueryError(.syntax, "'explain plan' cannot be nested", at: current.position, length: current.length)
            }
            if Command.Verb(rawValue: current.text.lowercased()) != nil, current.kind == .word {
                throw QueryError(.syntax, "'explain plan' shows how a query runs; \(current.quoted) is a command",
                                 at: current.position, length: current.length)
            }
            let inner = try parseStatement()
            return .explainPlan(inner)
        case "import", "train", "eval", "stats", "set", "retire", "unretire", "delete", "forget":
            return .command(try parseCommand())
        default:
            let suggestion = Suggestion.closest(to: token.text, in: Parser.statementKeywords)
            throw QueryError(.syntax, "unknown statement \(token.quoted)", at: token.position,
                             length: token.length, suggestion: suggestion)
        }
    }

    private mutating func parseKind(after context: String) throws(QueryError) -> Name {
        guard current.kind == .word, !current.isKeyword("for"), !current.isKeyword("to") else {
            throw expected("what to recommend (items, categories, tags…) after \(Excerpt.quoted(context))")
        }
        let name = Name(current)
        advance()
        return name
    }

    mutating func parseNode(what: String) throws(QueryError) -> NodeReference {
        guard current.kind == .word || current.kind == .string || current.kind == .number else {
            throw expected(what)
        }
        let name = Name(current)
        advance()
        return name
    }

    private mutating func parseCommand() throws(QueryError) -> Command {
        let token = current
        advance()
        let verb = Command.Verb(rawValue: token.text.lowercased())!
        var command = Command(verb: verb, argument: nil, options: [], position: token.position)
        switch verb {
        case .importData:
            guard current.kind == .string || current.kind == .word else { throw expected("a file to import") }
            command.argument = Name(current)
            advance()
        case .train:
            guard current.kind == .word || current.kind == .string else { throw expected("a model to train") }
            command.argument = Name(current)
            advance()
        case .eval:
            // `eval lightgcn k 10` names a model; `eval k 10` gives only options.
            let next = tokens[min(index + 1, tokens.count - 1)]
            if current.kind == .word, next.kind == .word || next.kind == .end || next.isSymbol(";") {
                command.argument = Name(current)
                advance()
            }
        case .stats:
            break
        case .retire, .unretire, .delete:
            command.argument = try parseNode(what: "the node to \(verb.rawValue)")
        case .forget:
            guard current.isKeyword("user") else { throw expected("'user <id>' after 'forget'") }
            advance()
            command.argument = try parseNode(what: "the user to forget")
        case .setDefaultModel:
            guard current.isKeyword("default") else { throw expected("'default model <name>' after 'set'") }
            advance()
            guard current.isKeyword("model") else { throw expected("'model' after 'set default'") }
            advance()
            guard current.kind == .word || current.kind == .string else { throw expected("a model name") }
            command.argument = Name(current)
            advance()
        }
        while current.kind == .word {
            let name = Name(current)
            advance()
            if let setting = try parseAssignment() {
                command.options.append((name, setting))
                continue
            }
            guard let value = try parseLiteralList() else {
                throw expected("a value for \(Excerpt.quoted(name.text))")
            }
            command.options.append((name, value))
        }
        if current.kind != .end && !current.isSymbol(";") {
            throw QueryError(.syntax, "unexpected \(current.quoted)", at: current.position, length: current.length)
        }
        return command
    }

    /// `key=value` (`set dropout=0.1`), folded into one word; nil (consuming nothing) when the
    /// next tokens are not a word followed by `=`.
    private mutating func parseAssignment() throws(QueryError) -> Literal? {
        guard current.kind == .word, index + 1 < tokens.count, tokens[index + 1].isSymbol("=") else { return nil }
        var key = Literal(value: .word(current.text), position: current.position, length: current.length)
        advance()
        advance()
        guard let value = parseLiteral() else { throw expected("a value after '\(key.text)='") }
        key.value = .word(key.text + "=" + value.text)
        key.length = value.position.offset + value.length - key.position.offset
        return key
    }

    /// A literal, or a comma-separated list of numbers folded into one word (`k 10,20`).
    private mutating func parseLiteralList() throws(QueryError) -> Literal? {
        guard var first = parseLiteral() else { return nil }
        if current.isSymbol(",") {
            var parts = [first.text]
            while current.isSymbol(",") {
                advance()
                guard let next = parseLiteral() else { throw expected("a value after ','") }
                parts.append(next.text)
            }
            first.value = .word(parts.joined(separator: ","))
        }
        return first
    }

    // MARK: Clauses

    private mutating func parseClauses(allowed: Set<String>) throws(QueryError) -> Clauses {
        var clauses = Clauses()
        while current.kind == .word {
            let keyword = current.text.lowercased()
            guard allowed.contains(keyword) else {
                let all = ["via", "using", "where", "diversify", "exclude", "include", "limit", "explain"]
                if all.contains(keyword) {
                    throw QueryError(.syntax, "'\(keyword)' is not allowed here", at: current.position,
                                     length: current.length)
                }
                throw QueryError(.syntax, "unexpected \(current.quoted); expected a clause (\(allowed.sorted().joined(separator: ", ")))",
                                 at: current.position, length: current.length,
                                 suggestion: Suggestion.closest(to: current.text, in: allowed))
            }
            let position = current.position
            let clauseName = keyword == "exclude" && tokens[index + 1].isKeyword("seen") ? "seen"
                : keyword == "include" ? "seen" : keyword
            if clauses.positions[clauseName] != nil {
                throw QueryError(.syntax, "the '\(keyword)' clause is given twice", at: position, length: current.length)
            }
            clauses.positions[clauseName] = position
            advance()
            switch keyword {
            case "via": clauses.via = try parseVia()
            case "using":
                guard current.kind == .word || current.kind == .string else { throw expected("a model name after 'using'") }
                clauses.using = Name(current)
                advance()
            case "where": clauses.condition = try parseCondition()
            case "diversify":
                try expectKeyword("by", after: "diversify")
                guard current.kind == .word else { throw expected("a relation or kind after 'diversify by'") }
                let by = Name(current)
                advance()
                try expectKeyword("max", after: "diversify by \(by.text)")
                clauses.diversify = Diversify(by: by, max: try parseCount(after: "max"))
            case "include":
                guard current.isKeyword("seen") else { throw expected("'seen' after 'include'") }
                advance()
                clauses.includeSeen = true
            case "exclude":
                if current.isKeyword("seen") {
                    advance()
                    clauses.includeSeen = false
                } else {
                    clauses.exclude.append(try parseNode(what: "'seen' or the ids to exclude after 'exclude'"))
                    while current.isSymbol(",") {
                        advance()
                        clauses.exclude.append(try parseNode(what: "an id after ','"))
                    }
                }
            case "limit": clauses.limit = try parseCount(after: "limit")
            case "explain": clauses.explain = true
            default: break
            }
        }
        if current.kind != .end && !current.isSymbol(";") {
            throw QueryError(.syntax, "unexpected \(current.quoted)", at: current.position, length: current.length)
        }
        return clauses
    }

    /// What `limit` and `diversify … max` accept.
    static let countRange = ValueRange.integers(1...1_000_000)

    /// The whole number after `limit` or `max`, in `countRange`.
    private mutating func parseCount(after keyword: String) throws(QueryError) -> Int {
        guard current.kind == .number else { throw expected("\(Parser.countRange) after '\(keyword)'") }
        guard let value = Parser.countRange.integer(of: current.text) else {
            throw QueryError(.syntax, "'\(keyword)' takes \(Parser.countRange), not \(current.quoted)",
                             at: current.position, length: current.length)
        }
        advance()
        return value
    }

    // MARK: Helpers

    var current: Token { tokens[index] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    mutating func expectKeyword(_ keyword: String, after context: String) throws(QueryError) {
        guard current.isKeyword(keyword) else { throw expected("'\(keyword)' after \(Excerpt.quoted(context))") }
        advance()
    }

    func expected(_ what: String) -> QueryError {
        QueryError(.syntax, "expected \(what), found \(current.quoted)", at: current.position, length: current.length)
    }
}
