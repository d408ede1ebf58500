import KGTensor

/// The checkpoint byte format (little-endian throughout):
///
///     "KGRECCKP"            8-byte magic
///     u32 version           1
///     str model             str = u32 byte count + UTF-8
///     u64 seed, i64 epoch
///     u32 n, n × (str key, str value)            configuration
///     u32 n, n × (str name, f64 value)           metrics
///     u32 n, n × (str name, u32 rows, u32 columns, rows·columns × f32)   parameters
///
/// A 64 × 70,839 LightGCN table takes 18 MB, 4 bytes per float plus a few bytes per field.
extension Checkpoint {
    static let magic: [UInt8] = Array("KGRECCKP".utf8)
    static let version: UInt32 = 1

    /// The checkpoint as bytes.
    package func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + parameters.reduce(0) { $0 + 16 + $1.name.utf8.count + 4 * $1.tensor.count })
        out += Checkpoint.magic
        out.appendInteger(Checkpoint.version)
        out.appendString(model)
        out.appendInteger(seed)
        out.appendInteger(Int64(epoch))
        out.appendInteger(UInt32(configuration.count))
        for (key, value) in configuration { out.appendString(key); out.appendString(value) }
        out.appendInteger(UInt32(metrics.count))
        for (name, value) in metrics { out.appendString(name); out.appendInteger(value.bitPattern) }
        out.appendInteger(UInt32(parameters.count))
        for parameter in parameters {
            out.appendString(parameter.name)
            out.appendInteger(UInt32(parameter.tensor.rows))
            out.appendInteger(UInt32(parameter.tensor.columns))
            parameter.tensor.withUnsafeBufferPointer { values in
                for v in values { out.appendInteger(v.bitPattern) }
            }
        }
        return out
    }

    /// Reads bytes written by `serialized()`; throws `ModelError.corruptCheckpoint` naming the
    /// offset of the first problem (wrong magic or version, truncation, bad UTF-8, trailing bytes).
    public init(serialized bytes: [UInt8]) throws(ModelError) {
        var reader = ByteReader(bytes: bytes)
        guard bytes.count >= 8, Array(bytes[0..<8]) == Checkpoint.magic else {
            throw .corruptCheckpoint(offset: 0, reason: "it does not start with 'KGRECCKP'")
        }
        reader.offset = 8
        let version: UInt32 = try reader.integer()
        guard version == Checkpoint.version else {
            throw .corruptCheckpoint(offset: 8, reason: "version \(version) is not the supported version \(Checkpoint.version)")
        }
        let model = try reader.string()
        let seed: UInt64 = try reader.integer()
        let epoch: Int64 = try reader.integer()
        var configuration: [(key: String, value: String)] = []
        for _ in 0..<(try reader.count(minimumBytesEach: 8)) {
            configuration.append((try reader.string(), try reader.string()))
        }
        var metrics: [(name: String, value: Double)] = []
        for _ in 0..<(try reader.count(minimumBytesEach: 12)) {
            let name = try reader.string()
            let bits: UInt64 = try reader.integer()
            metrics.append((name, Double(bitPattern: bits)))
        }
        var parameters: [NamedTensor] = []
        for _ in 0..<(try reader.count(minimumBytesEach: 12)) {
            let name = try reader.string()
            let rows = Int(try reader.integer() as UInt32), columns = Int(try reader.integer() as UInt32)
            let count = rows * columns
            guard count <= (bytes.count - reader.offset) / 4 else {
                throw .corruptCheckpoint(offset: reader.offset, reason: "parameter '\(name)' (\(rows)×\(columns)) "
                                         + "needs \(4 * count) bytes, \(bytes.count - reader.offset) remain")
            }
            let start = reader.offset
            let tensor = Tensor(rows: rows, columns: columns) { out in
                for i in 0..<count {
                    let p = start + 4 * i
                    out[i] = Float(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8
                                   | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24)
                }
            }
            reader.offset += 4 * count
            parameters.append(NamedTensor(name: name, tensor: tensor))
        }
        guard reader.offset == bytes.count else {
            throw .corruptCheckpoint(offset: reader.offset, reason: "\(bytes.count - reader.offset) unexpected trailing bytes")
        }
        self.init(model: model, configuration: configuration, parameters: parameters, metrics: metrics,
                  seed: seed, epoch: Int(epoch))
    }
}

private extension Array where Element == UInt8 {
    mutating func appendInteger<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    mutating func appendString(_ s: String) {
        appendInteger(UInt32(s.utf8.count))
        append(contentsOf: s.utf8)
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func integer<T: FixedWidthInteger>() throws(ModelError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else {
            throw .corruptCheckpoint(offset: offset, reason: "it ends inside a \(size)-byte field")
        }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    /// An element count, checked against the bytes left (each element needs at least `minimumBytesEach`).
    mutating func count(minimumBytesEach: Int) throws(ModelError) -> Int {
        let start = offset
        let n = Int(try integer() as UInt32)
        guard n <= (bytes.count - offset) / minimumBytesEach else {
            throw .corruptCheckpoint(offset: start, reason: "a count of \(n) entries exceeds the \(bytes.count - offset) bytes left")
        }
        return n
    }

    mutating func string() throws(ModelError) -> String {
        let start = offset
        let length = Int(try integer() as UInt32)
        guard length <= bytes.count - offset else {
            throw .corruptCheckpoint(offset: start, reason: "a string of \(length) bytes exceeds the \(bytes.count - offset) bytes left")
        }
        guard let s = String(validating: bytes[offset..<(offset + length)], as: UTF8.self) else {
            throw .corruptCheckpoint(offset: offset, reason: "a string is not valid UTF-8")
        }
        offset += length
        return s
    }
}
