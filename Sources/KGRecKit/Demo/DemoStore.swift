#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGImport
import KGStore

/// Builds the bundled demo store: the ontology, the catalog and the interactions from
/// `Ontologies/`, imported into a fresh store that appears at its path only once complete.
public enum DemoStore {
    /// One demo file: its name in `Ontologies/` and its text.
    public typealias File = (name: String, contents: String)
    /// Makes the demo files when no `Ontologies/` holds them (the generator lives with the
    /// benchmarks, outside the library).
    public typealias Generator = @Sendable () -> [File]

    /// The namespace of the demo's IRIs, stripped to short ids (`https://kgrec.dev/demo/i7` → `i7`).
    public static let namespace = "https://kgrec.dev/demo/"
    public static let ontologyFile = "demo-ontology.nt"
    public static let catalogFile = "demo-catalog.nt"
    public static let interactionsFile = "demo-interactions.csv"
    /// The same ontology and catalog as RDF/XML.
    public static let ontologyRDFXMLFile = "demo-ontology.rdf"
    public static let catalogRDFXMLFile = "demo-catalog.rdf"

    /// Where the demo files are: `$KGREC_DEMO_DIR`, else the first `Ontologies/` holding the
    /// demo catalog in `directory` or one of its parents, else beside the executable.
    public static func locate(searchingFrom directory: String, environment: [String: String] = [:]) -> String? {
        if let explicit = environment["KGREC_DEMO_DIR"], hasDemo(explicit) { return explicit }
        var candidates: [String] = []
        var dir = directory
        while true {
            candidates.append(dir + "/Ontologies")
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
        if let executable = CommandLine.arguments.first, let slash = executable.lastIndex(of: "/") {
            var dir = String(executable[..<slash])
            for _ in 0..<4 {
                candidates.append(dir + "/Ontologies")
                guard let up = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<up])
            }
        }
        return candidates.first(where: hasDemo)
    }

    private static func hasDemo(_ directory: String) -> Bool {
        Files.exists(directory + "/" + catalogFile)
    }

    /// The import options of each demo file: short ids for the demo namespace.
    static func options(for file: String) -> ImportOptions {
        var options = ImportOptions()
        options.idNamespaces = [namespace]
        return options
    }

    /// Builds the demo store at `path` (which must not exist) from the `Ontologies/` that
    /// `locate` finds, or from `generator` when there is none; returns a one-line summary.
    @discardableResult
    public static func build(at path: String, searchingFrom directory: String, environment: [String: String] = [:],
                             generator: Generator? = nil) throws(KGRecError) -> String {
        if let found = locate(searchingFrom: directory, environment: environment) { return try build(at: path, from: found) }
        guard let generator else {
            throw .failed("cannot find the demo files (Ontologies/\(catalogFile)) from '\(directory)' or beside kgrec; "
                          + "run kgrec from the project, or set KGREC_DEMO_DIR")
        }
        return try build(at: path, files: generator())
    }

    /// Builds the demo store at `path` from the demo files in `directory`.
    @discardableResult
    public static func build(at path: String, from directory: String) throws(KGRecError) -> String {
        try build(at: path, source: directory, generated: nil)
    }

    /// Builds the demo store at `path` from generated `files`, written to a private temporary
    /// directory first.
    @discardableResult
    public static func build(at path: String, files: [File]) throws(KGRecError) -> String {
        let directory = try PrivateDirectory(prefix: "kgrec-demo")
        defer { directory.remove() }
        for file in files { try directory.write(file.name, Array(file.contents.utf8)) }
        return try build(at: path, source: directory.path, generated: "the built-in generator")
    }

    /// Imports the demo files in `source`; `generated` names their origin when they were made.
    ///
    /// The store is built in a private directory beside `path` and moved into place only when
    /// complete, never over an existing file; every temporary file is removed.
    private static func build(at path: String, source: String, generated: String?) throws(KGRecError) -> String {
        let building = try PrivateDirectory(in: parentDirectory(of: path), prefix: "kgrec-building")
        defer { building.remove() }
        let workspace = Session(storePath: building.file("demo.db"))
        var outcomes: [ImportOutcome] = []
        for file in [ontologyFile, catalogFile, interactionsFile] {
            outcomes.append(try workspace.importData(path: source + "/" + file, options: options(for: file)))
        }
        try workspace.withStore(.readWrite) { (store) throws(StoreError) in try store.checkpointWAL() }
        workspace.close()
        try publish(building.file("demo.db"), at: path)
        let edges = outcomes.reduce(0) { $0 + $1.report.edgesAdded }
        let nodes = outcomes.reduce(0) { $0 + $1.report.nodesAdded }
        return "Demo store ready at \(path): \(grouped(nodes)) nodes, \(grouped(edges)) edges"
            + " (from \(generated ?? source))."
    }

    /// Moves the finished store to `path`. link(2) fails when `path` exists, so a store (or
    /// anything else) that appeared there meanwhile is never replaced; file systems without
    /// hard links fall back to rename(2) after checking that `path` is still free.
    private static func publish(_ built: String, at path: String) throws(KGRecError) {
        if link(built, path) == 0 { return }
        let linkError = errno
        if linkError == EPERM || linkError == EOPNOTSUPP || linkError == EXDEV, !Files.exists(path),
           rename(built, path) == 0 {
            return
        }
        throw .failed("cannot create the demo store at '\(path)': \(String(cString: strerror(linkError)))")
    }

    /// The directory holding `path` ("." for a bare file name).
    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
