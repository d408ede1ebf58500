extension Parser {
    /// `via` takes a shorthand (one word, or one parenthesised alternation) or an explicit path.
    mutating func parseVia() throws(QueryError) -> PathExpression {
        if current.isSymbol(">") || current.isSymbol("<") {
            let steps = try parsePath()
            try checkLength(steps)
            return .steps(steps)
        }
        let position = current.position
        let relations = try parseAtom()
        if current.isSymbol(">") || current.isSymbol("<") || current.isSymbol("{") {
            var first = PathStep(direction: .forward, relations: relations, position: position)
            try parseRepetition(into: &first)
            let steps = [first] + (try parsePath())
            try checkLength(steps)
            return .steps(steps)
        }
        return .shorthand(relations)
    }

    /// `> rel < (a | b) > c{0,2} …`: one or more steps, each starting with a direction.
    mutating func parsePath() throws(QueryError) -> [PathStep] {
        var steps: [PathStep] = []
        while current.isSymbol(">") || current.isSymbol("<") {
            let direction: PathStep.Direction = current.text == ">" ? .forward : .backward
            let position = current.position
            advance()
            var step = PathStep(direction: direction, relations: try parseAtom(), position: position)
            try parseRepetition(into: &step)
            steps.append(step)
        }
        return steps
    }

    /// Paths are bounded: at most 4 hops, counting each step at its largest repetition.
    func checkLength(_ steps: [PathStep]) throws(QueryError) {
        let hops = steps.reduce(0) { $0 + $1.maxCount }
        if hops > 4, let first = steps.first {
            throw QueryError(.syntax, "a path may have at most 4 hops; this one can take \(hops)",
                             at: first.position, length: 1)
        }
    }

    /// A relation name, or `( a | b | … )`.
    private mutating func parseAtom() throws(QueryError) -> [Name] {
        if current.isSymbol("(") {
            advance()
            var names: [Name] = []
            repeat {
                if !names.isEmpty { advance() }
                guard current.kind == .word else { throw expected("a relation name") }
                names.append(Name(current))
                advance()
            } while current.isSymbol("|")
            guard current.isSymbol(")") else { throw expected("'|' or ')'") }
            advance()
            return names
        }
        guard current.kind == .word else { throw expected("a relation name") }
        let name = Name(current)
        advance()
        return [name]
    }

    /// `{n}` or `{m,n}` after an atom: bounded repetition.
    private mutating func parseRepetition(into step: inout PathStep) throws(QueryError) {
        guard current.isSymbol("{") else { return }
        let open = current.position
        advance()
        guard current.kind == .number else { throw expected("a repetition count after '{'") }
        let lowText = current.text
        advance()
        var highText = lowText
        if current.isSymbol(",") {
            advance()
            guard current.kind == .number else { throw expected("the largest repetition count after ','") }
            highText = current.text
            advance()
        }
        guard current.isSymbol("}") else { throw expected("'}'") }
        advance()
        guard let low = Int(lowText), let high = Int(highText), low >= 0, high >= low, high >= 1, high <= 4 else {
            throw QueryError(.syntax, "repetition {\(lowText),\(highText)} must satisfy 0 <= min <= max, 1 <= max <= 4",
                             at: open, length: 1)
        }
        step.minCount = low
        step.maxCount = high
    }
}
