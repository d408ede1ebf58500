import Foundation
import KGRecKit

/// Renders `TrainingEvent`s: on a terminal, a live bar with the batch, loss and ETA that is
/// replaced by one line per epoch; otherwise (a pipe, a log file) only the epoch lines.
///
///     epoch 12/1000  loss 0.081234  train 31.2s  eval 1.4s  recall@20 0.1523  ndcg@20 0.1288  *
///
/// `*` marks a new best epoch.
final class TrainingProgress {
    private let write: (String) -> Void
    private let isTerminal: Bool
    private let metricNames: [String]
    private let clock = ContinuousClock()
    private var epochStart: ContinuousClock.Instant?
    private var lastDraw: ContinuousClock.Instant?
    private var epochs = 0

    /// - Parameters:
    ///   - metricNames: the metrics shown on epoch lines (default recall@20 and ndcg@20).
    ///   - isTerminal: whether to draw the live bar (default: standard output is a terminal).
    ///   - write: where text goes (default: standard output, flushed).
    public init(metricNames: [String] = ["recall@20", "ndcg@20"], isTerminal: Bool = isatty(STDOUT_FILENO) != 0,
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) {
        self.metricNames = metricNames
        self.isTerminal = isTerminal
        self.write = write
    }

    public func handle(_ event: TrainingEvent) {
        switch event {
        case .epochStarted(_, let epochs, _):
            self.epochs = epochs
            epochStart = clock.now
            lastDraw = nil
        case .batchFinished(let epoch, let batch, let batches, let loss):
            guard isTerminal, let start = epochStart else { return }
            let now = clock.now
            if let last = lastDraw, now - last < .milliseconds(100), batch < batches { return }
            lastDraw = now
            let elapsed = (now - start).seconds
            let eta = elapsed / Double(batch) * Double(batches - batch)
            let width = 24, filled = width * batch / max(1, batches)
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write("\r\u{1B}[2Kepoch \(epoch)/\(epochs) [\(bar)] \(batch)/\(batches)  loss "
                  + String(format: "%.6f", loss) + "  ETA " + Self.clockText(eta))
        case .epochFinished(let summary):
            write((isTerminal ? "\r\u{1B}[2K" : "") + line(summary) + "\n")
        case .stoppedEarly(let epoch, let bestEpoch):
            write("stopped early after epoch \(epoch): no improvement since epoch \(bestEpoch)\n")
        case .cancelled(let epoch, let bestEpoch):
            write((isTerminal ? "\r\u{1B}[2K" : "") + "cancelled during epoch \(epoch)"
                  + (bestEpoch > 0 ? ", keeping epoch \(bestEpoch)\n" : "\n"))
        }
    }

    /// The epoch line.
    public func line(_ s: EpochSummary) -> String {
        var text = "epoch \(s.epoch)/\(epochs)  loss " + String(format: "%.6f", s.loss)
            + "  train " + String(format: "%.1fs", s.trainSeconds)
        if s.metrics != nil || s.validationScore != nil {
            text += "  eval " + String(format: "%.1fs", s.evaluationSeconds)
            if let metrics = s.metrics {
                for name in metricNames { if let v = metrics.value(name) { text += "  \(name) " + String(format: "%.4f", v) } }
            } else if let score = s.validationScore, let name = metricNames.first {
                text += "  \(name) " + String(format: "%.4f", score)
            }
            if s.isBest { text += "  *" }
        }
        return text
    }

    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
