import KGRecKit

/// `kgrec query "<statement>"`: one statement, rendered as a table, a JSON document, CSV rows
/// or a DOT graph.
enum QueryCommand {
    static let spec = CommandSpec(
        name: "query", summary: "Run one query: recommend, similar, why, match, show, explain plan…",
        usage: "kgrec query <statement> [--store PATH] [--format table|json|csv|dot]",
        discussion: """
        Examples:
          kgrec query "recommend items for u42 via category"
          kgrec query "recommend items for u42 via bought > in_category < in_category where price < 50 limit 5 explain"
          kgrec query "why i99 for u42"
          kgrec query "match u42 > bought > in_category"
          kgrec query "show i7"
          kgrec query "recommend items for u42 via category" --format csv > picks.csv

        Without --store and with no ./kgrec.db, the bundled demo store is built first. Ctrl-C
        during a train statement stops it after the current batch, keeps the best finished
        epoch and exits with status 130.
        """,
        positionals: [PositionalSpec(name: "statement", help: "The statement to run, quoted as one argument.")],
        options: StoreOption.specs + SettingFlags.specs([OutputSettings.format]) + [allowDirOption],
        run: { args, console in
            let format = try outputFormat(args, OutputSettings.format)
            let workspace = try openForQuery(args, console)
            nonisolated(unsafe) let console = console
            workspace.isCancelled = { console.interrupted }
            let outcome: StatementOutcome
            do throws(KGRecError) {
                outcome = try workspace.execute(args.positional(0) ?? "", checking: { statement in
                    // Ctrl-C stops a training run after its current batch; anything else it ends.
                    if statement.verb == "train" { console.watchInterrupts() }
                    return Renderer.refusal(statement, as: format)
                })
            } catch {
                guard case .refused(let reason) = error else { throw error }
                throw UsageError(message: reason, command: "query")
            }
            for note in outcome.notes + Renderer.notes(outcome, as: format) { console.err("Note: \(note)\n") }
            do throws(RenderError) {
                console.line(try Renderer.render(outcome, as: format))
            } catch {
                throw UsageError(message: error.message, command: "query")
            }
            if case .trained(let report) = outcome.result, report.result.cancelled { return ExitCode.interrupted }
            return ExitCode.success
        })

    /// The `--format` `args` give for `setting` (table when none).
    static func outputFormat(_ args: ParsedArguments, _ setting: Setting) throws(UsageError) -> OutputFormat {
        let values = try SettingFlags.values(args, [setting])
        return try SettingFlags.reading(args) { () throws(SettingError) in try OutputSettings.format(values, setting) }
    }

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

}
