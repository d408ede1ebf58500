import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// Timings of the store side of kgrec: a whole import into a new store (parse, map, SQLite
/// transaction) and building the in-memory snapshot from a store.
public enum StoreBenchmark {

    /// Imports `path` into a fresh store at `storePath` `runs` times (the store is deleted before each run).
    public static func importIntoNewStore(path: String, storePath: String, options: ImportOptions = ImportOptions(),
                                          runs: Int) throws(KGRecError) -> BenchmarkResult {
        var seconds: [Double] = []
        var edges = 0
        for _ in 0..<runs {
            Files.removeStore(storePath)
            let clock = ContinuousClock()
            let start = clock.now
            let workspace = Session(storePath: storePath)
            let outcome = try workspace.importData(path: path, options: options)
            workspace.close()
            seconds.append((clock.now - start).seconds)
            edges = outcome.report.edgesAdded
        }
        return BenchmarkResult(name: "import into a new store: \(path)", items: edges, unit: "edges", seconds: seconds)
    }

    /// Builds the snapshot of the store at `storePath` `runs` times: read every table, renumber,
    /// build forward and reverse CSR per relation.
    public static func snapshot(storePath: String, runs: Int) throws(KGRecError) -> BenchmarkResult {
        let store: GraphStore
        do { store = try GraphStore(path: storePath, access: .readOnly) } catch { throw .store(error) }
        var seconds: [Double] = []
        var edges = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            let snapshot: GraphSnapshot
            do { snapshot = try store.snapshot() } catch { throw .store(error) }
            seconds.append((clock.now - start).seconds)
            edges = snapshot.relations.reduce(0) { $0 + $1.trainEdgeCount + $1.heldOutEdgeCount }
        }
        return BenchmarkResult(name: "snapshot of \(storePath)", items: edges, unit: "edges", seconds: seconds)
    }
}
