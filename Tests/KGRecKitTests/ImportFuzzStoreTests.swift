import Foundation
import Testing
import KGImport
import KGTestSupport
@testable import KGRecKit

/// CSV mutants imported into a store (`CSVMutants`): every failure is an import error at
/// `file:line:column` (the review found store errors without one: ids cut at a NUL collided
/// in SQLite), and a failed import leaves the store as it was.
@Suite struct ImportFuzzStoreTests {
    @Test func everyFailedImportOfAMutantHasAPosition() throws {
        let dir = TemporaryDirectory()
        let store = dir.path("fuzz.db")
        let workspace = Session(storePath: store)
        _ = try workspace.importData(path: dir.write("valid.csv", String(decoding: CSVMutants.valid, as: UTF8.self)),
                                     options: ImportOptions())
        var failures = 0
        for seed in UInt64(0)..<300 {
            let path = dir.path("m\(seed).csv")
            writeFile(path, CSVMutants.mutant(seed))
            let revision = try workspace.snapshot().revision
            do {
                _ = try workspace.importData(path: path, options: ImportOptions())
            } catch {
                failures += 1
                guard case .importFailed(let importError) = error, let location = importError.location else {
                    Issue.record("seed \(seed): no position: \(error)")
                    continue
                }
                #expect(location.file == path && location.line >= 1 && location.column >= 1, "seed \(seed): \(error)")
                #expect(try workspace.snapshot().revision == revision)
            }
        }
        #expect(failures > 50)
    }
}
