/// A JSON number: its lexical form as written, and its value as a `Double`.
struct JSONNumber: Equatable, Sendable {
    /// The token as written (`-12`, `1.50`, `2e3`).
    var lexical: String
    /// The nearest `Double`.
    var value: Double
    /// Whether the token has neither a fraction nor an exponent.
    var isIntegerToken: Bool

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

    static func == (a: JSONNumber, b: JSONNumber) -> Bool { a.value == b.value }
}
