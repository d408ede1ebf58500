import KGTensor

/// Seeded mutations of well-formed inputs: bit flips, interesting bytes, format tokens,
/// deletions, duplications (which deepen nesting), splices, long runs, invalid UTF-8 and
/// truncation. Case `n` of a seed is the same input on every run and every machine.
public struct Mutator: Sendable {
    /// Inputs never grow past this many bytes.
    public static let maxLength = 1 << 18

    static let interestingBytes: [UInt8] = [0, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x3A, 0x3B,
                                            0x3C, 0x3E, 0x5C, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xFE, 0xFF]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                         [0xE2, 0x82], [0xC0, 0xAF]]

    public let dictionary: [[UInt8]]

    public init(dictionary: [String]) {
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// Case `index` under `seed`: one of `seeds`, mutated 0 to 7 times.
    public func input(from seeds: [FuzzInput], seed: UInt64, case index: Int) -> FuzzInput {
        var rng = SeededRNG(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        var input = seeds[rng.next(below: seeds.count)]
        let rounds = rng.next(below: 8)
        for _ in 0..<rounds { mutate(&input.bytes, seeds: seeds, rng: &rng) }
        if input.bytes.count > Mutator.maxLength { input.bytes.removeLast(input.bytes.count - Mutator.maxLength) }
        return input
    }

    private func mutate(_ bytes: inout [UInt8], seeds: [FuzzInput], rng: inout SeededRNG) {
        let at = rng.next(below: bytes.count + 1)
        switch rng.next(below: 10) {
        case 0 where !bytes.isEmpty:
            bytes[min(at, bytes.count - 1)] ^= UInt8(1 << rng.next(below: 8))
        case 1 where !bytes.isEmpty:
            bytes[min(at, bytes.count - 1)] = Mutator.interestingBytes[rng.next(below: Mutator.interestingBytes.count)]
        case 2 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary[rng.next(below: dictionary.count)], at: at)
        case 3:
            let length = min(bytes.count - at, 1 + rng.next(below: 64))
            bytes.removeSubrange(at..<(at + length))
        case 4:
            let length = min(bytes.count - at, 1 + rng.next(below: 32))
            guard length > 0 else { return }
            let piece = Array(bytes[at..<(at + length)])
            let copies = rng.next(below: 4) == 0 ? 1 + rng.next(below: 2000) : 1 + rng.next(below: 8)
            for _ in 0..<copies where bytes.count < Mutator.maxLength { bytes.insert(contentsOf: piece, at: at) }
        case 5:
            let other = seeds[rng.next(below: seeds.count)].bytes
            guard !other.isEmpty else { return }
            let from = rng.next(below: other.count)
            let length = min(other.count - from, 1 + rng.next(below: 256))
            bytes.insert(contentsOf: other[from..<(from + length)], at: at)
        case 6:
            let byte = rng.next(below: 2) == 0 ? UInt8(ascii: "a") : Mutator.interestingBytes[rng.next(below: Mutator.interestingBytes.count)]
            let length = 1 + rng.next(below: rng.next(below: 4) == 0 ? 70_000 : 300)
            bytes.insert(contentsOf: repeatElement(byte, count: length), at: at)
        case 7:
            bytes.insert(contentsOf: Mutator.invalidUTF8[rng.next(below: Mutator.invalidUTF8.count)], at: at)
        case 8:
            bytes.removeSubrange(at...)
        default:
            if !bytes.isEmpty { bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: rng.next()) }
        }
    }
}
