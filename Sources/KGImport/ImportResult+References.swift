import KGGraph

extension ImportResult {
    /// The ids of the delta's items.
    package var itemIDs: [String] {
        delta.nodeKinds.indices.compactMap { delta.nodeKinds[$0] == .item ? delta.nodeIDs[$0] : nil }
    }

    /// The delta's items whose ids are not in `known` (the store's nodes), in delta order.
    package func unknownItems(known: Set<String>) -> [Int32] {
        delta.nodeKinds.indices.compactMap { i in
            delta.nodeKinds[i] == .item && !known.contains(delta.nodeIDs[i]) ? Int32(i) : nil
        }
    }

    /// How many of the delta's edges (an interaction file's rows) name one of `items`.
    package func rows(naming items: [Int32]) -> Int {
        let named = Set(items)
        return delta.edges.reduce(0) { $0 + (named.contains($1.target) || named.contains($1.source) ? 1 : 0) }
    }

    /// The error for interactions naming items the store does not know: at the place the first
    /// one is named, with how many rows name such items and the two ways on.
    package func unknownItemsError(_ items: [Int32], source: String) -> ImportError {
        let first = Int(items[0])
        let location = origins.location(of: first) ?? SourceLocation(file: source, line: 0, column: 0)
        let rows = rows(naming: items)
        var message = "item \(Excerpt.quoted(delta.nodeIDs[first])) is not in the store"
        if items.count > 1 { message += " (nor are \(grouped(items.count - 1)) more items)" }
        message += "; \(grouped(rows)) row\(rows == 1 ? "" : "s") name\(rows == 1 ? "s" : "") items the store does not "
            + "know. Import the catalog first, or give --create-missing to create them or --skip-missing to skip those rows"
        return .invalidGraph(location, message)
    }

    /// The result without `items` and every edge, property and labelled pair that names them;
    /// returns it with the number of edges (rows) left out.
    package func skipping(_ items: [Int32]) throws -> (ImportResult, skippedRows: Int) {
        let skipped = Set(items)
        var kept = GraphDelta()
        kept.idNamespaces = delta.idNamespaces
        var index = [Int32](repeating: -1, count: delta.nodeCount)
        var keptOrigins = NodeOrigins()
        for i in 0..<delta.nodeCount where !skipped.contains(Int32(i)) {
            index[i] = try kept.node(delta.nodeIDs[i], kind: delta.nodeKinds[i])
            if let label = delta.nodeLabels[i] { kept.setLabel(index[i], label) }
            if let location = origins.location(of: i) { keptOrigins.append(location) } else {
                keptOrigins.append(SourceLocation(file: "", line: 0, column: 0))
            }
        }
        for name in delta.relationNames { _ = try kept.relation(name) }
        var skippedRows = 0
        for e in delta.edges {
            guard index[Int(e.source)] >= 0, index[Int(e.target)] >= 0 else { skippedRows += 1; continue }
            kept.addEdge(index[Int(e.source)], e.relation, index[Int(e.target)], weight: e.weight, timestamp: e.timestamp,
                         split: e.split)
        }
        for p in delta.properties where index[Int(p.node)] >= 0 { kept.addProperty(index[Int(p.node)], p.key, p.value) }
        for p in delta.labelledPairs where index[Int(p.user)] >= 0 && index[Int(p.item)] >= 0 {
            kept.addLabelledPair(user: index[Int(p.user)], item: index[Int(p.item)], label: p.label, split: p.split)
        }
        let result = ImportResult(format: summary.format, delta: kept, recordsRead: summary.recordsRead, warnings: warnings,
                                  origins: keptOrigins)
        return (result, skippedRows)
    }
}
