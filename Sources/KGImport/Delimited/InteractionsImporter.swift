import KGGraph

/// Imports a CSV/TSV file of interactions: one row per (user, item) with an optional weight,
/// timestamp, relation and split (see `ImportOptions` for how columns are found).
///
/// Users and items become nodes with ids `userPrefix + value` and `itemPrefix + value`; each
/// row becomes an edge user → item in the row's relation (default `options.relation`). A
/// malformed row stops the import with `file:line:column` at the offending field.
struct InteractionsImporter {
    let options: ImportOptions

    func load(path: String, format: ImportFormat) throws -> (delta: GraphDelta, rows: Int, origins: NodeOrigins) {
        let input = try InputBytes(path: path)
        let delimiter = try chooseDelimiter(input, path: path, format: format)
        var reader = DelimitedReader(input, delimiter: delimiter)
        var delta = GraphDelta()
        var origins = NodeOrigins()
        var first = DelimitedRow()
        guard try reader.next(into: &first) else { return (delta, 0, origins) }
        var second = DelimitedRow()
        let hasSecond = try reader.next(into: &second)
        let header = try isHeader(first, hasSecond ? second : nil)
        let layout = try ColumnLayout(header: header ? first : nil, firstRow: first, options: options, file: input.name)

        var rows = 0
        // The default relation exists only when no column names each row's relation.
        var defaultRelation: Int32 = -1
        var relations: [String: Int32] = [:]
        if layout.relation == nil {
            defaultRelation = try relationIndex(options.relation, &delta, SourceLocation(file: input.name, line: 1, column: 1))
            relations[options.relation] = defaultRelation
        }
        var userIndex: [String: Int32] = [:]
        var itemIndex: [String: Int32] = [:]
        func add(_ row: DelimitedRow) throws {
            try layout.checkFieldCount(row, file: input.name)
            let fields = row.fields
            func location(_ column: Int) -> SourceLocation {
                SourceLocation(file: input.name, line: row.line, column: row.columns[column])
            }
            let userID = fields[layout.user], itemID = fields[layout.item]
            guard !userID.isEmpty else { throw ImportError.syntax(location(layout.user), "expected a user id, found an empty field") }
            guard !itemID.isEmpty else { throw ImportError.syntax(location(layout.item), "expected an item id, found an empty field") }
            let user = try userIndex[userID] ?? node(options.userPrefix + userID, .user, &delta, &origins, location(layout.user))
            userIndex[userID] = user
            let item = try itemIndex[itemID] ?? node(options.itemPrefix + itemID, .item, &delta, &origins, location(layout.item))
            itemIndex[itemID] = item
            var weight: Float?
            if let w = layout.weight {
                guard let value = Float(fields[w]), value.isFinite else {
                    throw ImportError.syntax(location(w), "expected a number for the weight, found \(Excerpt.quoted(fields[w]))")
                }
                weight = value
            }
            var timestamp: Int64?
            if let t = layout.timestamp {
                guard let value = Timestamp.parse(fields[t]) else {
                    throw ImportError.syntax(location(t), "expected a timestamp (epoch seconds or an ISO-8601 date such as "
                                             + "2024-05-01T12:00:00Z), found \(Excerpt.quoted(fields[t]))")
                }
                timestamp = value
            }
            var relation = defaultRelation
            if let r = layout.relation {
                let name = fields[r]
                if let known = relations[name] {
                    relation = known
                } else {
                    relation = try relationIndex(name, &delta, location(r))
                    relations[name] = relation
                }
            }
            var split = EdgeSplit.train
            if let s = layout.split {
                guard let value = EdgeSplit(name: fields[s]) else {
                    throw ImportError.syntax(location(s), "expected a split name (train, valid or test), found \(Excerpt.quoted(fields[s]))")
                }
                split = value
            }
            delta.addEdge(user, relation, item, weight: weight, timestamp: timestamp, split: split)
            rows += 1
        }
        if !header { try add(first) }
        if hasSecond {
            try add(second)
            var row = DelimitedRow()
            while try reader.next(into: &row) { try add(row) }
        }
        return (delta, rows, origins)
    }

    private func chooseDelimiter(_ input: InputBytes, path: String, format: ImportFormat) throws -> UInt8 {
        if let d = options.delimiter {
            guard let ascii = d.asciiValue, ascii != Byte.quote, ascii != Byte.lf, ascii != Byte.cr else {
                throw ImportError.unknownFormat(path: path, hint: "the delimiter must be one ASCII character other "
                                                + "than a quote or a line break, not '\(d)'")
            }
            return ascii
        }
        return format == .tsv ? Byte.tab : DelimitedReader.sniffDelimiter(input)
    }

    /// A first row is a header when told so, when it names two known columns or one an option
    /// names, or when its
    /// would-be numeric columns (weight, timestamp) hold no numbers, or its ids are not
    /// numeric while the next row's are.
    private func isHeader(_ first: DelimitedRow, _ second: DelimitedRow?) throws -> Bool {
        if let header = options.header { return header }
        let named = [options.userColumn, options.itemColumn, options.weightColumn, options.timestampColumn,
                     options.relationColumn, options.splitColumn].compactMap { $0 }.filter { Int($0) == nil }
        if first.fields.contains(where: named.contains) { return true }
        // Two known column names (`user`, `item_id`, `rating`…); one alone could be an id ("book").
        if Set(first.fields.compactMap(ColumnLayout.role(ofName:))).count >= 2 { return true }
        let f = first.fields
        if f.count >= 3, Float(f[2]) == nil { return true }
        if f.count >= 4, Timestamp.parse(f[3]) == nil { return true }
        if let s = second?.fields, s.count >= 2, f.count >= 2 {
            let numeric = { (x: String) in Int64(x) != nil }
            if !numeric(f[0]) && !numeric(f[1]) && numeric(s[0]) && numeric(s[1]) { return true }
        }
        return false
    }
}

/// Creates or finds a node, turning a graph mistake into an error at `location`; a new node
/// has `location` as its origin.
func node(_ id: String, _ kind: NodeKind, _ delta: inout GraphDelta, _ origins: inout NodeOrigins,
          _ location: SourceLocation) throws -> Int32 {
    let before = delta.nodeCount
    do {
        let index = try delta.node(id, kind: kind)
        origins.recordNew(in: delta, since: before, at: location)
        return index
    } catch {
        var message = error.excerptedDescription
        if case .kindConflict(_, let existing, let new) = error, Set([existing, new]) == [.user, .item] {
            message += "; users and items share ids here, so give them prefixes (--user-prefix u --item-prefix i)"
        }
        throw ImportError.invalidGraph(location, message)
    }
}

/// Finds or creates a relation, turning an invalid name into an error at `location`.
func relationIndex(_ name: String, _ delta: inout GraphDelta, _ location: SourceLocation) throws -> Int32 {
    do {
        return try delta.relation(name)
    } catch {
        throw ImportError.invalidGraph(location, error.excerptedDescription)
    }
}

extension GraphError {
    /// `description` with the id or name from the input cut to an excerpt (`Excerpt`).
    var excerptedDescription: String {
        switch self {
        case .kindConflict(let id, let existing, let new):
            GraphError.kindConflict(id: Excerpt.of(id), existing: existing, new: new).description
        case .emptyID:
            description
        case .invalidRelationName(let name):
            GraphError.invalidRelationName(Excerpt.of(name)).description
        }
    }
}
