/// Pointer kernels for elementwise arithmetic, shared by the `Tensor` operators and the autodiff
/// backward passes. SIMD8 main loop, scalar tail; no allocation.
enum Elementwise {
    /// y += x.
    @inline(__always)
    static func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count { st8(y + i, ld8(y + i) + ld8(x + i)); i &+= 8 }
        while i < count { y[i] += x[i]; i &+= 1 }
    }

    @inline(__always)
    static func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafeMutablePointer<Float>, count: Int) {
        addInPlace(y, UnsafePointer(x), count: count)
    }

    /// y += alpha · x.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Float>, _ alpha: Float, _ x: UnsafePointer<Float>, count: Int) {
        let a = F8(repeating: alpha)
        var i = 0
        while i + 8 <= count { st8(y + i, ld8(y + i).addingProduct(a, ld8(x + i))); i &+= 8 }
        while i < count { y[i] = y[i].addingProduct(alpha, x[i]); i &+= 1 }
    }

    /// out = f(a, b) elementwise, for the three arithmetic operators.
    @inline(__always)
    static func binary(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                       count: Int, _ op: BinaryOperator) {
        var i = 0
        switch op {
        case .add:
            while i + 8 <= count { st8(out + i, ld8(a + i) + ld8(b + i)); i &+= 8 }
            while i < count { out[i] = a[i] + b[i]; i &+= 1 }
        case .subtract:
            while i + 8 <= count { st8(out + i, ld8(a + i) - ld8(b + i)); i &+= 8 }
            while i < count { out[i] = a[i] - b[i]; i &+= 1 }
        case .multiply:
            while i + 8 <= count { st8(out + i, ld8(a + i) * ld8(b + i)); i &+= 8 }
            while i < count { out[i] = a[i] * b[i]; i &+= 1 }
        }
    }

    enum BinaryOperator { case add, subtract, multiply }
}

extension Tensor {
    private func combined(_ other: Tensor, _ op: Elementwise.BinaryOperator) -> Tensor {
        precondition(rows == other.rows && columns == other.columns,
                     "elementwise shapes differ: \(rows)×\(columns) and \(other.rows)×\(other.columns)")
        return Tensor(rows: rows, columns: columns) { out in
            withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    guard let a = a.baseAddress, let b = b.baseAddress, let o = out.baseAddress else { return }
                    Elementwise.binary(a, b, o, count: out.count, op)
                }
            }
        }
    }

    /// Elementwise sum (same shapes).
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(rhs, .add) }
    /// Elementwise difference (same shapes).
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(rhs, .subtract) }
    /// Elementwise (Hadamard) product (same shapes).
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(rhs, .multiply) }

    /// Every element times `factor`.
    package func scaled(by factor: Float) -> Tensor {
        var result = self
        result.scale(by: factor)
        return result
    }

    /// Multiplies every element by `factor` in place.
    package mutating func scale(by factor: Float) {
        withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            let f = F8(repeating: factor)
            var i = 0
            while i + 8 <= buffer.count { st8(p + i, ld8(p + i) * f); i &+= 8 }
            while i < buffer.count { p[i] *= factor; i &+= 1 }
        }
    }

    /// self += alpha · other (same shapes): gradient accumulation.
    public mutating func add(_ other: Tensor, scaledBy alpha: Float = 1) {
        precondition(rows == other.rows && columns == other.columns,
                     "cannot add \(other.rows)×\(other.columns) into \(rows)×\(columns)")
        let n = count
        withUnsafeMutableBufferPointer { y in
            other.withUnsafeBufferPointer { x in
                guard let y = y.baseAddress, let x = x.baseAddress else { return }
                if alpha == 1 {
                    Elementwise.addInPlace(y, x, count: n)
                } else {
                    Elementwise.axpy(y, alpha, x, count: n)
                }
            }
        }
    }

    /// Sets every element to zero, keeping the storage.
    public mutating func zero() {
        withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// x + b with b (1 × columns) added to every row: a bias add.
    package func addingRowVector(_ b: Tensor) -> Tensor {
        precondition(b.rows == 1 && b.columns == columns, "row vector is \(b.rows)×\(b.columns), expected 1×\(columns)")
        var result = self
        result.withUnsafeMutableBufferPointer { y in
            b.withUnsafeBufferPointer { b in
                guard let y = y.baseAddress, let b = b.baseAddress else { return }
                for r in 0..<rows { Elementwise.addInPlace(y + r * columns, b, count: columns) }
            }
        }
        return result
    }

    /// Row r of x scaled by w[r] (w is rows × 1): per-row weights such as attention scores.
    package func multiplyingRows(by w: Tensor) -> Tensor {
        precondition(w.rows == rows && w.columns == 1, "row weights are \(w.rows)×\(w.columns), expected \(rows)×1")
        var result = self
        result.withUnsafeMutableBufferPointer { y in
            w.withUnsafeBufferPointer { w in
                guard let y = y.baseAddress else { return }
                for r in 0..<rows {
                    let row = y + r * columns, f = w[r], f8 = F8(repeating: f)
                    var c = 0
                    while c + 8 <= columns { st8(row + c, ld8(row + c) * f8); c &+= 8 }
                    while c < columns { row[c] *= f; c &+= 1 }
                }
            }
        }
        return result
    }
}
