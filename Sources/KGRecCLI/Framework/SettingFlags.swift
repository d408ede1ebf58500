import KGRecKit

/// Command-line flags derived from KGRecKit's declared settings: the option specs `--help`
/// lists, and the values a command line gives them.
package enum SettingFlags {
    /// One option spec per setting (a toggle with a negation gets both flags).
    package static func specs(_ settings: [Setting]) -> [OptionSpec] {
        settings.flatMap { setting -> [OptionSpec] in
            guard case .toggle = setting.kind else {
                return [.value(setting.flag, setting.placeholder, setting.help, repeatable: setting.repeatable)]
            }
            return [.flag(setting.flag, setting.help)]
                + (setting.negation.map { [.flag($0, "The opposite of \(setting.flag).")] } ?? [])
        }
    }

    /// The values `args` give the settings, in the form KGRecKit reads them.
    package static func values(_ args: ParsedArguments, _ settings: [Setting]) throws(UsageError) -> SettingValues {
        var values: [SettingValues.Value] = []
        for setting in settings {
            guard case .toggle = setting.kind else {
                values += args.strings(setting.flag).map { SettingValues.Value(name: setting.name, text: $0) }
                continue
            }
            if let negation = setting.negation, args.flag(negation) {
                if args.flag(setting.flag) {
                    throw UsageError(message: "give '\(setting.flag)' or '\(negation)', not both", command: args.command)
                }
                values.append(.init(name: setting.name, text: "false"))
            } else if args.flag(setting.flag) {
                values.append(.init(name: setting.name, text: "true"))
            }
        }
        return SettingValues(values)
    }

    /// Runs `body`, turning a setting error into a usage error in the flags' words.
    package static func reading<T>(_ args: ParsedArguments, _ body: () throws(SettingError) -> T) throws(UsageError) -> T {
        do {
            return try body()
        } catch {
            let hint = error.suggestion.map { ". Did you mean \(Excerpt.quoted($0))?" } ?? ""
            throw UsageError(message: error.message(.flag) + hint, command: args.command)
        }
    }
}
