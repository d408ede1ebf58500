/// Columns in messages count Unicode scalars, not bytes: the readers count them here.
enum UTF8Columns {
    /// How many scalars start in `base[from..<to]` (bytes that are not UTF-8 continuation bytes).
    static func scalars(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            if base[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }
}
