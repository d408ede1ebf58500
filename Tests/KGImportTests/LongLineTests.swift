import Foundation
import Testing
import KGTestSupport
@testable import KGImport

/// A line of very many fields costs one pass: the column of each field is counted on from the
/// previous one, not from the start of the line (which made a 200,000-field line take 24 s as
/// CSV and 73 s as a KGAT row).
@Suite struct LongLineTests {
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start) / .seconds(1)
    }

    private func kgatRow(_ items: Int, in dir: TemporaryDirectory) -> String {
        let folder = "kgat-\(items)"
        dir.write(folder + "/train.txt", "0 " + (0..<items).map(String.init).joined(separator: " ") + "\n")
        dir.write(folder + "/test.txt", "0 0\n")
        return dir.path(folder)
    }

    @Test func aKGATRowOfManyItemsIsReadInLinearTime() throws {
        let dir = TemporaryDirectory()
        let small = kgatRow(10_000, in: dir), large = kgatRow(100_000, in: dir)
        _ = try Importer.load(path: small)
        let a = try seconds { _ = try Importer.load(path: small) }
        let b = try seconds { _ = try Importer.load(path: large) }
        // Ten times the fields: about ten times as long, far from the quadratic hundred.
        #expect(b / a < 40, "10k items: \(a) s, 100k items: \(b) s")
    }

    @Test func aCSVHeaderOfManyFieldsIsReadInLinearTime() throws {
        let dir = TemporaryDirectory()
        let small = dir.write("small.csv", "user,item" + String(repeating: ",x", count: 10_000) + "\nu1,i1\n")
        let large = dir.write("large.csv", "user,item" + String(repeating: ",x", count: 100_000) + "\nu1,i1\n")
        _ = try? Importer.load(path: small)
        let a = seconds { _ = try? Importer.load(path: small) }
        let b = seconds { _ = try? Importer.load(path: large) }
        #expect(b / a < 40, "10k fields: \(a) s, 100k fields: \(b) s")
    }

    /// The columns counted on from field to field are the columns counted from the line start.
    @Test(arguments: [
        ("0 1 2 é 4", "expected an item id, found 'é'", 7),
        ("0 " + (1...500).map(String.init).joined(separator: " ") + " x", "expected an item id, found 'x'", 1_895),
    ])
    func columnsOfLateFieldsAreExact(row: String, message: String, column: Int) throws {
        let dir = TemporaryDirectory()
        dir.write("k/train.txt", "5 6\n" + row + "\n")
        dir.write("k/test.txt", "0 0\n")
        #expect(throws: ImportError.syntax(SourceLocation(file: dir.path("k") + "/train.txt", line: 2, column: column), message)) {
            _ = try Importer.load(path: dir.path("k"))
        }
    }

    @Test func aCSVErrorAfterManyFieldsHasItsColumn() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("w.csv", "user,item,a,b,c\nu1,i1,1,2,3\nu2,é,1,2,3,4\n")
        do {
            _ = try Importer.load(path: path)
            Issue.record("the extra field was accepted")
        } catch {
            #expect(error.location == SourceLocation(file: path, line: 3, column: 12))
        }
    }
}
