import KGRecKit

/// The training flags `kgrec train` and `kgrec bench train` share: KGRecKit's declared
/// training settings (`TrainSettings`), as flags.
enum TrainOptions {
    static let specs = SettingFlags.specs(TrainSettings.all)

    static func parse(_ args: ParsedArguments, model: String) throws -> TrainingOptions {
        guard TrainingOptions.isModel(model) else {
            let hint = Suggestion.closest(to: model, in: TrainingOptions.modelNames).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError(message: TrainingOptions.unknownModelMessage(model) + hint, command: args.command)
        }
        let values = try SettingFlags.values(args, TrainSettings.all)
        return try SettingFlags.reading(args) { () throws(SettingError) in try TrainSettings.options(model: model, values) }
    }
}
