/// A JSON-LD active context (JSON-LD 1.1 Processing Algorithms §4.1): the term definitions,
/// base IRI, vocabulary mapping and defaults that expansion reads.
struct JSONLDContext: Equatable {
    /// The term definitions by term.
    var terms: [String: JSONLDTermDefinition] = [:]
    /// The base IRI relative references resolve against; nil when there is none.
    var base: String?
    /// The document's own base, which a `null` context restores.
    var originalBase: String?
    /// `@vocab`, when set.
    var vocab: String?
    /// `@language`, lower-cased, when set.
    var defaultLanguage: String?
    /// `@direction`, when set.
    var defaultDirection: String?
    /// The context before a non-propagated (type-scoped) one was applied.
    var previous: Previous?

    /// A context whose base and original base are `base`.
    init(base: String?) {
        self.base = base
        originalBase = base
    }

    /// Whether any term is protected.
    var hasProtectedTerms: Bool { terms.values.contains { $0.protected } }

    /// A box for the previous context (a struct cannot hold itself).
    final class Previous: Equatable {
        let context: JSONLDContext
        init(_ context: JSONLDContext) { self.context = context }
        static func == (a: Previous, b: Previous) -> Bool { a === b || a.context == b.context }
    }
}
