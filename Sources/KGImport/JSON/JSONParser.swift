import KGGraph

/// A JSON parser (RFC 8259) over the bytes of one input, with bounds for hostile input.
///
/// Strict RFC 8259: one value, optionally surrounded by whitespace (a UTF-8 byte-order mark
/// at the start is skipped); no comments, trailing commas, single quotes, `NaN` or leading
/// zeros. A duplicate key in an object is allowed and the later member wins, as ECMAScript's
/// `JSON.parse` (which JSON-LD processors use) does. A `\u` escape of a lone surrogate is an
/// error, since a Swift string cannot hold one.
///
/// Errors are `ImportError.syntax` at `file:line:column`, saying what was expected and what
/// was found. Nesting deeper than `Limits.maxDepth` and strings or numbers longer than their
/// bounds are errors too, so recursion and memory stay bounded whatever the input.
///
/// - Complexity: O(n) in the input's size.
struct JSONParser {
    /// Bounds on what one document may hold (see SECURITY.md, "Limits on input").
    struct Limits: Sendable, Equatable {
        /// Deepest nesting of arrays and objects: 256, as the other readers' elements.
        var maxDepth = 256
        /// Longest string, in UTF-8 bytes as written: 16 MiB (`InputLimits.maxLineBytes`).
        var maxStringBytes = InputLimits.maxLineBytes
        /// Longest number token: 1,024 bytes.
        var maxNumberBytes = 1024
    }

    private let input: InputBytes
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var i = 0
    private var depth = 0
    private let document: Int
    private let limits: Limits

    /// A parser of `input`, whose objects record `document` as their document's index.
    init(_ input: InputBytes, document: Int = 0, limits: Limits = Limits()) {
        self.input = input
        base = input.start
        end = input.bytes.count
        self.document = document
        self.limits = limits
    }

    /// Parses the whole input as one JSON value.
    mutating func parse() throws(ImportError) -> JSONValue {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { i = 3 }
        skipWhitespace()
        guard i < end else { throw error("expected a JSON value, found the end of the input") }
        let value = try parseValue()
        skipWhitespace()
        guard i >= end else { throw error("expected the end of the input after the JSON value, found \(found())") }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(ImportError) -> JSONValue {
        guard i < end else { throw error("expected a JSON value, found the end of the input") }
        switch base[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a JSON value, found \(found())")
        }
    }

    private mutating func enter() throws(ImportError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error("expected at most \(limits.maxDepth) levels of nested arrays and objects, found more")
        }
    }

    private mutating func parseObject() throws(ImportError) -> JSONValue {
        try enter()
        let origin = JSONOrigin(document: document, offset: i)
        i += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if i < end, base[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(JSONObject(members, origin: origin))
        }
        while true {
            skipWhitespace()
            guard i < end, base[i] == UInt8(ascii: "\"") else {
                throw error("expected a string key in an object, found \(found())")
            }
            let key = try parseString()
            skipWhitespace()
            guard i < end, base[i] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \(Excerpt.quoted(key)), found \(found())")
            }
            i += 1
            skipWhitespace()
            members[key] = try parseValue()
            skipWhitespace()
            guard i < end else { throw error("expected ',' or '}' in an object, found the end of the input") }
            if base[i] == UInt8(ascii: ",") { i += 1; continue }
            if base[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("expected ',' or '}' in an object, found \(found())")
        }
        depth -= 1
        return .object(JSONObject(members, origin: origin))
    }

