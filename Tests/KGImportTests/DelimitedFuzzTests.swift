import Foundation
import Testing
import KGTestSupport
@testable import KGImport

/// Seeded mutants of a small valid CSV file (byte flips, inserted quotes, delimiters, line
/// ends, NULs and 0xFF bytes, deletions, truncations): every error points into the file at
/// `file:line:column` with a line and a column of at least 1, and nothing crashes.
@Suite struct DelimitedFuzzTests {
    @Test func everyErrorOfAMutantHasAPosition() throws {
        let dir = TemporaryDirectory()
        var errors = 0
        for seed in UInt64(0)..<400 {
            let bytes = CSVMutants.mutant(seed)
            let path = dir.path("m\(seed).csv")
            writeFile(path, bytes)
            for format in [ImportFormat.csv, .tsv] {
                var options = ImportOptions()
                options.format = format
                do {
                    _ = try Importer.load(path: path, options: options)
                } catch {
                    errors += 1
                    guard let location = error.location else {
                        Issue.record("seed \(seed): no position: \(error)")
                        continue
                    }
                    #expect(location.file == path && location.line >= 1 && location.column >= 1, "seed \(seed): \(error)")
                    #expect(!"\(error)".contains("internal error"), "seed \(seed): \(error)")
                }
            }
        }
        // The mutations do break files: most mutants are refused somewhere.
        #expect(errors > 100)
    }
}
