import Foundation
import KGTestSupport
@testable import KGImport

/// The W3C JSON-LD `toRdf` suite's `toRdf-manifest.jsonld`, read with kgrec's own `JSONParser`
/// (itself a test: the manifest is 4,000 lines of nested objects and arrays).
struct JSONLDManifest: Sendable {
    struct Entry: Sendable, CustomStringConvertible {
        /// `#t0001`…
        var id: String
        var name: String
        /// `PositiveEvaluationTest`, `NegativeEvaluationTest` or `PositiveSyntaxTest`.
        var kind: String
        var input: String
        var expect: String?
        var expectErrorCode: String?
        /// The test's `option` entries, as strings (`true` for booleans).
        var options: [String: String]
        var description: String { "\(id) \(name)" }

        /// Why the entry does not apply to kgrec (the skip rules), or nil when it does.
        var notApplicable: String? {
            if options["specVersion"] == "json-ld-1.0" { return "JSON-LD 1.0 only" }
            if options["normative"] == "false" { return "non-normative" }
            if options["produceGeneralizedRdf"] != nil { return "needs produceGeneralizedRdf" }
            if options["rdfDirection"] != nil { return "needs rdfDirection" }
            if options["expandContext"] != nil { return "needs expandContext" }
            return nil
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { "manifest: \(message)" }
    }

    /// The suite's directory.
    var directory: URL
    var baseIRI: String
    var entries: [Entry] = []

    /// Reads `../shared/conformance/json-ld/toRdf-manifest.jsonld`; nil when it is absent (the
    /// suite that reads it carries `.needsShared`, so it is reported as skipped).
    static func suite() throws -> JSONLDManifest? {
        guard let directory = SharedData.directory("conformance/json-ld") else { return nil }
        return try JSONLDManifest(directory: directory)
    }

    init(directory: URL) throws {
        self.directory = directory
        let input = try InputBytes(path: directory.appendingPathComponent("toRdf-manifest.jsonld").path)
        var parser = JSONParser(input)
        guard case .object(let manifest) = try parser.parse(), case .string(let base)? = manifest["baseIri"],
              case .array(let sequence)? = manifest["sequence"] else {
            throw ParseError(message: "no baseIri or sequence")
        }
        baseIRI = base
        for item in sequence {
            guard case .object(let test) = item, case .string(let id)? = test["@id"], case .string(let name)? = test["name"],
                  case .string(let input)? = test["input"] else {
                throw ParseError(message: "an entry without an @id, a name or an input")
            }
            let types = (test["@type"] ?? .null).asArray.compactMap(\.string)
            guard let kind = types.first(where: { !$0.hasSuffix("ToRDFTest") })?.split(separator: ":").last else {
                throw ParseError(message: "\(id) has no test type")
            }
            var options: [String: String] = [:]
            for (key, value) in test["option"]?.object?.members ?? [:] {
                switch value {
                case .string(let s): options[key] = s
                case .bool(let b): options[key] = b ? "true" : "false"
                default: options[key] = "\(value)"
                }
            }
            entries.append(Entry(id: id, name: name, kind: String(kind), input: input, expect: test["expect"]?.string,
                                 expectErrorCode: test["expectErrorCode"]?.string, options: options))
        }
    }

    /// The absolute path of a suite file.
    func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// The entries whose input (and expected output, when they have one) exist.
    var presentEntries: [Entry] {
        entries.filter { entry in
            FileManager.default.fileExists(atPath: path(entry.input))
                && (entry.expect.map { FileManager.default.fileExists(atPath: path($0)) } ?? true)
        }
    }
}
