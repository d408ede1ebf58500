import KGGraph

/// Imports RecBole atomic files (https://recbole.io/docs/user_guide/data/atomic_files.html).
///
/// Files are tab-separated with a typed header (`user_id:token	item_id:token	rating:float	…`):
/// - `<name>.inter` (required): one interaction per row. The user and item columns are
///   `user_id` and `item_id` unless `options.userColumn`/`itemColumn` name others; `rating`
///   (or `options.weightColumn`) is the weight and `timestamp` the time, when present. When
///   RecBole's split files `<name>.train.inter`, `<name>.valid.inter` and `<name>.test.inter`
///   exist they are read instead, each with its split; without `<name>.inter`, a missing
///   split file is read as empty, with a warning.
/// - `<name>.kg` (optional): `head_id:token relation_id:token tail_id:token`; relations are
///   named by the relation token.
/// - `<name>.link` (optional): `item_id:token entity_id:token`; a linked entity is its item's node.
///
/// Ids are tokens: users become `u<token>`, items `i<token>`, other entities `e<token>`, after
/// `options.userPrefix` (users) and `options.itemPrefix` (items and entities).
struct RecBoleImporter {
    let options: ImportOptions

    func load(path: String) throws -> (delta: GraphDelta, lines: Int, warnings: [ImportWarning], origins: NodeOrigins) {
        let (directory, name) = try RecBoleImporter.locate(path)
        let base = directory + "/" + name
        var delta = GraphDelta()
        var origins = NodeOrigins()
        var warnings: [ImportWarning] = []
        var lines = 0
        let (userPrefix, itemPrefix, entityPrefix) = (options.userPrefix + "u", options.itemPrefix + "i", options.itemPrefix + "e")
        let interacted = try relationIndex(options.relation, &delta, SourceLocation(file: base + ".inter", line: 1, column: 1))
        let splitFiles = [(".train.inter", EdgeSplit.train), (".valid.inter", .valid), (".test.inter", .test)]
        let presentSplits = splitFiles.filter { ImportFormat.fileExists(base + $0.0) }
        let interFiles: [(String, EdgeSplit)]
        if presentSplits.count == splitFiles.count || !presentSplits.isEmpty && !ImportFormat.fileExists(base + ".inter") {
            interFiles = presentSplits.map { (base + $0.0, $0.1) }
            for (suffix, split) in splitFiles where !ImportFormat.fileExists(base + suffix) {
                warnings.append(missingSplitFileWarning(base + suffix, split))
            }
        } else {
            interFiles = [(try requiredFile(name + ".inter", in: directory), EdgeSplit.train)]
        }
        for (file, split) in interFiles {
            var table = try AtomicTable(path: file)
            let user = try table.column(options.userColumn ?? "user_id", userGiven: options.userColumn != nil)
            let item = try table.column(options.itemColumn ?? "item_id", userGiven: options.itemColumn != nil)
            let weight = try options.weightColumn.map { try table.column($0, userGiven: true) } ?? table.optionalColumn("rating")
            let time = try options.timestampColumn.map { try table.column($0, userGiven: true) } ?? table.optionalColumn("timestamp")
            while let row = try table.next() {
                lines += 1
                let u = try node(userPrefix + row.token(user), .user, &delta, &origins, row.location(user))
                let i = try node(itemPrefix + row.token(item), .item, &delta, &origins, row.location(item))
                let w = try weight.map { try row.number($0, "the weight") }
                let t = try time.map { c -> Int64 in
                    guard let value = Timestamp.parse(row.fields[c]) else {
                        throw ImportError.syntax(row.location(c), "expected a timestamp, found \(Excerpt.quoted(row.fields[c]))")
                    }
                    return value
                }
                delta.addEdge(u, interacted, i, weight: w.map(Float.init), timestamp: t, split: split)
            }
        }
        var linked: [String: Int32] = [:]
        if ImportFormat.fileExists(base + ".link") {
            var table = try AtomicTable(path: base + ".link")
            let item = try table.column("item_id"), entity = try table.column("entity_id")
            while let row = try table.next() {
                lines += 1
                linked[try row.token(entity)] = try node(itemPrefix + row.token(item), .item, &delta, &origins,
                                                         row.location(item))
            }
        }
        if ImportFormat.fileExists(base + ".kg") {
            var table = try AtomicTable(path: base + ".kg")
            let head = try table.column("head_id"), relation = try table.column("relation_id")
            let tail = try table.column("tail_id")
            var relations: [String: Int32] = [:]
            while let row = try table.next() {
                lines += 1
                func entity(_ column: Int) throws -> Int32 {
                    let token = try row.token(column)
                    return try linked[token] ?? node(entityPrefix + token, .entity, &delta, &origins, row.location(column))
                }
                let name = try row.token(relation)
                let r = try relations[name] ?? relationIndex(name, &delta, row.location(relation))
                relations[name] = r
                delta.addEdge(try entity(head), r, try entity(tail))
            }
        }
        return (delta, lines, warnings, origins)
    }