    private mutating func parseArray() throws(ImportError) -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if i < end, base[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard i < end else { throw error("expected ',' or ']' in an array, found the end of the input") }
            if base[i] == UInt8(ascii: ",") { i += 1; continue }
            if base[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("expected ',' or ']' in an array, found \(found())")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func literal(_ word: StaticString) throws(ImportError) {
        let count = word.utf8CodeUnitCount
        let bytes = word.utf8Start
        for k in 0..<count where i + k >= end || base[i + k] != bytes[k] {
            throw error("expected a JSON value, found \(found())")
        }
        i += count
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(ImportError) -> JSONNumber {
        let start = i
        var isInteger = true
        if base[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end, isDigit(base[i]) else { throw error("expected a digit in a number, found \(found())") }
        if base[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(base[i]) { throw error("expected no leading zero in a number, found \(found())") }
        } else {
            while i < end, isDigit(base[i]) { i += 1 }
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < end, isDigit(base[i]) else { throw error("expected a digit after '.' in a number, found \(found())") }
            while i < end, isDigit(base[i]) { i += 1 }
        }
        if i < end, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < end, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end, isDigit(base[i]) else { throw error("expected a digit in a number's exponent, found \(found())") }
            while i < end, isDigit(base[i]) { i += 1 }
        }
        if i - start > limits.maxNumberBytes {
            throw error("expected a number of at most \(limits.maxNumberBytes) bytes, found one of \(i - start)", at: start)
        }
        let lexical = String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
        // The grammar above admits only what Double's parser reads; it rounds to infinity at worst.
        let value = Double(lexical) ?? (lexical.hasPrefix("-") ? -.infinity : .infinity)
        return JSONNumber(lexical: lexical, value: value, isIntegerToken: isInteger)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: - Strings

    /// Parses a string at `i` (on its opening quote).
    private mutating func parseString() throws(ImportError) -> String {
        let open = i
        i += 1
        var runStart = i
        var bytes: [UInt8] = []
        var escaped = false
        while true {
            guard i < end else { throw error("expected '\"' to close the string, found the end of the input", at: open) }
            let b = base[i]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 {
                throw error("expected a control character in a string to be escaped, found byte 0x" + hex(UInt32(b), width: 2))
            }
            if b == UInt8(ascii: "\\") {
                if !escaped { bytes.reserveCapacity(i - runStart + 16) }
                escaped = true
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                try escape(into: &bytes)
                runStart = i
            } else {
                i += 1
            }
            if i - open > limits.maxStringBytes {
                throw error("expected a string of at most \(InputLimits.describe(limits.maxStringBytes)), found a longer one", at: open)
            }
        }
        defer { i += 1 }
        let run = UnsafeBufferPointer(start: base + runStart, count: i - runStart)
        if !escaped { return String(decoding: run, as: UTF8.self) }
        bytes.append(contentsOf: run)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes the escape at `i` (on its backslash) into `bytes`.
    private mutating func escape(into bytes: inout [UInt8]) throws(ImportError) {
        let at = i
        i += 1
        guard i < end else { throw error("expected an escape after '\\', found the end of the input") }
        let c = base[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(c)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard i + 1 < end, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") else {
                    throw error("expected a low surrogate escape after '\\u\(hex(scalar, width: 4))', found \(found())")
                }
                i += 2
                let low = try hex4()
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw error("expected a low surrogate after '\\u\(hex(scalar, width: 4))', found '\\u\(hex(low, width: 4))'", at: i - 6)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error("expected a high surrogate before '\\u\(hex(scalar, width: 4))'", at: at)
            }
            // Every value left is a valid scalar: surrogates were handled above.
            guard let unicode = Unicode.Scalar(scalar) else { throw error("expected a Unicode scalar", at: at) }
            bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            i -= 1
            throw error("expected one of '\"\\/bfnrtu' after '\\', found \(found())")
        }
    }

    private mutating func hex4() throws(ImportError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard i < end else { throw error("expected 4 hexadecimal digits after '\\u', found the end of the input") }
            let b = base[i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("expected 4 hexadecimal digits after '\\u', found \(found())")
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    // MARK: - Support

    private mutating func skipWhitespace() {
        while i < end {
            switch base[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// What is at `i`, for a message: `'x'` (the character there), or `the end of the input`.
    private func found() -> String {
        guard i < end else { return "the end of the input" }
        var length = 1
        let b = base[i]
        if b >= 0xF0 { length = 4 } else if b >= 0xE0 { length = 3 } else if b >= 0xC0 { length = 2 }
        let text = String(decoding: UnsafeBufferPointer(start: base + i, count: min(length, end - i)), as: UTF8.self)
        switch text {
        case "\n": return "a line end"
        case "'": return "\"'\""
        default: return "'" + text + "'"
        }
    }

    private func error(_ message: String, at offset: Int? = nil) -> ImportError {
        .syntax(input.location(ofOffset: offset ?? i), message)
    }
}
