/// `v` in upper-case hexadecimal, zero-padded to `width` digits: `hex(0x9, width: 4)` is
/// `0009`, for the `U+0009` of messages and the `\u0009` of N-Triples escapes.
func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
