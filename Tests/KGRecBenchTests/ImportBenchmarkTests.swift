import KGTestSupport
import Testing
@testable import KGRecBench

/// The import benchmark's functions count what they time.
@Suite struct ImportBenchmarkTests {
    let dir = TemporaryDirectory()

    @Test func benchmarkFunctionsReportTheirWork() throws {
        let result = try ImportBenchmark.syntheticNTriples(triples: 600, runs: 3)
        #expect(result.items == 600)
        #expect(result.seconds.count == 3)
        #expect(result.description.hasPrefix("N-Triples synthetic: 600 triples"))
        let path = dir.write("g.nt", String(decoding: ImportBenchmark.syntheticText(triples: 50), as: UTF8.self))
        #expect(try ImportBenchmark.ntriples(path: path, repetitions: 2, runs: 1).items == 100)
        dir.write("k/train.txt", "0 1 2\n")
        dir.write("k/test.txt", "0 3\n")
        #expect(try ImportBenchmark.load(path: dir.path("k"), runs: 1).items == 3)
    }
}
