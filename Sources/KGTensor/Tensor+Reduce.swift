extension Tensor {
    /// The sum of all elements, accumulated in Double in a fixed order (losses, metrics).
    public func sum() -> Float {
        withUnsafeBufferPointer { x in
            var total = 0.0
            for v in x { total += Double(v) }
            return Float(total)
        }
    }

    /// The mean of all elements (0 for an empty tensor).
    public func mean() -> Float { count == 0 ? 0 : Float(Double(sum()) / Double(count)) }

    /// Σ x², accumulated in Double (L2 regularisation).
    package func sumOfSquares() -> Float {
        withUnsafeBufferPointer { x in
            var total = 0.0
            for v in x { total += Double(v) * Double(v) }
            return Float(total)
        }
    }

    /// Column sums: a 1 × columns tensor (the gradient of a bias add).
    package func sumOfRows() -> Tensor {
        var result = Tensor(rows: 1, columns: columns)
        let d = columns
        result.withUnsafeMutableBufferPointer { out in
            withUnsafeBufferPointer { x in
                guard let o = out.baseAddress, let x = x.baseAddress else { return }
                for r in 0..<rows { Elementwise.addInPlace(o, x + r * d, count: d) }
            }
        }
        return result
    }

    /// Row sums: a rows × 1 tensor.
    package func sumOfColumns() -> Tensor {
        let d = columns
        return Tensor(rows: rows, columns: 1) { out in
            withUnsafeBufferPointer { x in
                for r in 0..<rows {
                    var total: Float = 0
                    for c in 0..<d { total += x[r * d + c] }
                    out[r] = total
                }
            }
        }
    }

    /// Every row equal to this 1 × columns tensor, `count` times (the adjoint of `sumOfRows`).
    package func repeatedRows(_ count: Int) -> Tensor {
        precondition(rows == 1, "repeatedRows needs a 1×n tensor, got \(rows)×\(columns)")
        let d = columns
        return Tensor(rows: count, columns: d) { out in
            withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let o = out.baseAddress else { return }
                for r in 0..<count { (o + r * d).update(from: x, count: d) }
            }
        }
    }
}
