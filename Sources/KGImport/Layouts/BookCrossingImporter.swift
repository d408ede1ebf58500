import KGGraph

/// Imports RippleNet/KGCN's Book-Crossing layout.
///
/// - `ratings_final.txt` (required): `user item label` integers. Every row becomes a
///   labelled pair; label-1 rows are also interaction edges `u<user> → i<item>`.
/// - `kg_final.txt` (required): `head relation tail` integers; entity ids below the item
///   count (the largest item id + 1) are the items, others `e<id>`; relations are `r<id>`.
///
/// The rows are split 6:2:2 at random, as KGCN's `dataset_split` does: a seeded shuffle of the
/// row indices (`options.seed`, default 555; SplitMix64 and a Fisher–Yates shuffle, so the
/// rows differ from numpy's), then floor(0.2·n) rows valid, floor(0.2·n) test and the rest
/// train, in shuffled order. A row's split applies to its labelled pair and its edge.
struct BookCrossingImporter {
    let options: ImportOptions

    func load(directory: String) throws -> (delta: GraphDelta, lines: Int, origins: NodeOrigins) {
        let ratingsPath = try requiredFile("ratings_final.txt", in: directory)
        let kgPath = try requiredFile("kg_final.txt", in: directory)
        var builder = LayoutBuilder(options: options)

        var users: [Int32] = [], items: [Int32] = [], labels: [Bool] = []
        var itemCount = 0
        var ratings = try TokenLines(path: ratingsPath)
        let interacted = try builder.relation(options.relation, at: SourceLocation(file: ratingsPath, line: 1, column: 1))
        while ratings.nextLine() {
            let user = try ratings.expectInteger("a user id")
            let item = try ratings.expectInteger("an item id")
            let label = try ratings.expectInteger("a label (0 or 1)")
            guard label <= 1 else {
                throw ImportError.syntax(ratings.lineLocation, "expected a label (0 or 1), found '\(label)'")
            }
            try ratings.expectEnd(after: "user, item and label")
            users.append(try builder.user(user, at: ratings.lineLocation))
            items.append(try builder.item(item, at: ratings.lineLocation))
            labels.append(label == 1)
            itemCount = max(itemCount, item + 1)
        }

        let splits = BookCrossingImporter.splitRows(count: users.count, seed: options.seed)
        builder.delta.reserveEdges(users.count / 2)
        for row in users.indices {
            builder.delta.addLabelledPair(user: users[row], item: items[row], label: labels[row], split: splits[row])
            if labels[row] { builder.delta.addEdge(users[row], interacted, items[row], split: splits[row]) }
        }
        let triples = try readKG(kgPath, itemCount: itemCount, relationNames: [:], into: &builder)
        return (builder.delta, users.count + triples, builder.origins)
    }

    /// The split of each of `count` rows: a seeded shuffle, then 20% valid, 20% test, the rest train.
    static func splitRows(count: Int, seed: UInt64) -> [EdgeSplit] {
        var order = Array(0..<count)
        var rng = SplitMix64(seed: seed)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                // An unbiased-enough draw in 0...i: the high word of a 64×64-bit product.
                let j = Int(rng.next().multipliedFullWidth(by: UInt64(i + 1)).high)
                order.swapAt(i, j)
            }
        }
        let validCount = count * 2 / 10, testCount = count * 2 / 10
        var splits = Array(repeating: EdgeSplit.train, count: count)
        for (position, row) in order.enumerated() {
            if position < validCount { splits[row] = .valid }
            else if position < validCount + testCount { splits[row] = .test }
        }
        return splits
    }
}
