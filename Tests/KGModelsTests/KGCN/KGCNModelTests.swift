#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

/// The KGCN model: the all-items scorer against the pair forward pass, explanations,
/// determinism and learning from the knowledge graph.
@Suite struct KGCNModelTests {
    @Test(arguments: KGCNAggregator.Kind.allCases, [1, 2])
    func allItemsScorerAgreesWithThePairForwardPass(kind: KGCNAggregator.Kind, iterations: Int) throws {
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 12, neighbours: 3, iterations: iterations, aggregator: kind,
                                             initializer: .normal(standardDeviation: 0.8)))
        for aggregator in model.aggregators { aggregator.bias.value = uniformTensor(1, 12, seed: 21) }
        let users = (0..<Int32(catalog.data.userCount)).map { $0 }
        let items = (0..<Int32(catalog.data.itemCount)).map { $0 }
        let pairUsers = users.flatMap { [Int32](repeating: $0, count: items.count) }
        let pairItems = users.flatMap { _ in items }
        let expected = model.scores(users: pairUsers, items: pairItems, threads: 1)
        for threads in [1, 2] {
            let all = model.scorer(threads: threads).scoresOfAllItems(users: users).storage
            let worst = zip(all, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-5, "threads \(threads): largest difference \(worst)")
        }
        // An uneven, shuffled subset of users (a partial block of the one-iteration path).
        let subset: [Int32] = [5, 0, 17, 3, 23, 9, 11, 2, 14, 8, 19]
        let some = model.scorer(threads: 2).scoresOfAllItems(users: subset).storage
        for (row, user) in subset.enumerated() {
            for item in items.indices {
                #expect(abs(some[row * items.count + item] - expected[Int(user) * items.count + item]) < 1e-5)
            }
        }
    }

    @Test func scorerHandlesRelationScoresFarApart() throws {
        // A user whose relation scores differ by hundreds: the shared softmax numerators underflow
        // for every item, and the scorer must fall back to each item's own softmax.
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 4, neighbours: 2, iterations: 1,
                                             initializer: .normal(standardDeviation: 1)))
        // The padding self relation, which no item's sample uses, scores 300 above the others.
        let selfRow = Int(model.graph.selfRelation)
        for c in 0..<4 { model.relationEmbedding.value[selfRow, c] = 0 }
        model.relationEmbedding.value[selfRow, 0] = 300 / model.userEmbedding.value[0, 0]
        let items = (0..<Int32(catalog.data.itemCount)).map { $0 }
        let expected = model.scores(users: [Int32](repeating: 0, count: items.count), items: items, threads: 1)
        let all = model.scorer(threads: 1).scoresOfAllItems(users: [0]).storage
        #expect(all.allSatisfy { $0.isFinite })
        #expect(zip(all, expected).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(all) vs \(expected)")
    }

    @Test func explanationCoversTheReceptiveFieldWithNormalisedWeights() throws {
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 4, neighbours: 3, iterations: 2,
                                             initializer: .normal(standardDeviation: 0.8)))
        let user = catalog.user(3), item = catalog.item(9)
        let explanation = model.explain(user: user, item: item)
        #expect(explanation.hops.map(\.count) == [3, 9])
        #expect(explanation.hops[0].allSatisfy { $0.entity == item && $0.parent == -1 })
        for (position, edge) in explanation.hops[1].enumerated() {
            #expect(edge.parent == position / 3 && edge.entity == explanation.hops[0][position / 3].neighbour)
        }
        for hop in explanation.hops {
            for group in stride(from: 0, to: hop.count, by: 3) {
                #expect(abs(hop[group..<(group + 3)].map(\.weight).reduce(0, +) - 1) < 1e-5)
            }
        }
        // Each weight is the softmax of ⟨u, r⟩ over its entity's three sampled relations.
        let u = model.userEmbedding.value.row(Int(user))
        func score(_ relation: Int32) -> Float {
            zip(u, model.relationEmbedding.value.row(Int(relation))).map(*).reduce(0, +)
        }
        for hop in explanation.hops {
            for group in stride(from: 0, to: hop.count, by: 3) {
                let edges = hop[group..<(group + 3)]
                let total = edges.map { expf(score($0.relation)) }.reduce(0, +)
                for edge in edges { #expect(abs(edge.weight - expf(score(edge.relation)) / total) < 1e-5) }
            }
        }
        #expect(abs(explanation.score - model.scores(users: [user], items: [item], threads: 1)[0]) < 1e-6)
        #expect(abs(explanation.relationWeights.map(\.weight).reduce(0, +) - 1) < 1e-5)
    }

    @Test func sameSeedGivesTheSameTableParametersAndTraining() throws {
        let catalog = try KGCNCatalog()
        for threads in [1, 2] {
            func run(seed: UInt64) throws -> (KGCN, TrainingResult) {
                let model = catalog.model(KGCNConfig(dimension: 4, neighbours: 3, iterations: 2), seed: seed)
                let result = try Trainer(config: kgcnTrainerConfig(epochs: 3, threads: threads)).train(model, data: catalog.data)
                return (model, result)
            }
            let (a, first) = try run(seed: 8), (b, second) = try run(seed: 8), (c, _) = try run(seed: 9)
            #expect(a.neighbourTable == b.neighbourTable)
            #expect(zip(a.parameters, b.parameters).allSatisfy { $0.value == $1.value })
            #expect(first.epochs.map(\.loss) == second.epochs.map(\.loss))
            #expect(a.neighbourTable != c.neighbourTable || a.userEmbedding.value != c.userEmbedding.value)
        }
    }

    @Test(arguments: KGCNAggregator.Kind.allCases)
    func learnsWhichCategoryEachUserBuysFrom(kind: KGCNAggregator.Kind) throws {
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 8, neighbours: 2, iterations: 1, aggregator: kind))
        let pairs = catalog.unseenWarmPairs
        let before = CTRMetrics(scores: model.scores(users: pairs.users, items: pairs.items, threads: 1), labels: pairs.labels)
        let result = try Trainer(config: kgcnTrainerConfig(epochs: 60)).train(model, data: catalog.data)
        let after = CTRMetrics(scores: model.scores(users: pairs.users, items: pairs.items, threads: 1), labels: pairs.labels)
        #expect(result.epochs.last!.loss < 0.7 * result.epochs.first!.loss)
        #expect(after.auc > 0.9, "AUC \(after.auc), before training \(before.auc)")
    }

    @Test func neighborAggregatorPlacesColdItemsByTheirCategory() throws {
        // No user bought a cold item in train, so only the knowledge graph can tell a user's own
        // cold items from the other category's. The neighbor aggregator represents an item by its
        // neighbourhood alone, so a cold item inherits its category's place. (Sum and concat also
        // keep the item's own vector, which training pushes down for everyone: cold items are
        // only ever sampled as negatives.)
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 8, neighbours: 2, iterations: 1, aggregator: .neighbor))
        let pairs = catalog.coldPairs
        let before = CTRMetrics(scores: model.scores(users: pairs.users, items: pairs.items, threads: 1), labels: pairs.labels)
        _ = try Trainer(config: kgcnTrainerConfig(epochs: 60)).train(model, data: catalog.data)
        let after = CTRMetrics(scores: model.scores(users: pairs.users, items: pairs.items, threads: 1), labels: pairs.labels)
        #expect(after.auc > 0.95, "AUC \(after.auc), before training \(before.auc)")
    }
}

func kgcnTrainerConfig(epochs: Int, threads: Int = 1) -> TrainerConfig {
    var config = TrainerConfig()
    config.epochs = epochs
    config.batchSize = 16
    config.learningRate = 0.02
    config.regularization = 1e-4
    config.objective = .binaryCrossEntropy
    config.validationSplit = nil
    config.threads = threads
    config.seed = 4
    return config
}
