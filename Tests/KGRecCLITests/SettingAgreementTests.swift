import KGImport
import KGModels
import KGTestSupport
import Testing
@testable import KGRecBench
@testable import KGRecCLI
@testable import KGRecKit

/// The command line and the statements offer the same options, derived from one declaration
/// each: every setting has its flag in `--help`, and its example value gives the same options
/// as a flag and as a statement option.
@Suite struct SettingAgreementTests {
    static func flags(_ spec: CommandSpec) -> Set<String> { Set(spec.options.map(\.name)) }

    /// The flag form of a setting's example.
    static func arguments(_ setting: Setting) -> [String] {
        if case .toggle = setting.kind { return setting.example == "true" ? [setting.flag] : [setting.negation ?? setting.flag] }
        return [setting.flag, setting.example]
    }

    /// The statement form of a setting's example (quoted, so any text is one value).
    static func statementOption(_ setting: Setting) -> String {
        "\(setting.name) \"\(setting.example.replacingOccurrences(of: "\"", with: "\\\""))\""
    }

    @Test func everyTrainAndImportSettingIsAFlag() {
        #expect(Self.flags(TrainCommand.spec).isSuperset(of: TrainSettings.all.map(\.flag)))
        #expect(Self.flags(BenchCommand.spec).isSuperset(of: TrainSettings.all.map(\.flag)))
        #expect(Self.flags(ImportCommand.spec).isSuperset(of: ImportSettings.all.map(\.flag) + ["--no-header"]))
        #expect(Self.flags(EvalCommand.spec).isSuperset(of: EvalSettings.all.map(\.flag)))
        // And nothing else: a command's flags are its settings and the store's options.
        let store = Set(StoreOption.specs.map(\.name))
        #expect(Self.flags(TrainCommand.spec).subtracting(store) == Set(TrainSettings.all.map(\.flag)))
        #expect(Self.flags(ImportCommand.spec).subtracting(store) == Set(ImportSettings.all.map(\.flag) + ["--no-header"]))
    }

    @Test(arguments: TrainSettings.all.map(\.name))
    func aTrainSettingMeansTheSameAsAFlagAndInAStatement(_ name: String) throws {
        let setting = try #require(TrainSettings.all.first { $0.name == name })
        let parsed = try ParsedArguments(["mf"] + Self.arguments(setting), spec: TrainCommand.spec)
        let fromFlags = try TrainOptions.parse(parsed, model: "mf")
        let fromStatement = try CommandOptions.parse("train mf " + Self.statementOption(setting))
            .trainingOptions(model: "mf", files: .nothing)
        #expect(fromFlags == fromStatement)
        #expect(fromFlags != TrainingOptions(model: "mf").withDefaults, "the example of '\(name)' changes nothing")
    }

    @Test(arguments: ImportSettings.all.map(\.name))
    func anImportSettingMeansTheSameAsAFlagAndInAStatement(_ name: String) throws {
        let setting = try #require(ImportSettings.all.first { $0.name == name })
        let parsed = try ParsedArguments(["f.csv"] + Self.arguments(setting), spec: ImportCommand.spec)
        let fromFlags = try ImportCommand.importOptions(parsed)
        // Files a statement names are confined, so compare the options before that check.
        let values = try CommandOptions.parse("import \"f.csv\" " + Self.statementOption(setting)).values
        let fromStatement = try SettingFlags.reading(parsed) { () throws(SettingError) in try ImportSettings.options(values) }
        #expect(fromFlags == fromStatement)
        #expect(fromFlags != ImportOptions(), "the example of '\(name)' changes nothing")
    }
}

extension TrainingOptions {
    /// The options with nothing given: the model's trainer defaults on two threads.
    var withDefaults: TrainingOptions {
        var options = TrainingOptions(model: model)
        options.trainer = ModelCatalog.trainerDefaults(for: model)
        options.trainer.threads = 2
        return options
    }
}
