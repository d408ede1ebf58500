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
@Suite struct TurtleConformanceTests {
    static let directory: URL? = SharedData.directory("conformance/turtle", for: "TurtleConformanceTests")

    static let manifest: Result<TurtleManifest, any Error>? = directory.map { directory in
        Result { try TurtleManifest(path: directory.appendingPathComponent("manifest.ttl").path) }
    }

    /// The entries whose action (and result, for an eval test) files exist.
    static let presentEntries: [TurtleManifest.Entry] = {
        guard let directory, case .success(let manifest)? = manifest else { return [] }
        func exists(_ file: String?) -> Bool {
            file.map { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) } ?? true
        }
        return manifest.entries.filter { exists($0.action) && exists($0.result) }
    }()

    /// Runs one entry; nil when it passes, else why not.
    static func failure(of entry: TurtleManifest.Entry) -> String? {
        guard let directory else { return "no suite" }
        let path = directory.appendingPathComponent(entry.action).path
        var triples: [RDFTriple] = []
        let outcome = Result {
            var reader = try TurtleReader(path: path, baseIRI: TurtleManifest.base + entry.action)
            try reader.read { triples.append($0) }
        }
        switch entry.kind {
        case .negativeSyntax, .negativeEval:
            switch outcome {
            case .success:
                return "accepted a document with an error (\(triples.count) triples)"
            case .failure(let error as ImportError):
                guard case .syntax(let location, _) = error, location.file == path, location.line >= 1,
                      location.column >= 1 else {
                    return "rejected without the file, a line and a column: \(error)"
                }
                return nil
            case .failure(let error):
                return "rejected with an unexpected error type: \(error)"
            }
        case .positiveSyntax:
            if case .failure(let error) = outcome { return "rejected: \(error)" }
            return nil
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

    @Test("W3C Turtle test", arguments: presentEntries)
    func conformance(_ entry: TurtleManifest.Entry) {
        let failure = Self.failure(of: entry)
        #expect(failure == nil, "\(entry.name): \(failure ?? "")")
    }

    /// The manifest parses into the whole suite (313 tests), and every present test passes.
    @Test func theManifestListsTheWholeSuiteAndEveryPresentTestPasses() throws {
        guard let manifest = Self.manifest else { return }
        let entries = try manifest.get().entries
        #expect(entries.count == 313)
        #expect(try manifest.get().assumedTestBase == TurtleManifest.base)
        let present = Self.presentEntries
        #expect(present.count == 157)
        let failures = present.compactMap { entry in Self.failure(of: entry).map { "\(entry.name): \($0)" } }
        let kinds = Dictionary(grouping: present, by: \.kind).mapValues(\.count)
        let tally = kinds.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }
        print("Turtle conformance: \(present.count - failures.count) of \(present.count) present tests pass "
              + "(\(tally.joined(separator: ", "))); \(entries.count - present.count) of \(entries.count) absent")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(failures.isEmpty)
    }
}
