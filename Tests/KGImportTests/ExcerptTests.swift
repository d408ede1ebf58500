import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// Messages quote at most a short, escaped excerpt of the offending token: a file passed by
/// mistake is never echoed whole.
@Suite struct ExcerptTests {
    let dir = TemporaryDirectory()

    @Test(arguments: [
        ("abc", "abc"),
        (String(repeating: "x", count: 40), String(repeating: "x", count: 40)),
        (String(repeating: "x", count: 41), String(repeating: "x", count: 39) + "…"),
        ("tab\there\nnul\u{0}esc\u{1B}", #"tab\u{9}here\u{A}nul\u{0}esc\u{1B}"#),
        ("rtl\u{202E}txt\u{2028}zw\u{200B}", #"rtl\u{202E}txt\u{2028}zw\u{200B}"#),
        ("é😀中", "é😀中"),
        (String(repeating: "y", count: 36) + "\u{7}\u{7}", String(repeating: "y", count: 36) + "…"),
        (String(repeating: "y", count: 35) + "\u{7}", String(repeating: "y", count: 35) + #"\u{7}"#),
    ])
    func excerptsAreShortAndPrintable(_ text: String, _ expected: String) {
        #expect(Excerpt.of(text) == expected)
        #expect(Excerpt.of(text).unicodeScalars.count <= Excerpt.maxCharacters)
    }

    /// A shadow-file line: one long token with a secret in its tail.
    static let secret = "SECRETHASHTAIL"
    static let shadowLine = "root:$6$saltsalt$" + String(repeating: "A", count: 60) + secret + ":19000:0:99999:7:::"

    private func message(_ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) -> String {
        var options = ImportOptions()
        configure(&options)
        do {
            _ = try Importer.load(path: path, options: options)
            return "no error"
        } catch {
            return dir.relative("\(error)")
        }
    }

    @Test func aShadowFileAsAMappingFileIsNotEchoed() {
        let mapping = dir.write("shadow", Self.shadowLine + "\ndaemon:*:19000:0:99999:7:::\n")
        let data = dir.write("d.nt", "<http://ex/s> <http://ex/p> \"o\" .\n")
        let text = message(data) { $0.mappingFile = mapping }
        #expect(text == "shadow:1:1: expected a directive (\(OntologyMapping.directives.joined(separator: ", "))), "
                + "found 'root:$6$saltsalt$AAAAAAAAAAAAAAAAAAAAAA…'")
    }

    @Test func longFieldsAreCutInEveryReader() {
        let long = "x" + String(repeating: "A", count: 120) + Self.secret
        dir.write("w.csv", "user,item,weight\nu1,i1,\(long)\n")
        dir.write("kgat/train.txt", "0 \(long)\n")
        dir.write("kgat/test.txt", "0 1\n")
        dir.write("rb/rb.inter", "user_id:token\titem_id:token\t\(long)\nu\ti\tv\n")
        dir.write("rel.nt", "<\(long)> <http://ex/p> \"o\" .\n")
        dir.write("h.csv", "user,\(long)\nu1,i1\n")
        let excerpt = "'x" + String(repeating: "A", count: 38) + "…'"
        let messages = [
            message(dir.path("w.csv")),
            message(dir.path("kgat")),
            message(dir.path("rb")),
            message(dir.path("rel.nt")),
            message(dir.path("h.csv")) { $0.header = true; $0.itemColumn = "item" },
        ]
        #expect(messages == [
            "w.csv:2:7: expected a number for the weight, found \(excerpt)",
            "kgat/train.txt:1:3: expected an item id, found \(excerpt)",
            "rb/rb.inter:1:29: expected a typed header field such as 'user_id:token', found \(excerpt)",
            "rel.nt:1:1: expected an absolute IRI (one that starts with a scheme such as 'http:'), found '<x"
                + String(repeating: "A", count: 98) + "…>'",
            "h.csv:1:1: expected a header column named 'item' for the item, found 'user', \(excerpt)",
        ])
        for text in messages { #expect(!text.contains(Self.secret), "\(text)") }
    }

    @Test func aMappingWarningCutsTheLiteral() throws {
        let long = String(repeating: "B", count: 100) + Self.secret
        let path = dir.write("lit.nt", "<http://ex/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \"\(long)\" .\n")
        let warnings = try Importer.load(path: path).warnings.map { dir.relative($0.description) }
        #expect(warnings == ["lit.nt:1:1: warning: expected an IRI or a blank node as the object of "
                             + "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>, found the literal \"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…; "
                             + "triple skipped"])
    }

    @Test func libxml2MessagesAreOneShortLine() {
        let name = "ex:" + String(repeating: "n", count: 300) + Self.secret
        let document = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">"#
            + "<\(name)></ex:other></rdf:RDF>"
        var reader = RDFXMLReader(bytes: Array(document.utf8), name: "tags.rdf")
        do {
            try reader.read { _ in }
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(!text.contains(Self.secret) && !text.contains("\n") && text.count < 200, "\(text)")
            #expect(text.hasPrefix("tags.rdf:1:"), "\(text)")
        }
    }

    @Test func aKindConflictCutsTheId() {
        let id = String(repeating: "C", count: 100) + Self.secret
        let path = dir.write("k.csv", "user,item\n\(id),i1\nu2,\(id)\n")
        #expect(message(path) == "k.csv:3:4: node 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC…' is already a user and cannot also "
                + "be an item; users and items share ids here, so give them prefixes (--user-prefix u --item-prefix i)")
    }
}
