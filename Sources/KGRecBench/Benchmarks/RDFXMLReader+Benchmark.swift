#if canImport(Glibc)
#elseif canImport(Darwin)
#endif
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

extension RDFXMLReader {
    /// Parses the file at `path` `repetitions` times, counting triples (each triple is built
    /// and handed to a closure, nothing is stored), and reports the run times.
    public static func benchmark(path: String, baseIRI: String? = nil, repetitions: Int = 5) throws -> BenchmarkResult {
        precondition(repetitions >= 1, "repetitions must be at least 1, got \(repetitions)")
        var result = BenchmarkResult(name: "RDF/XML \(path)", items: 0, unit: "triples", bytes: fileSize(path), seconds: [])
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            var reader = RDFXMLReader(path: path, baseIRI: baseIRI)
            var count = 0
            let elapsed = try clock.measure { try reader.read { _ in count += 1 } }
            result.items = count
            result.seconds.append(elapsed.seconds)
        }
        return result
    }

    /// Writes a synthetic RDF/XML document of `resources` typed resources to `path`, each with
    /// a language-tagged label, a typed literal, two links, a nested blank node and a
    /// property attribute (9 triples per resource), for measuring speed on large inputs.
    public static func writeSyntheticDocument(path: String, resources: Int) throws {
        guard let file = fopen(path, "wb") else {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        func write(_ s: String) { _ = s.utf8CString.withUnsafeBufferPointer { fputs($0.baseAddress!, file) } }
        write("""
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
                     xmlns:ex="http://example.org/vocab#" xml:base="http://example.org/data/">

            """)
        for index in 0..<resources {
            write("""
                  <ex:Product rdf:about="item/\(index)" ex:sku="SKU-\(index)">
                    <rdfs:label xml:lang="en">Product number \(index)</rdfs:label>
                    <ex:price rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">\(index % 1000).99</ex:price>
                    <ex:category rdf:resource="category/\(index % 97)"/>
                    <ex:related rdf:resource="item/\((index * 7 + 1) % max(resources, 1))"/>
                    <ex:offer rdf:parseType="Resource">
                      <ex:seller rdf:resource="seller/\(index % 13)"/>
                      <ex:stock rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">\(index % 50)</ex:stock>
                    </ex:offer>
                  </ex:Product>

                """)
        }
        write("</rdf:RDF>\n")
        if ferror(file) != 0 {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
