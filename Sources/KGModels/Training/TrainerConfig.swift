/// How the `Trainer` trains; defaults are the LightGCN paper's settings.
public struct TrainerConfig: Sendable, Equatable {
    /// The most epochs to run (one epoch = one pass over every train interaction). Default 1000.
    public var epochs = 1000
    /// Triples per mini-batch. Default 2048.
    public var batchSize = 2048
    /// Adam's learning rate. Default 1e-3.
    public var learningRate: Float = 1e-3
    /// The learning rate is multiplied by this after every epoch (exponential decay; 1 keeps it
    /// constant). A large initial rate with decay reaches in tens of epochs what a small constant
    /// rate reaches in hundreds. Default 1.
    public var learningRateDecay: Float = 1
    /// λ of the L2 penalty λ · ½ Σ ‖r‖² / batch on the model's `BatchScores.regularized`
    /// representations. Default 1e-4.
    public var regularization: Float = 1e-4
    /// How each epoch's (user, positive) pairs are drawn. Default `.everyInteraction`.
    public var positiveSampling = PositiveSampling.everyInteraction
    /// The objective over positive and negative scores. Default BPR.
    public var objective = Objective.bpr
    /// The metric early stopping and the best checkpoint follow (`ndcg@20`, `recall@20`, …;
    /// see `RankingMetrics.value`). Default `ndcg@20`.
    public var validationMetric = "ndcg@20"
    /// The cut-offs evaluated after each epoch. Default [10, 20].
    public var ks = [10, 20]
    /// The split ranked after each epoch for early stopping; `nil` trains every epoch and keeps
    /// the last one. With `.valid` and an empty valid split, nothing is evaluated during training.
    /// Default `.valid`.
    public var validationSplit: EvaluationSplit? = .valid
    /// Evaluate every this many epochs. Default 1.
    public var evaluationInterval = 1
    /// Stop after this many evaluations without improvement of `validationMetric`. Default 50.
    public var patience = 50
    /// Seeds the trainer's shuffles and negative samples (the model's initialisation takes its
    /// own generator). Default 2020.
    public var seed: UInt64 = 2020
    /// Threads for every kernel, the optimiser and evaluation. Default 1.
    public var threads = 1
    /// Whether a model's own training step (`DedicatedBPRStep`, MF-BPR's) replaces the tape and
    /// dense Adam; off only to compare the two. Default on.
    package var dedicatedSteps = true

    public init() {}

    /// Every field as (key, value), for checkpoints and logs.
    public var entries: [(key: String, value: String)] {
        [("epochs", String(epochs)), ("batch_size", String(batchSize)), ("learning_rate", String(learningRate)),
         ("learning_rate_decay", String(learningRateDecay)),
         ("regularization", String(regularization)), ("objective", String(describing: objective)),
         ("positive_sampling", positiveSampling.rawValue),
         ("validation_metric", validationMetric), ("ks", ks.map(String.init).joined(separator: ",")),
         ("validation_split", validationSplit?.rawValue ?? "none"),
         ("evaluation_interval", String(evaluationInterval)), ("patience", String(patience)),
         ("seed", String(seed)), ("threads", String(threads))]
    }
}

/// How an epoch's (user, positive item) training pairs are drawn; each is then given a uniform
/// negative.
public enum PositiveSampling: String, Sendable, Equatable {
    /// Every train interaction once per epoch, in a shuffled order (RecBole).
    case everyInteraction = "every-interaction"
    /// As many pairs per epoch as there are train interactions, each drawn by picking a user
    /// uniformly among the users with train interactions and then one of that user's train items
    /// uniformly: the sampler of the NGCF and LightGCN reference code, which weighs every user
    /// equally, as the user-averaged ranking metrics do.
    case uniformUsers = "uniform-users"
}
