/// Checks that an input is text the readers can take: well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence), no NUL
/// byte (unless `allowsNUL`), and no line longer than a limit (LF, CR and CRLF end lines).
///
/// It runs once over an input before a reader starts, so every reader, comments and skipped
/// lines included, sees only valid text, and the readers' hot loops need no checks of their
/// own. Input may come in pieces (`scan` keeps a multi-byte sequence's state across calls),
/// which lets standard input be checked while it is spooled.
///
/// - Complexity: O(n). ASCII is checked 32 bytes at a time (8 near non-ASCII text); only
///   non-ASCII runs and NULs take the byte-by-byte path.
struct TextValidator {
    /// What is wrong with the input.
    enum Problem: Equatable {
        /// A NUL byte (0x00).
        case nul
        /// A byte that does not start or continue a well-formed UTF-8 sequence; for a
        /// sequence cut short, its first byte.
        case invalidUTF8(UInt8)
        /// A line longer than the limit.
        case longLine
    }

    /// A problem and the offset of the byte it is at (for `longLine`, the line's first byte).
    struct Failure: Equatable {
        var problem: Problem
        var offset: Int
    }

    /// The longest line accepted, in bytes.
    let maxLineBytes: Int
    /// Whether NUL bytes pass (N-Triples allows them in literals; its parser checks the rest).
    let allowsNUL: Bool
    /// The first problem found; once set, `scan` does nothing.
    private(set) var failure: Failure?
    /// The number of bytes scanned so far (the offset of the next byte).
    private(set) var offset = 0
    private var lineStart = 0
    /// Continuation bytes the current UTF-8 sequence still needs, and their allowed range.
    private var needed = 0
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    private var sequenceStart = 0
    private var leadByte: UInt8 = 0

    /// A validator whose first piece starts at `offset` (past a byte-order mark, which no
    /// line counts).
    init(maxLineBytes: Int = InputLimits.maxLineBytes, allowsNUL: Bool = false, startingAt offset: Int = 0) {
        self.maxLineBytes = maxLineBytes
        self.allowsNUL = allowsNUL
        self.offset = offset
        lineStart = offset
    }

    /// Scans the next piece of the input; returns `false` once a problem is found.
    @discardableResult
    mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return true }
        let count = buffer.count
        let limit = maxLineBytes
        // Offsets are absolute: `offset` is where this piece starts.
        let origin = offset
        // Locals, not statics: a static is reached through its lazy initialiser on every use.
        let vHigh = SIMD32<UInt8>(repeating: 0x80), vZero = SIMD32<UInt8>(repeating: 0)
        let vLF = SIMD32<UInt8>(repeating: 0x0A), vCR = SIMD32<UInt8>(repeating: 0x0D)
        var i = 0
        while i < count {
            // 32 bytes of plain ASCII without a NUL, the bulk of most files, in a few vector
            // instructions; line ends in them are found from the comparison's lanes. (With a
            // limit under 32, a line between two ends of one block could hide: bytes then.)
            if needed == 0, i &+ 32 <= count, limit >= 32 {
                let block = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD32<UInt8>.self)
                let bad = (block .>= vHigh) .| (block .== vZero)
                // `any(_:)` is not inlined here; the masks' lanes are 0 or -1, so test them as words.
                let badLanes = unsafeBitCast(bad, to: SIMD4<UInt64>.self)
                if badLanes[0] | badLanes[1] | badLanes[2] | badLanes[3] == 0 {
                    let ends = (block .== vLF) .| (block .== vCR)
                    let endLanes = unsafeBitCast(ends, to: SIMD4<UInt64>.self)
                    let at = origin &+ i
                    if endLanes[0] | endLanes[1] | endLanes[2] | endLanes[3] == 0 {
                        if at &+ 32 &- lineStart > limit { return fail(.longLine, lineStart) }
                    } else {
                        var first = -1, last = 0
                        for lane in 0..<4 where endLanes[lane] != 0 {
                            if first < 0 { first = lane &* 8 &+ endLanes[lane].trailingZeroBitCount >> 3 }
                            last = lane &* 8 &+ (63 &- endLanes[lane].leadingZeroBitCount) >> 3
                        }
                        if at &+ first &- lineStart > limit { return fail(.longLine, lineStart) }
                        lineStart = at &+ last &+ 1
                    }
                    i &+= 32
                    continue
                }
            }
            if needed == 0, i &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let ends = TextValidator.zeroBytes(word ^ TextValidator.lfBytes)
                    | TextValidator.zeroBytes(word ^ TextValidator.crBytes)
                // Plain ASCII with at most one line end (two would hide a short line between
                // them from the length check): the whole word at once.
                if word & TextValidator.highBits == 0, TextValidator.zeroBytes(word) == 0, ends & (ends &- 1) == 0 {
                    let at = origin &+ i
                    if ends != 0 {
                        let end = at &+ ends.trailingZeroBitCount >> 3
                        if end &- lineStart > limit { return fail(.longLine, lineStart) }
                        lineStart = end &+ 1
                    } else if at &+ 8 &- lineStart > limit {
                        return fail(.longLine, lineStart)
                    }
                    i &+= 8
                    continue
                }
            }
            let byte = base[i]
            let at = origin &+ i
            i &+= 1
            if needed > 0 {
                guard byte >= low, byte <= high else { return fail(.invalidUTF8(leadByte), sequenceStart) }
                needed &-= 1
                low = 0x80
                high = 0xBF
                continue
            }
            if byte < 0x80 {
                if byte == 0, !allowsNUL { return fail(.nul, at) }
                if byte == 0x0A || byte == 0x0D {
                    if at &- lineStart > limit { return fail(.longLine, lineStart) }
                    lineStart = at &+ 1
                } else if at &+ 1 &- lineStart > limit {
                    return fail(.longLine, lineStart)
                }
                continue
            }
            if at &+ 1 &- lineStart > limit { return fail(.longLine, lineStart) }
            sequenceStart = at
            leadByte = byte
            switch byte {
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
            case 0xED: needed = 2; high = 0x9F
            case 0xF0: needed = 3; low = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; high = 0x8F
            default: return fail(.invalidUTF8(byte), at)
            }
        }
        offset = origin &+ count
        return true
    }

    /// Ends the input: a UTF-8 sequence still open is cut short. Returns the first problem.
    mutating func finish() -> Failure? {
        if failure == nil, needed > 0 { failure = Failure(problem: .invalidUTF8(leadByte), offset: sequenceStart) }
        return failure
    }

    private mutating func fail(_ problem: Problem, _ at: Int) -> Bool {
        failure = Failure(problem: problem, offset: at)
        return false
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let lfBytes: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let crBytes: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact: no carry crosses bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word | lowBits)
    }
}
