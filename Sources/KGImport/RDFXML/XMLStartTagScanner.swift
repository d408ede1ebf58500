#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the attributes of every start tag (namespace declarations included) in XML bytes
/// on their way to libxml2, so that a start tag with more than `maxAttributes` is refused
/// before libxml2 parses it.
///
/// libxml2 2.9 checks a start tag's attributes for duplicates, and its namespace
/// declarations against the ones in scope, by comparing each with every earlier one
/// (`xmlParseStartTag2`; 2.12 uses a hash table): one element with n attributes costs
/// O(n²), 8 s for 100,000 attributes (a 2 MB file) on this machine. Bounding n keeps the
/// parse linear in the file size. The bytes are scanned once, in chunks, by a small state
/// machine that knows only what it takes to find start tags: text, comments, CDATA
/// sections, processing instructions, the DOCTYPE with its internal subset, end tags, and
/// quoted attribute values. Every `=` outside quotes in a start tag is one attribute (no
/// name holds `=`). Malformed XML is libxml2's to report; the scanner only counts.
///
/// - Complexity: O(n) in the bytes scanned.
struct XMLStartTagScanner {
    /// The most attributes a start tag may have.
    let maxAttributes: Int

    private enum State {
        case text
        /// After `<`.
        case open
        /// In a start tag, outside quotes.
        case startTag
        /// In a quoted value of a start tag (or of a declaration, when `inDeclaration`).
        case quoted
        /// In an end tag, up to `>`.
        case endTag
        /// After `<!`.
        case bang
        /// After `<!-`: the second `-` follows.
        case commentStart
        /// In a comment; `run` counts the `-` just seen.
        case comment
        /// In a CDATA section; `run` counts the `]` just seen.
        case cdata
        /// In a processing instruction; `run` is 1 after `?`.
        case processingInstruction
        /// In a declaration (`<!DOCTYPE …>`), `depth` deep in `[ ]`.
        case declaration
        /// After `<` inside a DOCTYPE's internal subset.
        case declarationOpen
        /// After `<!` inside a DOCTYPE's internal subset.
        case declarationBang
    }

    private var state = State.text
    private var quote: UInt8 = 0
    private var run = 0
    private var depth = 0
    private var inDeclaration = false
    private var attributes = 0

    /// The line and column where the current chunk starts, counted once per chunk.
    private var chunkLine = 1
    private var chunkColumn = 1
    /// The current start tag's `<`: its offset in the current chunk until it is located,
    /// then its line and column (computed only when the tag fails, or when it runs past the
    /// end of its chunk).
    private var tagOffset = 0
    private var tagLocation: (line: Int, column: Int)?

    init(maxAttributes: Int) {
        self.maxAttributes = maxAttributes
    }

