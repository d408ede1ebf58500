import KGRecKit

/// `--store PATH` and `--wait SECONDS`, shared by every command that reads or writes a store.
package enum StoreOption {
    package static let spec = OptionSpec.value("--store", "PATH",
                                       "The store file (default: $KGREC_STORE, else ./kgrec.db).")
    package static let waitSpec = OptionSpec.value(
        "--wait", "SECONDS",
        "How long to wait when another process is writing to the store (default \(Int(BusyWait.defaultSeconds))).")
    /// Both options, for a command's option list.
    package static let specs = [spec, waitSpec]

    /// The store path the arguments and environment select, and whether it is the default.
    package static func resolve(_ args: ParsedArguments, _ console: Console) -> (path: String, isDefault: Bool) {
        StoreLocation.resolve(explicit: args.string("--store"), environment: console.environment,
                              directory: console.currentDirectory)
    }

    /// A workspace over the selected store that waits `--wait` seconds for a busy store,
    /// saying on standard error that it is waiting.
    package static func workspace(_ args: ParsedArguments, _ console: Console) throws(UsageError) -> Session {
        let workspace = Session(storePath: resolve(args, console).path)
        try configure(workspace, args, console)
        return workspace
    }

    /// Applies `--wait` to a workspace made elsewhere.
    package static func configure(_ workspace: Session, _ args: ParsedArguments, _ console: Console) throws(UsageError) {
        let seconds = try args.number(.wait) ?? BusyWait.defaultSeconds
        nonisolated(unsafe) let console = console
        workspace.busyWait = BusyWait(seconds: seconds, onWait: { note in console.err("Note: \(note)\n") })
    }
}
