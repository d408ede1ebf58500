import KGAutodiff
import KGGraph
import KGModels
import KGRecKit

/// The training flags `kgrec train` and `kgrec bench train` share, and their parsing.
enum TrainOptions {
    static let specs: [OptionSpec] = [
        .value("--epochs", "N", "Most epochs to train (default 1000); early stopping on the valid split ends sooner."),
        .value("--dim", "D", "Embedding size (default 64; 128 for pinsage)."),
        .value("--layers", "K", "Propagation layers of graph models (default: the model's; 3 for lightgcn and ngcf, 2 for pinsage)."),
        .value("--lr", "RATE", "Adam's learning rate (default 0.001)."),
        .value("--lr-decay", "F", "Multiply the learning rate by F after every epoch (default 1: constant; 0.99 for pinsage)."),
        .value("--sampling", "NAME", "every-interaction (default: each train pair once an epoch) or uniform-users."),
        .value("--init", "NAME", "Initial embeddings: xavier-normal, xavier-uniform or normal:STD (default: the model's)."),
        .value("--batch", "N", "Training triples per mini-batch (default 2048)."),
        .value("--reg", "LAMBDA", "L2 regularisation λ (default 0.0001)."),
        .value("--seed", "N", "Seed of every random choice: initialisation, shuffles, negatives (default 2020)."),
        .value("--threads", "N", "Threads for kernels and evaluation (default 2)."),
        .value("--patience", "N", "Stop after N evaluations without improvement (default 50)."),
        .value("--eval-every", "N", "Evaluate the valid split every N epochs (default 1)."),
        .value("--metric", "NAME", "The validation metric early stopping follows (default ndcg@20)."),
        .value("--k", "LIST", "Cut-offs to evaluate, comma-separated (default 10,20); one above the number of items is lowered to it."),
        .value("--objective", "NAME", "The loss: bpr, bce or margin (default: the model's; bpr for most, margin for pinsage)."),
        .value("--margin", "M", "The margin of the max-margin loss (default 0.5); implies --objective margin."),
        .value("--init-from", "SOURCE", "Start the user and item embeddings of mf, lightgcn or ngcf from a model trained on "
               + "the same data: a checkpoint file (bench train --save) or a model name in the store (default: random)."),
        .value("--set", "KEY=VALUE", "A model-specific setting, e.g. message_dropout=0.2 for ngcf (repeatable).",
               repeatable: true),
    ]

    static func parse(_ args: ParsedArguments, model: String) throws -> TrainingOptions {
        guard TrainingOptions.isModel(model) else {
            throw UsageError(message: TrainingOptions.unknownModelMessage(model) + Suggestion.hint(for: model, in: ModelCatalog.names),
                             command: args.command)
        }
        var options = TrainingOptions(model: model)
        var trainer = ModelCatalog.trainerDefaults(for: model)
        trainer.threads = 2
        if let v = try args.integer(.epochs) { trainer.epochs = v }
        if let v = try args.integer(.dimension) { options.settings.dimension = v }
        if let v = try args.integer(.layers) { options.settings.layers = v }
        if let v = try args.number(.learningRate) { trainer.learningRate = Float(v) }
        if let v = try args.integer(.batch) { trainer.batchSize = v }
        if let v = try args.number(.learningRateDecay) { trainer.learningRateDecay = Float(v) }
        let samplings = [PositiveSampling.everyInteraction, .uniformUsers].map(\.rawValue)
        if let sampling = PositiveSampling(rawValue: try args.choice("--sampling", samplings, default: "")) {
            trainer.positiveSampling = sampling
        }
        if let text = args.string("--init") { options.settings.initializer = try initializer(text, args) }
        if let v = try args.number(.regularization) { trainer.regularization = Float(v) }
        if let v = try args.integer(.seed) { trainer.seed = UInt64(v) }
        if let v = try args.integer(.threads) { trainer.threads = v }
        if let v = try args.integer(.patience) { trainer.patience = v }
        if let v = try args.integer(.evaluationInterval) { trainer.evaluationInterval = v }
        if let ks = args.string("--k") { trainer.ks = try cutoffs(ks, args) }
        if let metric = args.string("--metric") {
            guard RankingMetrics(ks: trainer.ks).value(metric) != nil else {
                throw UsageError(message: "option '--metric' takes recall@K, ndcg@K, precision@K, hit@K or mrr@K "
                                 + "with K in --k (\(trainer.ks.map(String.init).joined(separator: ","))), not '\(metric)'",
                                 command: args.command)
            }
            trainer.validationMetric = metric.lowercased()
        }
        let objective = try args.choice("--objective", Objective.names, default: "")
        let margin = try args.number(.margin).map(Float.init)
        do {
            trainer.objective = try trainer.objective.choosing(name: objective.isEmpty ? nil : objective, margin: margin)
        } catch {
            throw UsageError(message: "option '--margin' goes with '--objective margin', not '--objective \(objective)'",
                             command: args.command)
        }
        for assignment in args.strings("--set") {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw UsageError(message: "option '--set' takes KEY=VALUE, not '\(assignment)'", command: args.command)
            }
            options.settings.options[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        options.warmStart = args.string("--init-from")
        options.trainer = trainer
        return options
    }

    /// `xavier-normal`, `xavier-uniform` or `normal:STD`.
    static func initializer(_ text: String, _ args: ParsedArguments) throws -> Initializer {
        guard let initializer = Initializer(name: text) else {
            throw UsageError(message: "option '--init' takes \(Initializer.nameSyntax) (STD > 0), not '\(text)'",
                             command: args.command)
        }
        return initializer
    }

    /// `10,20` → [10, 20].
    static func cutoffs(_ text: String, _ args: ParsedArguments) throws -> [Int] {
        let values = text.split(separator: ",").map { NumericSetting.cutoff.range.integer(of: String($0).trimmingWhitespace()) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw UsageError(message: "option '--k' takes positive whole numbers separated by commas, not '\(text)'",
                             command: args.command)
        }
        return Array(Set(values.compactMap { $0 })).sorted()
    }
}
