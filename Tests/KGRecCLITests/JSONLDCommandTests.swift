import Foundation
import KGTestSupport
import Testing
@testable import KGRecCLI

/// `kgrec convert` and `kgrec import` read JSON-LD: `--to nq` keeps named graphs, `--documents`
/// supplies remote contexts from a local directory, and its mistakes are usage errors.
@Suite struct JSONLDCommandTests {
    static let document = #"""
        {"@context": "https://contexts.example/shop.jsonld", "@id": "https://shop.example/catalog",
         "@graph": [{"@id": "https://shop.example/i1", "name": "Tent"}]}
        """#
    static let context = #"{"@context": {"@vocab": "https://schema.org/"}}"#

    @Test func convertWritesNQuadsWithContextsFromADocumentsDirectory() {
        let dir = TemporaryDirectory()
        let file = dir.write("shop.jsonld", Self.document)
        dir.write("contexts/shop.jsonld", Self.context)
        let documents = "https://contexts.example/=" + dir.path("contexts")
        let quads = kgrec(["convert", file, "--to", "nq", "--documents", documents], in: dir)
        #expect(quads.status == 0, "\(quads.error)")
        #expect(quads.output == "<https://shop.example/i1> <https://schema.org/name> \"Tent\" <https://shop.example/catalog> .\n")
        let triples = kgrec(["convert", file, "--to", "nt", "--documents", documents], in: dir)
        #expect(triples.output == "<https://shop.example/i1> <https://schema.org/name> \"Tent\" .\n")
        let imported = kgrec(["import", file, "--store", dir.path("s.db"), "--documents", documents], in: dir)
        #expect(imported.status == 0 && imported.output.contains("jsonld: 1 entity"), "\(imported.output) \(imported.error)")
    }

    @Test func aRemoteContextWithoutDocumentsNamesTheOption() {
        let dir = TemporaryDirectory()
        let file = dir.write("shop.jsonld", Self.document)
        let run = kgrec(["convert", file, "--to", "nt"], in: dir)
        #expect(run.status == 65)
        #expect(run.error.hasPrefix("Error: \(file):1:1: loading remote context failed: "
                                    + "'https://contexts.example/shop.jsonld' is not available offline (kgrec never uses "
                                    + "the network); give --documents https://contexts.example/=DIR with a directory holding it"))
    }

    @Test(arguments: [
        (["convert", "x.jsonld", "--to", "nt", "--documents", "nonsense"],
         "Error: option '--documents' takes IRI-PREFIX=DIR, not 'nonsense'"),
        (["import", "x.jsonld", "--documents", "https://x/="], "Error: option '--documents' takes IRI-PREFIX=DIR, not 'https://x/='"),
        (["convert", "x.jsonld", "--to", "ttl"], "Error: option '--to' takes one of nt, nq, not 'ttl'"),
    ])
    func documentsAndToAreCheckedVerbatim(_ arguments: [String], _ message: String) {
        let dir = TemporaryDirectory()
        dir.write("x.jsonld", "{}")
        let run = kgrec(arguments, in: dir)
        #expect(run.status == 64)
        #expect(run.error.hasPrefix(message), "\(run.error)")
    }
}
