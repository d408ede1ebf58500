#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGImport

/// Builds the bundled demo store: the ontology, the catalog and the interactions from
/// `Ontologies/`, imported into a fresh store that appears at its path only once complete.
public enum DemoStore {
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
        Files.exists(directory + "/" + DemoCatalog.catalogFile)
    }

    /// The import options of each demo file: short ids for the demo namespace.
    static func options(for file: String) -> ImportOptions {
        var options = ImportOptions()
        options.idNamespaces = [DemoCatalog.namespace]
        return options
    }

    /// Builds the demo store at `path` (which must not exist) from the `Ontologies/` that
    /// `locate` finds, or from the generator when there is none; returns a one-line summary.
    @discardableResult
    public static func build(at path: String, searchingFrom directory: String,
                             environment: [String: String] = [:]) throws(KGRecError) -> String {
        try build(at: path, from: locate(searchingFrom: directory, environment: environment))
    }

    /// Builds the demo store at `path` from the demo files in `directory`, or (nil) from
    /// files the generator writes to a temporary directory.
    @discardableResult
    public static func build(at path: String, from directory: String?) throws(KGRecError) -> String {
        var source = directory
        var generatedDirectory: String?
        if source == nil {
            let temporary = "\(temporaryDirectory())/kgrec-demo-\(getpid())"
            mkdir(temporary, 0o755)
            for file in DemoCatalog.generate() {
                guard Files.write(temporary + "/" + file.name, file.contents) else {
                    throw .failed("cannot write the demo files to \(temporary)")
                }
            }
            source = temporary
            generatedDirectory = temporary
        }
        defer {
            if let generatedDirectory {
                for file in DemoCatalog.generate() { unlink(generatedDirectory + "/" + file.name) }
                rmdir(generatedDirectory)
            }
        }
        let building = path + ".building"
        Files.removeStore(building)
        let workspace = Workspace(storePath: building)
        var outcomes: [ImportOutcome] = []
        do {
            for file in [DemoCatalog.ontologyFile, DemoCatalog.catalogFile, DemoCatalog.interactionsFile] {
                outcomes.append(try workspace.importData(path: source! + "/" + file, options: options(for: file)))
            }
            try workspace.store().checkpointWAL()
        } catch let error as KGRecError {
            Files.removeStore(building)
            throw error
        } catch {
            Files.removeStore(building)
            throw .failed("\(error)")
        }
        workspace.close()
        guard rename(building, path) == 0 else {
            Files.removeStore(building)
            throw .failed("cannot create the demo store at '\(path)': \(String(cString: strerror(errno)))")
        }
        let edges = outcomes.reduce(0) { $0 + $1.report.edgesAdded }
        let nodes = outcomes.reduce(0) { $0 + $1.report.nodesAdded }
        return "Demo store ready at \(path): \(grouped(nodes)) nodes, \(grouped(edges)) edges"
            + " (from \(generatedDirectory == nil ? source! : "the built-in generator"))."
    }

    private static func temporaryDirectory() -> String {
        if let tmp = getenv("TMPDIR") { return String(cString: tmp) }
        return "/tmp"
    }
}
