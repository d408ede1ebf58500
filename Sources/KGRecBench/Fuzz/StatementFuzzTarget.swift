import KGRecKit

/// Feeds mutated statements to a workspace over the demo store, the way a script or a REPL
/// line reaches it: parsed, planned and run. Statements may read no file, statements that change
/// the catalog are refused, and a `train` statement is cancelled at its first batch, so no case
/// writes to the store or runs long.
public final class StatementFuzzTarget: FuzzTarget {
    public let name = "query"
    public let seeds: [FuzzInput]
    public let dictionary = [
        "recommend", "similar", "why", "match", "show", "explain", "plan", "items", "categories", "tags", "users", "for",
        "to", "via", "using", "where", "diversify", "by", "max", "exclude", "include", "seen", "limit", "and", "or",
        "not", "in", "contains", "u42", "i174", "Footwear", "in_category", "has_tag", "brand", "bought", "viewed",
        "category", "tag", "paths", "popularity", "mf", "price", "label", " > ", " < ", ">=", "=", "!=", "(", ")", "|",
        "{", "}", "{0,3}", ",", ";", "0", "-1", "1e308", "99999999999999999999", "\"Trail Shoe\"", "'x'", "\"", "\\",
        "stats", "train", "eval", "import", "k", "epochs", "\n", "--", "((((((((", "not not not ", "\u{0}", "\u{FEFF}",
        "retire", "unretire", "delete", "forget user", "set default model",
    ]
    /// The workspace the statements run in (the script target shares it).
    public let workspace: Session
    private let directory: PrivateDirectory

    public init() throws(KGRecError) {
        directory = try PrivateDirectory(prefix: "kgrec-fuzz-query")
        try DemoStore.build(at: directory.file("demo.db"), files: DemoCatalog.generate())
        workspace = Session(storePath: directory.file("demo.db"))
        workspace.statementFiles = .nothing
        workspace.isCancelled = { true }
        workspace.allowsCatalogChanges = false
        seeds = StatementFuzzTarget.statements.map { FuzzInput($0) }
    }

    /// The statements the mutations start from.
    public static let statements = [
        "recommend items for u42 via category limit 5",
        "recommend items for u42 via bought > brand < brand where price < 60 diversify by category max 1 explain",
        "why i174 for u42 via category",
        "similar items to i164 via brand",
        "match u42 > (bought | viewed) > in_category",
        "match u42 > viewed{1,3} > in_category > subclass_of{0,2}",
        "show i164",
        "show \"Trail Shoe\"",
        "recommend items for u42 via tag where (price < 50 and not label contains 'x') or price >= 100 limit 3",
        "recommend categories for u42 via bought > in_category",
        "recommend items for u42 using popularity exclude i1, i2 limit 2",
        "explain plan recommend items for u42 via category",
        "stats",
        "eval mf k 10,20 split valid",
        "train mf epochs 1 dim 8 seed 3",
        "import \"clicks.csv\" format csv delimiter \";\" relation viewed",
        "retire i164", "delete \"Trail Shoe\"", "forget user u42", "set default model mf",
    ]

    public func run(_ input: FuzzInput) -> FuzzVerdict {
        let text = String(decoding: input.bytes, as: UTF8.self)
        do {
            _ = try workspace.execute(text)
            return .accepted
        } catch {
            if case .query(let queryError, _) = error {
                if let position = queryError.position, position.line < 1 || position.column < 1 {
                    return .defect("an error at line \(position.line), column \(position.column): \(queryError)")
                }
            }
            if case .store(.sqlite(let code, let message, _)) = error {
                return .defect("SQLite error \(code) reached the user: \(message)")
            }
            let message = error.description
            if message.isEmpty { return .defect("an empty error message") }
            return FuzzChecks.messageLength(message, names: [directory.path]) ?? .rejected
        }
    }
}
