/// A JSON value as `JSONParser` reads it (RFC 8259), and as the JSON-LD algorithms build them.
///
/// Numbers keep their lexical form (`JSONNumber`), because JSON-LD turns an integer into an
/// `xsd:integer` literal with its digits, which a `Double` cannot hold past 2^53. Objects keep
/// where they start in their document, so JSON-LD errors can point into the file.
package indirect enum JSONValue: Equatable, Sendable {
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

/// A JSON number: its lexical form as written, and its value as a `Double`.
package struct JSONNumber: Equatable, Sendable {
    /// The token as written (`-12`, `1.50`, `2e3`).
    package var lexical: String
    /// The nearest `Double`.
    package var value: Double
    /// Whether the token has neither a fraction nor an exponent.
    package var isIntegerToken: Bool

    /// A number made by a program (not read), written as Swift writes it.
    init(_ value: Double) {
        self.value = value
        isIntegerToken = false
        lexical = value.description
    }

    init(lexical: String, value: Double, isIntegerToken: Bool) {
        self.lexical = lexical
        self.value = value
        self.isIntegerToken = isIntegerToken
    }

    package static func == (a: JSONNumber, b: JSONNumber) -> Bool { a.value == b.value }
}

/// A JSON object: its members (a later duplicate key replaces an earlier one, as
/// ECMAScript's `JSON.parse` does), and where it starts in its document.
package struct JSONObject: Equatable, Sendable {
    /// The members by key.
    package var members: [String: JSONValue]
    /// Where the `{` is: the document's index in the reader's table and the byte offset;
    /// nil for objects the algorithms make.
    package var origin: JSONOrigin?

    init(_ members: [String: JSONValue] = [:], origin: JSONOrigin? = nil) {
        self.members = members
        self.origin = origin
    }

    subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// The keys in code point order (the order the JSON-LD algorithms use with `ordered`).
    var sortedKeys: [String] { members.keys.sorted(by: JSONObject.codePointOrder) }

    var count: Int { members.count }
    var keys: Dictionary<String, JSONValue>.Keys { members.keys }

    /// Whether `a` sorts before `b` by Unicode code points.
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    package static func == (a: JSONObject, b: JSONObject) -> Bool { a.members == b.members }
}

/// Where a parsed object starts: which document (an index into the reader's table of loaded
/// documents) and the byte offset of its `{`.
package struct JSONOrigin: Hashable, Sendable {
    package var document: Int
    package var offset: Int
}
