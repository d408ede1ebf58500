import KGAutodiff
import KGGraph
import KGImport
import KGModels
import KGQuery

/// The `name value` options of an `import`, `train` or `eval` statement, checked against the
/// names each accepts (the same as the CLI's flags, without dashes: `epochs 20 lr 0.005`).
struct CommandOptions {
    let command: Command
    let text: String

    init(_ command: Command, text: String) throws(KGRecError) {
        self.command = command
        self.text = text
        let allowed: [String] = switch command.verb {
        case .importData: ["format", "relation", "delimiter", "user_prefix", "item_prefix", "id_namespace", "base", "seed",
                           "mapping", "strict"]
        case .train: ["epochs", "dim", "layers", "lr", "lr_decay", "sampling", "batch", "reg", "seed", "threads",
                      "patience", "eval_every", "metric", "k", "init", "objective", "margin"]
        case .eval: ["k", "split", "threads"]
        case .stats: []
        }
        for option in command.options where !allowed.contains(option.name.text.lowercased()) {
            throw error("unknown option \(Excerpt.quoted(option.name.text)) for '\(command.verb.rawValue)'", at: option.name,
                        suggestion: Suggestion.closest(to: option.name.text, in: allowed))
        }
    }

    private func value(_ name: String) -> Literal? {
        command.options.last { $0.name.text.lowercased() == name }?.value
    }

    private func error(_ message: String, at name: Name, suggestion: String? = nil) -> KGRecError {
        .query(QueryError(.invalid, message, at: name.position, length: name.length, suggestion: suggestion), text: text)
    }

    /// A numeric option, checked against its setting's range; nil when absent.
    private func number(_ setting: NumericSetting) throws(KGRecError) -> Double? {
        guard let literal = value(setting.name) else { return nil }
        guard case .number(let n) = literal.value, setting.range.contains(n) else {
            throw .query(QueryError(.invalid, setting.statementMessage(literal.text), at: literal.position,
                                    length: literal.length), text: text)
        }
        return n
    }

    /// A whole-number option, checked against its setting's range; nil when absent.
    private func integer(_ setting: NumericSetting) throws(KGRecError) -> Int? {
        try number(setting).flatMap { Int(exactly: $0) }
    }

