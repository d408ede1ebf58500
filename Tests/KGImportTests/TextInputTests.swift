import Foundation
import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// Raw NUL bytes and invalid UTF-8 are refused by every reader, at the offending byte, and
/// an escaped `\u0000` in an N-Triples literal is kept intact.
@Suite struct TextInputTests {
    let dir = TemporaryDirectory()

    private func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.path(name)
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        writeFile(path, bytes)
        return path
    }

    private func message(_ path: String, _ format: ImportFormat? = nil) -> String {
        var options = ImportOptions()
        options.format = format
        return dir.message { _ = try Importer.load(path: path, options: options) }
    }

    private static func bytes(_ parts: Any...) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            if let text = part as? String { return Array(text.utf8) }
            if let byte = part as? Int { return [UInt8(byte)] }
            return []
        }
    }

    @Test func aNulInACSVIdIsAnErrorNotATruncation() {
        let path = write("n.csv", Self.bytes("user,item\nu1,a", 0, "x\nu1,a", 0, "y\nu1,a\n"))
        #expect(message(path) == "n.csv:2:5: expected text, found a NUL byte")
    }

    @Test(arguments: [
        ("bad.csv", Self.bytes("user,item\nu1,", 0xFF, "\n"), "bad.csv:2:4: expected UTF-8 text, found byte 0xFF"),
        ("bad.tsv", Self.bytes("user\titem\nü\t", 0xC3, 0x28, "\n"), "bad.tsv:2:3: expected UTF-8 text, found byte 0xC3"),
        ("over.csv", Self.bytes("u,", 0xC0, 0xAF, "\n"), "over.csv:1:3: expected UTF-8 text, found byte 0xC0"),
        ("surrogate.csv", Self.bytes("u,", 0xED, 0xA0, 0x80, "\n"), "surrogate.csv:1:3: expected UTF-8 text, found byte 0xED"),
        ("cut.csv", Self.bytes("u,i\nu,", 0xE2, 0x82), "cut.csv:2:3: expected UTF-8 text, found byte 0xE2"),
        ("crlf.csv", Self.bytes("user,item\r\nu,i\r\n\r\nu,", 0, "\r\n"), "crlf.csv:4:3: expected text, found a NUL byte"),
        ("quoted.csv", Self.bytes("user,item\n\"a\nb\",", 0, "\n"), "quoted.csv:3:4: expected text, found a NUL byte"),
        ("late.csv", Self.bytes("user,item\nu,i\n# ", 0xFE, "\n"), "late.csv:3:3: expected UTF-8 text, found byte 0xFE"),
    ] as [(String, [UInt8], String)])
    func delimitedFilesRefuseNulAndInvalidUTF8(_ name: String, _ bytes: [UInt8], _ expected: String) {
        #expect(message(write(name, bytes)) == expected)
    }

    @Test func eachLayoutFileRefusesNulAndInvalidUTF8() {
        _ = write("kgat/train.txt", Self.bytes("0 1\n1 2", 0, "\n"))
        _ = write("kgat/test.txt", Self.bytes("0 2\n"))
        #expect(message(dir.path("kgat")) == "kgat/train.txt:2:4: expected text, found a NUL byte")

        _ = write("kgat2/train.txt", Self.bytes("0 1\n"))
        _ = write("kgat2/test.txt", Self.bytes("0 2\n"))
        _ = write("kgat2/kg_final.txt", Self.bytes("0 1 2\n"))
        _ = write("kgat2/relation_list.txt", Self.bytes("org_id remap_id\nhttp://ex/", 0xFF, " 1\n"))
        #expect(message(dir.path("kgat2")) == "kgat2/relation_list.txt:2:11: expected UTF-8 text, found byte 0xFF")

        _ = write("bx/ratings_final.txt", Self.bytes("0 1 1\n", 0, "\n"))
        _ = write("bx/kg_final.txt", Self.bytes("0 1 2\n"))
        #expect(message(dir.path("bx")) == "bx/ratings_final.txt:2:1: expected text, found a NUL byte")

        _ = write("rb/rb.inter", Self.bytes("user_id:token\titem_id:token\nu\ti", 0x80, "\n"))
        #expect(message(dir.path("rb")) == "rb/rb.inter:2:4: expected UTF-8 text, found byte 0x80")

        _ = write("fm/item_index2entity_id.txt", Self.bytes("1 0\n"))
        _ = write("fm/user_artists.dat", Self.bytes("userID\tartistID\tweight\n2\t1\t5\n"))
        _ = write("fm/kg.txt", Self.bytes("0\tmusic.artist.", 0xF5, "\t3\n"))
        #expect(message(dir.path("fm")) == "fm/kg.txt:1:16: expected UTF-8 text, found byte 0xF5")
    }

    @Test(arguments: [
        (Self.bytes("# a comment ", 0, "\n<http://ex/s> <http://ex/p> \"o\" .\n"), "raw.nt:1:13: expected text, found a NUL byte"),
        (Self.bytes("<http://ex/s> <http://ex/p> \"o\" . # x", 0, "\n"), "raw.nt:1:38: expected text, found a NUL byte"),
        (Self.bytes("<http://ex/s> <http://ex/p> \"o\" . # ", 0xFF, "\n"), "raw.nt:1:37: expected UTF-8 text, found byte 0xFF"),
        (Self.bytes("<http://ex/s> <http://ex/p> \"", 0xC3, "\" .\n"), "raw.nt:1:30: expected UTF-8 text, found byte 0xC3"),
        (Self.bytes("<http://ex/s> ", 0, "<http://ex/p> \"o\" .\n"),
         "raw.nt:1:15: expected '<' to start a predicate IRI, found U+0000"),
        (Self.bytes("<http://ex/s", 0, "> <http://ex/p> \"o\" .\n"), "raw.nt:1:13: expected '>' to end the IRI, found U+0000"),
    ] as [([UInt8], String)])
    func nTriplesRefusesNulOutsideLiteralsAndInvalidUTF8Anywhere(_ bytes: [UInt8], _ expected: String) {
        #expect(message(write("raw.nt", bytes)) == expected)
    }

    /// The grammar allows a raw NUL in a literal (the W3C suite's `literal_ascii_boundaries`
    /// has one); it is kept, not cut.
    @Test func aRawNulInALiteralIsKept() throws {
        let path = write("raw.nt", Self.bytes("<http://ex/s> <https://schema.org/name> \"Name", 0, "Hidden\" .\n"))
        var reader = try NTriplesReader(path: path)
        #expect(try reader.readAll() == [RDFTriple(.iri("http://ex/s"), Schema.name, .literal("Name\u{0}Hidden"))])
    }

    @Test func anEscapedNulInALiteralIsKept() throws {
        var reader = NTriplesReader(text: #"<http://ex/s> <https://schema.org/name> "Name\u0000Hidden" ."#, name: "t.nt")
        #expect(try reader.readAll() == [RDFTriple(.iri("http://ex/s"), Schema.name, .literal("Name\u{0}Hidden"))])
        let path = dir.write("esc.nt", #"<http://ex/s> <https://schema.org/name> "Name\u0000Hidden" ."# + "\n")
        let delta = try Importer.load(path: path).delta
        #expect(delta.nodeLabels.compactMap { $0 } == ["Name\u{0}Hidden"])
    }

    @Test(arguments: [
        (Self.bytes("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns:ex='http://ex/'>\n",
                    "<ex:T ex:p='a", 0, "b'/></rdf:RDF>\n"), "x.rdf:2:14: malformed XML: expected text, found a NUL byte"),
        (Self.bytes("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns:ex='http://ex/'>\n",
                    "<ex:T ex:p='a", 0xFF, "b'/></rdf:RDF>\n"),
         "x.rdf:2:14: malformed XML: expected UTF-8 text, found byte 0xFF"),
    ] as [([UInt8], String)])
    func rdfXMLRefusesNulAndInvalidUTF8ThroughLibxml2(_ bytes: [UInt8], _ expected: String) {
        #expect(message(write("x.rdf", bytes)) == expected)
    }

    @Test func aMappingFileRefusesNul() {
        let mapping = write("m.map", Self.bytes("id-namespace http://ex/", 0, "\n"))
        let data = dir.write("d.nt", "<http://ex/s> <http://ex/p> \"o\" .\n")
        var options = ImportOptions()
        options.mappingFile = mapping
        do {
            _ = try Importer.load(path: data, options: options)
            Issue.record("accepted a mapping file with a NUL byte")
        } catch {
            #expect(dir.relative("\(error)") == "m.map:1:24: expected text, found a NUL byte")
        }
    }
}
