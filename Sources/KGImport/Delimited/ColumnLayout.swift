import KGGraph

/// Which field of a CSV/TSV row holds what, resolved once from the header and the options.
struct ColumnLayout {
    enum Role: CaseIterable {
        case user, item, weight, timestamp, relation, split

        var label: String {
            switch self {
            case .user: "user"
            case .item: "item"
            case .weight: "weight"
            case .timestamp: "timestamp"
            case .relation: "relation"
            case .split: "split"
            }
        }
    }

    var user: Int
    var item: Int
    var weight: Int?
    var timestamp: Int?
    var relation: Int?
    var split: Int?
    /// The number of fields every row must have.
    var fieldCount: Int

    /// Header names (compared lower-case, without `_`, `-`, spaces, dots or a RecBole `:type`
    /// suffix) that identify a column's role.
    static let knownNames: [Role: Set<String>] = [
        .user: ["user", "userid", "uid", "users", "customer", "customerid", "visitor", "visitorid",
                "reviewer", "reviewerid", "member", "memberid", "account", "accountid"],
        .item: ["item", "itemid", "iid", "items", "product", "productid", "movie", "movieid", "artist",
                "artistid", "book", "bookid", "isbn", "asin", "song", "songid", "track", "trackid",
                "article", "articleid", "location", "locationid", "poi", "poiid", "business", "businessid",
                "sku", "skuid", "video", "videoid", "news", "newsid", "recipe", "recipeid"],
        .weight: ["weight", "rating", "ratings", "score", "count", "playcount", "plays", "value", "stars"],
        .timestamp: ["timestamp", "time", "ts", "date", "datetime", "createdat", "created", "when"],
        .relation: ["relation", "event", "eventtype", "action", "behavior", "behaviour", "interaction"],
        .split: ["split", "set", "fold", "partition"],
    ]

    static func normalized(_ name: String) -> String {
        var base = Substring(name)
        if let colon = base.lastIndex(of: ":") { base = base[..<colon] }
        return String(base.lowercased().filter { !"_- .".contains($0) })
    }

    /// The role a header name stands for, if it is a known one.
    static func role(ofName name: String) -> Role? {
        let key = normalized(name)
        return Role.allCases.first { knownNames[$0]?.contains(key) == true }
    }

    init(header: DelimitedRow?, firstRow: DelimitedRow, options: ImportOptions, file: String) throws {
        let count = firstRow.fields.count
        guard count >= 2 else {
            throw ImportError.syntax(SourceLocation(file: file, line: firstRow.line, column: firstRow.endColumn),
                                     "expected at least two fields (a user and an item), found \(count)")
        }
        let claimed = try ColumnLayout.claim(names: header?.fields, count: count, options: options,
                                             file: file, line: firstRow.line)
        guard let user = claimed[.user], let item = claimed[.item] else {
            throw ImportError.syntax(SourceLocation(file: file, line: firstRow.line, column: 1),
                                     "expected a user and an item column, found \(count) columns")
        }
        fieldCount = count
        self.user = user
        self.item = item
        weight = claimed[.weight]
        timestamp = claimed[.timestamp]
        relation = claimed[.relation]
        split = claimed[.split]
    }

    /// The column of each role: named by an option, else found by a known header name, else
    /// by position (user and item always; weight and timestamp when no header name is known).
    private static func claim(names: [String]?, count: Int, options: ImportOptions,
                              file: String, line: Int) throws -> [Role: Int] {
        var used = Set<Int>()
        var claimed: [Role: Int] = [:]
        let optionFor: [Role: String?] = [.user: options.userColumn, .item: options.itemColumn,
                                          .weight: options.weightColumn, .timestamp: options.timestampColumn,
                                          .relation: options.relationColumn, .split: options.splitColumn]
        // Options first, so neither names nor positions take a column an option claims.
        for role in Role.allCases {
            guard let option = optionFor[role] ?? nil else { continue }
            let index = try index(of: option, role: role, names: names, count: count, file: file, line: line)
            if let other = claimed.first(where: { $0.value == index })?.key {
                throw ImportError.syntax(SourceLocation(file: file, line: line, column: 1),
                                         "expected different columns for the \(other.label) and the \(role.label), "
                                         + "found column \(index + 1) ('\(option)') for both")
            }
            claimed[role] = index
            used.insert(index)
        }
        if let names {
            for role in Role.allCases where claimed[role] == nil {
                if let index = names.indices.first(where: { !used.contains($0) && ColumnLayout.role(ofName: names[$0]) == role }) {
                    claimed[role] = index
                    used.insert(index)
                }
            }
        }
        let recognised = names?.contains { ColumnLayout.role(ofName: $0) != nil } ?? false
        var positional: [(Role, Int?)] = [(.user, 0), (.item, nil)]
        if !recognised { positional += [(.weight, 2), (.timestamp, 3)] }
        for (role, position) in positional where claimed[role] == nil && optionFor[role].flatMap({ $0 }) == nil {
            // The item takes the first column left after the user's.
            guard let index = position ?? (0..<count).first(where: { !used.contains($0) }),
                  index < count, !used.contains(index) else { continue }
            claimed[role] = index
            used.insert(index)
        }
        return claimed
    }

    /// The index a `--user-column`-style option names: a 1-based position or a header name.
    static func index(of option: String, role: Role, names: [String]?, count: Int,
                      file: String, line: Int) throws -> Int {
        let here = SourceLocation(file: file, line: line, column: 1)
        if let position = Int(option) {
            guard position >= 1, position <= count else {
                throw ImportError.syntax(here, "expected a \(role.label) column between 1 and \(count), found \(position)")
            }
            return position - 1
        }
        guard let names else {
            throw ImportError.syntax(here, "the file has no header row to find the \(role.label) column '\(option)' in; "
                                     + "give its position (1 to \(count)) instead")
        }
        if let exact = names.firstIndex(of: option) { return exact }
        if let loose = names.firstIndex(where: { $0.lowercased() == option.lowercased() }) { return loose }
        throw ImportError.syntax(here, "expected a header column named '\(option)' for the \(role.label), found "
                                 + Excerpt.list(names) + Suggestion.hint(for: option, in: names))
    }

    func checkFieldCount(_ row: DelimitedRow, file: String) throws {
        guard row.fields.count != fieldCount else { return }
        if row.fields.count < fieldCount {
            throw ImportError.syntax(SourceLocation(file: file, line: row.line, column: row.endColumn),
                                     "expected \(fieldCount) fields as in the first row, found \(row.fields.count)")
        }
        throw ImportError.syntax(SourceLocation(file: file, line: row.line, column: row.columns[fieldCount]),
                                 "expected \(fieldCount) fields as in the first row, found \(row.fields.count)")
    }
}
