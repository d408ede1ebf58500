import Testing
import KGGraph
import KGTestSupport
@testable import KGImport

@Suite struct InteractionsImporterTests {
    let dir = TemporaryDirectory()

    private func load(_ name: String, _ text: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportResult {
        var options = ImportOptions()
        configure(&options)
        return try Importer.load(path: dir.write(name, text), options: options)
    }

    /// (user id, item id, weight, timestamp, split, relation) of every edge.
    private func rows(_ delta: GraphDelta) -> [String] {
        delta.edges.map { e in
            let w = e.weight.map { "\($0)" } ?? "-"
            let t = e.timestamp.map { "\($0)" } ?? "-"
            return "\(delta.nodeIDs[Int(e.source)]) \(delta.nodeIDs[Int(e.target)]) \(w) \(t) \(e.split) \(delta.relationNames[Int(e.relation)])"
        }
    }

    @Test func readsAHeaderlessFileByPosition() throws {
        let result = try load("r.csv", "1,10,4.5,1300000000\n2,10,3,1300000001\n") { $0.userPrefix = "u"; $0.itemPrefix = "i" }
        #expect(rows(result.delta) == ["u1 i10 4.5 1300000000 train interacted", "u2 i10 3.0 1300000001 train interacted"])
        #expect(result.delta.nodeKinds == [.user, .item, .user])
        #expect(result.summary.description == "csv: 2 users, 1 item; 2 edges in 1 relation")
    }

    @Test func findsColumnsByHeaderNameInAnyOrder() throws {
        let text = "timestamp;rating;movieId;userId\n2011-04-17T11:38:22Z;5;m1;alice\n2011-04-17;2;m2;bob\n"
        let result = try load("r.csv", text)
        #expect(rows(result.delta) == ["alice m1 5.0 1303040302 train interacted", "bob m2 2.0 1302998400 train interacted"])
    }

    @Test func honoursRFC4180Quoting() throws {
        let text = "user,item,weight\r\n\"smith, j\",\"the \"\"big\"\" one\",1\r\n\"multi\nline\",x,2\r\n"
        let result = try load("q.csv", text)
        #expect(result.delta.nodeIDs == ["smith, j", "the \"big\" one", "multi\nline", "x"])
        #expect(result.delta.edges.count == 2)
    }

    @Test func readsTSVWithRelationAndSplitColumns() throws {
        let text = "user\titem\tevent\tsplit\nu1\ti1\tclick\ttrain\nu1\ti2\tbuy\ttest\nu2\ti1\tclick\tvalid\n"
        let result = try load("e.tsv", text)
        #expect(rows(result.delta) == ["u1 i1 - - train click", "u1 i2 - - test buy", "u2 i1 - - valid click"])
        #expect(result.delta.relationNames == ["click", "buy"])
    }

    @Test func optionsNameColumnsByNameOrPosition() throws {
        let text = "a,b,c,d\nx,1,2,y\n"
        let byName = try load("n.csv", text) { $0.userColumn = "d"; $0.itemColumn = "a"; $0.weightColumn = "b" }
        #expect(rows(byName.delta) == ["y x 1.0 - train interacted"])
        let byPosition = try load("p.csv", "x;1;2;y\n") {
            $0.userColumn = "4"; $0.itemColumn = "1"; $0.weightColumn = "3"; $0.header = false
            $0.relation = "viewed"
        }
        #expect(rows(byPosition.delta) == ["y x 2.0 - train viewed"])
    }

    @Test func detectsAHeaderOfUnknownNamesFromTheNumbersBelowIt() throws {
        let result = try load("h.txt", "who what\n1 2\n3 4\n") { $0.format = .csv; $0.itemPrefix = "i" }
        #expect(rows(result.delta) == ["1 i2 - - train interacted", "3 i4 - - train interacted"])
    }

    @Test func oneKnownNameAloneIsNotAHeader() throws {
        let result = try load("ids.csv", "alice,book\nbob,film\n")
        #expect(rows(result.delta) == ["alice book - - train interacted", "bob film - - train interacted"])
    }

    @Test func sniffsTheDelimiter() throws {
        let input = { (text: String) in InputBytes(Array(text.utf8), name: "x") }
        #expect(DelimitedReader.sniffDelimiter(input("a\tb,c\n")) == Byte.tab)
        #expect(DelimitedReader.sniffDelimiter(input("\"a;b\",c\n")) == Byte.comma)
        #expect(DelimitedReader.sniffDelimiter(input("a;b;c,d\n")) == Byte.semicolon)
        #expect(DelimitedReader.sniffDelimiter(input("\n\na b\n")) == Byte.space)
    }

    @Test func keepsTheFirstOfDuplicateRowsAndCountsTheRest() throws {
        let result = try load("d.csv", "u,i\n1,2\n1,2\n") { $0.itemPrefix = "i" }
        #expect(result.delta.edges.count == 1)
        #expect(result.summary.duplicateEdges == 1)
        #expect(result.summary.description.hasSuffix("; 1 duplicate edge skipped"))
    }

    @Test func emptyFileImportsNothing() throws {
        let result = try load("empty.csv", "")
        #expect(result.delta.nodeCount == 0)
    }

    /// Every CSV/TSV error message, verbatim.
    @Test(arguments: [
        ("user,item\n1,\"unterminated\n", "f.csv:2:3: expected a closing '\"' for the quoted field that starts here, found end of file"),
        ("user,item\n\"a\"b,c\n", "f.csv:2:4: expected a delimiter or the end of the line after the closing '\"', found 'b'"),
        ("user,item,weight\n1,2,3\n1,2\n", "f.csv:3:4: expected 3 fields as in the first row, found 2"),
        ("user,item\n1,2\n1,2,3\n", "f.csv:3:5: expected 2 fields as in the first row, found 3"),
        ("user,item,rating\n1,2,lots\n", "f.csv:2:5: expected a number for the weight, found 'lots'"),
        ("user,item\n,2\n", "f.csv:2:1: expected a user id, found an empty field"),
        ("user,item\n1, \n", "f.csv:2:4: expected an item id, found an empty field"),
        ("user,item,rating,time\n1,2,3,yesterday\n",
         "f.csv:2:7: expected a timestamp (epoch seconds or an ISO-8601 date such as 2024-05-01T12:00:00Z), found 'yesterday'"),
        ("user,item,rating,time\n1,2,3,2024-02-30\n",
         "f.csv:2:7: expected a timestamp (epoch seconds or an ISO-8601 date such as 2024-05-01T12:00:00Z), found '2024-02-30'"),
        ("user,item,split\n1,2,holdout\n", "f.csv:2:5: expected a split name (train, valid or test), found 'holdout'"),
        ("user,item,event\n1,2,add to cart\n", "f.csv:2:5: relation name 'add to cart' must be non-empty and contain no white space"),
        ("1,1\n", "f.csv:1:3: node '1' is already a user and cannot also be an item; users and items share ids here, "
         + "so give them prefixes (--user-prefix u --item-prefix i)"),
        ("justone\n", "f.csv:1:8: expected at least two fields (a user and an item), found 1"),
    ])
    func rejectsWithMessage(_ text: String, _ message: String) {
        do {
            _ = try Importer.load(path: dir.write("f.csv", text))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(dir.relative("\(error)") == message)
        }
    }

    /// Column options that do not fit the file, verbatim.
    @Test(arguments: [
        ("ratng", "f.csv:1:1: expected a header column named 'ratng' for the weight, found 'user', 'item', 'rating'. Did you mean 'rating'?"),
        ("7", "f.csv:1:1: expected a weight column between 1 and 3, found 7"),
    ])
    func rejectsColumnOption(_ column: String, _ message: String) {
        var options = ImportOptions()
        options.weightColumn = column
        do {
            _ = try Importer.load(path: dir.write("f.csv", "user,item,rating\n1,2,3\n"), options: options)
            Issue.record("accepted \(column)")
        } catch {
            #expect(dir.relative("\(error)") == message)
        }
    }

    @Test func twoRolesCannotShareAColumn() {
        var options = ImportOptions()
        options.userColumn = "1"
        options.itemColumn = "user"
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: dir.path("f.csv"), line: 1, column: 1),
                                           "expected different columns for the user and the item, found column 1 ('user') for both")) {
            _ = try Importer.load(path: dir.write("f.csv", "user,item\n1,2\n"), options: options)
        }
    }

    @Test func aNamedColumnNeedsAHeader() {
        var options = ImportOptions()
        options.header = false
        options.weightColumn = "rating"
        #expect(throws: ImportError.syntax(KGImport.SourceLocation(file: dir.path("f.csv"), line: 1, column: 1),
                                           "the file has no header row to find the weight column 'rating' in; give its position (1 to 3) instead")) {
            _ = try Importer.load(path: dir.write("f.csv", "1,2,3\n"), options: options)
        }
    }

    @Test(arguments: [
        ("1303040302", Int64(1_303_040_302)),
        ("1303040302.9", 1_303_040_302),
        ("-5", -5),
        ("1970-01-01", 0),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("2011-04-17 11:38:22", 1_303_040_302),
        ("2011-04-17T13:38:22+02:00", 1_303_040_302),
        ("2011-04-17T06:38:22.125-0500", 1_303_040_302),
    ])
    func parsesTimestamps(_ text: String, _ seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }

    @Test(arguments: ["", "2011-13-01", "2011-02-29", "2011-04-17T25:00", "2011-04-17T10:00:00+", "2011-04-17X", "soon"])
    func rejectsTimestamps(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
