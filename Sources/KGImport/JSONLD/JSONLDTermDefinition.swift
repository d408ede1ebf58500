/// One term definition (JSON-LD 1.1 Processing Algorithms §4.2).
struct JSONLDTermDefinition: Equatable {
    /// The IRI (or keyword, or blank node identifier) the term maps to; nil for a term defined
    /// as `null`, which keeps its name from expanding through `@vocab`.
    var iri: String?
    /// Whether compact IRIs may use the term as their prefix.
    var prefix = false
    /// Whether the term may not be redefined.
    var protected = false
    /// Whether the term is a reverse property.
    var reverse = false
    /// `@type`: an IRI, `@id`, `@vocab`, `@json` or `@none`.
    var typeMapping: String?
    /// `@container`: some of `@graph @id @index @language @list @set @type`.
    var containers: Set<String> = []
    /// `@language`: absent (nil), or set, possibly to null.
    var language: String??
    /// `@direction`: absent (nil), or set, possibly to null.
    var direction: String??
    /// `@index`: the property an index map's keys become.
    var index: String?
    /// `@nest`: the nesting key the term's values may appear under.
    var nest: String?
    /// `@context`: a scoped context, with the base URL it came with.
    var context: JSONValue?
    var contextBase: String?

    /// Whether the two definitions are the same but for `protected`, as redefining a
    /// protected term allows.
    func sameExceptProtection(_ other: JSONLDTermDefinition) -> Bool {
        var a = self, b = other
        a.protected = false
        b.protected = false
        return a == b
    }
}
