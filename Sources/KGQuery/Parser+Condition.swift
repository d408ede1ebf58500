import KGGraph

extension Parser {
    /// How deep a condition may nest: open parentheses and `not`s on the way to a comparison,
    /// and the height of the tree that `and`/`or` chains build. Every stage after the parser
    /// (AST text, planner, plan rendering, evaluation) recurses over the condition tree, so
    /// this bound is what keeps user text from exhausting the stack.
    static let maxNesting = 256

    /// `or` binds loosest, then `and`, then `not`; parentheses group.
    mutating func parseCondition() throws(QueryError) -> Condition {
        try parseDisjunction().condition
    }

    /// A condition and the height of its tree (a comparison is 0; `not`, `and`, `or` add 1).
    struct Nested {
        var condition: Condition
        var height: Int
    }

    private mutating func parseDisjunction() throws(QueryError) -> Nested {
        var left = try parseConjunction()
        while current.isKeyword("or") {
            let operation = current
            advance()
            left = try join(left, try parseConjunction(), at: operation, Condition.or)
        }
        return left
    }

    private mutating func parseConjunction() throws(QueryError) -> Nested {
        var left = try parseNegation()
        while current.isKeyword("and") {
            let operation = current
            advance()
            left = try join(left, try parseNegation(), at: operation, Condition.and)
        }
        return left
    }

    private func join(_ left: Nested, _ right: Nested, at operation: Token,
                      _ make: (Condition, Condition) -> Condition) throws(QueryError) -> Nested {
        let height = max(left.height, right.height) + 1
        guard height <= Parser.maxNesting else { throw tooDeep(operation) }
        return Nested(condition: make(left.condition, right.condition), height: height)
    }

    private mutating func parseNegation() throws(QueryError) -> Nested {
        guard current.isKeyword("not") || current.isSymbol("(") else {
            return Nested(condition: try parseComparison(), height: 0)
        }
        let opening = current
        guard nesting < Parser.maxNesting else { throw tooDeep(opening) }
        nesting += 1
        defer { nesting -= 1 }
        advance()
        if opening.isKeyword("not") {
            let inner = try parseNegation()
            guard inner.height < Parser.maxNesting else { throw tooDeep(opening) }
            return Nested(condition: .not(inner.condition), height: inner.height + 1)
        }
        let inner = try parseDisjunction()
        guard current.isSymbol(")") else { throw expected("')'") }
        advance()
        return inner
    }

    private func tooDeep(_ token: Token) -> QueryError {
        QueryError(.syntax, "conditions nest deeper than \(Parser.maxNesting) levels", at: token.position,
                   length: token.length)
    }

    private mutating func parseComparison() throws(QueryError) -> Condition {
        guard current.kind == .word else { throw expected("a property name") }
        let property = Name(current)
        advance()
        if current.isKeyword("contains") {
            advance()
            guard let value = parseLiteral() else { throw expected("a value after 'contains'") }
            return .contains(property, value)
        }
        var negated = false
        if current.isKeyword("not") {
            advance()
            negated = true
            guard current.isKeyword("in") else { throw expected("'in' after 'not'") }
        }
        if current.isKeyword("in") {
            advance()
            guard current.isSymbol("(") else { throw expected("'(' after 'in'") }
            advance()
            var values: [Literal] = []
            repeat {
                if !values.isEmpty { advance() }
                guard let value = parseLiteral() else { throw expected("a value in the list") }
                values.append(value)
            } while current.isSymbol(",")
            guard current.isSymbol(")") else { throw expected("',' or ')'") }
            advance()
            return .membership(property, values, negated: negated)
        }
        guard current.kind == .symbol, let op = ComparisonOperator(rawValue: current.text) else {
            throw expected("a comparison (=, !=, <, <=, >, >=, in, contains) after \(Excerpt.quoted(property.text))")
        }
        advance()
        guard let value = parseLiteral() else { throw expected("a value after '\(op.rawValue)'") }
        return .comparison(property, op, value)
    }

    /// A number, a string, `true`/`false`, or a bare word.
    mutating func parseLiteral() -> Literal? {
        let token = current
        let value: Literal.Value
        switch token.kind {
        case .number:
            guard let number = Double(token.text) else { return nil }
            value = .number(number)
        case .string: value = .string(token.text)
        case .word:
            if token.isKeyword("true") { value = .bool(true) }
            else if token.isKeyword("false") { value = .bool(false) }
            else { value = .word(token.text) }
        default: return nil
        }
        advance()
        return Literal(value: value, position: token.position, length: token.length)
    }
}
