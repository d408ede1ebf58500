import KGAutodiff
import KGTensor

/// The contract every model meets, so that one `Trainer` and one `Evaluator` serve them all
/// (RecBole's design, without a trainer subclass per model family).
///
/// - training: `batchScores` records the scores of a batch of (user, positive, negative)
///   triples on a tape, and `loss` turns them into the objective (BPR by default);
/// - pairs: `scores(users:items:)` for labelled pairs (the CTR protocol) and explanations;
/// - ranking: `scorer(threads:)` prepares the final representations once (LightGCN's propagation)
///   and scores all items for batches of users.
public protocol Recommender: AnyObject {
    /// The model's name as the CLI and checkpoints spell it (`mf`, `lightgcn`).
    var name: String { get }
    /// The trainable parameters, in a fixed order; their names are the checkpoint keys.
    var parameters: [Parameter] { get }
    /// The model's configuration as documented key–value pairs, for checkpoints and logs.
    var configuration: [(key: String, value: String)] { get }

    /// Scores of the batch's positive and negative pairs (n × 1 each) recorded on `tape`, and the
    /// representations the L2 penalty applies to.
    func batchScores(_ batch: TrainingBatch, on tape: Tape) -> BatchScores

    /// Scores of (users[i], items[i]) pairs, without a tape.
    func scores(users: [Int32], items: [Int32], threads: Int) -> [Float]

    /// An inference view that scores all items for batches of users.
    func scorer(threads: Int) -> any ItemScorer
}

/// One mini-batch of training triples: user u with a positive item i and a sampled negative j.
public struct TrainingBatch: Sendable, Equatable {
    public var users: [Int32]
    var positiveItems: [Int32]
    var negativeItems: [Int32]
    /// The 1-based training epoch the batch belongs to, for models with a curriculum (PinSage's
    /// hard negatives). Default 1.
    public var epoch: Int

    public init(users: [Int32], positiveItems: [Int32], negativeItems: [Int32], epoch: Int = 1) {
        precondition(users.count == positiveItems.count && users.count == negativeItems.count,
                     "batch columns differ: \(users.count) users, \(positiveItems.count) positives, \(negativeItems.count) negatives")
        self.users = users
        self.positiveItems = positiveItems
        self.negativeItems = negativeItems
        self.epoch = epoch
    }

    /// The number of triples.
    public var count: Int { users.count }
}

/// What a model's forward pass over a batch produces.
public struct BatchScores {
    /// ŷ_ui for each triple, n × 1.
    public var positive: Variable
    /// ŷ_uj for each triple, n × 1.
    public var negative: Variable
    /// The representations the L2 penalty applies to (for LightGCN, the layer-0 embeddings of the
    /// batch's users, positives and negatives; never the propagated ones).
    var regularized: [Variable]

    public init(positive: Variable, negative: Variable, regularized: [Variable]) {
        self.positive = positive
        self.negative = negative
        self.regularized = regularized
    }
}

/// The training objective over (positive, negative) scores.
public enum Objective: Sendable, Equatable {
    /// Bayesian personalised ranking: −mean log σ(ŷ_ui − ŷ_uj).
    case bpr
    /// Binary cross-entropy with positives labelled 1 and negatives 0 (KGCN).
    case binaryCrossEntropy
    /// mean max(0, ŷ_uj − ŷ_ui + margin) (PinSage).
    case marginRanking(margin: Float)

    /// The names `init(name:margin:)` reads.
    public static let names = ["bpr", "bce", "margin"]

    /// The objective called `name` (one of `names`), the max-margin loss with `margin`; nil for
    /// an unknown name.
    public init?(name: String, margin: Float = 0.5) {
        switch name.lowercased() {
        case "bpr": self = .bpr
        case "bce": self = .binaryCrossEntropy
        case "margin": self = .marginRanking(margin: margin)
        default: return nil
        }
    }

    /// Why `choosing(name:margin:)` refused a choice.
    package enum ChoiceProblem: Error, Equatable {
        /// The name is not one of `names`.
        case unknownName(String)
        /// A margin was given with an objective that has none.
        case marginWithout(objective: String)
    }

    /// The objective after a user's choice of `name` (nil: keep this one) and `margin` (which
    /// implies `margin`): the max-margin loss keeps its margin when only the name is given.
    package func choosing(name: String?, margin: Float?) throws(ChoiceProblem) -> Objective {
        guard let name else { return margin.map { .marginRanking(margin: $0) } ?? self }
        guard let chosen = Objective(name: name, margin: margin ?? 0.5) else { throw .unknownName(name) }
        switch (chosen, margin, self) {
        case (.marginRanking, nil, .marginRanking): return self
        case (.marginRanking, _, _), (_, nil, _): return chosen
        default: throw .marginWithout(objective: name)
        }
    }
}

extension Recommender {
    /// The loss of one batch: the objective plus λ · ½ Σ ‖r‖² / n over `BatchScores.regularized`
    /// (the L2 term of the LightGCN and NGCF reference code: `reg · l2_loss / batch_size`).
    public func loss(for batch: TrainingBatch, objective: Objective = .bpr, regularization: Float,
                     on tape: Tape) -> Variable {
        let s = batchScores(batch, on: tape)
        var loss: Variable
        switch objective {
        case .bpr:
            loss = Loss.bpr(positive: s.positive, negative: s.negative)
        case .binaryCrossEntropy:
            let logits = Variable.concatRows([s.positive, s.negative])
            let labels = Tensor(column: [Float](repeating: 1, count: batch.count) + [Float](repeating: 0, count: batch.count))
            loss = Loss.binaryCrossEntropy(logits: logits, labels: labels)
        case .marginRanking(let margin):
            loss = Loss.marginRanking(positive: s.positive, negative: s.negative, margin: margin)
        }
        if regularization != 0 && !s.regularized.isEmpty {
            loss = loss + Loss.l2(s.regularized).scaled(by: regularization / Float(max(1, batch.count)))
        }
        return loss
    }

    /// Scores of every item for each user (users.count × items): the contract's "scores of all
    /// items for a batch of users". Evaluation uses `scorer(threads:).topK` instead, which never
    /// materialises this matrix.
    package func scoresOfAllItems(users: [Int32], threads: Int = 1) -> Tensor {
        scorer(threads: threads).scoresOfAllItems(users: users)
    }
}
