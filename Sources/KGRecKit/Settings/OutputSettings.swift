/// How a front end writes results: as aligned text, one JSON document per statement, CSV rows
/// or a Graphviz graph.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, dot
}

/// The output format of `query`, `repl`, `stats` and `eval` (`--format`, and the REPL's
/// `:format`), declared once.
public enum OutputSettings {
    /// What a statement's result can be written as.
    public static let format = Setting("format", .choice(OutputFormat.allCases.map(\.rawValue)), placeholder: "FORMAT",
        help: "Output as table (default), json (one document per statement, a header object first), csv "
            + "(a header row, then one row per result) or dot (a Graphviz graph).", example: "json")
    /// What a report (`stats`, `eval`) can be written as.
    public static let reportFormat = Setting("format", .choice([OutputFormat.table, .json, .csv].map(\.rawValue)),
        placeholder: "FORMAT", help: "Output as table (default), json or csv.", example: "csv")

    /// The format `values` give for `setting`; table when none.
    public static func format(_ values: SettingValues, _ setting: Setting = format) throws(SettingError) -> OutputFormat {
        try SettingReader(values: values).choice(setting).flatMap(OutputFormat.init(rawValue:)) ?? .table
    }
}
