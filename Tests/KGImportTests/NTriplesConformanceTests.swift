import Foundation
import Testing
import KGTestSupport
@testable import KGImport

/// The W3C N-Triples 1.1 suite, driven by `../shared/conformance/n-triples/manifest.ttl`:
/// adding an entry to the manifest adds a test.
@Suite(.needsShared("conformance/n-triples")) struct NTriplesConformanceTests {
    static let manifest = Result { try W3CManifest.suite("n-triples") }
    static let entries = ((try? manifest.get()) ?? nil)?.entries ?? []

    @Test func manifestListsTheWholeSuite() throws {
        guard try Self.manifest.get() != nil else { return }
        #expect(Self.entries.count == 70)
        #expect(Self.entries.filter { !$0.isNegative }.count == 41)
        #expect(Self.entries.filter(\.isNegative).count == 29)
    }

    /// The absolute path of an entry's action file.
    private static func path(_ entry: W3CManifest.Entry) throws -> String {
        try #require(try manifest.get()).path(entry.action)
    }

    /// A positive file parses, and its triples survive canonical serialisation and re-parsing.
    @Test(arguments: entries.filter { !$0.isNegative })
    func positive(_ entry: W3CManifest.Entry) throws {
        let path = try Self.path(entry)
        var reader = try NTriplesReader(path: path)
        let triples = try reader.readAll()
        let canonical = triples.map(\.description).joined(separator: "\n")
        var again = NTriplesReader(text: canonical, name: "canonical")
        #expect(try again.readAll() == triples)
        let expectedCount = try expectedTripleCount(path)
        #expect(triples.count == expectedCount, "\(entry.name)")
    }

    /// A negative file is rejected with a syntax error that names the file, a line and a column.
    @Test(arguments: entries.filter(\.isNegative))
    func negative(_ entry: W3CManifest.Entry) throws {
        let path = try Self.path(entry)
        var reader = try NTriplesReader(path: path)
        do {
            _ = try reader.readAll()
            Issue.record("\(entry.name) was accepted")
        } catch let error as ImportError {
            guard case .syntax(let location, let message) = error else {
                Issue.record("\(entry.name): not a syntax error: \(error)")
                return
            }
            #expect(location.file == path)
            #expect(location.line == (try lastTripleLine(path)), "\(error)")
            #expect(location.column >= 1)
            #expect(message.hasPrefix("expected "), "\(error)")
        }
    }

    /// Lines that are neither empty nor comments: the triples a positive file holds.
    private func expectedTripleCount(_ path: String) throws -> Int {
        try contentLines(path).count
    }

    /// The negative files put their one faulty statement on their last content line.
    private func lastTripleLine(_ path: String) throws -> Int {
        try contentLines(path).last?.number ?? 1
    }

    private func contentLines(_ path: String) throws -> [(number: Int, text: Substring)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (number: $0.offset + 1, text: $0.element) }
            .filter { line in
                let trimmed = line.text.drop { $0 == " " || $0 == "\t" }
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            }
    }
}
