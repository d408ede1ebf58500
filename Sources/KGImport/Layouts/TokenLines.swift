import KGGraph

/// A fast reader of the benchmark layouts' text files: lines of fields separated by spaces
/// and tabs (or by tabs only, for RecBole's atomic files, whose fields may hold spaces).
///
/// It scans a memory-mapped file without building a string per line: integer fields are
/// parsed from the bytes, and only name fields become strings. Blank lines are skipped;
/// LF, CR and CRLF all end a line.
struct TokenLines {
    let input: InputBytes
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private let tabsOnly: Bool
    private var next = 0
    private(set) var line = 0
    private var lineStart = 0
    /// Where `location(at:)` counted to.
    private var counted = UTF8Columns.Counter()
    private var lineEnd = 0
    private var cursor = 0

    init(_ input: InputBytes, tabsOnly: Bool = false) {
        self.input = input
        self.tabsOnly = tabsOnly
        base = input.start
        end = input.bytes.count
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { next = 3 }
    }

    init(path: String, tabsOnly: Bool = false) throws(ImportError) {
        self.init(try InputBytes(path: path), tabsOnly: tabsOnly)
    }

    var name: String { input.name }

    /// Moves to the next non-blank line; `false` at the end of the file.
    mutating func nextLine() -> Bool {
        while next < end {
            lineStart = next
            line += 1
            var e = next
            while e < end, base[e] != Byte.lf, base[e] != Byte.cr { e &+= 1 }
            lineEnd = e
            next = e < end && base[e] == Byte.cr && e + 1 < end && base[e + 1] == Byte.lf ? e + 2 : e + 1
            cursor = lineStart
            var blank = true
            for i in lineStart..<lineEnd where !isSeparator(base[i]) && base[i] != Byte.space {
                blank = false
                break
            }
            if !blank { return true }
        }
        return false
    }

    @inline(__always)
    private func isSeparator(_ c: UInt8) -> Bool { c == Byte.tab || (!tabsOnly && c == Byte.space) }

    /// The next field of the current line, as a byte range; `nil` at the end of the line.
    mutating func field() -> Range<Int>? {
        if tabsOnly {
            guard cursor <= lineEnd else { return nil }
            let start = cursor
            while cursor < lineEnd, base[cursor] != Byte.tab { cursor &+= 1 }
            let range = start..<cursor
            cursor &+= 1  // past the tab (or past the end, which ends the line)
            return range
        }
        while cursor < lineEnd, isSeparator(base[cursor]) { cursor &+= 1 }
        guard cursor < lineEnd else { return nil }
        let start = cursor
        while cursor < lineEnd, !isSeparator(base[cursor]) { cursor &+= 1 }
        return start..<cursor
    }

    /// The field as a string.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// The field as a message quotes it: an excerpt (`Excerpt`), made from its first bytes
    /// only, so a huge field is never copied whole.
    func quoted(_ range: Range<Int>) -> String {
        // 4 bytes per scalar at most: 168 bytes hold more scalars than an excerpt shows.
        let head = range.lowerBound..<min(range.upperBound, range.lowerBound + 4 * (Excerpt.maxCharacters + 2))
        return Excerpt.quoted(text(head))
    }

    /// The field as a non-negative integer, when it is one.
    @inline(__always)
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for i in range {
            let d = base[i] &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int(d)
        }
        return value
    }

    /// The next field as a non-negative integer; throws `expected <what>, found …` otherwise.
    mutating func expectInteger(_ what: String) throws(ImportError) -> Int {
        guard let range = field() else { throw .syntax(location(at: cursor), "expected \(what), found end of line") }
        guard let value = integer(range) else {
            throw .syntax(location(at: range.lowerBound), "expected \(what), found \(quoted(range))")
        }
        return value
    }

    /// The next field as a non-empty string; throws `expected <what>, found end of line` otherwise.
    mutating func expectText(_ what: String) throws(ImportError) -> (String, SourceLocation) {
        guard let range = field(), !range.isEmpty else {
            throw .syntax(location(at: min(cursor, lineEnd)), "expected \(what), found end of line")
        }
        return (text(range), location(at: range.lowerBound))
    }

    /// Throws when the line holds another field.
    mutating func expectEnd(after what: String) throws(ImportError) {
        let saved = cursor
        if let range = field() {
            throw .syntax(location(at: range.lowerBound), "expected the end of the line after \(what), found \(quoted(range))")
        }
        cursor = saved
    }

    /// The location of a byte offset on the current line. Offsets asked for in increasing
    /// order (each field's) are counted on from the last, so a long line costs one pass.
    mutating func location(at offset: Int) -> SourceLocation {
        SourceLocation(file: input.name, line: line, column: counted.column(of: offset, lineStart: lineStart, in: base))
    }

    var lineLocation: SourceLocation { SourceLocation(file: input.name, line: line, column: 1) }

    /// Whether the current line's first field is not an integer (a header such as `userID artistID`).
    mutating func lineLooksLikeHeader() -> Bool {
        let saved = cursor
        defer { cursor = saved }
        guard let range = field() else { return false }
        return integer(range) == nil
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): the small seeded generator behind the
/// Book-Crossing split. KGImport cannot depend on KGTensor's `SeededRNG`, and this one is
/// fully determined by its documented seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
