import KGRecKit

/// `kgrec stats`: what the store holds.
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats", summary: "Count nodes per kind, edges per relation and split, and degrees.",
        usage: "kgrec stats [--store PATH] [--format table|json|csv]",
        discussion: """
        --format csv writes the edges per relation and split (relation,train,valid,test,total);
        --format json writes everything.
        """,
        options: StoreOption.specs + SettingFlags.specs([OutputSettings.reportFormat]),
        run: { args, console in
            let format = try QueryCommand.outputFormat(args, OutputSettings.reportFormat)
            let workspace = try StoreOption.workspace(args, console)
            let report = try workspace.statistics()
            switch format {
            case .json: console.line(JSONRenderer.report(CommandJSON.stats(report), "stats"))
            case .csv: console.line(CSVRenderer.stats(report))
            default: console.line(ReportText.stats(report))
            }
            return ExitCode.success
        })
}
