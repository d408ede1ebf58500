import KGAutodiff
import KGGraph
import KGTensor

/// The one training loop for every model: uniform negative sampling, shuffled mini-batches,
/// Adam, L2, epochs, early stopping on a validation metric, best checkpoint.
///
/// Each epoch visits every train interaction (u, i) once in a shuffled order (or, with
/// `.uniformUsers`, draws as many (u, i) as there are interactions, u uniformly among the users)
/// and pairs it with one negative j drawn uniformly from the items u has no train interaction with. A batch's loss
/// comes from `Recommender.loss` (BPR + λ · L2 by default); one Adam step follows each batch.
/// After every `evaluationInterval` epochs the validation split is ranked; the parameters of the
/// best epoch are kept and restored at the end, and training stops after `patience` evaluations
/// without improvement. A `ValidationScore` passed to `train` replaces the ranking of the
/// validation split (KGCN stops on the AUC of the valid CTR pairs). A model fitted by sweeps
/// (`IterativeFitModel`, ALS) makes one sweep an epoch instead of the batches; one fitted in
/// closed form (`ClosedFormModel`, GF-CF) is fitted once and validated. Everything random comes
/// from `config.seed`, and every kernel's result
/// depends only on its inputs and `config.threads`, so a run is reproducible for a seed and a
/// thread count.
package final class Trainer {
    package let config: TrainerConfig

    package init(config: TrainerConfig) {
        precondition(config.batchSize > 0 && config.epochs >= 0 && config.evaluationInterval > 0 && config.threads > 0,
                     "invalid trainer config: batch \(config.batchSize), epochs \(config.epochs), interval \(config.evaluationInterval), threads \(config.threads)")
        self.config = config
    }

    /// Trains `model` on `data.train`, reporting progress to `observer`; early stopping follows
    /// `validationScore` when given, else `config.validationMetric` on `config.validationSplit`.
    /// `isCancelled` is asked after every batch; once it answers true, training stops at once
    /// (the unfinished epoch is dropped) and the model keeps the best finished epoch.
    package func train(_ model: any Recommender, data: InteractionMatrix, validationScore: ValidationScore? = nil,
                      observer: ((TrainingEvent) -> Void)? = nil,
                      isCancelled: (() -> Bool)? = nil) throws(ModelError) -> TrainingResult {
        let validation = try validationSplit(data, validationScore: validationScore)
        if let closedForm = model as? any ClosedFormModel {
            return fit(closedForm, data: data, validation: validation, validationScore: validationScore, observer: observer)
        }
        let sampler = NegativeSampler(positives: data.train)
        var pairUsers: [Int32] = [], pairItems: [Int32] = []
        pairUsers.reserveCapacity(data.train.nonZeroCount)
        pairItems.reserveCapacity(data.train.nonZeroCount)
        // Pairs are grouped by user: user a's pairs are userStarts[a] ..< userStarts[a + 1].
        var userStarts: [Int32] = [0]
        for user in 0..<data.userCount where sampler.canSample(for: Int32(user)) && data.train.degree(user) > 0 {
            defer { userStarts.append(Int32(pairUsers.count)) }
            for p in data.train.range(user) {
                pairUsers.append(Int32(user))
                pairItems.append(data.train.targets[p])
            }
        }
        guard !pairUsers.isEmpty else {
            throw .unusableData("no train interaction has a user with an item left to sample as a negative")
        }

        var rng = SeededRNG(seed: config.seed)
        let optimizer = Adam(learningRate: config.learningRate, threads: config.threads)
        let evaluator = Evaluator(ks: config.ks, threads: config.threads)
        let clock = ContinuousClock()
        var order = Array(0..<Int32(pairUsers.count))
        let sweeping = model as? any IterativeFitModel
        sweeping?.prepare(validation: data.valid.nonZeroCount > 0 ? data.valid : nil, threads: config.threads)
        // MF-BPR's own step, when the objective is the one it computes and Adam is plain.
        let dedicated = config.objective == .bpr && config.dedicatedSteps ? model as? any DedicatedBPRStep : nil
        let batches = sweeping != nil ? 1 : (pairUsers.count + config.batchSize - 1) / config.batchSize
        var summaries: [EpochSummary] = []
        var best: (epoch: Int, score: Double, metrics: RankingMetrics?, values: [Tensor])?
        let validates = validation != nil || validationScore != nil
        var evaluationsWithoutImprovement = 0
        var stoppedEarly = false
        var cancelled = false

        for epoch in 1...max(1, config.epochs) where config.epochs > 0 {
            observer?(.epochStarted(epoch: epoch, epochs: config.epochs, batches: batches))
            let trainStart = clock.now
            // A model fitted by sweeps reads no triples: nothing to shuffle or draw.
            switch sweeping == nil ? config.positiveSampling : nil {
            case nil:
                break
            case .everyInteraction?:
                rng.shuffle(&order)
            case .uniformUsers?:
                for i in order.indices {
                    let a = rng.next(below: userStarts.count - 1)
                    order[i] = userStarts[a] + Int32(rng.next(below: Int(userStarts[a + 1] - userStarts[a])))
                }
            }
            var lossSum = 0.0
            if let sweeping {
                lossSum = sweeping.sweep(threads: config.threads)
                observer?(.batchFinished(epoch: epoch, batch: 1, batches: 1, loss: Float(lossSum)))
                cancelled = isCancelled?() == true
            }
            for b in 0..<(sweeping == nil ? batches : 0) {
                let range = (b * config.batchSize)..<min(order.count, (b + 1) * config.batchSize)
                var users: [Int32] = [], positives: [Int32] = [], negatives: [Int32] = []
                users.reserveCapacity(range.count); positives.reserveCapacity(range.count); negatives.reserveCapacity(range.count)
                for index in range {
                    let pair = Int(order[index])
                    users.append(pairUsers[pair])
                    positives.append(pairItems[pair])
                    negatives.append(sampler.sample(for: pairUsers[pair], using: &rng))
                }
                let batch = TrainingBatch(users: users, positiveItems: positives, negativeItems: negatives, epoch: epoch)
                let value: Float
                if let dedicated {
                    value = dedicated.bprStep(batch, learningRate: optimizer.learningRate,
                                              regularization: config.regularization, threads: config.threads)
                } else {
                    value = backward(model, batch)
                    optimizer.step(model.parameters)
                }
                lossSum += Double(value)
                observer?(.batchFinished(epoch: epoch, batch: b + 1, batches: batches, loss: value))
                if isCancelled?() == true {
                    cancelled = true
                    break
                }
            }
            if cancelled {
                observer?(.cancelled(epoch: epoch, bestEpoch: best?.epoch ?? 0))
                break
            }
            let trainSeconds = (clock.now - trainStart).seconds
            optimizer.learningRate *= config.learningRateDecay

            var metrics: RankingMetrics?
            var validated: Double?
            var evaluationSeconds = 0.0
            var isBest = false
            if validates, epoch % config.evaluationInterval == 0 || epoch == config.epochs {
                let evaluationStart = clock.now
                let score: Double
                if let validationScore {
                    score = validationScore.evaluate(model)
                } else if let validation {
                    let result = evaluator.evaluate(model, on: validation, data: data)
                    metrics = result
                    score = result.value(config.validationMetric) ?? 0
                } else {
                    score = 0
                }
                evaluationSeconds = (clock.now - evaluationStart).seconds
                validated = score
                if best == nil || score > best!.score {
                    best = (epoch, score, metrics, model.parameters.map(\.value))
                    evaluationsWithoutImprovement = 0
                    isBest = true
                } else {
                    evaluationsWithoutImprovement += 1
                }
            } else if !validates {
                best = (epoch, 0, nil, model.parameters.map(\.value))
                isBest = true
            }
            let summary = EpochSummary(epoch: epoch, loss: lossSum / Double(batches), trainSeconds: trainSeconds,
                                       evaluationSeconds: evaluationSeconds, metrics: metrics, validationScore: validated,
                                       isBest: isBest)
            summaries.append(summary)
            observer?(.epochFinished(summary))
            if validates && evaluationsWithoutImprovement >= config.patience {
                stoppedEarly = epoch < config.epochs
                if stoppedEarly { observer?(.stoppedEarly(epoch: epoch, bestEpoch: best?.epoch ?? epoch)) }
                break
            }
        }
        if let best {
            for (parameter, value) in zip(model.parameters, best.values) { parameter.value = value }
        }
        let checkpoint = checkpoint(of: model, metrics: best?.metrics?.named
                                        ?? validationScore.flatMap { v in best.map { [(v.metric, $0.score)] } } ?? [],
                                    epoch: best?.epoch ?? 0)
        return TrainingResult(epochs: summaries, bestEpoch: best?.epoch ?? 0, bestMetrics: best?.metrics,
                              stoppedEarly: stoppedEarly, cancelled: cancelled, checkpoint: checkpoint)
    }
}

