@testable import KGImport

/// How a W3C conformance test's outcome is judged, for every RDF reader: an eval test's graph
/// must be isomorphic to the expected N-Triples, a negative test must fail with a syntax error
/// at a line and column of its file. Each check returns nil when the test passes, else why not.
enum ConformanceCheck {
    /// A negative test: `outcome` of reading `path` must be an `ImportError.syntax` at `path`,
    /// with a line and a column.
    static func rejected(_ outcome: Result<Void, any Error>, path: String, triples: Int) -> String? {
        switch outcome {
        case .success:
            return "accepted a document with an error (\(triples) triples)"
        case .failure(let error as ImportError):
            guard case .syntax(let location, _) = error, location.file == path, location.line >= 1,
                  location.column >= 1 else {
                return "rejected without the file, a line and a column: \(error)"
            }
            return nil
        case .failure(let error):
            return "rejected with an unexpected error type: \(error)"
        }
    }

    /// An eval test: `outcome` must succeed with `triples` isomorphic (blank nodes included)
    /// to the N-Triples file at `expectedPath`.
    static func evaluated(_ outcome: Result<Void, any Error>, _ triples: [RDFTriple], expectedPath: String?) -> String? {
        if case .failure(let error) = outcome { return "rejected: \(error)" }
        guard let expectedPath else { return "the manifest gives no expected result" }
        let expected: [RDFTriple]
        do {
            var ntriples = try NTriplesReader(path: expectedPath)
            expected = try ntriples.readAll()
        } catch {
            return "cannot read \(expectedPath): \(error)"
        }
        guard RDFXMLGraphIsomorphism.isomorphic(triples, expected) else {
            let got = triples.map(\.description).sorted().joined(separator: "\n")
            let want = expected.map(\.description).sorted().joined(separator: "\n")
            return "graphs differ\n--- got\n\(got)\n--- expected\n\(want)"
        }
        return nil
    }
}
