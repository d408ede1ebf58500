/// A command-line option: `--name VALUE` (or `--name=VALUE`), or a flag without a value.
struct OptionSpec: Sendable {
    var name: String
    /// The placeholder shown in help (`PATH`); `nil` makes the option a flag.
    var value: String?
    var help: String
    /// Whether the option may be given several times.
    var repeatable = false

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, help: help)
    }

    static func value(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: placeholder, help: help, repeatable: repeatable)
    }

    /// `--store PATH` as help shows it.
    var synopsis: String { value.map { "\(name) \($0)" } ?? name }
}

/// A positional argument.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var optional = false
}

/// One subcommand: its name, help text, arguments, and what it runs.
struct CommandSpec: Sendable {
    var name: String
    var summary: String
    var usage: String
    /// Longer help: what the command does, examples.
    var discussion: String = ""
    var positionals: [PositionalSpec] = []
    var options: [OptionSpec] = []
    /// Hidden commands (developer tools) are not listed in `kgrec help`.
    var hidden = false
    var run: @Sendable (ParsedArguments, Console) throws -> Int32

    /// The full `--help` text.
    var help: String {
        var text = "\(summary)\n\nUsage: \(usage)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        if !positionals.isEmpty {
            text += "\nArguments:\n"
            let width = positionals.map(\.name.count).max() ?? 0
            for p in positionals { text += "  " + p.name.padding(width) + "  " + p.help + "\n" }
        }
        let all = options + [.flag("--help", "Show this help.")]
        text += "\nOptions:\n"
        let width = all.map(\.synopsis.count).max() ?? 0
        for o in all { text += "  " + o.synopsis.padding(width) + "  " + o.help + "\n" }
        return text
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never truncated).
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded on the left to `width` characters.
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
