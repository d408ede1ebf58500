/// A command-line option: `--name VALUE` (or `--name=VALUE`), or a flag without a value.
package struct OptionSpec: Sendable {
    package var name: String
    /// The placeholder shown in help (`PATH`); `nil` makes the option a flag.
    package var value: String?
    package var help: String
    /// Whether the option may be given several times.
    package var repeatable = false

    package static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, help: help)
    }

    package static func value(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: placeholder, help: help, repeatable: repeatable)
    }

    /// `--store PATH` as help shows it.
    package var synopsis: String { value.map { "\(name) \($0)" } ?? name }
}

/// A positional argument.
package struct PositionalSpec: Sendable {
    package var name: String
    package var help: String
    package var optional = false

    package init(name: String, help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
    }
}

/// One subcommand: its name, help text, arguments, and what it runs.
package struct CommandSpec: Sendable {
    package var name: String
    package var summary: String
    package var usage: String
    /// Longer help: what the command does, examples.
    package var discussion: String = ""
    package var positionals: [PositionalSpec] = []
    package var options: [OptionSpec] = []
    /// Hidden commands (developer tools) are not listed in `kgrec help`.
    package var hidden = false
    package var run: @Sendable (ParsedArguments, Console) throws -> Int32

    package init(name: String, summary: String, usage: String, discussion: String = "", positionals: [PositionalSpec] = [],
                 options: [OptionSpec] = [], hidden: Bool = false,
                 run: @escaping @Sendable (ParsedArguments, Console) throws -> Int32) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.discussion = discussion
        self.positionals = positionals
        self.options = options
        self.hidden = hidden
        self.run = run
    }

    /// The full `--help` text, argument and option descriptions wrapped to `lineWidth` columns
    /// beside their names.
    package func help(lineWidth: Int = 100) -> String {
        var text = "\(summary)\n\nUsage: \(usage)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        if !positionals.isEmpty {
            text += "\nArguments:\n" + CommandSpec.table(positionals.map { ($0.name, $0.help) }, lineWidth: lineWidth)
        }
        let all = options + [.flag("--help", "Show this help.")]
        text += "\nOptions:\n" + CommandSpec.table(all.map { ($0.synopsis, $0.help) }, lineWidth: lineWidth)
        return text
    }

    /// Two columns: names padded to the longest, descriptions wrapped at spaces to `lineWidth`
    /// with continuation lines under the description column (at least 30 columns of text).
    package static func table(_ rows: [(name: String, description: String)], lineWidth: Int) -> String {
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let indent = 2 + nameWidth + 2
        let textWidth = max(30, lineWidth - indent)
        var text = ""
        for row in rows {
            let lines = row.description.wrapped(to: textWidth)
            text += "  " + row.name.padding(nameWidth) + "  " + (lines.first ?? "") + "\n"
            for line in lines.dropFirst() { text += String(repeating: " ", count: indent) + line + "\n" }
        }
        return text
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never truncated).
    package func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The words of the string in lines of at most `width` characters (a longer word gets a
    /// line of its own).
    package func wrapped(to width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The string padded on the left to `width` characters.
    package func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
