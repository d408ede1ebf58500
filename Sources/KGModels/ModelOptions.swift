import KGGraph

/// Model-specific settings given as text (`kgrec train ngcf --set message_dropout=0.2`, or read
/// back from a checkpoint's configuration), read into typed values with errors that name the
/// key and what it takes.
///
/// Each model's `Config` lists the keys it knows; `check(known:model:)` rejects any other key
/// with a "Did you mean" suggestion, so a misspelt setting never goes unnoticed.
struct ModelOptions {
    let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// Throws for the first key (in sorted order) that `known` does not hold.
    func check(known: [String], model: String) throws(ModelError) {
        for key in values.keys.sorted() where !known.contains(key) {
            if known.isEmpty { throw .invalidSetting("unknown setting '\(key)' for \(model); it takes no model-specific settings") }
            throw .invalidSetting("unknown setting '\(key)' for \(model); it takes \(known.joined(separator: ", "))"
                                  + Suggestion.hint(for: key, in: known))
        }
    }

    /// A whole number in `range`, or nil when absent.
    func int(_ key: String, in range: ClosedRange<Int>) throws(ModelError) -> Int? {
        guard let text = values[key] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .invalidSetting("setting '\(key)' takes a whole number \(describe(range)), not '\(text)'")
        }
        return value
    }

    /// A number in `range`, or nil when absent.
    func float(_ key: String, in range: ClosedRange<Float>) throws(ModelError) -> Float? {
        guard let text = values[key] else { return nil }
        guard let value = Float(text), value.isFinite, range.contains(value) else {
            throw .invalidSetting("setting '\(key)' takes a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// Comma-separated whole numbers, each in `range`, or nil when absent.
    func ints(_ key: String, in range: ClosedRange<Int>) throws(ModelError) -> [Int]? {
        guard let text = values[key] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.map(range.contains) ?? false }) else {
            throw .invalidSetting("setting '\(key)' takes whole numbers \(describe(range)) separated by commas, not '\(text)'")
        }
        return parts.compactMap { $0 }
    }

    /// One of `choices`, or nil when absent.
    func choice(_ key: String, _ choices: [String]) throws(ModelError) -> String? {
        guard let text = values[key] else { return nil }
        guard choices.contains(text) else {
            throw .invalidSetting("setting '\(key)' takes one of \(choices.joined(separator: ", ")), not '\(text)'")
        }
        return text
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    }
}
