import Foundation
import Testing
import KGGraph
import KGImport
import KGTestSupport
@testable import KGRecKit

/// The importer's hardening seen from the store: what a refused file leaves (nothing), and
/// what an accepted one keeps (every byte of its text).
@Suite struct ImportHardeningStoreTests {
    let dir = TemporaryDirectory()

    private func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.path(name)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// A store holding one good import, its bytes, and a path to import next.
    private func storeWithOneImport() throws -> (store: String, before: Data) {
        let store = dir.path("s.db")
        let workspace = Workspace(storePath: store)
        _ = try workspace.importData(path: dir.write("good.csv", "user,item\n1,10\n2,10\n"), options: ImportOptions())
        workspace.close()
        return (store, try Data(contentsOf: URL(fileURLWithPath: store)))
    }

    @Test(arguments: [
        ("nul.csv", Array("user,item\nu1,a".utf8) + [0] + Array("x\n".utf8), "nul.csv:2:5: expected text, found a NUL byte"),
        ("bad.csv", Array("user,item\nu1,".utf8) + [0xFF, 0x0A], "bad.csv:2:4: expected UTF-8 text, found byte 0xFF"),
        ("nul.nt", Array("# c".utf8) + [0] + Array("\n<http://ex/s> <http://ex/p> \"a\" .\n".utf8),
         "nul.nt:1:4: expected text, found a NUL byte"),
    ] as [(String, [UInt8], String)])
    func aFileThatIsNotTextChangesNothing(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
        let (store, before) = try storeWithOneImport()
        let workspace = Workspace(storePath: store)
        do {
            _ = try workspace.importData(path: writeBytes(name, bytes), options: ImportOptions())
            Issue.record("accepted \(name)")
        } catch {
            #expect(dir.relative(error.description) == expected)
            #expect(error.isDataError)
        }
        workspace.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    @Test(arguments: [Array(#"<http://ex/s> <https://schema.org/name> "Name\u0000Hidden" ."#.utf8),
                      Array(#"<http://ex/s> <https://schema.org/name> "Name"#.utf8) + [0] + Array(#"Hidden" ."#.utf8)])
    func aNulInALiteralSurvivesTheStore(_ bytes: [UInt8]) throws {
        let path = writeBytes("nul.nt", bytes + [0x0A])
        let workspace = Workspace(storePath: dir.path("nul.db"))
        _ = try workspace.importData(path: path, options: ImportOptions())
        workspace.close()
        let again = Workspace(storePath: dir.path("nul.db"))
        let snapshot = try again.snapshot()
        #expect(snapshot.labels.compactMap { $0 } == ["Name\u{0}Hidden"])
        #expect(snapshot.externalIDs == ["http://ex/s"])
    }
}
