import Foundation

/// A JSON value and its one-line text: kgrec's machine-readable output (query results,
/// benchmark lines, checkpoint summaries). Object keys keep their order, so output is stable to
/// diff from run to run.
public indirect enum JSON: Sendable {
    case string(String)
    case int(Int)
    /// A number written in the shortest text that reads back as the same value (whole numbers
    /// below 10¹⁵ without a fraction).
    case number(Double)
    /// A measured quantity (seconds, a metric), written with 6 significant digits.
    case measurement(Double)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    /// Compact, one-line JSON; non-finite numbers become `null`.
    public var text: String {
        switch self {
        case .string(let s): return JSON.quote(s)
        case .int(let i): return String(i)
        case .number(let n):
            guard n.isFinite else { return "null" }
            return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .measurement(let d): return d.isFinite ? String(format: "%.6g", d) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { JSON.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