    /// Scans the next chunk; returns the line and column of the first start tag with more
    /// than `maxAttributes` attributes, or nil.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        defer {
            // A tag that goes on into the next chunk is located while its bytes are at hand.
            if tagLocation == nil, state == .open || state == .startTag || state == .quoted && !inDeclaration {
                tagLocation = position(base, of: tagOffset)
            }
            (chunkLine, chunkColumn) = position(base, of: count)
        }
        var i = 0
        while i < count {
            // Text, quoted values and the names in a tag, most of a document, are skipped
            // in tight loops.
            if state == .text {
                i = XMLStartTagScanner.find(Byte.lt, base, from: i, to: count)
                guard i < count else { break }
                tagOffset = i
                tagLocation = nil
                state = .open
                i &+= 1
                continue
            }
            if state == .quoted {
                i = XMLStartTagScanner.find(quote, base, from: i, to: count)
                guard i < count else { break }
                state = inDeclaration ? .declaration : .startTag
                i &+= 1
                continue
            }
            if state == .startTag {
                while i < count {
                    let b = base[i]
                    if b == Byte.equals || b == Byte.quote || b == Byte.apostrophe || b == Byte.gt { break }
                    i &+= 1
                }
                guard i < count else { break }
            }
            let byte = base[i]
            i &+= 1
            switch state {
            case .text, .quoted:
                break                                       // handled above
            case .open:
                switch byte {
                case Byte.slash: state = .endTag
                case Byte.question: state = .processingInstruction; run = 0; inDeclaration = false
                case Byte.bang: state = .bang
                default: state = .startTag; attributes = 0
                }
            case .startTag:
                if byte == Byte.equals {
                    attributes += 1
                    if attributes > maxAttributes { return tagLocation ?? position(base, of: tagOffset) }
                } else if byte == Byte.quote || byte == Byte.apostrophe {
                    state = .quoted; quote = byte; inDeclaration = false
                } else if byte == Byte.gt {
                    state = .text
                }
            case .endTag:
                if byte == Byte.gt { state = .text }
            case .bang:
                switch byte {
                case Byte.minus: state = .commentStart; inDeclaration = false
                case Byte.leftBracket: state = .cdata; run = 0
                default: state = .declaration; depth = 0
                }
            case .commentStart:
                state = .comment
                run = 0
            case .comment:
                if byte == Byte.minus {
                    run += 1
                } else {
                    if byte == Byte.gt && run >= 2 { state = inDeclaration ? .declaration : .text }
                    run = 0
                }
            case .cdata:
                if byte == Byte.rightBracket {
                    run += 1
                } else {
                    if byte == Byte.gt && run >= 2 { state = .text }
                    run = 0
                }
            case .processingInstruction:
                if byte == Byte.gt && run == 1 { state = inDeclaration ? .declaration : .text }
                run = byte == Byte.question ? 1 : 0
            case .declaration:
                switch byte {
                case Byte.quote, Byte.apostrophe: state = .quoted; quote = byte; inDeclaration = true
                case Byte.leftBracket: depth += 1
                case Byte.rightBracket: depth -= 1
                case Byte.lt where depth > 0: state = .declarationOpen
                case Byte.gt where depth <= 0: state = .text
                default: break
                }
            case .declarationOpen:
                switch byte {
                case Byte.bang: state = .declarationBang
                case Byte.question: state = .processingInstruction; run = 0; inDeclaration = true
                default: state = .declaration
                }
            case .declarationBang:
                if byte == Byte.minus { state = .commentStart; inDeclaration = true } else { state = .declaration }
            }
        }
        return nil
    }

    /// The line and column of `offset` in the current chunk: one pass over the chunk's bytes
    /// before it (newlines, then the characters after the last one), 32 bytes at a time.
    private func position(_ base: UnsafePointer<UInt8>, of offset: Int) -> (line: Int, column: Int) {
        let newlines = XMLStartTagScanner.count(base, 0, offset) { $0 .== SIMD32(repeating: Byte.lf) }
        var lineStart = 0
        if newlines > 0 {
            lineStart = offset
            while base[lineStart &- 1] != Byte.lf { lineStart &-= 1 }
        }
        // Characters are the bytes that do not continue a UTF-8 sequence.
        let continuations = XMLStartTagScanner.count(base, lineStart, offset) {
            ($0 & SIMD32(repeating: 0xC0)) .== SIMD32(repeating: 0x80)
        }
        let characters = offset &- lineStart &- continuations
        return newlines > 0 ? (chunkLine &+ newlines, 1 &+ characters) : (chunkLine, chunkColumn &+ characters)
    }

    /// The offset of the first `byte` in `base[from..<to]`, or `to` (memchr(3), vectorised).
    @inline(__always)
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let hit = memchr(base + from, Int32(byte), to &- from) else { return to }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// How many bytes of `base[from..<to]` a comparison holds for, a block of 32 at a time.
    @inline(__always)
    private static func count(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int,
                              _ test: (SIMD32<UInt8>) -> SIMDMask<SIMD32<Int8>>) -> Int {
        var total = 0
        var k = from
        while k &+ 32 <= to {
            // The mask's lanes are 0 or -1: eight set bits per byte that passes.
            let lanes = unsafeBitCast(test(UnsafeRawPointer(base + k).loadUnaligned(as: SIMD32<UInt8>.self)),
                                      to: SIMD4<UInt64>.self)
            total &+= (lanes[0].nonzeroBitCount &+ lanes[1].nonzeroBitCount &+ lanes[2].nonzeroBitCount
                       &+ lanes[3].nonzeroBitCount) >> 3
            k &+= 32
        }
        while k < to {                                     // the tail: one byte in lane 0
            var one = SIMD32<UInt8>(repeating: 0)
            one[0] = base[k]
            if test(one)[0] { total &+= 1 }
            k &+= 1
        }
        return total
    }
}

extension Byte {
    static let bang: UInt8 = 0x21, apostrophe: UInt8 = 0x27, slash: UInt8 = 0x2F, equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F, leftBracket: UInt8 = 0x5B, rightBracket: UInt8 = 0x5D
}
