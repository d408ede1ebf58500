/// A typed node property: the catalog attributes queries filter on (`price < 50`).
public enum PropertyValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)

    /// The value as a person would type it in a query: strings quoted, numbers without a
    /// trailing `.0` when they are whole.
    public var description: String {
        switch self {
        case .string(let s): "\"" + s + "\""
        case .number(let n): PropertyValue.format(n)
        case .bool(let b): b ? "true" : "false"
        }
    }

    /// The value without quotes, for tables and sentences.
    public var plainText: String {
        switch self {
        case .string(let s): s
        case .number(let n): PropertyValue.format(n)
        case .bool(let b): b ? "true" : "false"
        }
    }

    /// Formats a number the shortest way that reads back the same.
    public static func format(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    /// The name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        }
    }
}
