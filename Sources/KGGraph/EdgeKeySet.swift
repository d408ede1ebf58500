/// The set of (source, relation, target) triples a `GraphDelta` holds, for rejecting
/// duplicate edges.
///
/// Open addressing with linear probing over packed keys and a multiply-xorshift mix: about
/// 4x faster than `Set` of a three-field struct, whose SipHash dominated large imports
/// (Gowalla's 810k interactions). Load factor at most 1/2.
struct EdgeKeySet: Sendable {
    /// `source << 32 | target` of each occupied slot.
    private var ends: [UInt64] = []
    /// `relation + 1` of each slot; 0 marks an empty slot.
    private var relations: [UInt32] = []
    private(set) var count = 0

    init() {}

    /// Inserts the key; returns `false` when it was already present.
    mutating func insert(source: Int32, relation: Int32, target: Int32) -> Bool {
        if (count + 1) * 2 > relations.count { grow(to: max(16, relations.count * 2)) }
        let end = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target))
        let tag = UInt32(bitPattern: relation) &+ 1
        let mask = relations.count - 1
        var slot = EdgeKeySet.slot(end, tag) & mask
        while true {
            let occupant = relations[slot]
            if occupant == 0 {
                ends[slot] = end
                relations[slot] = tag
                count += 1
                return true
            }
            if occupant == tag && ends[slot] == end { return false }
            slot = (slot + 1) & mask
        }
    }

    /// Makes room for `capacity` keys without regrowing.
    mutating func reserveCapacity(_ capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        if size > relations.count { grow(to: size) }
    }

    @inline(__always)
    private static func slot(_ end: UInt64, _ tag: UInt32) -> Int {
        var h = end ^ (UInt64(tag) &* 0x9E37_79B9_7F4A_7C15)
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    private mutating func grow(to size: Int) {
        let oldEnds = ends, oldRelations = relations
        ends = Array(repeating: 0, count: size)
        relations = Array(repeating: 0, count: size)
        let mask = size - 1
        for i in oldRelations.indices where oldRelations[i] != 0 {
            var slot = EdgeKeySet.slot(oldEnds[i], oldRelations[i]) & mask
            while relations[slot] != 0 { slot = (slot + 1) & mask }
            ends[slot] = oldEnds[i]
            relations[slot] = oldRelations[i]
        }
    }
}
