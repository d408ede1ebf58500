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
    static let manifest = Result { try W3CManifest.suite("rdf-xml") }

    /// The entries whose action file exists.
    static let presentEntries = ((try? manifest.get()) ?? nil)?.presentEntries ?? []

    /// Runs one entry; nil when it passes, else why not.
    static func failure(of entry: W3CManifest.Entry) -> String? {
        guard case .success(let manifest?) = manifest, let base = manifest.assumedTestBase else { return "no manifest" }
        let path = manifest.path(entry.action)
        var reader = RDFXMLReader(path: path, baseIRI: base + entry.action)
        var triples: [RDFTriple] = []
        let outcome = Result { try reader.read { triples.append($0) } }
        if entry.isNegative { return ConformanceCheck.rejected(outcome, path: path, triples: triples.count) }
        return ConformanceCheck.evaluated(outcome, triples, expectedPath: entry.result.map(manifest.path))
    }

    @Test("W3C RDF/XML test", arguments: presentEntries)
    func conformance(_ entry: W3CManifest.Entry) {
        let failure = Self.failure(of: entry)
        #expect(failure == nil, "\(entry.name): \(failure ?? "")")
    }

    @Test func manifestListsTheTestsThatArePresent() throws {
        guard try Self.manifest.get() != nil else { return }
        let entries = Self.presentEntries
        #expect(entries.filter { $0.type == "TestXMLEval" }.count == 78)
        #expect(entries.filter { $0.type == "TestXMLNegativeSyntax" }.count == 24)
        let failures = entries.compactMap { entry in Self.failure(of: entry).map { "\(entry.name): \($0)" } }
        print("RDF/XML conformance: \(entries.count - failures.count) of \(entries.count) tests pass")
        for failure in failures { print("  FAIL \(failure)") }
    }
}
