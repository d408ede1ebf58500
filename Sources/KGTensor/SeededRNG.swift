#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one random number generator kgrec passes everywhere: xoshiro256** seeded through
/// SplitMix64, so a single `UInt64` seed fixes every initialisation, sample and split.
///
/// Value semantics: copying a generator forks an identical stream. Use `split()` to derive
/// independent streams for parallel workers deterministically.
public struct SeededRNG: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; bias below 2^-32 for bounds < 2^32).
    @inline(__always)
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound \(bound) must be positive")
        let product = (next() >> 32) &* UInt64(bound)
        return Int(truncatingIfNeeded: product >> 32)
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    @inline(__always)
    package mutating func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    @inline(__always)
    package mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal sample (Box–Muller, one value per call).
    package mutating func nextNormal() -> Float {
        var u1 = nextDouble()
        while u1 <= .leastNormalMagnitude { u1 = nextDouble() }
        let u2 = nextDouble()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// A new generator whose stream is independent of this one's, derived deterministically.
    public mutating func split() -> SeededRNG {
        SeededRNG(seed: next())
    }

    /// Shuffles `array` in place (Fisher–Yates), deterministically for a given state.
    package mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = next(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
