/// `v` in upper-case hexadecimal, zero-padded to `width` digits: `hex(0x9, width: 4)` is
/// `0009`, for the `U+0009` of messages and the `\u0009` of N-Triples escapes.
func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// The escapes of one output syntax: fixed texts for some ASCII characters, looked up by
/// value, and a rule for the rest (`nil`: copied as it is).
struct Escapes: Sendable {
    private var fixed = [String?](repeating: nil, count: 128)
    private let otherwise: @Sendable (Unicode.Scalar) -> String?

    init(_ fixed: [Unicode.Scalar: String], otherwise: @escaping @Sendable (Unicode.Scalar) -> String? = { _ in nil }) {
        for (scalar, text) in fixed { self.fixed[Int(scalar.value)] = text }
        self.otherwise = otherwise
    }

    /// `s` with every character the syntax escapes replaced by its escape.
    func apply(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.value < 128, let text = fixed[Int(scalar.value)] {
                out += text
            } else if let text = otherwise(scalar) {
                out += text
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
