import KGTensor

extension Variable {
    /// Elementwise sum (same shapes).
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        lhs.derived(lhs.value + rhs.value, from: [lhs, rhs]) { tape, g in
            tape.accumulate(g, into: lhs)
            tape.accumulate(g, into: rhs)
        }
    }

    /// Elementwise difference (same shapes).
    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        lhs.derived(lhs.value - rhs.value, from: [lhs, rhs]) { tape, g in
            tape.accumulate(g, into: lhs)
            if rhs.needsGradient { tape.accumulate(g.scaled(by: -1), into: rhs) }
        }
    }

    /// Elementwise (Hadamard) product (same shapes): NGCF's e_u ⊙ e_i messages, dropout masks.
    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        let a = lhs.value, b = rhs.value
        return lhs.derived(a * b, from: [lhs, rhs]) { tape, g in
            if lhs.needsGradient { tape.accumulate(g * b, into: lhs) }
            if rhs.needsGradient { tape.accumulate(g * a, into: rhs) }
        }
    }

    /// Every element times a constant.
    public func scaled(by factor: Float) -> Variable {
        derived(value.scaled(by: factor), from: [self]) { tape, g in
            tape.accumulate(g.scaled(by: factor), into: self)
        }
    }

    /// The sum of several same-shaped variables, each times a constant weight: LightGCN's layer
    /// combination Σ_k α_k E^(k). One output tensor, no intermediate sums.
    public static func weightedSum(_ terms: [Variable], weights: [Float]) -> Variable {
        precondition(!terms.isEmpty && terms.count == weights.count,
                     "weightedSum of \(terms.count) terms with \(weights.count) weights")
        var total = terms[0].value.scaled(by: weights[0])
        for (term, weight) in zip(terms.dropFirst(), weights.dropFirst()) { total.add(term.value, scaledBy: weight) }
        return terms[0].derived(total, from: terms) { tape, g in
            for (term, weight) in zip(terms, weights) where term.needsGradient {
                tape.accumulate(weight == 1 ? g : g.scaled(by: weight), into: term)
            }
        }
    }

    /// x + b with the 1 × columns row vector b added to every row: a bias add.
    public func addingRowVector(_ bias: Variable) -> Variable {
        derived(value.addingRowVector(bias.value), from: [self, bias]) { tape, g in
            tape.accumulate(g, into: self)
            if bias.needsGradient { tape.accumulate(g.sumOfRows(), into: bias) }
        }
    }

    /// Row r scaled by weights[r] (weights is rows × 1): attention-weighted messages.
    public func multiplyingRows(by weights: Variable) -> Variable {
        let x = value, w = weights.value
        return derived(x.multiplyingRows(by: w), from: [self, weights]) { tape, g in
            if self.needsGradient { tape.accumulate(g.multiplyingRows(by: w), into: self) }
            if weights.needsGradient { tape.accumulate(g.rowDot(x), into: weights) }
        }
    }

    /// The sum of all elements, 1 × 1.
    public func sum() -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        return derived(Tensor(scalar: value.sum()), from: [self]) { tape, g in
            tape.accumulate(Tensor(rows: rows, columns: columns, repeating: g.scalar), into: self)
        }
    }

    /// The mean of all elements, 1 × 1.
    public func mean() -> Variable {
        let n = Float(max(1, value.count))
        return sum().scaled(by: 1 / n)
    }

    /// Σ x², 1 × 1.
    public func sumOfSquares() -> Variable {
        let x = value
        return derived(Tensor(scalar: x.sumOfSquares()), from: [self]) { tape, g in
            tape.accumulate(x.scaled(by: 2 * g.scalar), into: self)
        }
    }

    /// Row sums, rows × 1.
    public func sumOfColumns() -> Variable {
        let columns = self.columns
        return derived(value.sumOfColumns(), from: [self]) { tape, g in
            tape.accumulate(Tensor.concatColumns([Tensor](repeating: g, count: columns)), into: self)
        }
    }

    /// Column sums, 1 × columns.
    public func sumOfRows() -> Variable {
        let rows = self.rows
        return derived(value.sumOfRows(), from: [self]) { tape, g in
            tape.accumulate(g.repeatedRows(rows), into: self)
        }
    }
}
