import Foundation
import Testing
import KGImport
import KGRecKit
import KGTestSupport

/// A file that fails to import leaves the store byte-for-byte as it was (issue 2).
@Suite struct FailedImportLeavesStoreTests {
    @Test(arguments: [
        ("bad.csv", "user,item\nu1,i1\nu2,i2,extra\n"),
        ("bad.nt", "<https://ex/s> <https://ex/p> <https://ex/o> .\n<https://ex/s> <https://ex/p> oops .\n"),
        ("bad.tsv", "user\titem\nu9\t\"unterminated\n"),
    ])
    func failingFileChangesNothing(_ name: String, _ text: String) throws {
        let dir = TemporaryDirectory()
        let store = dir.path("s.db")
        let workspace = Session(storePath: store)
        _ = try workspace.importData(path: dir.write("good.csv", "user,item\n1,10\n2,10\n"), options: ImportOptions())
        workspace.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let again = Session(storePath: store)
        #expect(throws: KGRecError.self) { _ = try again.importData(path: dir.write(name, text), options: ImportOptions()) }
        again.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        for suffix in ["-wal", "-journal"] {
            let side = store + suffix
            if FileManager.default.fileExists(atPath: side) {
                #expect((try? FileManager.default.attributesOfItem(atPath: side)[.size] as? Int) ?? 0 == 0)
            }
        }
    }
}
