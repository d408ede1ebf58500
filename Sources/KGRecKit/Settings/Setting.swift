import KGGraph
import KGQuery

/// One option of a command, declared once: its statement name (`lr_decay`), what values it
/// takes, a placeholder and a help line. The command-line flag (`--lr-decay`), the statement
/// option (`train mf lr_decay 0.99`), `--help` and the error messages are all derived from it,
/// so the CLI and the query language offer the same options with the same checks.
public struct Setting: Sendable, Equatable {
    /// What values a setting takes.
    public enum Kind: Sendable, Equatable {
        /// On or off: the flag alone (`--strict`), `true`/`false` in a statement.
        case toggle
        /// A number in a declared range.
        case number(NumericSetting)
        /// Free text: a name, an IRI, a path, a list.
        case text
        /// One of a fixed set of words.
        case choice([String])
    }

    /// The statement option's name, with underscores.
    public let name: String
    public let kind: Kind
    /// The placeholder `--help` shows (`N`, `RATE`); empty for toggles.
    public let placeholder: String
    public let help: String
    /// Whether the option may be given several times (`--id-namespace`, `--set`).
    public let repeatable: Bool
    /// A flag that turns a toggle off (`--no-header`), when off is not simply the default.
    public let negation: String?
    /// A valid value, for examples and for the test that checks both front ends agree.
    public let example: String

    public init(_ name: String, _ kind: Kind, placeholder: String = "", help: String, repeatable: Bool = false,
                negation: String? = nil, example: String) {
        self.name = name
        self.kind = kind
        self.placeholder = placeholder
        self.help = help
        self.repeatable = repeatable
        self.negation = negation
        self.example = example
    }

    /// A numeric setting, its name and range from `numeric`.
    public static func number(_ numeric: NumericSetting, placeholder: String, help: String, example: String) -> Setting {
        Setting(numeric.name, .number(numeric), placeholder: placeholder, help: help, example: example)
    }

    /// The command-line flag: `--` and the name with dashes.
    public var flag: String { "--" + String(name.map { $0 == "_" ? "-" : $0 }) }
}

/// The values given for a command's settings, from flags or from a statement's options, with
/// where each came from (for error messages).
public struct SettingValues: Sendable {
    public struct Value: Sendable {
        public var name: String
        public var text: String
        /// Where a statement wrote the value; nil for command-line flags.
        public var position: TextPosition?
        public var length: Int

        public init(name: String, text: String, position: TextPosition? = nil, length: Int = 1) {
            self.name = name
            self.text = text
            self.position = position
            self.length = length
        }
    }

    public var values: [Value]

    public init(_ values: [Value] = []) {
        self.values = values
    }

    /// The last value given for `name`.
    func last(_ name: String) -> Value? { values.last { $0.name == name } }

    /// Every value given for `name`, in order.
    func all(_ name: String) -> [Value] { values.filter { $0.name == name } }
}

/// A value a setting does not accept, phrased for either front end.
public struct SettingError: Error, Sendable {
    /// How a front end names settings: `option '--lr'` on the command line, `'lr'` in a statement.
    public enum Form: Sendable { case flag, statement }

    /// Where the value was written (statements), for the caret.
    public var position: TextPosition?
    public var length: Int
    /// A close valid value, for "Did you mean".
    public var suggestion: String?
    private let render: @Sendable (Form) -> String

    init(at value: SettingValues.Value?, suggestion: String? = nil, _ render: @escaping @Sendable (Form) -> String) {
        position = value?.position
        length = value?.length ?? 1
        self.suggestion = suggestion
        self.render = render
    }

    /// `setting` does not take `value`: "option '--lr' takes …, not '-0.1'" / "'lr' takes …, not '-0.1'".
    init(_ setting: Setting, _ value: SettingValues.Value, takes what: String, suggestion: String? = nil) {
        let text = Excerpt.quoted(value.text)
        self.init(at: value, suggestion: suggestion) { form in "\(setting.named(form)) takes \(what), not \(text)" }
    }

    /// The message in the front end's form.
    public func message(_ form: Form) -> String { render(form) }
}

extension Setting {
    /// How `form` names the setting in a message.
    public func named(_ form: SettingError.Form) -> String {
        form == .flag ? "option '\(flag)'" : "'\(name)'"
    }

    /// How `form` writes the setting with a value (`--objective margin`, `objective margin`).
    func written(_ form: SettingError.Form, _ value: String) -> String {
        form == .flag ? "'\(flag) \(value)'" : "'\(name) \(value)'"
    }
}
