#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGGraph

/// Strings from input bytes and character classes.
extension NTriplesParser {
    /// A string from `base[start..<stop]`; ASCII skips validation, other text must be valid UTF-8.
    @inline(__always)
    mutating func string(_ start: Int, _ stop: Int, ascii: Bool, cached: Bool) throws -> String {
        let bytes = UnsafeBufferPointer(start: base + start, count: stop &- start)
        if cached, let hit = iriCache.lookup(bytes) { return hit }
        let result: String
        if ascii {
            result = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let valid = String(validating: bytes, as: UTF8.self) else {
                throw invalidUTF8(from: start)
            }
            result = valid
        }
        if cached { iriCache.insert(result, bytes) }
        return result
    }

    /// `scheme ":"` at the start, as RFC 3987 requires of an absolute IRI.
    static func hasScheme(_ iri: String) -> Bool {
        var first = true
        for unit in iri.utf8 {
            if unit == Byte.colon { return !first }
            let ok = first ? Byte.isLetter(unit)
                : Byte.isLetterOrDigit(unit) || unit == Byte.plus || unit == Byte.minus || unit == Byte.dot
            guard ok else { return false }
            first = false
        }
        return false
    }

    /// PN_CHARS_U (without ':', which the suite's negative tests reject) or a digit.
    static func isLabelStart(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return Byte.isLetterOrDigit(UInt8(v)) || v == 0x5F }
        return isPNCharsBase(v)
    }

    /// PN_CHARS (the '.' inside a label is handled by the caller).
    static func isLabelChar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return Byte.isASCIILabelChar(UInt8(v)) }
        return isPNCharsBase(v) || v == 0xB7 || (0x300...0x36F).contains(v) || (0x203F...0x2040).contains(v)
    }

    /// PN_CHARS_BASE above ASCII.
    static func isPNCharsBase(_ v: UInt32) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// `U+0020`, for naming a code point in a message.
    init(format4 value: UInt32) { self = "U+" + hex(value, width: 4) }
}

/// A direct-mapped cache from IRI bytes to the string made from them.
///
/// N-Triples repeats a few predicates and classes on almost every line; sharing one string
/// for them saves an allocation per term. A miss costs one hash of a few loads.
struct IRICache {
    private var entries = [String?](repeating: nil, count: IRICache.slots)
    private static let slots = 512

    @inline(__always)
    private static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        guard n >= 8, let p = bytes.baseAddress else { return n & (slots - 1) }
        let tail = UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self)
        let middle = UnsafeRawPointer(p + n / 2 - 4).loadUnaligned(as: UInt32.self)
        let h = (tail ^ UInt64(middle) &<< 17 ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 55) & (slots - 1)
    }

    @inline(__always)
    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let s = IRICache.slot(bytes)
        guard let candidate = entries[s] else { return nil }
        let same = candidate.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count
                && (bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same == true ? candidate : nil
    }

    @inline(__always)
    mutating func insert(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        entries[IRICache.slot(bytes)] = string
    }
}

/// Byte constants and ASCII character classes.
package enum Byte {
    package static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, hash: UInt8 = 0x23, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B
    static let lt: UInt8 = 0x3C, gt: UInt8 = 0x3E, at: UInt8 = 0x40, backslash: UInt8 = 0x5C
    static let caret: UInt8 = 0x5E, underscore: UInt8 = 0x5F, upperU: UInt8 = 0x55, u: UInt8 = 0x75

    /// Characters that end the fast IRI scan: those IRIREF forbids (`#x00-#x20 < > " { } | ^ `` ` ``
    /// `\`), with `>` (the end) and `\` (an escape) handled by the caller.
    @inline(__always)
    static func isIRIStop(_ c: UInt8) -> Bool {
        // Bits 0x00-0x20, '"', '<', '>' below 64; '\', '^', '`', '{', '|', '}' from 64 to 127.
        let low: UInt64 = 0x0000_0001_FFFF_FFFF | 1 << 0x22 | 1 << 0x3C | 1 << 0x3E
        let high: UInt64 = 1 << (0x5C - 64) | 1 << (0x5E - 64) | 1 << (0x60 - 64)
            | 1 << (0x7B - 64) | 1 << (0x7C - 64) | 1 << (0x7D - 64)
        if c < 64 { return (low >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (high >> UInt64(c &- 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isLetterOrDigit(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }

    /// ASCII PN_CHARS: letters, digits, '_' and '-'.
    @inline(__always)
    static func isASCIILabelChar(_ c: UInt8) -> Bool { isLetterOrDigit(c) || c == underscore || c == minus }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// ECHAR ::= '\' [tbnrf"'\]: the byte an escape letter stands for.
    static func echar(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x74: 0x09  // t
        case 0x62: 0x08  // b
        case 0x6E: 0x0A  // n
        case 0x72: 0x0D  // r
        case 0x66: 0x0C  // f
        case 0x22, 0x27, 0x5C: c  // " ' \
        default: nil
        }
    }
}
