#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A direct-mapped cache from a term as written in the input (an IRIREF's content, a
/// prefixed name) to the IRI it stands for.
///
/// Turtle repeats a few predicates, classes and prefixed names on almost every line; sharing
/// one string for each saves its allocation, its resolution against the base and its prefix
/// lookup. Keys are not copied: an entry keeps the offset and length of the key's first
/// occurrence in the input, which outlives the parse. `invalidate` forgets every entry in
/// O(1) (a directive changed what the terms mean).
struct TurtleTermCache {
    private struct Entry {
        var offset = 0
        var count = 0
        var generation = 0
        var value = ""
    }

    private static let slots = 1024
    private var entries = [Entry](repeating: Entry(), count: TurtleTermCache.slots)
    /// Entries of older generations are stale; 0 is never current, so empty entries miss.
    private var generation = 1

    /// Forgets every entry.
    mutating func invalidate() { generation &+= 1 }

    @inline(__always)
    private static func slot(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if n >= 8 {
            let head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self)
            h ^= head &* 0xC2B2_AE3D_27D4_EB4F
            h ^= tail &+ (tail >> 29)
        } else {
            for k in 0..<n { h = (h ^ UInt64(p[k])) &* 0x0000_0100_0000_01B3 }
        }
        h = (h ^ (h >> 31)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 54) & (slots - 1)
    }

    /// The value stored for the key at `input[offset..<offset + count]` (the parse's bytes).
    @inline(__always)
    func lookup(offset: Int, count: Int, in input: UnsafePointer<UInt8>) -> String? {
        let key = input + offset
        let entry = entries[TurtleTermCache.slot(key, count)]
        guard entry.generation == generation, entry.count == count,
              memcmp(input + entry.offset, key, count) == 0 else { return nil }
        return entry.value
    }

    /// Stores `value` for the key at `input[offset..<offset + count]`.
    @inline(__always)
    mutating func insert(_ value: String, offset: Int, count: Int, in input: UnsafePointer<UInt8>) {
        entries[TurtleTermCache.slot(input + offset, count)] =
            Entry(offset: offset, count: count, generation: generation, value: value)
    }
}
