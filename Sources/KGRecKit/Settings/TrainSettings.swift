import Foundation
import KGAutodiff
import KGModels

/// The options of `train` (the command, `kgrec bench train` and the statement), declared once.
public enum TrainSettings {
    static let defaults = TrainerConfig()

    public static let epochs = Setting.number(.epochs, placeholder: "N", help:
        "Most epochs to train (default \(defaults.epochs)); early stopping on the valid split ends sooner.", example: "20")
    public static let dimension = Setting.number(.dimension, placeholder: "D", help:
        "Embedding size (default \(ModelCatalog.Settings.defaultDimension); " + ModelCatalog.entries
            .filter { $0.defaultDimension != ModelCatalog.Settings.defaultDimension }
            .map { "\($0.defaultDimension) for \($0.name)" }.joined(separator: ", ") + ").", example: "32")
    public static let layers = Setting.number(.layers, placeholder: "K", help:
        "Propagation layers of graph models (default: the model's; 3 for lightgcn and ngcf, 2 for pinsage).", example: "2")
    public static let learningRate = Setting.number(.learningRate, placeholder: "RATE", help:
        "Adam's learning rate (default \(defaults.learningRate)).", example: "0.005")
    public static let learningRateDecay = Setting.number(.learningRateDecay, placeholder: "F", help:
        "Multiply the learning rate by F after every epoch (default 1: constant; 0.99 for pinsage).", example: "0.99")
    public static let sampling = Setting("sampling", .choice([PositiveSampling.everyInteraction, .uniformUsers].map(\.rawValue)),
        placeholder: "NAME", help: "every-interaction (default: each train pair once an epoch) or uniform-users.",
        example: "uniform-users")
    public static let initializer = Setting("init", .text, placeholder: "NAME", help:
        "Initial embeddings: \(Initializer.nameSyntax) (default: the model's).", example: "normal:0.1")
    public static let batch = Setting.number(.batch, placeholder: "N", help:
        "Training triples per mini-batch (default \(defaults.batchSize)).", example: "512")
    public static let regularization = Setting.number(.regularization, placeholder: "LAMBDA", help:
        "L2 regularisation λ (default \(defaults.regularization)).", example: "0.001")
    public static let seed = Setting.number(.seed, placeholder: "N", help:
        "Seed of every random choice: initialisation, shuffles, negatives (default \(defaults.seed)).", example: "7")
    public static let threads = Setting.number(.threads, placeholder: "N", help:
        "Threads for kernels and evaluation (default 2).", example: "1")
    public static let patience = Setting.number(.patience, placeholder: "N", help:
        "Stop after N evaluations without improvement (default \(defaults.patience)).", example: "5")
    public static let evaluationInterval = Setting.number(.evaluationInterval, placeholder: "N", help:
        "Evaluate the valid split every N epochs (default \(defaults.evaluationInterval)).", example: "2")
    public static let metric = Setting("metric", .text, placeholder: "NAME", help:
        "What early stopping follows: a ranking metric of the valid split, or auc on its labelled pairs "
        + "(default \(defaults.validationMetric); auc for kgcn when the data has labelled pairs).", example: "recall@10")
    public static let cutoffs = Setting("k", .text, placeholder: "LIST", help:
        "Cut-offs to evaluate, comma-separated (default 10,20); one above the number of items is lowered to it.",
        example: "5,10")
    public static let objective = Setting("objective", .choice(Objective.names), placeholder: "NAME", help:
        "The loss: bpr, bce or margin (default: the model's; bpr for most, margin for pinsage).", example: "bce")
    public static let margin = Setting.number(.margin, placeholder: "M", help:
        "The margin of the max-margin loss (default 0.5); implies objective margin.", example: "0.3")
    public static let initFrom = Setting("init_from", .text, placeholder: "SOURCE", help:
        "Start the user and item embeddings of mf, lightgcn or ngcf from a model trained on the same data: a checkpoint "
        + "file (bench train --save) or a model name in the store (default: random).", example: "mf")
    public static let modelSetting = Setting("set", .text, placeholder: "KEY=VALUE", help:
        "A model-specific setting, e.g. message_dropout=0.2 for ngcf (repeatable).", repeatable: true,
        example: "message_dropout=0.2")

    /// Every training option, in `--help` order.
    public static let all = [epochs, dimension, layers, learningRate, learningRateDecay, sampling, initializer, batch,
                             regularization, seed, threads, patience, evaluationInterval, metric, cutoffs, objective,
                             margin, initFrom, modelSetting]