extension Trainer {
    /// The split early stopping ranks (nil when a `ValidationScore` replaces it or the split is
    /// empty); throws when the validation metric is not one the evaluator computes.
    private func validationSplit(_ data: InteractionMatrix,
                                 validationScore: ValidationScore?) throws(ModelError) -> EvaluationSplit? {
        let validation: EvaluationSplit? = switch validationScore == nil ? config.validationSplit : nil {
        case .valid?: data.valid.nonZeroCount > 0 ? .valid : nil
        case .test?: data.test.nonZeroCount > 0 ? .test : nil
        case nil: nil
        }
        if validation != nil && RankingMetrics(ks: config.ks).value(config.validationMetric) == nil {
            throw .unusableData("the validation metric '\(config.validationMetric)' is not one of recall, ndcg, "
                                + "precision, hit or mrr at a cut-off in \(config.ks)")
        }
        return validation
    }

    /// The model's parameters, configuration, `metrics` and seed, ready to store.
    func checkpoint(of model: any Recommender, metrics: [(String, Double)], epoch: Int) -> Checkpoint {
        Checkpoint(model: model.name, configuration: model.configuration + config.entries,
                   parameters: model.parameters.map { Checkpoint.NamedTensor(name: $0.name, tensor: $0.value) },
                   metrics: metrics, seed: config.seed, epoch: epoch)
    }

