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

    /// Columns of offsets asked for in increasing order along a line (each field's start),
    /// counted on from the previous one, so a line of many fields costs one pass, not one per
    /// field.
    struct Counter {
        private var offset = 0
        private var column = 1

        /// The 1-based column of `offset` on the line that starts at `lineStart`.
        mutating func column(of offset: Int, lineStart: Int, in base: UnsafePointer<UInt8>) -> Int {
            if self.offset < lineStart || self.offset > offset { (self.offset, column) = (lineStart, 1) }
            column += UTF8Columns.scalars(base, from: self.offset, to: offset)
            self.offset = offset
            return column
        }
    }
}
