import KGGraph
import KGImport
import KGModels
import KGQuery

/// The `name value` options of an `import`, `train` or `eval` statement, read through the
/// same declarations as the CLI's flags (`Setting`), so a statement reaches every option the
/// command line has: `train mf epochs 20 lr 0.005 set dropout=0.1`.
struct CommandOptions {
    let command: Command
    let text: String
    let values: SettingValues

    /// The settings a verb takes.
    static func settings(for verb: Command.Verb) -> [Setting] {
        switch verb {
        case .importData: ImportSettings.all
        case .train: TrainSettings.all
        case .eval: EvalSettings.all
        case .stats, .setDefaultModel, .retire, .unretire, .delete, .forget: []
        }
    }

    init(_ command: Command, text: String) throws(KGRecError) {
        self.command = command
        self.text = text
        let allowed = Self.settings(for: command.verb)
        var values: [SettingValues.Value] = []
        for (name, literal) in command.options {
            let key = name.text.lowercased()
            guard let setting = allowed.first(where: { $0.name == key }) else {
                throw .query(QueryError(.invalid, "unknown option \(Excerpt.quoted(name.text)) for '\(command.verb.rawValue)'",
                                        at: name.position, length: name.length,
                                        suggestion: Suggestion.closest(to: name.text, in: allowed.map(\.name))), text: text)
            }
            if !setting.repeatable, values.contains(where: { $0.name == key }) {
                throw .query(QueryError(.invalid, "option \(Excerpt.quoted(name.text)) is given twice", at: name.position,
                                        length: name.length), text: text)
            }
            values.append(.init(name: key, text: literal.text, position: literal.position, length: literal.length))
        }
        self.values = SettingValues(values)
    }

    /// Runs `body`, turning a setting error into a query error that points at the value.
    private func reading<T>(_ body: () throws(SettingError) -> T) throws(KGRecError) -> T {
        do {
            return try body()
        } catch {
            throw .query(QueryError(.invalid, error.message(.statement), at: error.position, length: error.length,
                                    suggestion: error.suggestion), text: text)
        }
    }

    /// The import options; files they name are checked against `files`.
    func importOptions(files: StatementFileAccess) throws(KGRecError) -> ImportOptions {
        var options = try reading { () throws(SettingError) in try ImportSettings.options(values) }
        if let mapping = options.mappingFile { options.mappingFile = try files.check(mapping, for: "mapping") }
        if let split = options.splitDirectory { options.splitDirectory = try files.check(split, for: "split_dir") }
        for k in options.documents.indices {
            options.documents[k].directory = try files.check(options.documents[k].directory, for: "documents")
        }
        return options
    }

    /// The training options for `model`; a checkpoint file `init_from` names is checked against `files`.
    func trainingOptions(model: String, files: StatementFileAccess) throws(KGRecError) -> TrainingOptions {
        var options = try reading { () throws(SettingError) in try TrainSettings.options(model: model, values) }
        if let source = options.warmStart, !TrainingOptions.isModel(source) {
            options.warmStart = try files.check(source, for: "init_from")
        }
        return options
    }

    func evaluationOptions() throws(KGRecError) -> (ks: [Int], split: EvaluationSplit, threads: Int) {
        try reading { () throws(SettingError) in try EvalSettings.options(values) }
    }
}

extension CommandOptions {
    /// The options of the command statement `text` (`train mf epochs 2`), for tests that check
    /// a statement reaches the same options as the flags.
    static func parse(_ text: String) throws(KGRecError) -> CommandOptions {
        let statement: Statement
        do { statement = try Parser.parse(text) } catch { throw .query(error, text: text) }
        guard case .command(let command) = statement else { throw .failed("'\(text)' is not a command") }
        return try CommandOptions(command, text: text)
    }
}
