#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        writeFile(path, bytes)
        return path
    }

    /// A store holding one good import, its bytes, and a path to import next.
    private func storeWithOneImport() throws -> (store: String, before: Data) {
        let store = dir.path("s.db")
        let workspace = Session(storePath: store)
        _ = try workspace.importData(path: dir.write("good.csv", "user,item\n1,10\n2,10\n"), options: ImportOptions())
        workspace.close()
        return (store, try Data(contentsOf: URL(fileURLWithPath: store)))
    }

    @Test(arguments: [
        ("nul.csv", Array("user,item\nu1,a".utf8) + [0] + Array("x\n".utf8), "nul.csv:2:5: expected text, found a NUL byte"),
        ("bad.csv", Array("user,item\nu1,".utf8) + [0xFF, 0x0A], "bad.csv:2:4: expected UTF-8 text, found byte 0xFF"),
        ("nul.nt", Array("# c".utf8) + [0] + Array("\n<http://ex/s> <http://ex/p> \"a\" .\n".utf8),
         "nul.nt:1:4: expected text, found a NUL byte"),
        ("long.csv", Array("user,item\nu1,".utf8) + Array(repeating: UInt8(ascii: "a"), count: 17 << 20),
         "long.csv:2:1: line 2 is longer than 16 MiB"),
        ("ns.rdf", Array((#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:v="vocab/">"#
                          + #"<v:T rdf:about="http://ex/a"/></rdf:RDF>"#).utf8),
         "ns.rdf:1:83: namespace 'vocab/' of 'T' is not an absolute IRI, so it names no IRI "
            + "(XML does not resolve namespaces against the base)"),
        ("attrs.rdf", Array((#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">"#
                             + "\n<rdf:Description" + (0..<1_100).map { #" ex:p\#($0)="v""# }.joined()
                             + "/></rdf:RDF>").utf8),
         "attrs.rdf:2:1: start tag has more than the limit of 1024 attributes (namespace declarations included)"),
    ] as [(String, [UInt8], String)])
    func aFileThatIsNotTextChangesNothing(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
        let (store, before) = try storeWithOneImport()
        let workspace = Session(storePath: store)
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

    /// A device or a FIFO is refused before anything is read, and the store is untouched.
    @Test func aDeviceOrAFIFOChangesNothing() throws {
        let (store, before) = try storeWithOneImport()
        let fifo = dir.path("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let workspace = Session(storePath: store)
        for (path, kind) in [("/dev/zero", "a character device"), (fifo, "a FIFO (named pipe)")] {
            var options = ImportOptions()
            options.format = .csv
            do {
                _ = try workspace.importData(path: path, options: options)
                Issue.record("accepted \(path)")
            } catch {
                #expect(error.description == "\(path): cannot read the file: it is \(kind), not a regular file; "
                        + "pass '-' to read standard input")
            }
        }
        workspace.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    @Test(arguments: [Array(#"<http://ex/s> <https://schema.org/name> "Name\u0000Hidden" ."#.utf8),
                      Array(#"<http://ex/s> <https://schema.org/name> "Name"#.utf8) + [0] + Array(#"Hidden" ."#.utf8)])
    func aNulInALiteralSurvivesTheStore(_ bytes: [UInt8]) throws {
        let path = writeBytes("nul.nt", bytes + [0x0A])
        let workspace = Session(storePath: dir.path("nul.db"))
        _ = try workspace.importData(path: path, options: ImportOptions())
        workspace.close()
        let again = Session(storePath: dir.path("nul.db"))
        let snapshot = try again.snapshot()
        #expect(snapshot.labels.compactMap { $0 } == ["Name\u{0}Hidden"])
        #expect(snapshot.externalIDs == ["http://ex/s"])
    }

    /// An id that is a user in the store and an item in the next file: a data error (exit
    /// 65) at the row that brought the item in, and the store unchanged.
    @Test func aKindConflictWithTheStoreNamesTheRow() throws {
        let (store, before) = try storeWithOneImport()
        let workspace = Session(storePath: store)
        let path = dir.write("next.csv", "user,item\n7,20\n8,1\n")
        do {
            _ = try workspace.importData(path: path, options: ImportOptions())
            Issue.record("accepted a user id as an item")
        } catch {
            #expect(dir.relative(error.description) == "next.csv:3:3: node '1' is already a user in the store and cannot "
                    + "also be an item; ids are shared with earlier imports, so give them prefixes (--user-prefix u --item-prefix i)")
            #expect(error.isDataError)
        }
        workspace.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    /// The same in a benchmark layout (the token's line and column) and in RDF (the first
    /// triple naming the node).
    @Test func aKindConflictInALayoutOrRDFNamesTheLine() throws {
        let layoutStore = Session(storePath: dir.path("layout.db"))
        _ = try layoutStore.importData(path: dir.write("first.csv", "user,item\ni1,x\n"), options: ImportOptions())
        dir.write("kgat/train.txt", "5 6\n")
        dir.write("kgat/test.txt", "0 1\n")
        do {
            _ = try layoutStore.importData(path: dir.path("kgat"), options: ImportOptions())
            Issue.record("accepted a user id as an item")
        } catch {
            #expect(dir.relative(error.description) == "kgat/test.txt:1:3: node 'i1' is already a user in the store and "
                    + "cannot also be an item; ids are shared with earlier imports, so give them prefixes "
                    + "(--user-prefix u --item-prefix i)")
        }
        let rdfStore = Session(storePath: dir.path("rdf.db"))
        _ = try rdfStore.importData(path: dir.write("people.csv", "user,item\nx,y\n"), options: ImportOptions())
        let nt = dir.write("x.nt", "<http://ex/a> <http://ex/p> <http://ex/b> .\n"
                           + "<http://ex/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .\n")
        var options = ImportOptions()
        options.idNamespaces = ["http://ex/"]
        do {
            _ = try rdfStore.importData(path: nt, options: options)
            Issue.record("accepted an item id that is a user in the store")
        } catch {
            #expect(dir.relative(error.description) == "x.nt:2:1: node 'x' is already a user in the store and cannot "
                    + "also be an item")
        }
    }

    /// After `--id-namespace NS`, `NS + id` finds the node `id` (the store remembers NS).
    @Test func aFullIRIFindsANodeImportedUnderAnIDNamespace() throws {
        let path = dir.write("shop.nt", """
            <https://shop.example/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .
            <https://shop.example/p1> <https://schema.org/name> "Pan" .

            """)
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        let workspace = Session(storePath: dir.path("ns.db"))
        _ = try workspace.importData(path: path, options: options)
        workspace.close()
        let again = Session(storePath: dir.path("ns.db"))
        let snapshot = try again.snapshot()
        let short = try #require(snapshot.node("p1"))
        #expect(snapshot.node("https://shop.example/p1") == short)
        #expect(snapshot.node("https://shop.example/p2") == nil)
        let outcome = try again.execute(#"show "https://shop.example/p1""#)
        guard case .node(let description) = outcome.result else { Issue.record("not a node: \(outcome.result)"); return }
        #expect(description.node == short)
    }
}
