import KGRecKit

/// A usage mistake: an unknown option, a missing or malformed value. Exits with 64.
package struct UsageError: Error, Equatable {
    package var message: String
    /// The command whose usage line and help the error points to (`nil`: kgrec itself).
    package var command: String?

    package init(message: String, command: String?) {
        self.message = message
        self.command = command
    }
}

/// The arguments of one command, checked against its spec.
package struct ParsedArguments {
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    package let command: String

    /// Parses `arguments` (after the subcommand name) against `spec`.
    package init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        command = spec.name
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" || ParsedArguments.isNumber(argument) {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let known = spec.options.map(\.name) + ["--help"]
                throw UsageError(message: "unknown option '\(name)'" + Suggestion.hint(for: name, in: known), command: spec.name)
            }
            if option.value == nil {
                if inlineValue != nil {
                    throw UsageError(message: "option '\(name)' takes no value", command: spec.name)
                }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError(message: "option '\(name)' needs a value (\(option.value!))", command: spec.name)
                }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil && !option.repeatable {
                throw UsageError(message: "option '\(name)' is given more than once", command: spec.name)
            }
            values[name, default: []].append(value)
        }
        let required = spec.positionals.filter { !$0.optional }.count
        if positionals.count < required {
            let missing = spec.positionals[positionals.count]
            throw UsageError(message: "missing \(missing.name): \(missing.help.prefix(1).lowercased() + missing.help.dropFirst())",
                             command: spec.name)
        }
        if positionals.count > spec.positionals.count {
            let extra = positionals[spec.positionals.count]
            throw UsageError(message: "unexpected argument '\(extra)'", command: spec.name)
        }
    }

    private static func isNumber(_ text: String) -> Bool { Double(text) != nil }

    package func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }

    package func flag(_ name: String) -> Bool { flags.contains(name) }

    package func string(_ name: String) -> String? { values[name]?.last }

    package func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// A whole-number setting's flag, checked against its range; nil when absent.
    package func integer(_ setting: NumericSetting) throws(UsageError) -> Int? {
        guard let text = string(setting.flag) else { return nil }
        guard let value = setting.range.integer(of: text) else {
            throw UsageError(message: setting.flagMessage(text), command: command)
        }
        return value
    }

    /// A numeric setting's flag, checked against its range; nil when absent.
    package func number(_ setting: NumericSetting) throws(UsageError) -> Double? {
        guard let text = string(setting.flag) else { return nil }
        guard let value = setting.range.value(of: text) else {
            throw UsageError(message: setting.flagMessage(text), command: command)
        }
        return value
    }

    /// One of a fixed set of choices.
    package func choice(_ name: String, _ choices: [String], default defaultValue: String) throws(UsageError) -> String {
        guard let text = string(name) else { return defaultValue }
        guard choices.contains(text) else {
            throw UsageError(message: "option '\(name)' takes one of \(choices.joined(separator: ", ")), not '\(text)'"
                                 + Suggestion.hint(for: text, in: choices), command: command)
        }
        return text
    }
}
