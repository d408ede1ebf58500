import KGRecKit

/// `kgrec stats`: what the store holds.
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats", summary: "Count nodes per kind, edges per relation and split, and degrees.",
        usage: "kgrec stats [--store PATH]",
        options: StoreOption.specs,
        run: { args, console in
            let workspace = try StoreOption.workspace(args, console)
            console.line(ReportText.stats(try workspace.statistics()))
            return ExitCode.success
        })
}
