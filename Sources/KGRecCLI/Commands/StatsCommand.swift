import KGRecKit

/// `kgrec stats`: what the store holds.
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats", summary: "Count nodes per kind, edges per relation and split, and degrees.",
        usage: "kgrec stats [--store PATH]",
        options: [StoreOption.spec],
        run: { args, console in
            let workspace = Workspace(storePath: StoreOption.resolve(args, console).path)
            console.line(try workspace.statistics().text)
            return ExitCode.success
        })
}
