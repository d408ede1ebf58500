import Foundation
import Testing
import KGTestSupport
@testable import KGImport

/// Seeded mutants of a small valid CSV file (byte flips, inserted quotes, delimiters, line
/// ends, NULs and 0xFF bytes, deletions, truncations): every error points into the file at
/// `file:line:column` with a line and a column of at least 1, and nothing crashes.
@Suite struct DelimitedFuzzTests {
    static let valid = Array(("user,item,rating,timestamp\n" + "u1,i1,4.5,1300000000\n"
        + "\"u 2\",i2,3,2011-04-17T11:38:22Z\r\n" + #"u3,"i,""3""",1,1300000002"# + "\n\n" + "u1,i2,2,1300000003").utf8)

    /// Bytes that matter to a CSV reader, and a few that should not be there at all.
    static let interesting: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0x20, 0x61, 0x31, 0x2E, 0x2D]

    static func mutant(_ seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var bytes = valid
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let at = Int(rng.next() % UInt64(bytes.count + 1))
            let byte = rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : interesting[Int(rng.next() % UInt64(interesting.count))]
            switch rng.next() % 5 {
            case 0 where at < bytes.count: bytes[at] = byte
            case 1: bytes.insert(byte, at: at)
            case 2 where at < bytes.count: bytes.remove(at: at)
            case 3: bytes = Array(bytes.prefix(at))
            default: bytes.insert(contentsOf: [byte, byte], at: at)
            }
        }
        return bytes
    }

    @Test func everyErrorOfAMutantHasAPosition() throws {
        let dir = TemporaryDirectory()
        var errors = 0
        for seed in UInt64(0)..<400 {
            let bytes = Self.mutant(seed)
            let path = dir.path("m\(seed).csv")
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
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