    /// The directory and dataset name of a path to `<name>.inter` or to a directory holding one.
    static func locate(_ path: String) throws(ImportError) -> (String, String) {
        if ImportFormat.isDirectory(path) {
            let directory = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            let inters = ImportFormat.listDirectory(directory).filter { $0.hasSuffix(".inter") }
            let names = Set(inters.map { file -> String in
                var stem = String(file.dropLast(".inter".count))
                for part in [".train", ".valid", ".test"] where stem.hasSuffix(part) { stem = String(stem.dropLast(part.count)) }
                return stem
            })
            let folder = directory.split(separator: "/").last.map(String.init) ?? directory
            if names.contains(folder) { return (directory, folder) }
            guard names.count == 1, let only = names.first else {
                throw .missingFile(directory: directory, expected: names.isEmpty ? "<name>.inter"
                                   : "\(folder).inter (the directory holds several datasets: \(names.sorted().joined(separator: ", ")))")
            }
            return (directory, only)
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let file = String(parts.last ?? "")
        let directory = parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
        guard file.hasSuffix(".inter") else {
            throw .unknownFormat(path: path, hint: "a RecBole dataset is a '<name>.inter' file or a directory holding one")
        }
        var stem = String(file.dropLast(".inter".count))
        for part in [".train", ".valid", ".test"] where stem.hasSuffix(part) { stem = String(stem.dropLast(part.count)) }
        return (directory.isEmpty ? "/" : directory, stem)
    }
}

/// One RecBole atomic file: a typed header, then tab-separated rows.
struct AtomicTable {
    private var lines: TokenLines
    /// Header field names without their `:type`.
    let names: [String]
    let types: [String]
    private let headerLine: Int

    struct Row {
        var fields: [String]
        var columns: [Int]
        var file: String
        var line: Int

        func location(_ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: columns[column])
        }

        func token(_ column: Int) throws -> String {
            let value = fields[column]
            guard !value.isEmpty else { throw ImportError.syntax(location(column), "expected a token, found an empty field") }
            return value
        }

        func number(_ column: Int, _ what: String) throws -> Double {
            guard let value = Double(fields[column]), value.isFinite else {
                throw ImportError.syntax(location(column), "expected a number for \(what), found \(Excerpt.quoted(fields[column]))")
            }
            return value
        }
    }

    init(path: String) throws {
        lines = try TokenLines(path: path, tabsOnly: true)
        guard lines.nextLine() else { throw ImportError.syntax(SourceLocation(file: path, line: 1, column: 1),
                                                               "expected a header such as 'user_id:token', found end of file") }
        var names: [String] = [], types: [String] = []
        while let range = lines.field() {
            let field = lines.text(range)
            guard let colon = field.lastIndex(of: ":") else {
                throw ImportError.syntax(lines.location(at: range.lowerBound),
                                         "expected a typed header field such as 'user_id:token', found \(Excerpt.quoted(field))")
            }
            names.append(String(field[..<colon]))
            types.append(String(field[field.index(after: colon)...]))
        }
        self.names = names
        self.types = types
        headerLine = lines.line
    }

    /// The index of a header column; throws with the available names when it is missing, and
    /// a "Did you mean" when the user gave the name (`--user-col`…). A name the format fixes
    /// (`user_id`) gets none: the file differs from the format, the user mistyped nothing.
    func column(_ name: String, userGiven: Bool = false) throws -> Int {
        if let index = names.firstIndex(of: name) { return index }
        throw ImportError.syntax(SourceLocation(file: lines.name, line: headerLine, column: 1),
                                 "expected a column named '\(name)' in the header, found " + Excerpt.list(names)
                                     + (userGiven ? Suggestion.hint(for: name, in: names) : ""))
    }

    func optionalColumn(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// The next row; each must have as many fields as the header.
    mutating func next() throws -> Row? {
        guard lines.nextLine() else { return nil }
        var row = Row(fields: [], columns: [], file: lines.name, line: lines.line)
        while let range = lines.field() {
            row.fields.append(lines.text(range))
            row.columns.append(lines.location(at: range.lowerBound).column)
        }
        guard row.fields.count == names.count else {
            throw ImportError.syntax(SourceLocation(file: lines.name, line: lines.line, column: 1),
                                     "expected \(names.count) tab-separated fields as in the header, found \(row.fields.count)")
        }
        return row
    }
}
