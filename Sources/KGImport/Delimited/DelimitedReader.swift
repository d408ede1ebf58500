import KGGraph

/// One record of a delimited file: its fields and where each starts.
struct DelimitedRow {
    /// The 1-based line the record starts on.
    var line = 0
    /// Field values: quotes removed, doubled quotes undone, unquoted fields trimmed of spaces.
    var fields: [String] = []
    /// The 1-based column (in Unicode scalars) where each field starts.
    var columns: [Int] = []
    /// The column just past the record's last character, for "expected more fields" errors.
    var endColumn = 1
}

/// An RFC 4180 reader of CSV and TSV records over a memory-mapped file.
///
/// Fields are separated by `delimiter`; records end at LF, CR or CRLF. A field that starts
/// with `"` is quoted: it may hold the delimiter, line breaks and `""` (one quote), and must
/// be followed by a delimiter or the end of the record. A quote inside an unquoted field is
/// kept as it is (real files hold `5" screen`). With the space delimiter, runs of spaces
/// separate fields. Blank lines are skipped. A record, whose quoted fields may span lines,
/// is at most `maxRecordBytes` long (`InputLimits.maxRecordBytes`, 16 MiB).
struct DelimitedReader {
    let input: InputBytes
    let delimiter: UInt8
    let maxRecordBytes: Int
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    /// Where `fieldColumn` counted to.
    private var counted = UTF8Columns.Counter()
    private var scratch: [UInt8] = []
    /// Where the current record starts: its first byte and its line.
    private var recordStart = 0
    private var recordLine = 1

    init(_ input: InputBytes, delimiter: UInt8, maxRecordBytes: Int = InputLimits.maxRecordBytes) {
        self.input = input
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        base = input.start
        end = input.bytes.count
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3; lineStart = 3 }
    }

    var name: String { input.name }

    /// Reads the next record into `row`; returns `false` at the end of the file.
    mutating func next(into row: inout DelimitedRow) throws(ImportError) -> Bool {
        // Skip blank lines.
        while pos < end, base[pos] == Byte.lf || base[pos] == Byte.cr { newline() }
        guard pos < end else { return false }
        row.line = line
        recordStart = pos
        recordLine = line
        row.fields.removeAll(keepingCapacity: true)
        row.columns.removeAll(keepingCapacity: true)
        while true {
            skipPadding()
            row.columns.append(fieldColumn(at: pos))
            if pos < end, base[pos] == Byte.quote {
                row.fields.append(try quotedField())
            } else {
                row.fields.append(unquotedField())
            }
            if pos < end, base[pos] == delimiter {
                pos += 1
                if delimiter == Byte.space {
                    skipPadding()
                    if pos >= end || base[pos] == Byte.lf || base[pos] == Byte.cr { break }
                }
                continue
            }
            break
        }
        row.endColumn = fieldColumn(at: pos)
        if pos < end { newline() }
        return true
    }

    /// Spaces (and tabs, unless tab is the delimiter) before a field.
    private mutating func skipPadding() {
        while pos < end {
            let c = base[pos]
            guard c == Byte.space || c == Byte.tab else { break }
            if c == delimiter && delimiter != Byte.space { break }
            pos += 1
        }
    }

    private mutating func unquotedField() -> String {
        let start = pos
        while pos < end {
            let c = base[pos]
            if c == delimiter || c == Byte.lf || c == Byte.cr { break }
            pos += 1
        }
        var stop = pos
        while stop > start, base[stop - 1] == Byte.space || (base[stop - 1] == Byte.tab && delimiter != Byte.tab) {
            stop -= 1
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
    }

    private mutating func quotedField() throws(ImportError) -> String {
        let openLine = line, openColumn = column(at: pos)
        pos += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard pos < end else {
                throw .syntax(SourceLocation(file: name, line: openLine, column: openColumn),
                              "expected a closing '\"' for the quoted field that starts here, found end of file")
            }
            let c = base[pos]
            if c == Byte.quote {
                if pos + 1 < end, base[pos + 1] == Byte.quote {
                    scratch.append(Byte.quote)
                    pos += 2
                    continue
                }
                pos += 1
                break
            }
            if c == Byte.lf || c == Byte.cr {
                if pos - recordStart > maxRecordBytes {
                    throw .syntax(SourceLocation(file: name, line: recordLine, column: 1),
                                  "the record that starts on line \(recordLine) is longer than "
                                  + InputLimits.describe(maxRecordBytes))
                }
                scratch.append(c)
                if c == Byte.cr, pos + 1 < end, base[pos + 1] == Byte.lf {
                    scratch.append(Byte.lf)
                    pos += 1
                }
                pos += 1
                line += 1
                lineStart = pos
                continue
            }
            scratch.append(c)
            pos += 1
        }
        skipPadding()
        if pos < end, base[pos] != delimiter, base[pos] != Byte.lf, base[pos] != Byte.cr {
            throw .syntax(location(at: pos), "expected a delimiter or the end of the line after the closing '\"', found \(found(at: pos))")
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func newline() {
        if base[pos] == Byte.cr, pos + 1 < end, base[pos + 1] == Byte.lf { pos += 1 }
        pos += 1
        line += 1
        lineStart = pos
    }

    func location(at offset: Int) -> SourceLocation {
        SourceLocation(file: name, line: line, column: column(at: offset))
    }

    private func column(at offset: Int) -> Int {
        1 + UTF8Columns.scalars(base, from: lineStart, to: min(offset, end))
    }

    /// `column(at:)` for offsets that only grow along a line (each field's start): counts on
    /// from the previous field, so a line of many fields costs one pass, not one per field.
    private mutating func fieldColumn(at offset: Int) -> Int {
        counted.column(of: min(offset, end), lineStart: lineStart, in: base)
    }

    private func found(at offset: Int) -> String {
        guard offset < end else { return "end of file" }
        var bytes: [UInt8] = [base[offset]]
        var i = offset + 1
        while i < end, base[i] & 0xC0 == 0x80, bytes.count < 4 { bytes.append(base[i]); i += 1 }
        return Excerpt.quoted(String(decoding: bytes, as: UTF8.self))
    }

    /// Picks the delimiter from the first non-blank line outside quotes: tab, then the more
    /// frequent of comma and semicolon, then space; comma when the line has none of them.
    static func sniffDelimiter(_ input: InputBytes) -> UInt8 {
        var tabs = 0, commas = 0, semicolons = 0, spaces = 0
        var inQuotes = false
        var sawContent = false
        for b in input.bytes.prefix(65_536) {
            if b == Byte.quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == Byte.lf || b == Byte.cr {
                if sawContent { break }
                continue
            }
            sawContent = true
            switch b {
            case Byte.tab: tabs += 1
            case Byte.comma: commas += 1
            case Byte.semicolon: semicolons += 1
            case Byte.space: spaces += 1
            default: break
            }
        }
        if tabs > 0 { return Byte.tab }
        if commas > 0 || semicolons > 0 { return semicolons > commas ? Byte.semicolon : Byte.comma }
        return spaces > 0 ? Byte.space : Byte.comma
    }
}
