import KGGraph
import KGModels
import KGQuery

/// A numeric option of a command, declared once: its name as a statement option (`lr_decay`),
/// its flag (`--lr-decay`) and the values it accepts. The flags of `kgrec`, the options of the
/// `train`/`eval`/`import` statements and their error messages all read the range from here.
public struct NumericSetting: Sendable, Equatable {
    /// The statement option's name, with underscores (`eval_every`).
    public let name: String
    public let range: ValueRange

    public init(_ name: String, _ range: ValueRange) {
        self.name = name
        self.range = range
    }

    /// The command-line flag: `--` and the name with dashes (`--eval-every`).
    public var flag: String { "--" + String(name.map { $0 == "_" ? "-" : $0 }) }

    /// "option '--lr' takes a number greater than 0 and at most 10, not '-0.1'"
    public func flagMessage(_ text: String) -> String { "option '\(flag)' takes \(range), not \(Excerpt.quoted(text))" }

    /// "'lr' takes a number greater than 0 and at most 10, not '-0.1'"
    public func statementMessage(_ text: String) -> String { "'\(name)' takes \(range), not \(Excerpt.quoted(text))" }
}

extension NumericSetting {
    // MARK: Training (kgrec train, kgrec bench train|coldstart, the train statement)

    public static let epochs = NumericSetting("epochs", .integers(1...1_000_000))
    public static let dimension = NumericSetting("dim", .integers(1...4096))
    public static let layers = NumericSetting("layers", .integers(0...16))
    public static let learningRate = NumericSetting("lr", .numbers(greaterThan: 0, atMost: 10))
    public static let learningRateDecay = NumericSetting("lr_decay", .numbers(greaterThan: 0, atMost: 1))
    public static let batch = NumericSetting("batch", .integers(1...10_000_000))
    public static let regularization = NumericSetting("reg", .numbers(0...10))
    public static let patience = NumericSetting("patience", .integers(1...1_000_000))
    public static let evaluationInterval = NumericSetting("eval_every", .integers(1...1_000_000))
    public static let margin = NumericSetting("margin", .numbers(0...1000))

    // MARK: Shared

    /// Seeds: of training, of the Book-Crossing split on import, of the demo generator, of sampled queries.
    public static let seed = NumericSetting("seed", .integers(0...Int.max))
    public static let threads = NumericSetting("threads", .integers(1...256))
    /// Each ranking cut-off of `k 10,20`; a cut-off above the number of items is lowered to it.
    public static let cutoff = NumericSetting("k", .integers(1...Int.max))

    /// How long a command waits for another process's write lock on the store (`--wait`).
    public static let wait = NumericSetting("wait", .numbers(0...86_400))

    // MARK: kgrec bench

    public static let runs = NumericSetting("runs", .integers(1...1000))
    public static let sample = NumericSetting("sample", .integers(1...1_000_000))
    /// bench explain: results per user.
    public static let limit = NumericSetting("limit", .integers(1...1_000))
    public static let monitor = NumericSetting("monitor", .integers(0...1_000_000))
    public static let holdout = NumericSetting("holdout", .numbers(between: 0, and: 1))
    public static let seeds = NumericSetting("seeds", .integers(1...100))
    public static let coldShare = NumericSetting("cold_share", .numbers(between: 0, and: 1))
    public static let coldSeed = NumericSetting("cold_seed", .integers(0...Int.max))
    public static let syntheticRDFXML = NumericSetting("synthetic_rdfxml", .integers(1...10_000_000))
    public static let neighbours = NumericSetting("neighbours", .integers(1...1024))
    public static let rankEvery = NumericSetting("rank_every", .integers(0...1_000_000))
    /// bench fuzz: cases per kind, seconds per kind, and the first case.
    public static let fuzzCases = NumericSetting("cases", .integers(1...100_000_000))
    public static let fuzzSeconds = NumericSetting("seconds", .numbers(greaterThan: 0, atMost: 86_400))
    public static let fuzzCase = NumericSetting("case", .integers(0...Int.max))
}

/// Ranking cut-offs (`k`) checked against the items there are to rank.
public enum Cutoffs {
    /// `ks` with every cut-off above `itemCount` lowered to it (duplicates merged, ascending),
    /// and a note for each one lowered: "k 10000000 is more than the 300 items; using 300".
    /// Ranking more items than there are would only allocate memory for nothing.
    public static func clamped(_ ks: [Int], itemCount: Int) -> (ks: [Int], notes: [String]) {
        let limit = max(1, itemCount)
        var notes: [String] = []
        for k in Set(ks).sorted() where k > limit {
            notes.append("k \(k) is more than the \(itemCount) item\(itemCount == 1 ? "" : "s"); using \(limit)")
        }
        return (Array(Set(ks.map { min($0, limit) })).sorted(), notes)
    }

    /// `clamped` applied to a trainer's cut-offs and validation metric; the notes.
    public static func clamp(_ trainer: inout TrainerConfig, itemCount: Int) -> [String] {
        let (ks, notes) = clamped(trainer.ks, itemCount: itemCount)
        trainer.ks = ks
        trainer.validationMetric = clamped(metric: trainer.validationMetric, itemCount: itemCount)
        return notes
    }

    /// A metric name (`ndcg@10000000`) with its cut-off lowered to `itemCount` like `clamped`.
    public static func clamped(metric: String, itemCount: Int) -> String {
        let parts = metric.split(separator: "@")
        guard parts.count == 2, let k = Int(parts[1]), k > max(1, itemCount) else { return metric }
        return "\(parts[0])@\(max(1, itemCount))"
    }
}
