import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// Timings of the importers, for `kgrec bench import` and BENCHMARKS.md.
///
/// Each function runs its workload `runs` times on one core and reports every run and the
/// median. Inputs are read into memory first, so the figures are parsing and mapping, not
/// disk. Build with `swift build -c release` before trusting any figure.
public enum ImportBenchmark {
    /// Parses the N-Triples file at `path`, repeated `repetitions` times in memory, `runs` times.
    ///
    /// Every triple is fully built (strings and terms) and handed to a callback, as in an import.
    public static func ntriples(path: String, repetitions: Int = 20, runs: Int = 5) throws -> BenchmarkResult {
        let name = "N-Triples \(path.split(separator: "/").last ?? "") x\(repetitions)"
        return try timeNTriples(name: name, bytes: try repeated(path: path, repetitions), runs: runs)
    }

    /// Parses the Turtle file at `path`, repeated `repetitions` times in memory (each copy
    /// redeclares the same prefixes), `runs` times; relative IRIs resolve against a made-up
    /// `file:` base.
    ///
    /// Every triple is fully built (strings and terms) and handed to a callback, as in an import.
    public static func turtle(path: String, repetitions: Int = 20, runs: Int = 5) throws -> BenchmarkResult {
        let name = "Turtle \(path.split(separator: "/").last ?? "") x\(repetitions)"
        let bytes = try repeated(path: path, repetitions)
        return try time(name: name, bytes: bytes, runs: runs) {
            TurtleReader(bytes: bytes, name: name, baseIRI: "file:///bench/" + name)
        }
    }

    /// The file at `path`, `repetitions` times over, each copy ending with a line end.
    static func repeated(path: String, _ repetitions: Int) throws -> [UInt8] {
        let file = try InputBytes(path: path)
        var text: [UInt8] = []
        text.reserveCapacity(file.bytes.count * repetitions + repetitions)
        for _ in 0..<repetitions {
            text.append(contentsOf: file.bytes)
            if text.last != Byte.lf { text.append(Byte.lf) }
        }
        return text
    }

    /// Parses `triples` synthetic N-Triples lines (a mix of IRIs, blank nodes and plain, tagged
    /// and typed literals, 5% with escapes), `runs` times.
    public static func syntheticNTriples(triples: Int = 2_000_000, runs: Int = 5) throws -> BenchmarkResult {
        try timeNTriples(name: "N-Triples synthetic", bytes: syntheticText(triples: triples), runs: runs)
    }

    /// Imports `path` with `options` (as `Importer.load` does) `runs` times; counts the triples
    /// read (RDF: parsing and mapping) or the delta's edges (other formats).
    public static func load(path: String, options: ImportOptions = ImportOptions(), runs: Int = 5) throws -> BenchmarkResult {
        var seconds: [Double] = []
        var items = 0
        var unit = "edges"
        for _ in 0..<runs {
            let clock = ContinuousClock()
            var result: ImportResult?
            let elapsed = try clock.measure { result = try Importer.load(path: path, options: options) }
            if let result, result.summary.format.isRDF {
                (items, unit) = (result.summary.recordsRead, "triples")
            } else {
                items = result?.delta.edges.count ?? 0
            }
            seconds.append(elapsed.seconds)
        }
        let bytes = Importer.inputSize(path: path, options: options)
        return BenchmarkResult(name: "import \(path)", items: items, unit: unit, bytes: bytes, seconds: seconds)
    }

    static func timeNTriples(name: String, bytes: [UInt8], runs: Int) throws -> BenchmarkResult {
        try time(name: name, bytes: bytes, runs: runs) { NTriplesReader(bytes: bytes, name: name) }
    }

    /// Counts the triples of `bytes` with a fresh reader from `reader`, `runs` times.
    static func time<Reader: RDFReader>(name: String, bytes: [UInt8], runs: Int,
                                        reader: () -> Reader) throws -> BenchmarkResult {
        var seconds: [Double] = []
        var count = 0
        for _ in 0..<runs {
            var reader = reader()
            let clock = ContinuousClock()
            let elapsed = try clock.measure { count = try reader.countTriples().triples }
            seconds.append(elapsed.seconds)
        }
        return BenchmarkResult(name: name, items: count, unit: "triples", bytes: bytes.count, seconds: seconds)
    }

    /// Deterministic synthetic N-Triples shaped like a product catalog export.
    static func syntheticText(triples: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(triples * 90)
        let predicates = ["http://schema.org/name", "http://schema.org/brand", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                          "http://schema.org/price", "http://purl.org/dc/terms/subject", "http://schema.org/description"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for i in 0..<triples {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(truncatingIfNeeded: state >> 33)
            let subject = r % 20 == 0 ? "_:b\(i % 5000)" : "<https://example.org/product/\(i / 4)>"
            let predicate = predicates[i % predicates.count]
            let object: String
            switch i % 6 {
            case 0: object = r % 20 == 1 ? "\"Caf\\u00E9 \\\"No. \(r % 97)\\\"\"@en" : "\"Product number \(r % 100_000)\"@en"
            case 1: object = "<https://example.org/brand/\(r % 500)>"
            case 2: object = "<https://example.org/category/C\(r % 200)>"
            case 3: object = "\"\(r % 10_000).99\"^^<http://www.w3.org/2001/XMLSchema#decimal>"
            case 4: object = "<https://example.org/subject/\(r % 3000)>"
            default: object = "\"A plain description of item \(i) with a few words in it.\""
            }
            out += subject + " <" + predicate + "> " + object + " .\n"
        }
        return Array(out.utf8)
    }
}
