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

/// KGCN's attention and aggregators: values against hand computation, gradients against
/// finite differences.
@Suite struct KGCNLayerTests {
    let check = FiniteDifference()

    @Test func attentionIsASoftmaxOfUserRelationInnerProductsPerEntity() {
        // Two entities with K = 2 neighbours each; user (1, 2) repeated per neighbour row.
        let tape = Tape()
        let users = tape.constant(Tensor([[1, 2], [1, 2], [1, 2], [1, 2]]))
        let relations = tape.constant(Tensor([[1, 0], [0, 1], [0.5, 0.5], [0.5, 0.5]]))
        let weights = KGCNAttention.weights(users: users, relations: relations, k: 2).value.storage
        // Entity 0: scores 1 and 2 → e/(e+e²), e²/(e+e²). Entity 1: equal scores → ½, ½.
        let e = Float(M_E)
        #expect(abs(weights[0] - e / (e + e * e)) < 1e-6 && abs(weights[1] - e * e / (e + e * e)) < 1e-6)
        #expect(abs(weights[2] - 0.5) < 1e-6 && abs(weights[3] - 0.5) < 1e-6)
    }

    @Test func attentionScoresShareEachPairsUserAcrossItsNeighbourRows() {
        // Two pairs with three neighbour rows each: the fused scores equal rowDot with the user
        // repeated per row.
        let tape = Tape()
        let users = tape.constant(uniformTensor(2, 4, seed: 1)), relations = tape.constant(uniformTensor(6, 4, seed: 2))
        let repeated = users.gatherRows([0, 0, 0, 1, 1, 1])
        let fused = KGCNAttention.scores(users: users, relations: relations).value
        #expect(fused.maxAbsoluteDifference(repeated.rowDot(relations).value) < 1e-6)
    }

