import Foundation
import KGTestSupport
import Testing
@testable import KGRecCLI

/// `kgrec import` and `kgrec convert` tell RDF/XML and Turtle from N-Triples by the extension,
/// else by the content; `--format` forces one and `--base` sets the document's base IRI.
@Suite struct RDFDetectionTests {
    static let body = #"<rdf:Description rdf:about="i1"><s:name>Tent</s:name></rdf:Description></rdf:RDF>"#
    static let root = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/" xml:base="https://shop.example/">"#
    static let expected = "<https://shop.example/i1> <https://schema.org/name> \"Tent\" .\n"

    @Test(arguments: [
        ("shop.rdf", root + body),
        ("shop.owl", root + body),
        ("shop.xml", root + body),
        ("shop", #"<?xml version="1.0"?>"# + "\n" + root + body),
        ("shop.txt", "<!-- a catalog -->\n" + root + body),
        ("shop.data", #"<!DOCTYPE rdf:RDF [<!ENTITY shop "https://shop.example/">]>"# + "\n" + root + body),
        ("shop", "\u{FEFF}\n  " + root + body),
    ])
    func convertDetectsRDFXML(_ name: String, _ text: String) {
        let dir = TemporaryDirectory()
        let run = kgrec(["convert", dir.write(name, text), "--to", "nt"], in: dir)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == Self.expected)
    }

    @Test func convertDetectsNTriplesWithoutAnExtension() {
        let dir = TemporaryDirectory()
        let run = kgrec(["convert", dir.write("shop", Self.expected), "--to", "nt"], in: dir)
        #expect(run.status == 0 && run.output == Self.expected)
    }

    @Test func formatForcesRDFXMLWhateverTheNameSays() {
        let dir = TemporaryDirectory()
        let file = dir.write("shop.nt", Self.root + Self.body)
        let guessed = kgrec(["convert", file, "--to", "nt"], in: dir)
        #expect(guessed.status == 65 && guessed.error.hasPrefix("Error: \(file):1:"))
        let forced = kgrec(["convert", file, "--to", "nt", "--format", "rdfxml"], in: dir)
        #expect(forced.status == 0 && forced.output == Self.expected)
        let store = dir.path("s.db")
        let imported = kgrec(["import", file, "--format", "rdfxml", "--store", store], in: dir)
        #expect(imported.status == 0 && imported.output.contains("rdfxml: 1 entity"))
        let wrong = kgrec(["convert", file, "--to", "nt", "--format", "csv"], in: dir)
        #expect(wrong.status == 64 && wrong.error.hasPrefix("Error: option '--format' takes ntriples, rdfxml, turtle or jsonld, not 'csv'"))
    }

    @Test func baseSetsTheBaseIRIOfRelativeReferences() {
        let dir = TemporaryDirectory()
        let file = dir.write("catalog.rdf", """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">
              <s:Product rdf:about="i1"><s:name>Tent</s:name></s:Product>
            </rdf:RDF>
            """)
        let based = kgrec(["convert", file, "--to", "nt", "--base", "https://shop.example/"], in: dir)
        #expect(based.output == "<https://shop.example/i1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Product> .\n"
                + Self.expected)
        let fileBased = kgrec(["convert", file, "--to", "nt"], in: dir)
        #expect(fileBased.output.hasPrefix("<file://" + dir.path("catalog.rdf").replacingOccurrences(of: "catalog.rdf", with: "i1") + ">"))

        let store = dir.path("s.db")
        let run = kgrec(["import", file, "--base", "https://shop.example/", "--id-namespace", "https://shop.example/",
                         "--store", store], in: dir)
        #expect(run.status == 0 && run.output.contains("rdfxml: 1 item, 1 category; 1 edge in 1 relation"))
        let show = kgrec(["query", "show i1", "--store", store], in: dir)
        #expect(show.output.hasPrefix("i1 · item · \"Tent\""))
    }

    /// Turtle: detected from `.ttl` or a leading directive, relative IRIs resolved against
    /// `--base`, imported through the mapping; a bad file exits 65 at its line and column and
    /// leaves the store as it was.
    @Test func turtleIsConvertedAndImported() {
        let dir = TemporaryDirectory()
        let turtle = "@prefix s: <https://schema.org/> .\n<Tents> a <http://www.w3.org/2000/01/rdf-schema#Class> .\n"
            + "<i1> a <Tents> ; s:name \"Tent\" .\n"
        let file = dir.write("catalog.ttl", turtle)
        let sniffed = dir.write("catalog", turtle)
        for path in [file, sniffed] {
            let converted = kgrec(["convert", path, "--to", "nt", "--base", "https://shop.example/"], in: dir)
            #expect(converted.status == 0, "\(converted.error)")
            #expect(converted.output.hasSuffix("<https://shop.example/i1> <https://schema.org/name> \"Tent\" .\n"))
        }
        let store = dir.path("s.db")
        let run = kgrec(["import", file, "--base", "https://shop.example/", "--id-namespace", "https://shop.example/",
                         "--store", store], in: dir)
        #expect(run.status == 0 && run.output.contains("turtle: 1 item, 1 category; 1 edge in 1 relation"), "\(run.output)")
        let before = FileManager.default.contents(atPath: store)
        let bad = dir.write("bad.ttl", "<i2> <https://schema.org/name> \"Tarp\" ;\n  s:brand <b> .\n")
        let failed = kgrec(["import", bad, "--base", "https://shop.example/", "--store", store], in: dir)
        #expect(failed.status == 65)
        #expect(failed.error.hasPrefix("Error: \(bad):2:3: undefined prefix 's:'"), "\(failed.error)")
        #expect(FileManager.default.contents(atPath: store) == before)
        let forced = kgrec(["convert", dir.write("catalog.nt", turtle), "--to", "nt", "--format", "ttl",
                            "--base", "https://shop.example/"], in: dir)
        #expect(forced.status == 0 && forced.output.contains("<https://shop.example/Tents>"))
    }
}
