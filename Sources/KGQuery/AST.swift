import KGGraph

/// The syntax tree of one statement, as the parser produces it: names are unresolved words
/// with their positions; the planner resolves them against the store's catalog.
public indirect enum Statement: Sendable, Equatable {
    case recommend(Recommend)
    case similar(Similar)
    case why(Why)
    case match(Match)
    case show(NodeReference)
    case command(Command)
    /// `explain plan <statement>`: show the plan instead of running it.
    case explainPlan(Statement)

    /// What the statement does, as its first words say: `recommend`, `similar`, `why`, `match`,
    /// `show`, `explain plan`, `import`, `train`, `eval` or `stats`.
    public var verb: String {
        switch self {
        case .recommend: "recommend"
        case .similar: "similar"
        case .why: "why"
        case .match: "match"
        case .show: "show"
        case .command(let command): command.verb.rawValue
        case .explainPlan: "explain plan"
        }
    }
}

/// A word or quoted string as written, with where it was written.
public struct Name: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    package var position: TextPosition
    package var length: Int
    /// True when the source quoted it.
    public var quoted: Bool

    public init(_ text: String, at position: TextPosition, length: Int, quoted: Bool = false) {
        self.text = text
        self.position = position
        self.length = length
        self.quoted = quoted
    }

    init(_ token: Token) {
        self.init(token.text, at: token.position, length: token.length, quoted: token.kind == .string)
    }

    public var description: String { quoted ? "\"\(text)\"" : text }
}

/// A node as the query names it: an id (`u42`), or a quoted id, IRI or label.
public typealias NodeReference = Name

/// `recommend <kind> for <node> …`
public struct Recommend: Sendable, Equatable {
    public var kind: Name
    package var target: NodeReference
    package var clauses = Clauses()
}

/// `similar <kind> to <node> …`
public struct Similar: Sendable, Equatable {
    public var kind: Name
    package var target: NodeReference
    var clauses = Clauses()
}

/// `why <item> for <user> [via …] [using …]`
public struct Why: Sendable, Equatable {
    public var item: NodeReference
    public var user: NodeReference
    var clauses = Clauses()
}

/// `match <node> > rel < rel … [where …] [limit n]`
public struct Match: Sendable, Equatable {
    public var start: NodeReference
    public var path: PathExpression
    var clauses = Clauses()
}

/// The optional clauses of recommend, similar, why and match (each statement accepts a subset).
public struct Clauses: Sendable, Equatable {
    public var via: PathExpression?
    public var using: Name?
    public var condition: Condition?
    public var diversify: Diversify?
    /// `nil` when the query says neither `exclude seen` nor `include seen`.
    var includeSeen: Bool?
    public var exclude: [NodeReference] = []
    public var limit: Int?
    public var explain = false
    /// Where each clause keyword was written, to report repeats and misplaced clauses.
    public var positions: [String: TextPosition] = [:]
}

/// `diversify by <relation or kind> max <n>`
public struct Diversify: Sendable, Equatable {
    public var by: Name
    public var max: Int
}

/// A path over relations.
public enum PathExpression: Sendable, Equatable {
    /// `via category`, `via brand`, `via (in_category | has_tag)`: items that share one with the user's items.
    case shorthand([Name])
    /// `bought > in_category < in_category`: hops from the start node.
    case steps([PathStep])
}

/// One hop of a path: a direction, one or more alternative relations, and a repetition.
public struct PathStep: Sendable, Equatable {
    public enum Direction: String, Sendable { case forward = ">", backward = "<" }
    public var direction: Direction
    public var relations: [Name]
    package var minCount = 1
    package var maxCount = 1
    package var position: TextPosition
}

/// A boolean condition over node properties.
public indirect enum Condition: Sendable, Equatable {
    case comparison(Name, ComparisonOperator, Literal)
    case membership(Name, [Literal], negated: Bool)
    case contains(Name, Literal)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A literal value in a condition or command option.
public struct Literal: Sendable, Equatable, CustomStringConvertible {
    public enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        /// A bare word: a string, or a node id where one is expected.
        case word(String)
    }

    public var value: Value
    package var position: TextPosition
    package var length: Int

    public var description: String {
        switch value {
        case .string(let s): "\"\(s)\""
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        case .word(let w): w
        }
    }

    /// The literal as an error message shows it: a short excerpt, quoted as written.
    package var excerpt: String {
        if case .string(let s) = value { return "\"" + Excerpt.of(s) + "\"" }
        return Excerpt.of(description)
    }

    /// The literal as text, without quotes.
    public var text: String {
        switch value {
        case .string(let s), .word(let s): s
        default: description
        }
    }
}

/// `import`, `train`, `eval` and `stats` as statements, so a script can do everything the CLI does.
public struct Command: Sendable, Equatable {
    package enum Verb: String, Sendable, CaseIterable {
        case importData = "import", train, eval, stats
        /// `set default model <name>`: the model queries without `using` rank with.
        case setDefaultModel = "set"
        /// `retire <node>`: kept for history and training, never recommended; `unretire` undoes it.
        case retire, unretire
        /// `delete <node>`: the node, its edges and properties are gone.
        case delete
        /// `forget user <id>`: a user's data gone from the store, for good.
        case forget
    }

    package var verb: Verb
    /// The positional argument (`import "data.csv"`, `train lightgcn`), when given.
    public var argument: Name?
    /// `name value` options, in order (`epochs 20 lr 0.01`).
    public var options: [(name: Name, value: Literal)]
    package var position: TextPosition

    public static func == (a: Command, b: Command) -> Bool {
        a.verb == b.verb && a.argument == b.argument && a.position == b.position
            && a.options.count == b.options.count
            && zip(a.options, b.options).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
