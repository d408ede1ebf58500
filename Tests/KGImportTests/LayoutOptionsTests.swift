import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// The benchmark layouts honour the id prefixes, and read a missing split file as empty
/// (with a warning) rather than refusing the directory.
@Suite struct LayoutOptionsTests {
    let dir = TemporaryDirectory()

    private func load(_ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportResult {
        var options = ImportOptions()
        configure(&options)
        return try Importer.load(path: path, options: options)
    }

    private func message(_ body: () throws -> Void) -> String { dir.message(body) }

    private func edges(_ delta: GraphDelta) -> [String] {
        delta.edges.map { e in
            "\(delta.nodeIDs[Int(e.source)]) \(delta.relationNames[Int(e.relation)]) \(delta.nodeIDs[Int(e.target)])"
                + (e.split == .train ? "" : " \(e.split)")
        }
    }

    @Test func kgatReadsAMissingTestFileAsEmptyWithAWarning() throws {
        dir.write("k/train.txt", "0 1 2\n")
        let result = try load(dir.path("k"))
        #expect(edges(result.delta) == ["u0 interacted i1", "u0 interacted i2"])
        #expect(result.warnings.map { dir.relative("\($0)") }
                == ["k/test.txt:1:1: warning: the file is missing; read as empty, so the test split has no edges"])
        #expect(message { _ = try load(dir.path("k")) { $0.strict = true } }
                == "k/test.txt:1:1: the file is missing; read as empty, so the test split has no edges (an error under --strict)")
        dir.write("t/test.txt", "0 1\n")
        let testOnly = try load(dir.path("t"))
        #expect(edges(testOnly.delta) == ["u0 interacted i1 test"])
        #expect(testOnly.warnings.map { dir.relative("\($0)") }
                == ["t/train.txt:1:1: warning: the file is missing; read as empty, so the train split has no edges"])
    }

    @Test func kgatWithoutAnyInteractionFileIsAnError() {
        dir.write("none/kg_final.txt", "0 1 2\n")
        #expect(message { _ = try load(dir.path("none")) { $0.format = .kgat } } == "none: missing 'train.txt'")
    }

    @Test func kgcnReadsMissingSplitFilesAsEmptyWithAWarning() throws {
        dir.write("fm/item_index2entity_id.txt", "10\t0\n20\t1\n")
        dir.write("fm/user_artists.dat", "userID\tartistID\tweight\n2\t10\t100\n3\t20\t7\n")
        dir.write("fm/kg.txt", "0\tmusic.artist.origin\t1\n")
        dir.write("fm/split/train.tsv", "user_id\titem_id\n2\t10\n")
        dir.write("fm/split/test.tsv", "user_id\titem_id\n3\t20\n")
        let result = try load(dir.path("fm"))
        #expect(edges(result.delta).prefix(2) == ["u2 interacted i10", "u3 interacted i20 test"])
        #expect(result.warnings.map { dir.relative("\($0)") }
                == ["fm/split/valid.tsv:1:1: warning: the file is missing; read as empty, so the valid split has no edges"])
    }

    /// Two KGAT datasets share numeric ids; prefixes keep them apart, entities taking the
    /// item prefix.
    @Test func layoutsHonourTheIDPrefixes() throws {
        dir.write("a/train.txt", "0 1\n")
        dir.write("a/test.txt", "0 2\n")
        dir.write("a/kg_final.txt", "1 0 7\n")
        let result = try load(dir.path("a")) { $0.userPrefix = "gw-"; $0.itemPrefix = "gw-" }
        #expect(edges(result.delta) == ["gw-u0 interacted gw-i1", "gw-u0 interacted gw-i2 test", "gw-i1 r0 gw-e7"])

        dir.write("bx/ratings_final.txt", "0 1 1\n")
        dir.write("bx/kg_final.txt", "1 0 9\n")
        let books = try load(dir.path("bx")) { $0.userPrefix = "bx-"; $0.itemPrefix = "bk-" }
        #expect(books.delta.nodeIDs == ["bx-u0", "bk-i1", "bk-e9"])

        dir.write("rb/rb.inter", "user_id:token\titem_id:token\nalice\tbook\n")
        dir.write("rb/rb.kg", "head_id:token\trelation_id:token\ttail_id:token\nm1\tgenre\tm2\n")
        let recbole = try load(dir.path("rb")) { $0.userPrefix = "r-"; $0.itemPrefix = "r-" }
        #expect(recbole.delta.nodeIDs == ["r-ualice", "r-ibook", "r-em1", "r-em2"])

        dir.write("fm/item_index2entity_id.txt", "10\t0\n")
        dir.write("fm/user_artists.dat", "userID\tartistID\tweight\n2\t10\t100\n")
        dir.write("fm/kg.txt", "0\tmusic.artist.origin\t1\n")
        let music = try load(dir.path("fm")) { $0.userPrefix = "fm-"; $0.itemPrefix = "fm-" }
        #expect(music.delta.nodeIDs == ["fm-i10", "fm-u2", "fm-e1"])
    }
}
