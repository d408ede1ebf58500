import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// The W3C Turtle suite in `../shared/conformance/turtle`, driven by its `manifest.ttl` (read
/// with `TurtleReader`): every entry whose files are present runs, so adding files adds tests.
/// - Eval: the parse, with base `https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/` + the
///   action's file name, must be isomorphic (blank nodes included) to the expected N-Triples.
/// - PositiveSyntax: the file parses.
/// - NegativeSyntax, NegativeEval: the parse fails with `ImportError.syntax` at the file, a line
///   and a column.
@Suite(.needsShared("conformance/turtle")) struct TurtleConformanceTests {
    static let base = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"
    static let manifest = Result { try W3CManifest.suite("turtle") }
    static let presentEntries = ((try? manifest.get()) ?? nil)?.presentEntries ?? []

    /// Runs one entry; nil when it passes, else why not.
    static func failure(of entry: W3CManifest.Entry) -> String? {
        guard case .success(let manifest?) = manifest else { return "no manifest" }
        let path = manifest.path(entry.action)
        var triples: [RDFTriple] = []
        let outcome = Result {
            var reader = try TurtleReader(path: path, baseIRI: base + entry.action)
            try reader.read { triples.append($0) }
        }
        if entry.isNegative { return ConformanceCheck.rejected(outcome, path: path, triples: triples.count) }
        if entry.isEval { return ConformanceCheck.evaluated(outcome, triples, expectedPath: entry.result.map(manifest.path)) }
        if case .failure(let error) = outcome { return "rejected: \(error)" }
        return nil
    }

    @Test("W3C Turtle test", arguments: presentEntries)
    func conformance(_ entry: W3CManifest.Entry) {
        let failure = Self.failure(of: entry)
        #expect(failure == nil, "\(entry.name): \(failure ?? "")")
    }

    /// The manifest parses into the whole suite (313 tests), and every present test passes.
    @Test func theManifestListsTheWholeSuiteAndEveryPresentTestPasses() throws {
        guard let manifest = try Self.manifest.get() else { return }
        #expect(manifest.entries.count == 313)
        #expect(manifest.assumedTestBase == Self.base)
        let present = Self.presentEntries
        #expect(present.count == 157)
        let failures = present.compactMap { entry in Self.failure(of: entry).map { "\(entry.name): \($0)" } }
        let kinds = Dictionary(grouping: present, by: \.type).mapValues(\.count)
        let tally = kinds.keys.sorted().map { "\($0) \(kinds[$0] ?? 0)" }
        print("Turtle conformance: \(present.count - failures.count) of \(present.count) present tests pass "
              + "(\(tally.joined(separator: ", "))); \(manifest.entries.count - present.count) of "
              + "\(manifest.entries.count) absent")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(failures.isEmpty)
    }
}
