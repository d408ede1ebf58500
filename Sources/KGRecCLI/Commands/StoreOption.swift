import KGRecKit

/// `--store PATH`, shared by every command that reads or writes a store.
enum StoreOption {
    static let spec = OptionSpec.value("--store", "PATH",
                                       "The store file (default: $KGREC_STORE, else ./kgrec.db).")

    /// The store path the arguments and environment select, and whether it is the default.
    static func resolve(_ args: ParsedArguments, _ console: Console) -> (path: String, isDefault: Bool) {
        StoreLocation.resolve(explicit: args.string("--store"), environment: console.environment,
                              directory: console.currentDirectory)
    }
}
