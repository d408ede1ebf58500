import KGTensor

extension Variable {
    /// Rows `indices` (an embedding lookup); backward scatter-adds into a zero table.
    public func gatherRows(_ indices: [Int32]) -> Variable {
        let rows = self.rows
        return derived(value.gatherRows(indices), from: [self]) { tape, g in
            tape.accumulate(g.scatterAddedRows(at: indices, rowCount: rows), into: self)
        }
    }

    /// Row i added into row indices[i] of a rowCount-row zero tensor (sum aggregation by target);
    /// backward gathers.
    public func scatterAddRows(at indices: [Int32], rowCount: Int) -> Variable {
        derived(value.scatterAddedRows(at: indices, rowCount: rowCount), from: [self]) { tape, g in
            tape.accumulate(g.gatherRows(indices), into: self)
        }
    }

    /// Row-wise dot products ⟨a_r, b_r⟩, rows × 1: the score of (user, item) pairs.
    public func rowDot(_ other: Variable) -> Variable {
        let a = value, b = other.value
        return derived(a.rowDot(b), from: [self, other]) { tape, g in
            if self.needsGradient { tape.accumulate(b.multiplyingRows(by: g), into: self) }
            if other.needsGradient { tape.accumulate(a.multiplyingRows(by: g), into: other) }
        }
    }

    /// Each row divided by its L2 norm (PinSage's output normalisation).
    public func rowL2Normalized(epsilon: Float = 1e-12) -> Variable {
        let x = value
        let y = x.rowL2Normalized(epsilon: epsilon)
        return derived(y, from: [self]) { tape, g in
            tape.accumulate(Tensor.rowL2NormalizedGradient(input: x, output: y, upstream: g, epsilon: epsilon),
                            into: self)
        }
    }

    /// Variables with equal row counts side by side (NGCF's concatenation of layer outputs,
    /// KGCN's concat aggregator).
    public static func concatColumns(_ parts: [Variable]) -> Variable {
        precondition(!parts.isEmpty, "concatColumns of no variables")
        let widths = parts.map(\.columns)
        return parts[0].derived(Tensor.concatColumns(parts.map(\.value)), from: parts) { tape, g in
            var offset = 0
            for (part, width) in zip(parts, widths) {
                if part.needsGradient { tape.accumulate(g.columns(offset..<(offset + width)), into: part) }
                offset += width
            }
        }
    }

    /// Variables with equal column counts stacked (user and item tables into one node table).
    public static func concatRows(_ parts: [Variable]) -> Variable {
        precondition(!parts.isEmpty, "concatRows of no variables")
        let heights = parts.map(\.rows)
        return parts[0].derived(Tensor.concatRows(parts.map(\.value)), from: parts) { tape, g in
            var offset = 0
            for (part, height) in zip(parts, heights) {
                if part.needsGradient { tape.accumulate(g.rows(offset..<(offset + height)), into: part) }
                offset += height
            }
        }
    }

    /// Rows `range` (the user or item part of a node table).
    public func rows(_ range: Range<Int>) -> Variable {
        let (rows, columns) = (self.rows, self.columns)
        return derived(value.rows(range), from: [self]) { tape, g in
            var full = Tensor(rows: rows, columns: columns)
            full.withUnsafeMutableBufferPointer { out in
                g.withUnsafeBufferPointer { src in
                    if let s = src.baseAddress { (out.baseAddress! + range.lowerBound * columns).update(from: s, count: src.count) }
                }
            }
            tape.accumulate(full, into: self)
        }
    }

    /// Columns `range`.
    public func columns(_ range: Range<Int>) -> Variable {
        let columns = self.columns
        return derived(value.columns(range), from: [self]) { tape, g in
            var parts: [Tensor] = []
            if range.lowerBound > 0 { parts.append(Tensor(rows: g.rows, columns: range.lowerBound)) }
            parts.append(g)
            if range.upperBound < columns { parts.append(Tensor(rows: g.rows, columns: columns - range.upperBound)) }
            tape.accumulate(Tensor.concatColumns(parts), into: self)
        }
    }

    /// Inverted dropout: each element zeroed with probability `rate`, the rest scaled by
    /// 1/(1 − rate) (NGCF's message dropout). Identity when rate is 0.
    public func dropout(rate: Float, rng: inout SeededRNG) -> Variable {
        if rate == 0 { return self }
        let mask = Tensor.dropoutMask(rows: rows, columns: columns, rate: rate, using: &rng)
        return derived(value * mask, from: [self]) { tape, g in
            tape.accumulate(g * mask, into: self)
        }
    }
}
