/// A dense, row-major matrix of `Float`: the one value every kernel and autodiff op works on.
///
/// **Rank 2 only.** Every quantity in the GNN recommenders is a matrix: embedding tables
/// (nodes × d), batches (batch × d), weights (d × d'), per-row scalars (n × 1), a scalar (1 × 1).
/// Higher-rank shapes in the papers (KGCN's batch × neighbours × d) are stored flattened
/// ((batch · neighbours) × d) and reduced with segment ops over fixed-size groups, which keeps
/// every kernel a plain 2-D loop.
///
/// **Value semantics over a shared buffer.** The elements live in a reference-counted
/// `TensorBuffer`; copying a tensor is O(1) and a mutation copies the buffer first when it is
/// shared (copy-on-write, as `Array` does). So an autodiff tape can keep an op's input while the
/// optimiser updates the parameter it came from, with no aliasing bugs and no defensive copies.
/// A private buffer rather than `[Float]` because the kernels need control of the memory:
/// 64-byte alignment, and 2 MiB pages for large tables, which makes the row gathers of
/// CSR × dense about 1.5× faster (see `TensorBuffer`). Kernels reach the elements through
/// `withUnsafeBufferPointer` / `withUnsafeMutableBufferPointer` (docs/performance.md §3), so hot loops
/// see raw pointers with no bounds checks or reference counting.
public struct Tensor: Sendable, Equatable {
    /// The number of rows.
    public private(set) var rows: Int
    /// The number of columns.
    public private(set) var columns: Int
    private var buffer: TensorBuffer

    /// `[rows, columns]`.
    public var shape: [Int] { [rows, columns] }
    /// `rows * columns`.
    public var count: Int { rows * columns }

    /// The elements as an array, row-major: element (r, c) is `storage[r * columns + c]`.
    /// A copy; kernels use `withUnsafeBufferPointer`.
    package var storage: [Float] { Array(UnsafeBufferPointer(start: buffer.pointer, count: count)) }

    private init(rows: Int, columns: Int, buffer: TensorBuffer) {
        self.rows = rows
        self.columns = columns
        self.buffer = buffer
    }

    /// A tensor holding a copy of `storage` (row-major) with the given shape.
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(rows >= 0 && columns >= 0, "negative shape \(rows)×\(columns)")
        precondition(storage.count == rows * columns,
                     "storage has \(storage.count) elements, shape \(rows)×\(columns) needs \(rows * columns)")
        let buffer = TensorBuffer(count: storage.count)
        storage.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.pointer.update(from: base, count: storage.count) }
        }
        self.init(rows: rows, columns: columns, buffer: buffer)
    }

    /// A tensor with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "negative shape \(rows)×\(columns)")
        let buffer = TensorBuffer(count: rows * columns)
        buffer.pointer.initialize(repeating: value, count: rows * columns)
        self.init(rows: rows, columns: columns, buffer: buffer)
    }

    /// A tensor from nested rows (tests, small constants). All rows must have the same length.
    public init(_ nested: [[Float]]) {
        let columns = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == columns }, "ragged rows \(nested.map(\.count))")
        self.init(rows: nested.count, columns: columns, storage: nested.flatMap { $0 })
    }

    /// A column vector (n × 1).
    public init(column values: [Float]) {
        self.init(rows: values.count, columns: 1, storage: values)
    }

    /// A 1 × 1 tensor.
    public init(scalar: Float) {
        self.init(rows: 1, columns: 1, storage: [scalar])
    }

    /// A tensor whose elements `initializer` writes; it must write all `rows * columns` of them.
    /// Skips the zero fill, for kernels that overwrite their whole output.
    public init(rows: Int, columns: Int,
                unsafeUninitialized initializer: (UnsafeMutableBufferPointer<Float>) -> Void) {
        precondition(rows >= 0 && columns >= 0, "negative shape \(rows)×\(columns)")
        let buffer = TensorBuffer(count: rows * columns)
        initializer(UnsafeMutableBufferPointer(start: buffer.pointer, count: rows * columns))
        self.init(rows: rows, columns: columns, buffer: buffer)
    }

    /// A zero tensor with this tensor's shape.
    package func zerosLike() -> Tensor { Tensor(rows: rows, columns: columns) }

    /// Element (r, c).
    public subscript(row: Int, column: Int) -> Float {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "index (\(row), \(column)) outside \(rows)×\(columns)")
            return buffer.pointer[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "index (\(row), \(column)) outside \(rows)×\(columns)")
            makeUnique()
            buffer.pointer[row * columns + column] = newValue
        }
    }

    /// The value of a 1 × 1 tensor.
    public var scalar: Float {
        precondition(count == 1, "scalar of a \(rows)×\(columns) tensor")
        return buffer.pointer[0]
    }

    /// Row `r` as an array (tests and printing, not hot paths).
    public func row(_ r: Int) -> [Float] {
        precondition(r >= 0 && r < rows, "row \(r) outside 0..<\(rows)")
        return Array(UnsafeBufferPointer(start: buffer.pointer + r * columns, count: columns))
    }

    /// Calls `body` with a pointer to the elements.
    package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(buffer) {
            try body(UnsafeBufferPointer(start: buffer.pointer, count: count))
        }
    }

    /// Calls `body` with a mutable pointer to the elements (copying them first if shared).
    package mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try withExtendedLifetime(buffer) {
            try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: count))
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
    }

    /// Equal shapes and elements (NaN is unequal to itself, as for arrays).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.rows == rhs.rows && lhs.columns == rhs.columns else { return false }
        for i in 0..<lhs.count where lhs.buffer.pointer[i] != rhs.buffer.pointer[i] { return false }
        return true
    }

    /// The largest absolute elementwise difference to `other` (same shape).
    package func maxAbsoluteDifference(_ other: Tensor) -> Float {
        precondition(rows == other.rows && columns == other.columns,
                     "shapes \(rows)×\(columns) and \(other.rows)×\(other.columns) differ")
        var worst: Float = 0
        for i in 0..<count { worst = max(worst, abs(buffer.pointer[i] - other.buffer.pointer[i])) }
        return worst
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = (0..<min(rows, 6)).map { r in
            "[" + row(r).prefix(8).map { String($0) }.joined(separator: ", ")
                + (columns > 8 ? ", …" : "") + "]"
        }
        return "Tensor(\(rows)×\(columns)) [" + shown.joined(separator: ", ") + (rows > 6 ? ", …" : "") + "]"
    }
}
