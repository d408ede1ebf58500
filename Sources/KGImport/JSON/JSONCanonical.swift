/// Canonical text forms of JSON values: the JSON Canonicalization Scheme (RFC 8785) that
/// JSON-LD's `@json` literals use, and the XSD canonical forms of numbers that JSON-LD's
/// RDF conversion writes.
enum JSONCanonical {
    /// `value` in RFC 8785 form: no whitespace, object keys sorted by UTF-16 code units,
    /// numbers as ECMAScript writes them, strings with the fewest escapes.
    static func serialize(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += ecmaScript(number.value)
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            let keys = object.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (k, key) in keys.enumerated() {
                if k > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(object[key] ?? .null, to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\u" + hex(scalar.value, width: 4).lowercased() }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    /// The shortest digits that read back as `v`, and the decimal exponent of the first
    /// digit: 123.4 is ("1234", 2); zero is ("0", 0).
    static func decompose(_ v: Double) -> (negative: Bool, digits: String, exponent: Int) {
        let magnitude = abs(v)
        if magnitude == 0 { return (false, "0", 0) }
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? text
        let power = parts.count > 1 ? Int(String(parts[1].filter { $0 != "+" })) ?? 0 : 0
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var exponent = point - 1 + power
        while digits.first == "0", digits.count > 1 { digits.removeFirst(); exponent -= 1 }
        while digits.last == "0", digits.count > 1 { digits.removeLast() }
        return (v < 0, String(digits), exponent)
    }

    /// The XSD canonical form of a double: `1.5E1`, `1.0E0`, `-2.0E-3`, `0.0E0`.
    static func xsdDouble(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-INF" : "INF" }
        let (negative, digits, exponent) = decompose(v)
        let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return (negative ? "-" : "") + String(digits.prefix(1)) + "." + fraction + "E" + String(exponent)
    }

    /// An integral double as an integer's digits (`-0` is `0`).
    static func integer(_ v: Double) -> String {
        if abs(v) < 9e15 { return String(Int64(v)) }
        let (negative, digits, exponent) = decompose(v)
        let zeros = max(0, exponent + 1 - digits.count)
        return (negative ? "-" : "") + digits + String(repeating: "0", count: zeros)
    }

    /// A number as ECMAScript's `Number.prototype.toString` writes it (RFC 8785 §3.2.2.3).
    static func ecmaScript(_ v: Double) -> String {
        if !v.isFinite { return "null" }
        if v == 0 { return "0" }
        let (negative, digits, exponent) = decompose(v)
        let sign = negative ? "-" : ""
        let n = exponent + 1
        let k = digits.count
        if k <= n && n <= 21 { return sign + digits + String(repeating: "0", count: n - k) }
        if 0 < n && n <= 21 { return sign + String(digits.prefix(n)) + "." + String(digits.dropFirst(n)) }
        if -6 < n && n <= 0 { return sign + "0." + String(repeating: "0", count: -n) + digits }
        let e = n - 1
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        return sign + mantissa + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
    }
}