    /// Fits a closed-form model once and validates it as after an epoch: a one-epoch result
    /// whose train time is the fit's.
    private func fit(_ model: any ClosedFormModel, data: InteractionMatrix, validation: EvaluationSplit?,
                     validationScore: ValidationScore?, observer: ((TrainingEvent) -> Void)?) -> TrainingResult {
        let clock = ContinuousClock()
        observer?(.epochStarted(epoch: 1, epochs: 1, batches: 1))
        let fitStart = clock.now
        // The valid split, when there is one, chooses what the model leaves open; test never does.
        model.fit(validation: data.valid.nonZeroCount > 0 ? data.valid : nil, threads: config.threads)
        let fitSeconds = (clock.now - fitStart).seconds
        observer?(.batchFinished(epoch: 1, batch: 1, batches: 1, loss: 0))
        let evaluationStart = clock.now
        var metrics: RankingMetrics?
        var score: Double?
        if let validationScore {
            score = validationScore.evaluate(model)
        } else if let validation {
            let result = Evaluator(ks: config.ks, threads: config.threads).evaluate(model, on: validation, data: data)
            metrics = result
            score = result.value(config.validationMetric)
        }
        let summary = EpochSummary(epoch: 1, loss: 0, trainSeconds: fitSeconds,
                                   evaluationSeconds: (clock.now - evaluationStart).seconds, metrics: metrics,
                                   validationScore: score, isBest: true)
        observer?(.epochFinished(summary))
        let named = metrics?.named ?? validationScore.flatMap { v in score.map { [(v.metric, $0)] } } ?? []
        return TrainingResult(epochs: [summary], bestEpoch: 1, bestMetrics: metrics, stoppedEarly: false, cancelled: false,
                              checkpoint: checkpoint(of: model, metrics: named, epoch: 1))
    }

    /// Records the batch's loss on a fresh tape, runs the backward pass and returns the loss.
    ///
    /// The tape is released when this returns, before the optimiser step: the tape's parameter
    /// leaves share the parameters' buffers, and updating a shared buffer would copy it.
    func backward(_ model: any Recommender, _ batch: TrainingBatch) -> Float {
        let tape = Tape(threads: config.threads)
        let loss = model.loss(for: batch, objective: config.objective, regularization: config.regularization, on: tape)
        tape.backward(from: loss)
        return loss.value.scalar
    }
}

/// The outcome of `Trainer.train`: the model holds the best epoch's parameters.
public struct TrainingResult: Sendable {
    public let epochs: [EpochSummary]
    /// The epoch whose parameters the model now holds (the last one without validation).
    public let bestEpoch: Int
    /// Its validation metrics, when validation ran.
    public let bestMetrics: RankingMetrics?
    public let stoppedEarly: Bool
    /// Whether `isCancelled` ended training; `epochs` then holds only the finished epochs.
    public let cancelled: Bool
    /// The best epoch's parameters, configuration, metrics and seed, ready to store.
    public let checkpoint: Checkpoint
}

/// A score early stopping maximises in place of ranking the validation split, such as KGCN's
/// AUC on the valid CTR pairs.
package struct ValidationScore {
    /// Its name, as checkpoints record it (`auc`).
    package let metric: String
    /// The score of the model as it stands; higher is better.
    package let evaluate: (any Recommender) -> Double

    package init(metric: String, evaluate: @escaping (any Recommender) -> Double) {
        self.metric = metric
        self.evaluate = evaluate
    }
}