    @Test(arguments: [1, 3])
    func attentionGradients(span: Int) {
        let users = randomParameter("users", 6 / span, 4, seed: 1), relations = randomParameter("relations", 6, 4, seed: 2)
        let problems = check.mismatches([users, relations]) { tape in
            KGCNAttention.weights(users: tape.parameter(users), relations: tape.parameter(relations), k: 3)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: KGCNAggregator.Kind.allCases)
    func aggregatorMatchesItsFormula(kind: KGCNAggregator.Kind) {
        var rng = SeededRNG(seed: 4)
        let aggregator = KGCNAggregator(kind: kind, dimension: 2, activation: .tanh, index: 0,
                                        initializer: .xavierUniform, rng: &rng)
        aggregator.weight.value = kind == .concat ? Tensor([[1, 0], [0, 1], [2, 0], [0, -1]]) : Tensor([[1, 2], [0, 1]])
        aggregator.bias.value = Tensor([[0.1, -0.2]])
        let tape = Tape()
        let v = tape.constant(Tensor([[0.5, -1]]))
        let neighbours = tape.constant(Tensor([[1, 0], [0, 1]]))
        let attention = tape.constant(Tensor(column: [0.25, 0.75]))
        let out = aggregator(v, neighbours: neighbours, attention: attention).value.row(0)
        // v_N = 0.25·(1, 0) + 0.75·(0, 1) = (0.25, 0.75); rows times W, plus b, then tanh.
        let expected: [Float] = switch kind {
        case .sum: [tanh(0.75 * 1 + 0.1), tanh(0.75 * 2 + (-0.25) * 1 - 0.2)]        // (0.75, −0.25)·W
        case .concat: [tanh(0.5 + 2 * 0.25 + 0.1), tanh(-1 - 0.75 - 0.2)]           // [v ‖ v_N]·W
        case .neighbor: [tanh(0.25 + 0.1), tanh(0.25 * 2 + 0.75 - 0.2)]             // v_N·W
        }
        #expect(abs(out[0] - expected[0]) < 1e-6 && abs(out[1] - expected[1]) < 1e-6, "\(out) vs \(expected)")
    }

    @Test(arguments: KGCNAggregator.Kind.allCases, [Activation.relu, .tanh])
    func aggregatorGradients(kind: KGCNAggregator.Kind, activation: Activation) {
        var rng = SeededRNG(seed: 5)
        let aggregator = KGCNAggregator(kind: kind, dimension: 4, activation: activation, index: 0,
                                        initializer: .normal(standardDeviation: 0.7), rng: &rng)
        aggregator.bias.value = uniformTensor(1, 4, seed: 6)
        let v = randomParameter("v", 3, 4, seed: 7), neighbours = randomParameter("neighbours", 6, 4, seed: 8)
        let scores = randomParameter("scores", 6, 1, seed: 9, scale: 2)
        let problems = check.mismatches([v, neighbours, scores, aggregator.weight, aggregator.bias]) { tape in
            let attention = KGCNAttention.normalized(tape.parameter(scores), k: 2)
            return aggregator(tape.parameter(v), neighbours: tape.parameter(neighbours), attention: attention)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func fusedNeighbourhoodEqualsMessageThenAggregate() {
        let neighbours = randomParameter("neighbours", 6, 5, seed: 13), scores = randomParameter("scores", 6, 1, seed: 14)
        let tape = Tape()
        let x = tape.parameter(neighbours), w = KGCNAttention.normalized(tape.parameter(scores), k: 3)
        let fused = KGCNAggregator.neighbourhood(neighbours: x, attention: w, k: 3)
        let steps = KGCNAggregator.aggregate(KGCNAggregator.message(neighbours: x, attention: w), k: 3)
        #expect(fused.value.maxAbsoluteDifference(steps.value) < 1e-6)
        let problems = check.mismatches([neighbours, scores]) { tape in
            KGCNAggregator.neighbourhood(neighbours: tape.parameter(neighbours),
                                         attention: KGCNAttention.normalized(tape.parameter(scores), k: 3), k: 3)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func rowNormGivesTheGatheredRowsPenaltyAndGradient() {
        let table = randomParameter("table", 5, 3, seed: 31)
        let rows: [Int32] = [4, 1, 1, 0]
        func penalty(viaNorm: Bool) -> (Float, Tensor) {
            table.clearGradient()
            let tape = Tape()
            let t = tape.parameter(table)
            let loss = Loss.l2([viaNorm ? KGCN.rowNorm(t, rows: rows) : t.gatherRows(rows)])
            tape.backward(from: loss)
            defer { table.clearGradient() }
            return (loss.value.scalar, table.gradient!)
        }
        let (normValue, normGradient) = penalty(viaNorm: true), (rowsValue, rowsGradient) = penalty(viaNorm: false)
        #expect(abs(normValue - rowsValue) < 1e-5 && normGradient.maxAbsoluteDifference(rowsGradient) < 1e-5)
        #expect(normGradient.row(2) == [0, 0, 0] && normGradient.row(3) == [0, 0, 0])
        let problems = check.mismatches([table]) { tape in KGCN.rowNorm(tape.parameter(table), rows: rows) }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func messageAndAggregateStepsWeightAndSumEachGroup() {
        let tape = Tape()
        let neighbours = tape.constant(Tensor([[1, 2], [3, 4], [5, 6], [7, 8]]))
        let attention = tape.constant(Tensor(column: [0.5, 0.5, 1, 0]))
        let messages = KGCNAggregator.message(neighbours: neighbours, attention: attention)
        #expect(messages.value == Tensor([[0.5, 1], [1.5, 2], [5, 6], [0, 0]]))
        #expect(KGCNAggregator.aggregate(messages, k: 2).value == Tensor([[2, 3], [5, 6]]))
    }

    @Test(arguments: KGCNAggregator.Kind.allCases, [1, 2])
    func wholeModelGradients(kind: KGCNAggregator.Kind, iterations: Int) throws {
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 3, neighbours: 2, iterations: iterations, aggregator: kind,
                                             initializer: .normal(standardDeviation: 0.6)))
        for aggregator in model.aggregators { aggregator.bias.value = uniformTensor(1, 3, seed: 12) }
        let batch = TrainingBatch(users: [catalog.user(0), catalog.user(13), catalog.user(0)],
                                  positiveItems: [catalog.item(1), catalog.item(12), catalog.item(8)],
                                  negativeItems: [catalog.item(15), catalog.item(3), catalog.item(19)])
        let problems = check.mismatches(model.parameters) { tape in
            model.loss(for: batch, objective: .binaryCrossEntropy, regularization: 0.05, on: tape)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func handComputedScoreOfOnePair() throws {
        // Item i0's entity has exactly K = 2 neighbours (A via in_category, t0 via tagged), so the
        // sample holds both, in some order; the sum over them does not depend on the order.
        let catalog = try KGCNCatalog()
        let model = catalog.model(KGCNConfig(dimension: 2, neighbours: 2, iterations: 1, aggregator: .sum))
        let graph = model.graph
        func entity(_ id: String) -> Int { Int(graph.entityIndex[Int(catalog.snapshot.node(id)!)]) }
        func relation(_ name: String) -> Int { graph.relationNames.firstIndex(of: name)! }
        let u = catalog.user(0), item = catalog.item(0)
        model.userEmbedding.value[Int(u), 0] = 1
        model.userEmbedding.value[Int(u), 1] = 0
        model.relationEmbedding.value = Tensor(rows: model.relationEmbedding.value.rows, columns: 2)
        model.relationEmbedding.value[relation("in_category"), 0] = 1      // π = 1 for A, 0 for t0
        model.entityEmbedding.value[Int(item), 0] = 0.1
        model.entityEmbedding.value[Int(item), 1] = 0.2
        model.entityEmbedding.value[entity("A"), 0] = 1
        model.entityEmbedding.value[entity("A"), 1] = -1
        model.entityEmbedding.value[entity("t0"), 0] = -0.5
        model.entityEmbedding.value[entity("t0"), 1] = 2
        model.aggregators[0].weight.value = Tensor([[1, 0], [0, 1]])
        model.aggregators[0].bias.value = Tensor([[0, 0]])
        let e = Float(M_E), wA = e / (e + 1), wT = 1 / (e + 1)
        let first = tanh(0.1 + wA * 1 + wT * -0.5)
        #expect(abs(model.scores(users: [u], items: [item], threads: 1)[0] - first) < 1e-6)
        let explanation = model.explain(user: u, item: item)
        #expect(explanation.hops.count == 1 && explanation.hops[0].count == 2)
        for edge in explanation.hops[0] {
            #expect(abs(edge.weight - (Int(edge.neighbour) == entity("A") ? wA : wT)) < 1e-6)
        }
        #expect(explanation.relationWeights.map(\.relation) == [Int32(relation("in_category")), Int32(relation("tagged"))])
    }
}

func uniformTensor(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
    var rng = SeededRNG(seed: seed)
    return Tensor.uniform(rows: rows, columns: columns, lower: -1, upper: 1, using: &rng)
}
