/// What happened in one epoch.
public struct EpochSummary: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    /// The mean batch loss.
    public let loss: Double
    /// Seconds spent sampling and training.
    public let trainSeconds: Double
    /// Seconds spent evaluating (0 when the epoch was not evaluated).
    public let evaluationSeconds: Double
    /// The validation metrics, when the epoch was evaluated by ranking the validation split.
    public let metrics: RankingMetrics?
    /// The value early stopping compared (the validation metric or the `ValidationScore`), when
    /// the epoch was evaluated.
    public let validationScore: Double?
    /// Whether this epoch is the best so far (always true without validation).
    public let isBest: Bool
}

/// Progress reported by the `Trainer` to its observer.
public enum TrainingEvent: Sendable {
    /// An epoch begins: 1-based epoch, the epoch limit, the number of batches.
    case epochStarted(epoch: Int, epochs: Int, batches: Int)
    /// A batch finished (1-based), with its loss.
    case batchFinished(epoch: Int, batch: Int, batches: Int, loss: Float)
    /// An epoch finished (after its evaluation).
    case epochFinished(EpochSummary)
    /// Training stopped before the epoch limit: no improvement for `patience` evaluations.
    case stoppedEarly(epoch: Int, bestEpoch: Int)
    /// Training was cancelled during `epoch`; the model keeps `bestEpoch` (0: none finished).
    case cancelled(epoch: Int, bestEpoch: Int)
}
