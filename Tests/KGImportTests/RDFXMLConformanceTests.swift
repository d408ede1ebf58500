import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// The W3C RDF/XML suite in `../shared/conformance/rdf-xml`, driven by its `manifest.ttl`:
/// every entry whose action file is present runs (the manifest also lists held-back tests,
/// which are skipped), so adding test directories adds tests.
/// - Eval: the parse, with base `mf:assumedTestBase` + action path, must be isomorphic
///   (blank nodes included) to the expected N-Triples.
/// - NegativeSyntax: the parse must fail with `ImportError.syntax` and a line and column.
@Suite(.needsShared("conformance/rdf-xml")) struct RDFXMLConformanceTests {
    static let directory: URL? = SharedData.directory("conformance/rdf-xml")

    static let manifest: RDFXMLManifest? = {
        guard let directory,
              let text = try? String(contentsOf: directory.appendingPathComponent("manifest.ttl"), encoding: .utf8) else {
            return nil
        }
        return try? RDFXMLManifest(text)
    }()

    /// The entries whose action file exists.
    static let presentEntries: [RDFXMLManifest.Entry] = {
        guard let directory, let manifest else { return [] }
        return manifest.entries.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0.action).path)
        }
    }()

    /// Runs one entry; nil when it passes, else why not.
    static func failure(of entry: RDFXMLManifest.Entry) -> String? {
        guard let directory, let base = manifest?.assumedTestBase else { return "no manifest" }
        let path = directory.appendingPathComponent(entry.action).path
        var reader = RDFXMLReader(path: path, baseIRI: base + entry.action)
        var triples: [RDFTriple] = []
        let outcome = Result { try reader.read { triples.append($0) } }
        switch entry.kind {
        case .negativeSyntax:
            switch outcome {
            case .success:
                return "accepted a document with a syntax error (\(triples.count) triples)"
            case .failure(let error as ImportError):
                guard case .syntax(let location, _) = error, location.line >= 1, location.column >= 1 else {
                    return "rejected without a line and column: \(error)"
                }
                return nil
            case .failure(let error):
                return "rejected with an unexpected error type: \(error)"
            }
        case .eval:
            if case .failure(let error) = outcome { return "rejected: \(error)" }
            guard let result = entry.result else { return "the manifest gives no expected result" }
            let expected: [RDFTriple]
            do {
                var ntriples = try NTriplesReader(path: directory.appendingPathComponent(result).path)
                expected = try ntriples.readAll()
            } catch {
                return "cannot read \(result): \(error)"
            }
            guard RDFXMLGraphIsomorphism.isomorphic(triples, expected) else {
                let got = triples.map(\.description).sorted().joined(separator: "\n")
                let want = expected.map(\.description).sorted().joined(separator: "\n")
                return "graphs differ\n--- got\n\(got)\n--- expected\n\(want)"
            }
            return nil
        }
    }

    @Test("W3C RDF/XML test", arguments: presentEntries)
    func conformance(_ entry: RDFXMLManifest.Entry) {
        let failure = Self.failure(of: entry)
        #expect(failure == nil, "\(entry.name): \(failure ?? "")")
    }

    @Test func manifestListsTheTestsThatArePresent() {
        let entries = Self.presentEntries
        #expect(entries.filter { $0.kind == .eval }.count == 78)
        #expect(entries.filter { $0.kind == .negativeSyntax }.count == 24)
        let failures = entries.compactMap { entry in Self.failure(of: entry).map { "\(entry.name): \($0)" } }
        print("RDF/XML conformance: \(entries.count - failures.count) of \(entries.count) tests pass")
        for failure in failures { print("  FAIL \(failure)") }
    }
}
