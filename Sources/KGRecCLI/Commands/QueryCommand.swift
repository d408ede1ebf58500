import KGRecKit

/// `kgrec query "<statement>"`: one statement, rendered as a table, JSON lines or DOT.
enum QueryCommand {
    static let formatOption = OptionSpec.value("--format", "FORMAT",
                                               "Output as 'table' (default), 'json' (one object per result) or 'dot' (Graphviz).")

    static let spec = CommandSpec(
        name: "query", summary: "Run one query: recommend, similar, why, match, show, explain plan…",
        usage: "kgrec query <statement> [--store PATH] [--format table|json|dot]",
        discussion: """
        Examples:
          kgrec query "recommend items for u42 via category"
          kgrec query "recommend items for u42 via bought > in_category < in_category where price < 50 limit 5 explain"
          kgrec query "why i99 for u42"
          kgrec query "match u42 > bought > in_category"
          kgrec query "show i7"

        Without --store and with no ./kgrec.db, the bundled demo store is built first.
        """,
        positionals: [PositionalSpec(name: "statement", help: "The statement to run, quoted as one argument.")],
        options: StoreOption.specs + [formatOption, allowDirOption],
        run: { args, console in
            let format = try args.choice("--format", ["table", "json", "dot"], default: "table")
            let workspace = try openForQuery(args, console)
            let outcome = try workspace.execute(args.positional(0)!)
            for note in outcome.notes { console.err("Note: \(note)\n") }
            console.line(render(outcome, format: format))
            return ExitCode.success
        })

    /// `--allow-dir DIR`: another directory whose files `import` statements may read.
    static let allowDirOption = OptionSpec.value(
        "--allow-dir", "DIR",
        "Let import statements read files in DIR and below, besides the working directory.", repeatable: true)

    /// Opens the store a query reads; builds the demo when the default store does not exist yet.
    static func openForQuery(_ args: ParsedArguments, _ console: Console) throws -> Session {
        let (path, isDefault) = StoreOption.resolve(args, console)
        let workspace = Session(storePath: path)
        try StoreOption.configure(workspace, args, console)
        workspace.statementFiles = try StatementFileAccess(allowing: [console.currentDirectory] + args.strings("--allow-dir"))
        if isDefault && !workspace.storeExists {
            console.err("No store at \(path): building the demo store from the bundled catalog (first use)…\n")
            let summary = try DemoStore.build(at: path, searchingFrom: console.currentDirectory,
                                              environment: console.environment, generator: console.extensions.demoGenerator)
            console.err(summary + "\n")
        }
        return workspace
    }

    static func render(_ outcome: StatementOutcome, format: String) -> String {
        switch format {
        case "json": StructuredRenderer.json(outcome)
        case "dot": StructuredRenderer.dot(outcome)
        default: TableRenderer.render(outcome)
        }
    }
}
