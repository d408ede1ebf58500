/// A set of node ids as a bitmap plus the list of members in insertion order: O(1) insert
/// and membership without hashing, iteration over members only.
package struct NodeSet: Sendable {
    private var bits: [UInt64]
    package private(set) var members: [Int32] = []

    package init(capacity nodeCount: Int) {
        bits = [UInt64](repeating: 0, count: (nodeCount + 63) >> 6)
    }

    @inline(__always)
    package func contains(_ node: Int32) -> Bool {
        bits[Int(node) >> 6] & (1 << UInt64(node & 63)) != 0
    }

    /// Inserts `node`; returns whether it was new.
    @inline(__always) @discardableResult
    package mutating func insert(_ node: Int32) -> Bool {
        let word = Int(node) >> 6, mask: UInt64 = 1 << UInt64(node & 63)
        if bits[word] & mask != 0 { return false }
        bits[word] |= mask
        members.append(node)
        return true
    }

    /// Empties the set in O(count), keeping its storage.
    package mutating func removeAll() {
        for node in members { bits[Int(node) >> 6] &= ~(1 << UInt64(node & 63)) }
        members.removeAll(keepingCapacity: true)
    }

    package var isEmpty: Bool { members.isEmpty }
    package var count: Int { members.count }
}
