import KGRecKit

/// The training flags `kgrec train` and `kgrec bench train` share: KGRecKit's declared
/// training settings (`TrainSettings`), as flags.
package enum TrainOptions {
    package static let specs = SettingFlags.specs(TrainSettings.all)

    package static func parse(_ args: ParsedArguments, model: String) throws -> TrainingOptions {
        guard TrainingOptions.isModel(model) else {
            throw UsageError(message: TrainingOptions.unknownModelMessage(model) + Suggestion.hint(for: model, in: TrainingOptions.modelNames),
                             command: args.command)
        }
        let values = try SettingFlags.values(args, TrainSettings.all)
        return try SettingFlags.reading(args) { () throws(SettingError) in try TrainSettings.options(model: model, values) }
    }
}
