import KGGraph
import KGModels

/// The one way kgrec trains a model, shared by `Session.train` and `kgrec bench train`: the
/// model from its catalog entry, an optional warm start, and early stopping on the validation
/// score the options name — a ranking metric of the valid split (`ndcg@20`), or `auc` on the
/// valid labelled pairs (KGCN's click-through protocol).
public struct TrainingRun {
    /// The options as the run uses them: cut-offs above the item count lowered, the validation
    /// metric resolved (see `notes`).
    public private(set) var options: TrainingOptions
    /// What the run changed from what was asked ("k 1000 is more than the 300 items; using 300").
    public private(set) var notes: [String] = []
    public let data: InteractionMatrix
    public let graph: GraphSnapshot
    /// The labelled valid pairs early stopping scores when it follows `auc`.
    public let validPairs: CTRPairs?

    /// The name of the click-through validation score.
    public static let auc = "auc"

    /// Checks `options` against the data: the validation metric must be a ranking metric at one
    /// of the cut-offs, or `auc` with labelled valid pairs. A model whose own default is `auc`
    /// (KGCN) follows `ndcg@20` instead, with a note, on data without labelled pairs; without a
    /// valid split, every asked epoch is trained and the last one kept.
    public init(_ options: TrainingOptions, data: InteractionMatrix, graph: GraphSnapshot) throws(KGRecError) {
        self.options = options
        self.data = data
        self.graph = graph
        notes = Cutoffs.clamp(&self.options.trainer, itemCount: data.itemCount)
        var trainer = self.options.trainer
        var validPairs: CTRPairs?
        if trainer.validationMetric == Self.auc {
            let pairs = CTRPairs(snapshot: graph, data: data, split: .valid)
            if pairs.count > 0 && pairs.positiveCount > 0 && pairs.positiveCount < pairs.count {
                validPairs = pairs
            } else if options.validationMetricGiven {
                throw .failed("early stopping follows 'auc', but the data has no labelled valid pairs with both labels "
                              + "(a KGCN layout's split/ctr_valid.tsv); choose a ranking metric such as ndcg@20 (metric, --metric)")
            } else {
                let k = min(20, max(1, data.itemCount))
                trainer.validationMetric = "ndcg@\(k)"
                trainer.ks = Array(Set(trainer.ks + [k])).sorted()
                notes.append("no labelled valid pairs to measure auc on; early stopping follows \(trainer.validationMetric)")
            }
        }
        if validPairs == nil {
            if data.valid.nonZeroCount == 0 && trainer.validationSplit == .valid {
                // Without a valid split there is nothing to stop on: train the epochs asked for.
                trainer.validationSplit = nil
            }
            if trainer.validationSplit != nil && RankingMetrics(ks: trainer.ks).value(trainer.validationMetric) == nil {
                let ks = trainer.ks.map(String.init).joined(separator: ",")
                throw .failed("early stopping follows '\(trainer.validationMetric)', but the cut-offs are \(ks); add its "
                              + "cut-off to k, or choose a metric at one of them, or auc (metric, --metric)")
            }
        }
        self.options.trainer = trainer
        self.validPairs = validPairs
    }

    /// A freshly initialised model (from the trainer's seed), started from `warmStart`'s user
    /// and item embeddings when given.
    public func makeModel(warmStart: Checkpoint? = nil) throws(KGRecError) -> any Recommender {
        do {
            let model = try ModelCatalog.make(options.model, data: data, graph: graph, settings: options.settings,
                                              seed: options.trainer.seed)
            try warmStart?.warmStart(model)
            return model
        } catch {
            throw .model(error)
        }
    }

    /// Trains `model` (from `makeModel`); it ends holding the best epoch's parameters.
    public func train(_ model: any Recommender, observer: ((TrainingEvent) -> Void)? = nil,
                      isCancelled: (() -> Bool)? = nil) throws(KGRecError) -> TrainingResult {
        let score = validPairs.map { ValidationScore.auc(on: $0, threads: options.trainer.threads) }
        do {
            return try Trainer(config: options.trainer).train(model, data: data, validationScore: score,
                                                               observer: observer, isCancelled: isCancelled)
        } catch {
            throw .model(error)
        }
    }
}

extension TrainingResult {
    /// The score early stopping kept the best epoch for (its validation metric, or `auc`), when
    /// the run validated.
    public var bestValidationScore: Double? {
        epochs.first { $0.epoch == bestEpoch }?.validationScore
    }
}