    private func cutoffs() throws(KGRecError) -> [Int]? {
        guard let literal = value("k") else { return nil }
        let parts = literal.text.split(separator: ",").map { NumericSetting.cutoff.range.integer(of: String($0)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw .query(QueryError(.invalid, "'k' takes positive whole numbers separated by commas, not \(Excerpt.quoted(literal.text))",
                                    at: literal.position, length: literal.length), text: text)
        }
        return Array(Set(parts.compactMap { $0 })).sorted()
    }

    func importOptions() throws(KGRecError) -> ImportOptions {
        var options = ImportOptions()
        if let format = value("format") {
            guard let parsed = ImportFormat(name: format.text) else {
                throw .query(QueryError(.invalid, "unknown format \(Excerpt.quoted(format.text))", at: format.position, length: format.length,
                                        suggestion: Suggestion.closest(to: format.text, in: ImportFormat.allCases.map(\.rawValue))),
                             text: text)
            }
            options.format = parsed
        }
        if let v = value("relation") { options.relation = v.text }
        if let v = value("delimiter") { options.delimiter = v.text == "tab" ? "\t" : v.text.first }
        if let v = value("user_prefix") { options.userPrefix = v.text }
        if let v = value("item_prefix") { options.itemPrefix = v.text }
        if let v = value("id_namespace") { options.idNamespaces = [v.text] }
        if let v = value("base") { options.baseIRI = v.text }
        if let v = value("mapping") { options.mappingFile = v.text }
        if let v = try integer(.seed) { options.seed = UInt64(v) }
        if case .bool(let strict)? = value("strict")?.value { options.strict = strict }
        return options
    }

    func trainingOptions(model: String) throws(KGRecError) -> TrainingOptions {
        if let name = command.argument, !TrainingOptions.isModel(name.text) {
            throw error(TrainingOptions.unknownModelMessage(name.text), at: name,
                        suggestion: Suggestion.closest(to: name.text, in: ModelCatalog.names))
        }
        var options = TrainingOptions(model: model)
        var trainer = ModelCatalog.trainerDefaults(for: model)
        trainer.threads = 2
        if let v = try integer(.epochs) { trainer.epochs = v }
        if let v = try integer(.dimension) { options.settings.dimension = v }
        if let v = try integer(.layers) { options.settings.layers = v }
        if let v = try number(.learningRate) { trainer.learningRate = Float(v) }
        if let v = try number(.learningRateDecay) { trainer.learningRateDecay = Float(v) }
        if let literal = value("sampling") {
            let names = [PositiveSampling.everyInteraction, .uniformUsers].map(\.rawValue)
            guard let sampling = PositiveSampling(rawValue: literal.text.lowercased().replacingOccurrences(of: "_", with: "-")) else {
                throw .query(QueryError(.invalid, "'sampling' takes \(names.joined(separator: " or ")), not \(Excerpt.quoted(literal.text))",
                                        at: literal.position, length: literal.length,
                                        suggestion: Suggestion.closest(to: literal.text, in: names)),
                             text: text)
            }
            trainer.positiveSampling = sampling
        }
        if let literal = value("init") {
            guard let initializer = Initializer(name: literal.text) else {
                throw .query(QueryError(.invalid, "'init' takes \(Initializer.nameSyntax) (STD > 0, quoted), not \(Excerpt.quoted(literal.text))",
                                        at: literal.position, length: literal.length), text: text)
            }
            options.settings.initializer = initializer
        }
        try chooseObjective(&trainer)
        if let v = try integer(.batch) { trainer.batchSize = v }
        if let v = try number(.regularization) { trainer.regularization = Float(v) }
        if let v = try integer(.seed) { trainer.seed = UInt64(v) }
        if let v = try integer(.threads) { trainer.threads = v }
        if let v = try integer(.patience) { trainer.patience = v }
        if let v = try integer(.evaluationInterval) { trainer.evaluationInterval = v }
        if let ks = try cutoffs() { trainer.ks = ks }
        if let metric = value("metric") {
            guard RankingMetrics(ks: trainer.ks).value(metric.text) != nil else {
                throw .query(QueryError(.invalid, "'metric' takes recall@K, ndcg@K, precision@K, hit@K or mrr@K, not \(metric.excerpt)",
                                        at: metric.position, length: metric.length), text: text)
            }
            trainer.validationMetric = metric.text.lowercased()
        }
        options.trainer = trainer
        return options
    }

    /// `objective bpr|bce|margin` and `margin M` (which implies `objective margin`); a model
    /// trained with the max-margin loss keeps its margin when only `objective margin` is given.
    private func chooseObjective(_ trainer: inout TrainerConfig) throws(KGRecError) {
        let margin = try number(.margin).map(Float.init)
        guard let literal = value("objective") else {
            if let margin { trainer.objective = .marginRanking(margin: margin) }
            return
        }
        do {
            trainer.objective = try trainer.objective.choosing(name: literal.text, margin: margin)
        } catch .unknownName {
            throw .query(QueryError(.invalid, "'objective' takes \(Objective.names.joined(separator: ", ")), not \(Excerpt.quoted(literal.text))",
                                    at: literal.position, length: literal.length,
                                    suggestion: Suggestion.closest(to: literal.text, in: Objective.names)), text: text)
        } catch {
            throw .query(QueryError(.invalid, "'margin' goes with 'objective margin', not 'objective \(literal.text)'",
                                    at: literal.position, length: literal.length), text: text)
        }
    }

    func evaluationOptions() throws(KGRecError) -> (ks: [Int], split: EvaluationSplit, threads: Int) {
        var split = EvaluationSplit.test
        if let literal = value("split") {
            guard let parsed = EvaluationSplit(rawValue: literal.text.lowercased()) else {
                throw .query(QueryError(.invalid, "'split' takes test or valid, not \(Excerpt.quoted(literal.text))", at: literal.position,
                                        length: literal.length), text: text)
            }
            split = parsed
        }
        return (try cutoffs() ?? [10, 20], split, try integer(.threads) ?? 2)
    }
}
