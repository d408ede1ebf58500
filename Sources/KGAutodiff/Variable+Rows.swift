import KGTensor

extension Variable {
    /// Rows `indices` (an embedding lookup); backward scatter-adds into a zero table.
    package func gatherRows(_ indices: [Int32]) -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        return tape.record(value.gatherRows(indices), inputs: [self], accumulating: { g, _, gradient in
            if gradient == nil { gradient = Tensor(rows: rows, columns: columns) }
            gradient!.scatterAddRows(g, at: indices)
        })
    }

    /// Row i added into row indices[i] of a rowCount-row zero tensor (sum aggregation by target);
    /// backward gathers.
    package func scatterAddRows(at indices: [Int32], rowCount: Int) -> Variable {
        tape.record(value.scatterAddedRows(at: indices, rowCount: rowCount), inputs: [self]) { g, _ in
            g.gatherRows(indices)
        }
    }

    /// Row-wise dot products ⟨a_r, b_r⟩, rows × 1: the score of (user, item) pairs.
    package func rowDot(_ other: Variable) -> Variable {
        let a = value, b = other.value
        return tape.record(a.rowDot(b), inputs: [self, other]) { g, index in
            (index == 0 ? b : a).multiplyingRows(by: g)
        }
    }

    /// Each row divided by its L2 norm (PinSage's output normalisation).
    package func rowL2Normalized(epsilon: Float = 1e-12) -> Variable {
        let x = value
        let y = x.rowL2Normalized(epsilon: epsilon)
        return tape.record(y, inputs: [self]) { g, _ in
            Tensor.rowL2NormalizedGradient(input: x, output: y, upstream: g, epsilon: epsilon)
        }
    }

    /// Variables with equal row counts side by side (NGCF's concatenation of layer outputs,
    /// KGCN's concat aggregator).
    package static func concatColumns(_ parts: [Variable]) -> Variable {
        precondition(!parts.isEmpty, "concatColumns of no variables")
        let offsets = parts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.columns) }
        return parts[0].tape.record(Tensor.concatColumns(parts.map(\.value)), inputs: parts) { g, index in
            g.columns(offsets[index]..<offsets[index + 1])
        }
    }

    /// Variables with equal column counts stacked (user and item tables into one node table).
    package static func concatRows(_ parts: [Variable]) -> Variable {
        precondition(!parts.isEmpty, "concatRows of no variables")
        let offsets = parts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.rows) }
        return parts[0].tape.record(Tensor.concatRows(parts.map(\.value)), inputs: parts) { g, index in
            g.rows(offsets[index]..<offsets[index + 1])
        }
    }

    /// Rows `range` (the user or item part of a node table).
    public func rows(_ range: Range<Int>) -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        return tape.record(value.rows(range), inputs: [self], accumulating: { g, _, gradient in
            if gradient == nil { gradient = Tensor(rows: rows, columns: columns) }
            gradient!.addRows(g, at: range.lowerBound)
        })
    }

    /// Columns `range`.
    public func columns(_ range: Range<Int>) -> Variable {
        let columns = self.columns
        return tape.record(value.columns(range), inputs: [self]) { g, _ in
            var parts: [Tensor] = []
            if range.lowerBound > 0 { parts.append(Tensor(rows: g.rows, columns: range.lowerBound)) }
            parts.append(g)
            if range.upperBound < columns { parts.append(Tensor(rows: g.rows, columns: columns - range.upperBound)) }
            return Tensor.concatColumns(parts)
        }
    }

    /// Inverted dropout: each element zeroed with probability `rate`, the rest scaled by
    /// 1/(1 − rate) (NGCF's message dropout). Identity when rate is 0.
    package func dropout(rate: Float, rng: inout SeededRNG) -> Variable {
        if rate == 0 { return self }
        let mask = Tensor.dropoutMask(rows: rows, columns: columns, rate: rate, using: &rng)
        return tape.record(value * mask, inputs: [self]) { g, _ in g * mask }
    }
}
