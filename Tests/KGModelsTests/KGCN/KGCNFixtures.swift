import KGAutodiff
import KGGraph
import KGTensor
@testable import KGModels

/// A small catalog whose only signal for some items is the knowledge graph.
///
/// Items i0..i9 are in category A, i10..i19 in category B; every item also has one of three
/// tags t0..t2 shared across the categories (noise), and A and B are both `subclass_of` Shop.
/// Users u0..u11 buy from A, u12..u23 from B: 5 train items each among the first 8 of their
/// category, and one test item among the last 2 (i8, i9, i18, i19), which no one bought in
/// train: "cold" items that a model can place only through their category.
struct KGCNCatalog {
    let snapshot: GraphSnapshot
    let data: InteractionMatrix

    init() throws {
        var delta = GraphDelta()
        var rng = SeededRNG(seed: 31)
        let users = try (0..<24).map { try delta.node("u\($0)", kind: .user) }
        let items = try (0..<20).map { try delta.node("i\($0)", kind: .item) }
        let a = try delta.node("A", kind: .category), b = try delta.node("B", kind: .category)
        let shop = try delta.node("Shop", kind: .category)
        let tags = try (0..<3).map { try delta.node("t\($0)", kind: .tag) }
        let bought = try delta.relation("bought"), inCategory = try delta.relation("in_category")
        let tagged = try delta.relation("tagged"), subclass = try delta.relation("subclass_of")
        for (i, item) in items.enumerated() {
            delta.addEdge(item, inCategory, i < 10 ? a : b)
            delta.addEdge(item, tagged, tags[i % 3])
        }
        delta.addEdge(a, subclass, shop)
        delta.addEdge(b, subclass, shop)
        for (u, user) in users.enumerated() {
            let offset = u < 12 ? 0 : 10
            var warm = Array(0..<8)
            rng.shuffle(&warm)
            for i in warm.prefix(5) { delta.addEdge(user, bought, items[offset + i]) }
            delta.addEdge(user, bought, items[offset + 8 + u % 2], split: .test)
        }
        snapshot = GraphSnapshot(SnapshotSource(delta))
        data = InteractionMatrix(snapshot: snapshot)
    }

    /// Local index of item `i<n>`.
    func item(_ n: Int) -> Int32 { data.itemIndex[Int(snapshot.node("i\(n)")!)] }
    /// Local index of user `u<n>`.
    func user(_ n: Int) -> Int32 { data.userIndex[Int(snapshot.node("u\(n)")!)] }

    /// Every user paired with every cold item: label 1 for its own category's cold items.
    var coldPairs: (users: [Int32], items: [Int32], labels: [Bool]) { pairs(itemNumbers: [8, 9, 18, 19]) }

    /// Every user paired with every warm item (i0…i7, i10…i17) it did not buy: label 1 for its
    /// own category's.
    var unseenWarmPairs: (users: [Int32], items: [Int32], labels: [Bool]) {
        let all = pairs(itemNumbers: Array(0..<8) + Array(10..<18))
        var users: [Int32] = [], items: [Int32] = [], labels: [Bool] = []
        for p in all.users.indices where !data.train.contains(row: Int(all.users[p]), column: all.items[p]) {
            users.append(all.users[p])
            items.append(all.items[p])
            labels.append(all.labels[p])
        }
        return (users, items, labels)
    }

    private func pairs(itemNumbers: [Int]) -> (users: [Int32], items: [Int32], labels: [Bool]) {
        var users: [Int32] = [], items: [Int32] = [], labels: [Bool] = []
        for u in 0..<24 {
            for i in itemNumbers {
                users.append(user(u))
                items.append(item(i))
                labels.append((u < 12) == (i < 10))
            }
        }
        return (users, items, labels)
    }

    func model(_ config: KGCNConfig, seed: UInt64 = 3) -> KGCN {
        var rng = SeededRNG(seed: seed)
        return KGCN(snapshot: snapshot, data: data, config: config, rng: &rng)
    }
}

/// Finite-difference checks of tape gradients: each parameter element against the central
/// difference (f(p + ε) − f(p − ε)) / 2ε of f = Σ output ⊙ R, with R a fixed random weighting so
/// every output element counts differently.
struct FiniteDifference {
    var epsilon: Float = 1e-2
    var absoluteTolerance: Float = 5e-3
    var relativeTolerance: Float = 2e-2

    func mismatches(_ parameters: [Parameter], _ build: (Tape) -> Variable) -> [String] {
        func evaluate() -> (value: Double, gradients: [Tensor?]) {
            for p in parameters { p.clearGradient() }
            let tape = Tape()
            let output = build(tape)
            var rng = SeededRNG(seed: 99)
            let weights = Tensor.uniform(rows: output.rows, columns: output.columns, lower: 0.5, upper: 1.5, using: &rng)
            let loss = (output * tape.constant(weights)).sum()
            tape.backward(from: loss)
            let y = output.value.storage, w = weights.storage
            var total = 0.0
            for i in y.indices { total += Double(y[i]) * Double(w[i]) }
            return (total, parameters.map(\.gradient))
        }
        let analytic = evaluate().gradients
        var problems: [String] = []
        for (index, parameter) in parameters.enumerated() {
            let original = parameter.value
            for element in 0..<original.count {
                let r = element / original.columns, c = element % original.columns
                parameter.value[r, c] = original[r, c] + epsilon
                let plus = evaluate().value
                parameter.value[r, c] = original[r, c] - epsilon
                let minus = evaluate().value
                parameter.value = original
                let numeric = Float((plus - minus) / (2 * Double(epsilon)))
                let exact = analytic[index]?[r, c] ?? 0
                if abs(exact - numeric) > absoluteTolerance + relativeTolerance * abs(numeric) {
                    problems.append("\(parameter.name) (\(r), \(c)): tape \(exact), finite difference \(numeric)")
                }
            }
        }
        for p in parameters { p.clearGradient() }
        return problems
    }
}

func randomParameter(_ name: String, _ rows: Int, _ columns: Int, seed: UInt64, scale: Float = 1) -> Parameter {
    var rng = SeededRNG(seed: seed)
    return Parameter(name: name, value: Tensor.uniform(rows: rows, columns: columns, lower: -scale, upper: scale, using: &rng))
}
