import Testing
import KGGraph
import KGTensor
@testable import KGModels

/// GF-CF over the items' attributes: each attribute a pseudo-user of weight β.
@Suite struct GFCFKnowledgeGraphTests {
    static func filter(_ data: InteractionMatrix, _ attributes: ItemAttributes?, alpha: Float? = 0, beta: Float?,
                       rank: Int = 256) -> GFCF {
        var config = GFCF.Config()
        config.lowPassWeight = alpha
        config.attributeWeight = beta
        config.rank = rank
        var rng = SeededRNG(seed: 3)
        return GFCF(interactions: data.train, attributes: attributes, config: config, rng: &rng)
    }

    /// R = [[1, 1, 0], [0, 1, 1], [0, 0, 1]] and one attribute on items 0 and 2, β = 1. Weighted
    /// item degrees 2, 2, 3; R̃ rows: u0 (1/2, 1/2, 0), u1 (0, 1/2, 1/√6), u2 (0, 0, 1/√3), and
    /// the attribute (a row of weight 1 over 2 items) √(1/2)·(1/√2, 0, 1/√3) = (1/2, 0, 1/√6).
    /// P = R̃ᵀR̃ row 2: P20 = 1/(2√6) (through the attribute only), P21 = 1/(2√6), P22 = 2/3.
    /// User 2 (item 2) scores row 2; without the attribute, (0, 1/4, 3/4).
    @Test func theAttributeJoinsTheFilterAsAWeightedPseudoUser() throws {
        let data = GFCFTests.tiny()
        let attribute = ItemAttributes(itemCount: 3, attributeCount: 1, pairs: [(0, 0), (2, 0)])
        let model = Self.filter(data, attribute, beta: 1)
        model.fit(validation: nil, threads: 1)
        let scores = model.scoresOfAllItems(users: [2])
        let shared = 1 / (2 * 6.0.squareRoot())
        for (c, expected) in [shared, shared, 2.0 / 3].enumerated() { #expect(abs(Double(scores[0, c]) - expected) < 1e-6) }
        let plain = Self.filter(data, attribute, beta: 0)
        plain.fit(validation: nil, threads: 1)
        let without = plain.scoresOfAllItems(users: [2])
        for (c, expected) in [0, 0.25, 0.75].enumerated() { #expect(abs(Double(without[0, c]) - expected) < 1e-6) }
        // The terms are still the whole score: user 0's items 0 and 1 toward item 2.
        let (items, terms) = model.terms(user: 0, item: 2)
        let score = model.scoresOfAllItems(users: [0])[0, 2]
        #expect(items == [0, 1] && abs(terms.reduce(0, +) - score) < 1e-6)
        #expect(abs(Double(terms[0]) - shared) < 1e-6)
    }

    /// An item nobody has interacted with is reached through its attributes (and only then).
    @Test func anItemWithoutInteractionsIsReachedThroughItsAttributes() throws {
        let data = InteractionMatrix(userCount: 2, itemCount: 3, train: [(0, 0), (1, 1)], test: [])
        let attributes = ItemAttributes(itemCount: 3, attributeCount: 1, pairs: [(0, 0), (2, 0)])
        for rank in [0, 2] {
            let kg = Self.filter(data, attributes, alpha: rank == 0 ? 0 : 0.5, beta: 0.3, rank: max(rank, 1))
            kg.fit(validation: nil, threads: 1)
            #expect(kg.scoresOfAllItems(users: [0])[0, 2] > 0)
            #expect(abs(kg.scoresOfAllItems(users: [1])[0, 2]) < 1e-6)
        }
        let plain = Self.filter(data, attributes, beta: 0)
        plain.fit(validation: nil, threads: 1)
        #expect(plain.scoresOfAllItems(users: [0])[0, 2] == 0)
    }

    /// Without β, `fit` takes the (β, α) pair whose filter, fitted on train with its own SVD,
    /// ranks the valid split best (computed here pair by pair); without attributes β is 0 and
    /// nothing is chosen; a given β is kept, and a checkpoint's configuration rebuilds the same filter.
    @Test func betaIsChosenOnValidAndTravelsWithTheCheckpoint() throws {
        let data = communities()
        // Attributes that follow the communities, plus one that crosses them.
        var pairs: [(item: Int32, attribute: Int32)] = (0..<20).map { (Int32($0), $0 < 10 ? 0 : 1) }
        pairs += [(3, 2), (15, 2)]
        let attributes = ItemAttributes(itemCount: 20, attributeCount: 3, pairs: pairs)
        let valid = InteractionMatrix(userCount: 24, itemCount: 20, train: GFCFTests.pairs(data.train),
                                      valid: GFCFTests.pairs(data.test), test: [])
        let evaluator = Evaluator(ks: [20])
        func ndcg(beta: Float, alpha: Float) -> Double {
            let model = Self.filter(valid, attributes, alpha: 1, beta: beta, rank: 4)
            model.fit(validation: nil, threads: 1)
            return evaluator.evaluate(GFCFScorer(model, weight: alpha, threads: 1), relevant: valid.valid,
                                      excluding: [valid.train]).value("ndcg@20")!
        }
        let best = GFCF.attributeWeightGrid.flatMap { beta in GFCF.weightGrid.map { ndcg(beta: beta, alpha: $0) } }.max()!
        let chosen = Self.filter(valid, attributes, alpha: nil, beta: nil, rank: 4)
        chosen.fit(validation: valid.valid, threads: 1)
        #expect(GFCF.attributeWeightGrid.contains(chosen.attributeWeight) && GFCF.weightGrid.contains(chosen.lowPassWeight))
        #expect(abs(ndcg(beta: chosen.attributeWeight, alpha: chosen.lowPassWeight) - best) < 1e-6)
        let fitted = evaluator.evaluate(chosen, on: .valid, data: valid).value("ndcg@20")!
        #expect(abs(fitted - best) < 1e-6)
        #expect(chosen.configuration.first { $0.key == "beta" }?.value == String(chosen.attributeWeight))

        let none = Self.filter(valid, nil, alpha: 0, beta: nil)
        none.fit(validation: valid.valid, threads: 1)
        #expect(none.attributeWeight == 0 && none.normalized.rows == 24)
        let given = Self.filter(valid, attributes, alpha: 0, beta: 0.7)
        given.fit(validation: valid.valid, threads: 1)
        #expect(given.attributeWeight == 0.7 && given.normalized.rows == 24 + 3)

        var settings: [String: String] = [:]
        for (key, value) in given.configuration where GFCF.Config.optionKeys.contains(key) { settings[key] = value }
        let rebuilt = Self.filter(valid, attributes, alpha: Float(settings["alpha"]!), beta: Float(settings["beta"]!))
        rebuilt.fit(validation: nil, threads: 1)
        #expect(rebuilt.scoresOfAllItems(users: [0, 13]) == given.scoresOfAllItems(users: [0, 13]))
    }
}