    /// The training options `values` give for `model`, on top of the model's own trainer defaults.
    public static func options(model: String, _ values: SettingValues) throws(SettingError) -> TrainingOptions {
        let read = SettingReader(values: values)
        var options = TrainingOptions(model: model)
        var trainer = ModelCatalog.trainerDefaults(for: model)
        trainer.threads = 2
        if let v = try read.integer(epochs) { trainer.epochs = v }
        if let v = try read.integer(dimension) { options.settings.dimension = v }
        if let v = try read.integer(layers) { options.settings.layers = v }
        if let v = try read.number(learningRate) { trainer.learningRate = Float(v) }
        if let v = try read.number(learningRateDecay) { trainer.learningRateDecay = Float(v) }
        if let v = try read.choice(sampling) { trainer.positiveSampling = PositiveSampling(rawValue: v) ?? trainer.positiveSampling }
        if let value = read.value(initializer) {
            guard let parsed = Initializer(name: value.text) else {
                throw SettingError(initializer, value, takes: "\(Initializer.nameSyntax) (STD > 0)")
            }
            options.settings.initializer = parsed
        }
        if let v = try read.integer(batch) { trainer.batchSize = v }
        if let v = try read.number(regularization) { trainer.regularization = Float(v) }
        if let v = try read.integer(seed) { trainer.seed = UInt64(v) }
        if let v = try read.integer(threads) { trainer.threads = v }
        if let v = try read.integer(patience) { trainer.patience = v }
        if let v = try read.integer(evaluationInterval) { trainer.evaluationInterval = v }
        if let value = read.value(cutoffs) { trainer.ks = try cutoffList(value, cutoffs) }
        if let value = read.value(metric) {
            let name = value.text.lowercased()
            guard name == TrainingRun.auc || RankingMetrics(ks: trainer.ks).value(name) != nil else {
                let ks = trainer.ks.map(String.init).joined(separator: ",")
                throw SettingError(metric, value, takes: "recall@K, ndcg@K, precision@K, hit@K or mrr@K with K among the "
                                   + "cut-offs (\(ks)), or auc on labelled valid pairs")
            }
            trainer.validationMetric = name
            options.validationMetricGiven = true
        }
        let chosen = try read.choice(objective)
        let marginValue = try read.number(margin).map(Float.init)
        do {
            trainer.objective = try trainer.objective.choosing(name: chosen, margin: marginValue)
        } catch {
            let objectiveValue = read.value(objective)
            throw SettingError(at: read.value(margin)) { form in
                "\(margin.named(form)) goes with \(objective.written(form, "margin")), not \(objective.written(form, objectiveValue?.text ?? ""))"
            }
        }
        for value in values.all(modelSetting.name) {
            guard let equals = value.text.firstIndex(of: "="), equals != value.text.startIndex else {
                throw SettingError(modelSetting, value, takes: "KEY=VALUE")
            }
            options.settings.options[String(value.text[..<equals])] = String(value.text[value.text.index(after: equals)...])
        }
        options.warmStart = read.text(initFrom)
        options.trainer = trainer
        return options
    }

    /// `10,20` → [10, 20], each a positive whole number.
    static func cutoffList(_ value: SettingValues.Value, _ setting: Setting) throws(SettingError) -> [Int] {
        let parts = value.text.split(separator: ",", omittingEmptySubsequences: false)
            .map { NumericSetting.cutoff.range.integer(of: String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw SettingError(setting, value, takes: "positive whole numbers separated by commas")
        }
        return Array(Set(parts.compactMap { $0 })).sorted()
    }
}

/// The options of `eval`, declared once.
public enum EvalSettings {
    public static let cutoffs = Setting("k", .text, placeholder: "LIST", help:
        "Cut-offs, comma-separated (default 10,20); one above the number of items is lowered to it.", example: "5,20")
    public static let split = Setting("split", .choice(["test", "valid"]), placeholder: "NAME", help:
        "test (default) or valid.", example: "valid")
    public static let threads = Setting.number(.threads, placeholder: "N", help: "Threads (default 2).", example: "1")

    public static let all = [cutoffs, split, threads]

    /// The cut-offs, split and threads `values` give.
    public static func options(_ values: SettingValues) throws(SettingError) -> (ks: [Int], split: EvaluationSplit, threads: Int) {
        let read = SettingReader(values: values)
        let ks = try read.value(cutoffs).map { (v) throws(SettingError) in try TrainSettings.cutoffList(v, cutoffs) } ?? [10, 20]
        let chosen = try read.choice(split).flatMap(EvaluationSplit.init(rawValue:)) ?? .test
        return (ks, chosen, try read.integer(threads) ?? 2)
    }
}
