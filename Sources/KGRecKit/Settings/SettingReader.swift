import KGQuery

/// Reads typed values of declared settings out of `SettingValues`, checking each against its
/// declaration; the one place values are checked, whichever front end gave them.
struct SettingReader {
    let values: SettingValues

    func value(_ setting: Setting) -> SettingValues.Value? { values.last(setting.name) }

    func text(_ setting: Setting) -> String? { value(setting)?.text }

    func texts(_ setting: Setting) -> [String] { values.all(setting.name).map(\.text) }

    func toggle(_ setting: Setting) throws(SettingError) -> Bool? {
        guard let value = value(setting) else { return nil }
        switch value.text.lowercased() {
        case "true", "on", "yes": return true
        case "false", "off", "no": return false
        default: throw SettingError(setting, value, takes: "true or false")
        }
    }

    func number(_ setting: Setting) throws(SettingError) -> Double? {
        guard let value = value(setting) else { return nil }
        guard case .number(let numeric) = setting.kind, let number = numeric.range.value(of: value.text) else {
            if case .number(let numeric) = setting.kind { throw SettingError(setting, value, takes: "\(numeric.range)") }
            throw SettingError(setting, value, takes: "a number")
        }
        return number
    }

    func integer(_ setting: Setting) throws(SettingError) -> Int? {
        try number(setting).flatMap { Int(exactly: $0) }
    }

    func choice(_ setting: Setting) throws(SettingError) -> String? {
        guard let value = value(setting) else { return nil }
        guard case .choice(let choices) = setting.kind else { return value.text }
        let normal = value.text.lowercased().replacingUnderscores
        guard let match = choices.first(where: { $0 == normal }) else {
            throw SettingError(setting, value, takes: Self.alternatives(choices),
                               suggestion: Suggestion.closest(to: value.text, in: choices))
        }
        return match
    }

    /// "a, b or c".
    static func alternatives(_ choices: [String]) -> String {
        choices.count <= 1 ? choices.joined() : choices.dropLast().joined(separator: ", ") + " or " + choices.last!
    }
}

extension String {
    /// `uniform_users` → `uniform-users`: statements write choices with either.
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
