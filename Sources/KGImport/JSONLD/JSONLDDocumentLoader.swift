import KGGraph

/// Where remote JSON-LD documents (contexts, `@import`s) come from: never the network, only
/// local directories the user maps IRI prefixes to (`--documents IRI-PREFIX=DIR`).
///
/// An IRI is looked up by its longest mapped prefix; the rest of it (without a fragment)
/// names a file under the directory. A rest with a `..` segment is refused, so a document
/// cannot reach outside its directory. schema.org's context, which documents name as
/// `https://schema.org` (with or without a slash, over http or https), is the file
/// `schemaorgcontext.jsonld` in the directory mapped to `https://schema.org/`.
package struct JSONLDDocumentLoader: Sendable, Equatable {
    /// One `IRI-PREFIX=DIR` mapping.
    package struct Mapping: Sendable, Equatable {
        /// The IRI prefix (`https://schema.org/`).
        package var prefix: String
        /// The directory the rest of an IRI under the prefix names a file in.
        package var directory: String

        /// Maps IRIs under `prefix` to files under `directory`.
        package init(prefix: String, directory: String) {
            self.prefix = prefix
            self.directory = directory
        }

        /// Parses `IRI-PREFIX=DIR`; nil when there is no `=` or either side is empty.
        package init?(option: String) {
            guard let equals = option.firstIndex(of: "=") else { return nil }
            prefix = String(option[..<equals])
            directory = String(option[option.index(after: equals)...])
            if prefix.isEmpty || directory.isEmpty { return nil }
        }
    }

    /// The mappings, as given.
    package var mappings: [Mapping]

    /// The schema.org context's IRIs, and the file its directory holds.
    static let schemaOrgIRIs: Set<String> = [
        "https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
        "https://schema.org/docs/jsonldcontext.jsonld", "http://schema.org/docs/jsonldcontext.jsonld",
        "https://schema.org/docs/jsonldcontext.json", "http://schema.org/docs/jsonldcontext.json",
    ]
    static let schemaOrgPrefix = "https://schema.org/"
    static let schemaOrgFile = "schemaorgcontext.jsonld"

    /// A loader of the documents under `mappings` (none: every remote document is an error).
    package init(mappings: [Mapping] = []) {
        self.mappings = mappings
    }

    /// Why a document cannot be loaded: the message names the IRI and the option that would supply it.
    struct Unavailable: Error {
        var message: String
    }

    /// The local path of the document at `iri`.
    func path(for iri: String) throws(Unavailable) -> String {
        let document = iri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? iri
        var key = document
        var fileName: String?
        if Self.schemaOrgIRIs.contains(document) {
            key = Self.schemaOrgPrefix
            fileName = Self.schemaOrgFile
        }
        let candidates = mappings.filter { key.hasPrefix($0.prefix) || (fileName != nil && Self.schemaOrgIRIs.contains($0.prefix)) }
        guard let mapping = candidates.max(by: { $0.prefix.count < $1.prefix.count }) else {
            let suggestion = fileName != nil ? "\(Self.schemaOrgPrefix)=DIR with a directory holding \(Self.schemaOrgFile)"
                : "\(Excerpt.iri(Self.suggestedPrefix(document)))=DIR with a directory holding it"
            throw Unavailable(message: "loading remote context failed: \(Excerpt.quoted(document, limit: Excerpt.maxIRICharacters)) is not available offline (kgrec never "
                              + "uses the network); give --documents \(suggestion)")
        }
        let rest = fileName ?? String(key.dropFirst(mapping.prefix.count))
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard !rest.isEmpty, !segments.contains(".."), !rest.hasPrefix("/") else {
            throw Unavailable(message: "loading remote context failed: \(Excerpt.quoted(document, limit: Excerpt.maxIRICharacters)) does not name a file under the "
                              + "directory \(Excerpt.quoted(mapping.directory, limit: Excerpt.maxPathCharacters)) that --documents maps \(Excerpt.quoted(mapping.prefix, limit: Excerpt.maxIRICharacters)) to")
        }
        let directory = mapping.directory.hasSuffix("/") ? String(mapping.directory.dropLast()) : mapping.directory
        let cleaned = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? rest
        return directory + "/" + cleaned
    }

    /// The IRI up to its last `/` after the authority: the prefix a `--documents` mapping
    /// for it would likely use.
    static func suggestedPrefix(_ iri: String) -> String {
        let scalars = Array(iri.unicodeScalars)
        var start = 0
        if let colon = scalars.firstIndex(of: ":"), scalars.count > colon + 2, scalars[colon + 1] == "/", scalars[colon + 2] == "/" {
            start = colon + 3
            while start < scalars.count, scalars[start] != "/" { start += 1 }
        }
        guard let slash = scalars.lastIndex(of: "/"), slash >= start, start > 0 else { return iri }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[...slash])
        return String(out)
    }
}
