import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// The entry point: conversion, the RDF/XML hook, failures that produce nothing, and the
/// delta's duplicate check the importers rely on.
@Suite struct ImporterTests {
    let dir = TemporaryDirectory()

    @Test func convertWritesCanonicalNTriples() throws {
        let path = dir.write("in.nt", """
            # a comment\r
            <http://ex/s>   <http://ex/p>\t"caf\\u00E9"@fr .\r
            _:b <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#string> .
            """)
        var output = ""
        let count = try Importer.convert(path: path, to: &output)
        #expect(count == 2)
        #expect(output == "<http://ex/s> <http://ex/p> \"café\"@fr .\n_:b <http://ex/p> \"1\" .\n")
    }

    @Test func convertToADescriptorWritesTheSameBytes() throws {
        let input = dir.write("in.nt", "<http://ex/s> <http://ex/p> <http://ex/o> .\n")
        let outputPath = dir.path("out.nt")
        let fd = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        #expect(try Importer.convert(path: input, toFileDescriptor: fd) == 1)
        close(fd)
        var reader = try NTriplesReader(path: outputPath)
        #expect(try reader.readAll() == [RDFTriple(.iri("http://ex/s"), "http://ex/p", .iri("http://ex/o"))])
    }

    @Test func convertRefusesNonRDFInput() {
        var output = ""
        #expect(throws: ImportError.unknownFormat(path: dir.path("x.csv"), hint: "convert reads RDF (N-Triples, RDF/XML, Turtle or JSON-LD), not csv")) {
            try Importer.convert(path: dir.write("x.csv", "1,2\n"), to: &output)
        }
    }

    /// RDF/XML goes through the same ontology mapping as N-Triples.
    @Test func rdfxmlIsMappedLikeNTriples() throws {
        let path = dir.write("shop.rdf", """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:s="https://schema.org/">
              <rdfs:Class rdf:about="https://shop.example/Tents"/>
              <rdf:Description rdf:about="https://shop.example/i1">
                <rdf:type rdf:resource="https://shop.example/Tents"/>
                <s:name>Dome</s:name>
              </rdf:Description>
            </rdf:RDF>
            """)
        var options = ImportOptions()
        options.idNamespaces = ["https://shop.example/"]
        let delta = try Importer.load(path: path, options: options).delta
        #expect(delta.nodeIDs == ["Tents", "i1"])
        #expect(delta.nodeKinds == [.category, .item])
        #expect(delta.nodeLabels == [nil, "Dome"])
        var nt = ""
        #expect(try Importer.convert(path: path, to: &nt) == 3)
    }

    /// An ill-typed literal that the RDF/XML reader reports is not reported again by the mapping.
    @Test func oneWarningPerIllTypedLiteral() throws {
        let path = dir.write("bad.rdf", """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">
              <rdf:Description rdf:about="https://shop.example/i1">
                <s:inStock rdf:datatype="http://www.w3.org/2001/XMLSchema#boolean">true></s:inStock>
              </rdf:Description>
            </rdf:RDF>
            """)
        let result = try Importer.load(path: path)
        #expect(result.warnings.count == 1)
        #expect(result.delta.properties.map(\.value) == [.string("true>")])
        let nt = dir.write("bad.nt", "<https://shop.example/i1> <https://schema.org/inStock> \"true>\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n")
        #expect(try Importer.load(path: nt).warnings.count == 1)
    }

    /// A file that fails on its last line produces no delta at all: the store has nothing to apply.
    @Test(arguments: [
        ("bad.nt", "<http://ex/s> <http://ex/p> <http://ex/o> .\n<http://ex/s> <http://ex/p> oops .\n"),
        ("bad.csv", "user,item\nu1,i1\nu2,\"i2\n"),
        ("bad.ttl", "@prefix s: <https://schema.org/> .\n<http://ex/i1> s:name \"Tent\" ;\n  s:brand [ s:name 'Acme' .\n"),
    ])
    func aFailingFileYieldsNothing(_ name: String, _ text: String) {
        var result: ImportResult?
        do {
            result = try Importer.load(path: dir.write(name, text))
            Issue.record("accepted \(name)")
        } catch {
            #expect(error.location?.line != nil)
        }
        #expect(result == nil)
    }

    @Test func layoutFormatsAcceptAFileInsideTheDirectory() throws {
        dir.write("g/train.txt", "0 1\n")
        dir.write("g/test.txt", "0 2\n")
        var options = ImportOptions()
        options.format = .kgat
        #expect(try Importer.load(path: dir.path("g/train.txt"), options: options).delta.edges.count == 2)
    }

    /// The delta keeps the first of equal edges, across table growth, like a `Set` would.
    @Test func deltaDuplicateCheckAgreesWithASet() throws {
        var delta = GraphDelta()
        for i in 0..<300 { try delta.node("n\(i)", kind: .entity) }
        for r in 0..<3 { _ = try delta.relation("r\(r)") }
        var reference = Set<[Int32]>()
        var rng = SplitMix64(seed: 42)
        var duplicates = 0
        for _ in 0..<20_000 {
            let s = Int32(rng.next() % 300), r = Int32(rng.next() % 3), t = Int32(rng.next() % 300)
            let added = delta.addEdge(s, r, t)
            #expect(added == reference.insert([s, r, t]).inserted)
            if !added { duplicates += 1 }
        }
        #expect(delta.edges.count == reference.count)
        #expect(delta.duplicateEdges == duplicates)
        #expect(Set(delta.edges.map { [$0.source, $0.relation, $0.target] }) == reference)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
