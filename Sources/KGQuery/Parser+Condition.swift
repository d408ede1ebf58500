extension Parser {
    /// `or` binds loosest, then `and`, then `not`; parentheses group.
    mutating func parseCondition() throws(QueryError) -> Condition {
        var left = try parseConjunction()
        while current.isKeyword("or") {
            advance()
            left = .or(left, try parseConjunction())
        }
        return left
    }

    private mutating func parseConjunction() throws(QueryError) -> Condition {
        var left = try parseNegation()
        while current.isKeyword("and") {
            advance()
            left = .and(left, try parseNegation())
        }
        return left
    }

    private mutating func parseNegation() throws(QueryError) -> Condition {
        if current.isKeyword("not") {
            advance()
            return .not(try parseNegation())
        }
        if current.isSymbol("(") {
            advance()
            let inner = try parseCondition()
            guard current.isSymbol(")") else { throw expected("')'") }
            advance()
            return inner
        }
        return try parseComparison()
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
            throw expected("a comparison (=, !=, <, <=, >, >=, in, contains) after '\(property.text)'")
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
