import KGGraph

/// Runs the JSON-LD 1.1 "Deserialize JSON-LD to RDF" algorithm
/// (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm) over one parsed
/// document: context processing, expansion, node map generation, then RDF.
///
/// The processor owns the documents it has read (the input and every remote context), so an
/// error can point at `file:line:column` in whichever of them it comes from. Errors are
/// `ImportError.syntax` whose message opens with the specification's error code
/// (`invalid IRI mapping: …`).
final class JSONLDProcessor {
    /// Bounds on context processing, against hostile or cyclic contexts.
    struct Limits: Sendable, Equatable {
        /// Most remote contexts one chain of inclusions may load: 32.
        var maxRemoteContexts = 32
        /// Deepest nesting of scoped contexts, `@nest` and expansion recursion: 1,024.
        var maxDepth = 1024
        /// The JSON parser's bounds, for the input and every remote document.
        var json = JSONParser.Limits()
        /// Whether to run in `processingMode: json-ld-1.0`, which refuses 1.1's context
        /// entries and containers (the W3C suite's option; kgrec's readers run 1.1).
        var jsonLD10 = false
    }

    /// The documents read so far: index 0 is the input.
    private(set) var documents: [InputBytes] = []
    let loader: JSONLDDocumentLoader
    let limits: Limits
    /// Remote documents already parsed, by IRI (without fragment).
    private var remoteCache: [String: JSONValue] = [:]
    /// The last result of applying each remote context, with the context it was applied to:
    /// a feed whose every item names `https://schema.org` processes its 2,000 terms once.
    var remoteContextResults: [String: (before: JSONLDContext, after: JSONLDContext)] = [:]
    /// Remote contexts already checked as a term's scoped context: checking one again (a
    /// context whose every term names the same remote context) would cost its size each time.
    var checkedScopedRemotes: Set<String> = []
    /// The blank node labels of the document, relabelled `b0`, `b1`, … in order of appearance.
    var blankNodes: [String: String] = [:]
    var blankCounter = 0
    /// The current recursion depth of expansion and context processing.
    var depth = 0

    init(input: InputBytes, loader: JSONLDDocumentLoader, limits: Limits = Limits()) {
        documents = [input]
        self.loader = loader
        self.limits = limits
    }

    /// Parses the input document.
    func parseInput() throws(ImportError) -> JSONValue {
        var parser = JSONParser(documents[0], document: 0, limits: limits.json)
        return try parser.parse()
    }

    /// The remote document at `iri`, loaded through the document loader and parsed once.
    func loadRemote(_ iri: String, at origin: JSONOrigin?) throws(ImportError) -> JSONValue {
        let key = iri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? iri
        if let cached = remoteCache[key] { return cached }
        let path: String
        do { path = try loader.path(for: key) } catch { throw self.error(error.message, at: origin) }
        let input: InputBytes
        do {
            input = try InputBytes(path: path, checkingText: false)
            try input.checkText(maxLineBytes: JSONLDReader.maxLineBytes)
        } catch {
            throw self.error("loading remote context failed: \(Excerpt.quoted(key, limit: Excerpt.maxIRICharacters)) maps to \(Excerpt.quoted(path, limit: Excerpt.maxPathCharacters)), which cannot be read "
                             + "(\(Self.reason(error)))", at: origin)
        }
        documents.append(input)
        var parser = JSONParser(input, document: documents.count - 1, limits: limits.json)
        let value = try parser.parse()
        remoteCache[key] = value
        return value
    }

    private static func reason(_ error: ImportError) -> String {
        if case .unreadable(_, let reason) = error { return reason }
        return error.description
    }

    /// An error at `origin` (the start of the object at fault), or at the input's start.
    func error(_ message: String, at origin: JSONOrigin?) -> ImportError {
        .syntax(location(of: origin ?? JSONOrigin(document: 0, offset: 0)), message)
    }

    /// The file, line and column of each of `origins`, found in one pass over each document
    /// (rather than one scan from the start per origin).
    func locations(of origins: Set<JSONOrigin>) -> [JSONOrigin: SourceLocation] {
        var result: [JSONOrigin: SourceLocation] = [:]
        for (index, input) in documents.enumerated() {
            let offsets = origins.filter { $0.document == index }.map(\.offset).sorted()
            for (offset, location) in zip(offsets, input.locations(ofOffsets: offsets)) {
                result[JSONOrigin(document: index, offset: offset)] = location
            }
        }
        return result
    }

    /// The file, line and column of `origin`.
    func location(of origin: JSONOrigin) -> SourceLocation {
        let document = documents.indices.contains(origin.document) ? documents[origin.document] : documents[0]
        return document.location(ofOffset: origin.offset)
    }

    /// Counts one level of recursion; throws past `Limits.maxDepth`.
    func enter(at origin: JSONOrigin?) throws(ImportError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error("expected at most \(limits.maxDepth) levels of nested contexts and values, found more", at: origin)
        }
    }

    func leave() { depth -= 1 }

    /// A new blank node identifier, or the relabelled form of the document's `_:label`.
    func blankNode(for label: String? = nil) -> String {
        if let label, let known = blankNodes[label] { return known }
        let fresh = "_:b\(blankCounter)"
        blankCounter += 1
        if let label { blankNodes[label] = fresh }
        return fresh
    }

    /// The JSON-LD keywords (JSON-LD 1.1 §1.7).
    static let keywords: Set<String> = [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    ]

    /// Whether `s` has the form of a keyword: `@` then one or more ASCII letters.
    static func hasKeywordForm(_ s: String) -> Bool {
        let bytes = s.utf8
        guard bytes.count > 1, bytes.first == UInt8(ascii: "@") else { return false }
        return bytes.dropFirst().allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    /// Whether `s` is an absolute IRI: a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`)
    /// then `:`, at most one `#`, and no space or character an IRI may not hold.
    static func isAbsoluteIRI(_ s: String) -> Bool {
        guard IRIResolver.hasScheme(s) else { return false }
        var hashes = 0
        for byte in s.utf8 {
            switch byte {
            case 0...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
                return false
            case UInt8(ascii: "#"):
                hashes += 1
                if hashes > 1 { return false }
            default:
                break
            }
        }
        return true
    }

    static func isBlankNode(_ s: String) -> Bool { s.hasPrefix("_:") }
}
