/// Seeded mutants of a small valid CSV file, for fuzz tests of the importers: byte flips,
/// inserted quotes, delimiters, line ends, NULs and 0xFF bytes, deletions and truncations.
public enum CSVMutants {
    /// The valid file the mutants start from: a header, quoted fields, CRLF, a blank line.
    public static let valid = Array(("user,item,rating,timestamp\n" + "u1,i1,4.5,1300000000\n"
        + "\"u 2\",i2,3,2011-04-17T11:38:22Z\r\n" + #"u3,"i,""3""",1,1300000002"# + "\n\n" + "u1,i2,2,1300000003").utf8)

    /// Bytes that matter to a CSV reader, and a few that should not be there at all.
    static let interesting: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0x20, 0x61, 0x31, 0x2E, 0x2D]

    /// Mutant number `seed`: one to three mutations of `valid`.
    public static func mutant(_ seed: UInt64) -> [UInt8] {
        var rng = SplitMix(seed: seed)
        var bytes = valid
        for _ in 0..<(1 + rng.next(below: 3)) {
            let at = rng.next(below: bytes.count + 1)
            let byte = rng.next(below: 4) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : interesting[rng.next(below: interesting.count)]
            switch rng.next(below: 5) {
            case 0 where at < bytes.count: bytes[at] = byte
            case 1: bytes.insert(byte, at: at)
            case 2 where at < bytes.count: bytes.remove(at: at)
            case 3: bytes = Array(bytes.prefix(at))
            default: bytes.insert(contentsOf: [byte, byte], at: at)
            }
        }
        return bytes
    }
}
