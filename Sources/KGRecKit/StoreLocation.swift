/// Where the store lives when a command does not say: `--store PATH`, else `$KGREC_STORE`,
/// else `kgrec.db` in the working directory.
public enum StoreLocation {
    public static let defaultFileName = "kgrec.db"
    public static let environmentVariable = "KGREC_STORE"

    /// The store path, and whether it is the default one (the demo may be built there).
    public static func resolve(explicit: String?, environment: [String: String], directory: String)
        -> (path: String, isDefault: Bool) {
        if let explicit, !explicit.isEmpty { return (explicit, false) }
        if let env = environment[environmentVariable], !env.isEmpty { return (env, false) }
        return (directory.hasSuffix("/") ? directory + defaultFileName : directory + "/" + defaultFileName, true)
    }
}
