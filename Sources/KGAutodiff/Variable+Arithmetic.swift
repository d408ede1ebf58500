import KGTensor

extension Variable {
    /// Elementwise sum (same shapes).
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        lhs.tape.record(lhs.value + rhs.value, inputs: [lhs, rhs]) { g, _ in g }
    }

    /// Elementwise difference (same shapes).
    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        lhs.tape.record(lhs.value - rhs.value, inputs: [lhs, rhs]) { g, index in index == 0 ? g : g.scaled(by: -1) }
    }

    /// Elementwise (Hadamard) product (same shapes): NGCF's e_u ⊙ e_i messages.
    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        let a = lhs.value, b = rhs.value
        return lhs.tape.record(a * b, inputs: [lhs, rhs]) { g, index in g * (index == 0 ? b : a) }
    }

    /// Every element times a constant.
    package func scaled(by factor: Float) -> Variable {
        tape.record(value.scaled(by: factor), inputs: [self]) { g, _ in g.scaled(by: factor) }
    }

    /// The sum of several same-shaped variables, each times a constant weight: LightGCN's layer
    /// combination Σ_k α_k E^(k). One output tensor, no intermediate sums.
    package static func weightedSum(_ terms: [Variable], weights: [Float]) -> Variable {
        precondition(!terms.isEmpty && terms.count == weights.count,
                     "weightedSum of \(terms.count) terms with \(weights.count) weights")
        var total = terms[0].value.scaled(by: weights[0])
        for (term, weight) in zip(terms.dropFirst(), weights.dropFirst()) { total.add(term.value, scaledBy: weight) }
        return terms[0].tape.record(total, inputs: terms, accumulating: { g, index, gradient in
            if gradient == nil {
                gradient = weights[index] == 1 ? g : g.scaled(by: weights[index])
            } else {
                gradient!.add(g, scaledBy: weights[index])
            }
        })
    }

    /// x + b with the 1 × columns row vector b added to every row: a bias add.
    package func addingRowVector(_ bias: Variable) -> Variable {
        tape.record(value.addingRowVector(bias.value), inputs: [self, bias]) { g, index in
            index == 0 ? g : g.sumOfRows()
        }
    }

    /// Row r scaled by weights[r] (weights is rows × 1): attention-weighted messages.
    package func multiplyingRows(by weights: Variable) -> Variable {
        let x = value, w = weights.value
        return tape.record(x.multiplyingRows(by: w), inputs: [self, weights]) { g, index in
            index == 0 ? g.multiplyingRows(by: w) : g.rowDot(x)
        }
    }

    /// The sum of all elements, 1 × 1.
    public func sum() -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        return tape.record(Tensor(scalar: value.sum()), inputs: [self]) { g, _ in
            Tensor(rows: rows, columns: columns, repeating: g.scalar)
        }
    }

    /// The mean of all elements, 1 × 1.
    public func mean() -> Variable {
        sum().scaled(by: 1 / Float(max(1, value.count)))
    }

    /// Σ x², 1 × 1.
    package func sumOfSquares() -> Variable {
        let x = value
        return tape.record(Tensor(scalar: x.sumOfSquares()), inputs: [self]) { g, _ in x.scaled(by: 2 * g.scalar) }
    }

    /// Row sums, rows × 1.
    package func sumOfColumns() -> Variable {
        let columns = self.columns
        return tape.record(value.sumOfColumns(), inputs: [self]) { g, _ in
            Tensor.concatColumns([Tensor](repeating: g, count: columns))
        }
    }

    /// Column sums, 1 × columns.
    package func sumOfRows() -> Variable {
        let rows = self.rows
        return tape.record(value.sumOfRows(), inputs: [self]) { g, _ in g.repeatedRows(rows) }
    }
}
