import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

/// The benchmark layouts on small hand-made directories.
@Suite struct LayoutImporterTests {
    let dir = TemporaryDirectory()

    private func load(_ path: String, _ format: ImportFormat? = nil, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportResult {
        var options = ImportOptions()
        options.format = format
        configure(&options)
        return try Importer.load(path: path, options: options)
    }

    private func edges(_ delta: GraphDelta) -> [String] {
        delta.edges.map { e in
            "\(delta.nodeIDs[Int(e.source)]) \(delta.relationNames[Int(e.relation)]) \(delta.nodeIDs[Int(e.target)])"
                + (e.split == .train ? "" : " \(e.split)") + (e.weight.map { " w\(Int($0))" } ?? "")
        }
    }

    private func kinds(_ delta: GraphDelta) -> [String] {
        zip(delta.nodeIDs, delta.nodeKinds).map { "\($0):\($1)" }
    }

    private func message(_ body: () throws -> Void) -> String { dir.message(body) }

    // MARK: KGAT

    private func writeKGAT(_ root: String, train: String = "0 0 1\n1 1\n", test: String = "0 2\n1 \n") {
        dir.write("\(root)/train.txt", train)
        dir.write("\(root)/test.txt", test)
    }

    @Test func kgatReadsTrainAndTestLinesAndListedNodes() throws {
        writeKGAT("kgat")
        dir.write("kgat/user_list.txt", "org_id remap_id\nA 0\nB 1\nC 2\n")
        dir.write("kgat/item_list.txt", "org_id remap_id freebase_id\nx 0 m.1\ny 1 m.2\nz 2 m.3\nw 3 m.4\n")
        let result = try load(dir.path("kgat"))
        #expect(result.summary.format == .kgat)
        #expect(edges(result.delta) == ["u0 interacted i0", "u0 interacted i1", "u1 interacted i1", "u0 interacted i2 test"])
        #expect(result.summary.nodesByKind == [.user: 3, .item: 4])
    }

    @Test func kgatKnowledgeGraphSharesItemNodesAndNamesRelationsFromTheList() throws {
        writeKGAT("kg")
        dir.write("kg/kg_final.txt", "0 0 5\n5 1 1\n2 0 6\n")
        dir.write("kg/relation_list.txt", "org_id remap_id\nhttp://rdf.freebase.com/ns/book.book.genre 0\nhttp://www.w3.org/2000/01/rdf-schema#label 1\n")
        let result = try load(dir.path("kg"))
        #expect(edges(result.delta).suffix(3) == ["i0 book.book.genre e5", "e5 label i1", "i2 book.book.genre e6"])
        #expect(result.delta.nodeIDs.filter { $0.hasPrefix("i") }.count == 3)
    }

    @Test func kgatWithoutARelationListNamesRelationsByNumber() throws {
        writeKGAT("kgn")
        dir.write("kgn/kg_final.txt", "0 3 9\n")
        #expect(edges(try load(dir.path("kgn")).delta).last == "i0 r3 e9")
    }

    @Test func hugeIDsCostAnEntryNotAnArray() throws {
        writeKGAT("huge", train: "999999999999999 123456789012345678\n", test: "0 1\n")
        dir.write("huge/kg_final.txt", "1 900000000000000000 5\n")
        let result = try load(dir.path("huge"))
        #expect(edges(result.delta) == ["u999999999999999 interacted i123456789012345678", "u0 interacted i1 test",
                                        "i1 r900000000000000000 i5"])
    }

    @Test func compactsRelationIRIsAndDisambiguatesClashes() {
        #expect(compactRelationNames(["http://rdf.freebase.com/ns/film.film.genre", "http://ex/a#type", "http://ex/b#type",
                                      "http://ex/c/"]) == ["film.film.genre", "a.type", "b.type", "c"])
    }

    @Test func kgatErrors() {
        writeKGAT("bad", train: "0 1\n1 x 2\n")
        #expect(message { _ = try load(dir.path("bad")) } == "bad/train.txt:2:3: expected an item id, found 'x'")
        dir.write("nokg/kg_final.txt", "0 1 2\n")
        #expect(message { _ = try load(dir.path("nokg"), .kgat) } == "nokg: missing 'train.txt'")
        writeKGAT("badkg")
        dir.write("badkg/kg_final.txt", "0 1 2\n0 1\n")
        #expect(message { _ = try load(dir.path("badkg")) } == "badkg/kg_final.txt:2:4: expected a tail entity id, found end of line")
        dir.write("badkg/kg_final.txt", "0 1 2 3\n")
        #expect(message { _ = try load(dir.path("badkg")) }
                == "badkg/kg_final.txt:1:7: expected the end of the line after head, relation and tail, found '3'")
    }

    // MARK: KGCN

    private func writeKGCN(_ root: String) {
        dir.write("\(root)/item_index2entity_id.txt", "10\t0\r\n20\t1\r\n")
        dir.write("\(root)/user_artists.dat", "userID\tartistID\tweight\n2\t10\t100\n2\t30\t5\n3\t20\t7\n3\t10\t1\n")
        dir.write("\(root)/kg.txt", "0\tmusic.artist.origin\t2\r\n1\tfilm.actor.film\t0\r\n")
    }

    @Test func kgcnKeepsLinkedArtistsAndMergesItemsWithEntities() throws {
        writeKGCN("kgcn")
        let result = try load(dir.path("kgcn"))
        #expect(result.summary.format == .kgcn)
        #expect(edges(result.delta) == ["u2 interacted i10 w100", "u3 interacted i20 w7", "u3 interacted i10 w1",
                                        "i10 music.artist.origin e2", "i20 film.actor.film i10"])
        #expect(result.summary.nodesByKind == [.user: 2, .item: 2, .entity: 1])
        #expect(result.delta.labelledPairs.isEmpty)
    }

    @Test func kgcnTakesSplitsAndLabelledPairsFromTheSplitDirectory() throws {
        writeKGCN("split")
        dir.write("split/split/train.tsv", "user_id\titem_id\n2\t10\n")
        dir.write("split/split/valid.tsv", "user_id\titem_id\n3\t20\n")
        dir.write("split/split/test.tsv", "user_id\titem_id\n3\t10\n")
        dir.write("split/split/ctr_test.tsv", "user_id\titem_id\tlabel\n3\t10\t1\n3\t20\t0\n")
        let result = try load(dir.path("split"))
        #expect(edges(result.delta).prefix(3) == ["u2 interacted i10 w100", "u3 interacted i20 valid w7", "u3 interacted i10 test w1"])
        let pairs = result.delta.labelledPairs.map { "\(result.delta.nodeIDs[Int($0.user)]) \(result.delta.nodeIDs[Int($0.item)]) \($0.label) \($0.split)" }
        #expect(pairs == ["u3 i10 true test", "u3 i20 false test"])
        #expect(result.warnings.isEmpty)
    }

    @Test func kgcnWarnsAboutPositivesOutsideTheSplit() throws {
        writeKGCN("partial")
        dir.write("partial/split/train.tsv", "user_id\titem_id\n2\t10\n")
        dir.write("partial/split/valid.tsv", "user_id\titem_id\n")
        dir.write("partial/split/test.tsv", "user_id\titem_id\n3\t10\n")
        let result = try load(dir.path("partial"))
        #expect(result.warnings.map { dir.relative("\($0)") } == ["partial/user_artists.dat:1:1: warning: 1 positives are in no split file; imported as train"])
        #expect(message { _ = try load(dir.path("partial")) { $0.strict = true } }
                == "partial/user_artists.dat:1:1: 1 positives are in no split file; imported as train (an error under --strict)")
    }

    @Test func kgcnErrors() {
        writeKGCN("k1")
        dir.write("k1/split/train.tsv", "user_id\titem_id\n2\t30\n")
        dir.write("k1/split/valid.tsv", "")
        dir.write("k1/split/test.tsv", "")
        #expect(message { _ = try load(dir.path("k1")) }
                == "k1/split/train.tsv:2:1: user 2 and artist 30 are not a positive of user_artists.dat (an artist of item_index2entity_id.txt)")
        writeKGCN("k2")
        dir.write("k2/split/train.tsv", "2\t10\n")
        #expect(message { _ = try load(dir.path("k2")) { $0.strict = true } }
                == "k2/split/valid.tsv:1:1: the file is missing; read as empty, so the valid split has no edges (an error under --strict)")
        #expect(message { _ = try load(dir.path("k2")) { $0.splitDirectory = dir.path("k2/nowhere") } }
                == "k2/nowhere: cannot read the file: no such directory (the split directory)")
        writeKGCN("k3")
        dir.write("k3/kg.txt", "0\tmusic.artist.origin\n")
        #expect(message { _ = try load(dir.path("k3")) } == "k3/kg.txt:1:22: expected a tail entity id, found end of line")
        dir.write("k4/user_artists.dat", "userID\tartistID\tweight\n")
        #expect(message { _ = try load(dir.path("k4"), .kgcn) } == "k4: missing 'item_index2entity_id.txt'")
        writeKGCN("k5")
        dir.write("k5/item_index2entity_id.txt", "10\t0\n11\t0\n")
        #expect(message { _ = try load(dir.path("k5")) } == "k5/item_index2entity_id.txt:2:1: entity 0 is linked to two artists")
    }

    // MARK: Book-Crossing

    @Test func bookCrossingSplitsRowsAndKeepsEveryRowAsALabelledPair() throws {
        var ratings = ""
        for user in 0..<50 { ratings += "\(user)\t\(user % 7)\t1\n\(user)\t\(7 + user % 5)\t0\n" }
        dir.write("bx/ratings_final.txt", ratings)
        dir.write("bx/kg_final.txt", "0\t0\t20\n20\t1\t3\n")
        let result = try load(dir.path("bx"))
        #expect(result.summary.format == .bookcrossing)
        let pairs = result.delta.labelledPairs
        #expect(pairs.count == 100)
        #expect(pairs.filter { $0.split == .valid }.count == 20)
        #expect(pairs.filter { $0.split == .test }.count == 20)
        let interactions = result.delta.edges.filter { result.delta.relationNames[Int($0.relation)] == "interacted" }
        #expect(interactions.count == 50)
        // An interaction has its row's split.
        for (edge, pair) in zip(interactions, pairs.filter(\.label)) { #expect(edge.split == pair.split) }
        #expect(edges(result.delta).suffix(2) == ["i0 r0 e20", "e20 r1 i3"])
        // The same seed gives the same split; another seed another one.
        let again = try load(dir.path("bx"))
        #expect(again.delta.labelledPairs.map(\.split) == pairs.map(\.split))
        let other = try load(dir.path("bx")) { $0.seed = 7 }
        #expect(other.delta.labelledPairs.map(\.split) != pairs.map(\.split))
    }

    @Test func splitRowsGivesFloorOfTwentyPercentToValidAndTest() {
        let splits = BookCrossingImporter.splitRows(count: 139_746, seed: 555)
        #expect(splits.filter { $0 == .valid }.count == 27_949)
        #expect(splits.filter { $0 == .test }.count == 27_949)
        #expect(BookCrossingImporter.splitRows(count: 1, seed: 555) == [.train])
    }

    @Test func bookCrossingErrors() {
        dir.write("b1/ratings_final.txt", "0\t1\t2\n")
        dir.write("b1/kg_final.txt", "")
        #expect(message { _ = try load(dir.path("b1")) } == "b1/ratings_final.txt:1:1: expected a label (0 or 1), found '2'")
        dir.write("b2/ratings_final.txt", "0\t1\n")
        #expect(message { _ = try load(dir.path("b2")) } == "b2: missing 'kg_final.txt'")
    }

    // MARK: RecBole

    @Test func recboleReadsInterKgAndLink() throws {
        dir.write("rb/rb.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\nalice\tm1\t4\t978300760\nbob\tm2\t3.5\t978300761\n")
        dir.write("rb/rb.link", "item_id:token\tentity_id:token\nm1\tQ1\n")
        dir.write("rb/rb.kg", "head_id:token\trelation_id:token\ttail_id:token\nQ1\tfilm.film.director\tQ9\n")
        let result = try load(dir.path("rb"))
        #expect(result.summary.format == .recbole)
        #expect(edges(result.delta) == ["ualice interacted im1 w4", "ubob interacted im2 w3", "im1 film.film.director eQ9"])
        #expect(result.delta.edges.first?.timestamp == 978_300_760)
        #expect(try load(dir.path("rb/rb.inter")).delta.edges.count == 3)
    }

    @Test func recboleReadsBenchmarkSplitFiles() throws {
        let header = "user_id:token\titem_id:token\n"
        dir.write("rs/rs.train.inter", header + "1\t2\n")
        dir.write("rs/rs.valid.inter", header + "1\t3\n")
        dir.write("rs/rs.test.inter", header + "1\t4\n")
        #expect(edges(try load(dir.path("rs"), .recbole).delta) == ["u1 interacted i2", "u1 interacted i3 valid", "u1 interacted i4 test"])
    }

    @Test func recboleErrors() {
        dir.write("r1/r1.inter", "user:token\titem_id:token\n1\t2\n")
        #expect(message { _ = try load(dir.path("r1")) }
                == "r1/r1.inter:1:1: expected a column named 'user_id' in the header, found 'user', 'item_id'")
        // A column the user named gets a "Did you mean"; the format's own 'user_id' above does not.
        #expect(message { _ = try load(dir.path("r1")) { $0.userColumn = "usr" } }
                == "r1/r1.inter:1:1: expected a column named 'usr' in the header, found 'user', 'item_id'. Did you mean 'user'?")
        dir.write("r2/r2.inter", "user_id\titem_id\n")
        #expect(message { _ = try load(dir.path("r2")) }
                == "r2/r2.inter:1:1: expected a typed header field such as 'user_id:token', found 'user_id'")
        dir.write("r3/r3.inter", "user_id:token\titem_id:token\trating:float\n1\t2\n")
        #expect(message { _ = try load(dir.path("r3")) } == "r3/r3.inter:2:1: expected 3 tab-separated fields as in the header, found 2")
        dir.write("r4/r4.inter", "user_id:token\titem_id:token\trating:float\n1\t2\tgood\n")
        #expect(message { _ = try load(dir.path("r4")) } == "r4/r4.inter:2:5: expected a number for the weight, found 'good'")
        dir.write("r5/r5.inter", "user_id:token\titem_id:token\n1\t2\n")
        dir.write("r5/r5.kg", "head_id:token\trelation_id:token\ttail_id:token\na\thas part\tb\n")
        #expect(message { _ = try load(dir.path("r5")) } == "r5/r5.kg:2:3: relation name 'has part' must be non-empty and contain no white space")
    }

    // MARK: Detection

    @Test func detectsFormatsFromExtensionsDirectoriesAndContent() throws {
        #expect(try ImportFormat.detect(path: dir.write("a.nt", "")) == .ntriples)
        #expect(try ImportFormat.detect(path: dir.write("a.owl", "")) == .rdfxml)
        #expect(try ImportFormat.detect(path: dir.write("a.tsv", "")) == .tsv)
        #expect(try ImportFormat.detect(path: dir.write("a.inter", "")) == .recbole)
        #expect(try ImportFormat.detect(path: dir.write("x.dat", "# c\n<http://ex/s> <http://ex/p> <http://ex/o> .\n")) == .ntriples)
        #expect(try ImportFormat.detect(path: dir.write("y.dat", "<?xml version=\"1.0\"?>\n<rdf:RDF/>")) == .rdfxml)
        #expect(try ImportFormat.detect(path: dir.write("z.dat", "1,2\n")) == .csv)
        #expect(try ImportFormat.detect(path: dir.write("m.dat", "<s><http://ex/p><http://ex/o>.\n")) == .ntriples)
        #expect(try ImportFormat.detect(path: dir.write("d.dat", "<!DOCTYPE rdf:RDF>\n<rdf:RDF/>")) == .rdfxml)
        #expect(try ImportFormat.detect(path: dir.write("r.dat", "<RDF xmlns=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n</RDF>")) == .rdfxml)
        dir.write("bx2/ratings_final.txt", "")
        #expect(try ImportFormat.detect(path: dir.path("bx2")) == .bookcrossing)
        #expect(ImportFormat(name: "LightGCN") == .kgat)
        #expect(ImportFormat(name: "n-triples") == .ntriples)
        #expect(ImportFormat(name: "TTL") == .turtle)
        #expect(ImportFormat(name: "turtle") == .turtle)
        #expect(try ImportFormat.detect(path: dir.write("v.ttl", "")) == .turtle)
        #expect(try ImportFormat.detect(path: dir.write("t1.dat", "# c\n@prefix ex: <http://ex/> .\n")) == .turtle)
        #expect(try ImportFormat.detect(path: dir.write("t2.dat", "PREFIX ex: <http://ex/>\n")) == .turtle)
        #expect(try ImportFormat.detect(path: dir.write("t3.dat", "base <http://ex/>\n")) == .turtle)
        #expect(try ImportFormat.detect(path: dir.write("t4.dat", "base,price\nb1,2\n")) == .csv)
        #expect(try ImportFormat.detect(path: dir.write("t5.dat", "prefix name,x\n")) == .csv)
        #expect(ImportFormat(name: "parquet") == nil)
    }

    @Test func detectionErrorsGiveHints() {
        #expect(message { _ = try ImportFormat.detect(path: dir.write("a.trig", "")) }
                == "a.trig: cannot tell the file's format; '.trig' files are not supported; convert them to N-Triples "
                + "(for example `riot --output=nt` or `rapper -o ntriples`)")
        dir.write("nothing/readme.md", "")
        #expect(message { _ = try ImportFormat.detect(path: dir.path("nothing")) }
                == "nothing: cannot tell the file's format; the directory holds no benchmark layout kgrec knows (KGCN "
                + "user_artists.dat, Book-Crossing ratings_final.txt, KGAT train.txt, RecBole *.inter); give --format")
        #expect(message { _ = try ImportFormat.detect(path: "-") } == "<stdin>: cannot tell the file's format; give --format when reading standard input")
        #expect(message { _ = try Importer.load(path: dir.path("absent.csv")) } == "absent.csv: cannot read the file: No such file or directory")
    }
}
