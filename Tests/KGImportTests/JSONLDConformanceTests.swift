import Foundation
import KGTestSupport
import Testing
@testable import KGImport

/// The W3C JSON-LD `toRdf` suite in `../shared/conformance/json-ld`, driven by
/// `toRdf-manifest.jsonld`: every entry whose files are present and that applies (not
/// JSON-LD 1.0 only, normative, without `produceGeneralizedRdf`, `rdfDirection` or
/// `expandContext`) runs (those with `processingMode: json-ld-1.0` in that mode), with base `baseIri` + the input's
/// path (or the test's `base` option) and remote documents under
/// `https://w3c.github.io/json-ld-api/tests/` read from the suite's directory.
/// - PositiveEvaluationTest: the quads must be isomorphic (blank nodes included) to the
///   expected N-Quads.
/// - PositiveSyntaxTest: the document is read without error.
/// - NegativeEvaluationTest: the read fails with `ImportError.syntax` at the input or a context
///   it loads, with a line and a column, and a message opening with `expectErrorCode`.
@Suite(.needsShared("conformance/json-ld")) struct JSONLDConformanceTests {
    static let manifest = Result { try JSONLDManifest.suite() }
    static let presentEntries = ((try? manifest.get()) ?? nil)?.presentEntries ?? []
    static let applicableEntries = presentEntries.filter { $0.notApplicable == nil }

    /// Runs one entry; nil when it passes, else why not.
    static func failure(of entry: JSONLDManifest.Entry) -> String? {
        guard case .success(let manifest?) = manifest else { return "no manifest" }
        let path = manifest.path(entry.input)
        let loader = JSONLDDocumentLoader(mappings: [
            .init(prefix: manifest.baseIRI, directory: manifest.directory.path),
        ])
        var quads: [DatasetIsomorphism.Quad] = []
        let outcome = Result {
            var reader = try JSONLDReader(path: path, baseIRI: entry.options["base"] ?? manifest.baseIRI + entry.input,
                                          loader: loader)
            reader.limits.jsonLD10 = entry.options["processingMode"] == "json-ld-1.0"
            try reader.readQuads { quads.append(($0, $1)) }
        }
        switch entry.kind {
        case "NegativeEvaluationTest":
            switch outcome {
            case .success:
                return "accepted a document with an error (\(quads.count) quads); expected '\(entry.expectErrorCode ?? "")'"
            case .failure(let error as ImportError):
                guard case .syntax(let location, let message) = error, location.line >= 1, location.column >= 1 else {
                    return "rejected without a line and a column: \(error)"
                }
                if let code = entry.expectErrorCode, !message.hasPrefix(code) {
                    return "rejected with another error than '\(code)': \(error)"
                }
                return nil
            case .failure(let error):
                return "rejected with an unexpected error type: \(error)"
            }
        case "PositiveSyntaxTest":
            if case .failure(let error) = outcome { return "rejected: \(error)" }
            return nil
        default:
            if case .failure(let error) = outcome { return "rejected: \(error)" }
            guard let expect = entry.expect else { return "the manifest gives no expected result" }
            let expected: [DatasetIsomorphism.Quad]
            do {
                expected = try DatasetIsomorphism.readNQuads(String(contentsOfFile: manifest.path(expect), encoding: .utf8))
            } catch {
                return "cannot read \(expect): \(error)"
            }
            guard DatasetIsomorphism.isomorphic(quads, expected) else {
                func show(_ q: [DatasetIsomorphism.Quad]) -> String {
                    q.map { String($0.triple.description.dropLast(2)) + ($0.graph.map { " " + $0.ntriples } ?? "") + " ." }
                        .sorted().joined(separator: "\n")
                }
                return "datasets differ\n--- got\n\(show(quads))\n--- expected\n\(show(expected))"
            }
            return nil
        }
    }

    @Test("W3C JSON-LD toRdf test", arguments: applicableEntries)
    func conformance(_ entry: JSONLDManifest.Entry) {
        let failure = Self.failure(of: entry)
        #expect(failure == nil, "\(entry): \(failure ?? "")")
    }

    /// The manifest lists the whole suite (467 tests), 234 are present, and the tally of those
    /// that apply is printed with every failure; at least 98 % of them pass.
    @Test func theManifestListsTheWholeSuiteAndTheApplicableTestsPass() throws {
        guard let manifest = try Self.manifest.get() else { return }
        #expect(manifest.entries.count == 467)
        let present = Self.presentEntries
        #expect(present.count == 234)
        let skipped = Dictionary(grouping: present.compactMap(\.notApplicable), by: { $0 }).mapValues(\.count)
        let applicable = Self.applicableEntries
        let failures = applicable.compactMap { entry in Self.failure(of: entry).map { "\(entry): \($0)" } }
        let passed = applicable.count - failures.count
        print("JSON-LD toRdf conformance: \(passed) of \(applicable.count) applicable tests pass; skipped "
              + skipped.keys.sorted().map { "\(skipped[$0] ?? 0) \($0)" }.joined(separator: ", ")
              + "; \(manifest.entries.count - present.count) of \(manifest.entries.count) absent")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(Double(passed) >= 0.98 * Double(applicable.count))
    }
}
