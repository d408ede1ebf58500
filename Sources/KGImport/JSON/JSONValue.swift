/// A JSON value as `JSONParser` reads it (RFC 8259), and as the JSON-LD algorithms build them.
///
/// Numbers keep their lexical form (`JSONNumber`), because JSON-LD turns an integer into an
/// `xsd:integer` literal with its digits, which a `Double` cannot hold past 2^53. Objects keep
/// where they start in their document, so JSON-LD errors can point into the file.
indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, when the value is one.
    var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The object, when the value is one.
    var object: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The value as an array: itself when it is one, `[]` for null, else a one-element array.
    var asArray: [JSONValue] {
        switch self {
        case .array(let items): items
        case .null: []
        default: [self]
        }
    }

    var isNull: Bool { if case .null = self { true } else { false } }
    var isArray: Bool { if case .array = self { true } else { false } }

    /// Whether the value is a string, a number or a boolean.
    var isScalar: Bool {
        switch self {
        case .string, .number, .bool: true
        default: false
        }
    }
}
