import KGGraph
@testable import KGQuery

/// A hand-built shop whose answers are computed by hand in the tests.
///
///     u42 bought i1, i2 (Footwear); viewed i5 (Hats)
///     u7  bought i2, i3, i4 (Footwear)
///     u9  bought i5, i6 (Hats); i3 held out as test
///     Footwear, Hats subclass_of Apparel
///     waterproof: i1, i3, i6     brand Acme: i1, i3; Zeta: i4
///     prices: i1 50, i2 80, i3 40, i4 120, i5 20, i6 25
enum Shop {
    static func delta() throws -> GraphDelta {
        var d = GraphDelta()
        let u42 = try d.node("u42", kind: .user), u7 = try d.node("u7", kind: .user), u9 = try d.node("u9", kind: .user)
        var items: [Int32] = []
        let labels = ["Trail Shoe", "Hiking Boot", "Sandal", "Racing Flat", "Sun Hat", "Beanie"]
        let prices: [Double] = [50, 80, 40, 120, 20, 25]
        for i in 1...6 {
            let item = try d.node("i\(i)", kind: .item)
            d.setLabel(item, labels[i - 1])
            d.addProperty(item, "price", .number(prices[i - 1]))
            items.append(item)
        }
        let footwear = try d.node("Footwear", kind: .category), hats = try d.node("Hats", kind: .category)
        let apparel = try d.node("Apparel", kind: .category)
        let waterproof = try d.node("waterproof", kind: .tag)
        let acme = try d.node("brand-acme", kind: .entity), zeta = try d.node("brand-zeta", kind: .entity)
        d.setLabel(acme, "Acme")
        d.setLabel(zeta, "Zeta")
        let bought = try d.relation("bought"), viewed = try d.relation("viewed")
        let inCategory = try d.relation("in_category"), subclass = try d.relation("subclass_of")
        let hasTag = try d.relation("has_tag"), brand = try d.relation("brand")
        d.addEdge(u42, bought, items[0]); d.addEdge(u42, bought, items[1]); d.addEdge(u42, viewed, items[4])
        d.addEdge(u7, bought, items[1]); d.addEdge(u7, bought, items[2]); d.addEdge(u7, bought, items[3])
        d.addEdge(u9, bought, items[4]); d.addEdge(u9, bought, items[5])
        d.addEdge(u9, bought, items[2], split: .test)
        for i in 0..<4 { d.addEdge(items[i], inCategory, footwear) }
        for i in 4..<6 { d.addEdge(items[i], inCategory, hats) }
        d.addEdge(footwear, subclass, apparel); d.addEdge(hats, subclass, apparel)
        for i in [0, 2, 5] { d.addEdge(items[i], hasTag, waterproof) }
        d.addEdge(items[0], brand, acme); d.addEdge(items[2], brand, acme); d.addEdge(items[3], brand, zeta)
        d.addProperty(items[0], "organic", .bool(true))
        return d
    }

    static func snapshot() throws -> GraphSnapshot { GraphSnapshot(SnapshotSource(try delta())) }

    /// Runs a query end to end (parse, plan, execute).
    static func run(_ text: String, snapshot: GraphSnapshot? = nil) throws -> QueryResult {
        let s = try snapshot ?? self.snapshot()
        let plan = try Planner(catalog: SnapshotCatalog(snapshot: s)).plan(try Parser.parse(text))
        var executor = Executor(snapshot: s)
        return try executor.run(plan)
    }

    /// The external ids of a recommend/similar result, in order.
    static func ids(_ text: String) throws -> [String] {
        let s = try snapshot()
        guard case .recommendations(let r) = try run(text, snapshot: s) else { return [] }
        return r.results.map { s.externalIDs[Int($0.node)] }
    }

    /// The error a query raises, as its one-line message.
    static func error(_ text: String) throws -> String {
        do {
            _ = try run(text)
            return "no error"
        } catch let error as QueryError {
            return error.description
        }
    }
}
