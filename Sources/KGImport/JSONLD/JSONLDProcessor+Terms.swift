import KGGraph

/// Creating term definitions (JSON-LD 1.1 Processing Algorithms §4.2.2).
extension JSONLDProcessor {
    private static let definitionKeys: Set<String> = [
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix",
        "@protected", "@type",
    ]
    private static let containerValues: Set<String> = ["@graph", "@id", "@index", "@language", "@list", "@set", "@type"]
    private static let genDelims: Set<Character> = [":", "/", "?", "#", "[", "]", "@"]

    /// Defines `term` from the local context `local` in `active`.
    func defineTerm(_ term: String, in active: inout JSONLDContext, local: JSONObject, defined: inout [String: Bool],
                    baseURL: String?, protected: Bool, overrideProtected: Bool,
                    remoteContexts: [String]) throws(ImportError) {
        let origin = local.origin
        if let done = defined[term] {
            if done { return }
            throw error("cyclic IRI mapping: the definition of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) depends on itself", at: origin)
        }
        if term.isEmpty { throw error("invalid term definition: a term cannot be the empty string", at: origin) }
        defined[term] = false
        let value = local[term] ?? .null
        let defaultProtected = protected || local["@protected"] == .bool(true)
        if term == "@type" {
            guard case .object(let object) = value, !object.members.isEmpty,
                  object.keys.allSatisfy({ $0 == "@container" || $0 == "@protected" }),
                  object["@container"] == nil || object["@container"] == .string("@set") else {
                throw error("keyword redefinition: '@type' may only be given '@container': '@set' and '@protected'", at: origin)
            }
        } else if JSONLDProcessor.keywords.contains(term) {
            throw error("keyword redefinition: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) is a keyword and cannot be defined", at: origin)
        } else if JSONLDProcessor.hasKeywordForm(term) {
            defined[term] = true
            return
        }
        let previous = active.terms.removeValue(forKey: term)
        let object: JSONObject
        var simpleTerm = false
        switch value {
        case .null: object = JSONObject(["@id": .null], origin: origin)
        case .string(let s):
            object = JSONObject(["@id": .string(s)], origin: origin)
            simpleTerm = true
        case .object(let o): object = o
        default:
            throw error("invalid term definition: the definition of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be an IRI, an object or null", at: origin)
        }
        let at = object.origin ?? origin
        var definition = JSONLDTermDefinition()
        if let value = object["@protected"] {
            guard case .bool(let flag) = value else {
                throw error("invalid @protected value: '@protected' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) takes true or false", at: at)
            }
            definition.protected = flag
        } else {
            definition.protected = defaultProtected
        }
        func expand(_ s: String, vocab: Bool = true) throws(ImportError) -> String? {
            try expandIRI(s, active: &active, vocab: vocab, local: local, defined: &defined, baseURL: baseURL,
                          remoteContexts: remoteContexts, origin: at)
        }
        if let value = object["@type"] {
            guard case .string(let type) = value, let expanded = try expand(type) else {
                throw error("invalid type mapping: the '@type' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be an IRI", at: at)
            }
            guard ["@id", "@json", "@none", "@vocab"].contains(expanded) || JSONLDProcessor.isAbsoluteIRI(expanded) else {
                throw error("invalid type mapping: \(Excerpt.quoted(type, limit: Excerpt.maxIRICharacters)) (the '@type' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters))) is not an absolute IRI", at: at)
            }
            definition.typeMapping = expanded
        }
        if let value = object["@reverse"] {
            if object["@id"] != nil || object["@nest"] != nil {
                throw error("invalid reverse property: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) has '@reverse' with '@id' or '@nest'", at: at)
            }
            guard case .string(let reverse) = value else {
                throw error("invalid IRI mapping: the '@reverse' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be an IRI", at: at)
            }
            if JSONLDProcessor.hasKeywordForm(reverse) { defined[term] = true; return }
            guard let iri = try expand(reverse), iri.contains(":"), !JSONLDProcessor.keywords.contains(iri) else {
                throw error("invalid IRI mapping: \(Excerpt.quoted(reverse, limit: Excerpt.maxIRICharacters)) (the '@reverse' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters))) is not an absolute IRI", at: at)
            }
            definition.iri = iri
            if let container = object["@container"] {
                guard container == .null || container == .string("@set") || container == .string("@index") else {
                    throw error("invalid reverse property: the '@container' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be '@set', '@index' or null", at: at)
                }
                if case .string(let c) = container { definition.containers = [c] }
            }
            definition.reverse = true
            try finish(term, definition, previous: previous, in: &active, defined: &defined,
                       overrideProtected: overrideProtected, at: at)
            return
        }
        if let value = object["@id"], value != .string(term) {
            switch value {
            case .null: definition.iri = nil
            case .string(let id):
                if !JSONLDProcessor.keywords.contains(id), JSONLDProcessor.hasKeywordForm(id) {
                    defined[term] = true
                    return
                }
                guard let iri = try expand(id),
                      JSONLDProcessor.keywords.contains(iri) || iri.contains(":") else {
                    throw error("invalid IRI mapping: \(Excerpt.quoted(id, limit: Excerpt.maxIRICharacters)) (the '@id' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters))) is not an absolute IRI", at: at)
                }
                if iri == "@context" {
                    throw error("invalid keyword alias: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) cannot be an alias of '@context'", at: at)
                }
                definition.iri = iri
                let inner = term.dropFirst().dropLast()
                if inner.contains(":") || term.contains("/") {
                    defined[term] = true
                    let own = try expand(term)
                    if own != iri {
                        throw error("invalid IRI mapping: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) looks like an IRI that expands to \(Excerpt.quoted(own ?? "null", limit: Excerpt.maxIRICharacters)), "
                                    + "not to its '@id' \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters))", at: at)
                    }
                }
                if !term.contains(":"), !term.contains("/"), simpleTerm,
                   let last = iri.last, JSONLDProcessor.genDelims.contains(last) || JSONLDProcessor.isBlankNode(iri) {
                    definition.prefix = true
                }
            default:
                throw error("invalid IRI mapping: the '@id' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be an IRI or null", at: at)
            }
        } else if let colon = term.dropFirst().firstIndex(of: ":") {
            let prefix = String(term[..<colon])
            let suffix = term[term.index(after: colon)...]
            if local[prefix] != nil {
                try defineTerm(prefix, in: &active, local: local, defined: &defined, baseURL: baseURL, protected: protected,
                               overrideProtected: overrideProtected, remoteContexts: remoteContexts)
            }
            if let prefixIRI = active.terms[prefix]?.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            guard let iri = try expand(term), JSONLDProcessor.isAbsoluteIRI(iri) else {
                throw error("invalid IRI mapping: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) does not expand to an absolute IRI", at: at)
            }
            definition.iri = iri
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocab = active.vocab {
            definition.iri = vocab + term
        } else {
            throw error("invalid IRI mapping: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) has no '@id' and there is no '@vocab' to make one", at: at)
        }
        if let value = object["@container"] {
            var containers: [String] = []
            for item in value.asArray {
                guard case .string(let c) = item, JSONLDProcessor.containerValues.contains(c) else {
                    throw error("invalid container mapping: the '@container' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) holds a value that is not "
                                + "one of '@graph', '@id', '@index', '@language', '@list', '@set', '@type'", at: at)
                }
                containers.append(c)
            }
            let set = Set(containers)
            if limits.jsonLD10, value.isArray || set.contains("@graph") || set.contains("@id") || set.contains("@type") {
                throw error("invalid container mapping: the '@container' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) "
                            + "needs JSON-LD 1.1 (processing mode json-ld-1.0)", at: at)
            }
            guard value.isArray || !value.isNull, Self.validContainer(set, count: containers.count) else {
                throw error("invalid container mapping: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) has an invalid combination of containers", at: at)
            }
            definition.containers = set
            if set.contains("@type") {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw error("invalid type mapping: a type map \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must have '@type' '@id' or '@vocab'", at: at)
                }
            }
        }
        if let value = object["@index"] {
            guard definition.containers.contains("@index"), case .string(let index) = value,
                  let expanded = try expand(index), !JSONLDProcessor.keywords.contains(expanded) else {
                throw error("invalid term definition: the '@index' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) needs an '@index' container and an IRI", at: at)
            }
            definition.index = index
        }
        if let value = object["@context"] {
            do {
                _ = try process(active, value, baseURL: baseURL, remoteContexts: remoteContexts, overrideProtected: true,
                                validateScoped: false, origin: at)
            } catch {
                throw self.error("invalid scoped context: the context of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) is invalid: \(Self.message(of: error))", at: at)
            }
            definition.context = value
            definition.contextBase = baseURL
        }
        if let value = object["@language"], object["@type"] == nil {
            switch value {
            case .null: definition.language = .some(nil)
            case .string(let language): definition.language = .some(language.lowercased())
            default: throw error("invalid language mapping: the '@language' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be a string or null", at: at)
            }
        }
        if let value = object["@direction"], object["@type"] == nil {
            switch value {
            case .null: definition.direction = .some(nil)
            case .string(let d) where d == "ltr" || d == "rtl": definition.direction = .some(d)
            default: throw error("invalid base direction: the '@direction' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be 'ltr', 'rtl' or null", at: at)
            }
        }
        if let value = object["@nest"] {
            guard case .string(let nest) = value, nest == "@nest" || !JSONLDProcessor.keywords.contains(nest) else {
                throw error("invalid @nest value: the '@nest' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) must be a term or '@nest'", at: at)
            }
            definition.nest = nest
        }
        if let value = object["@prefix"] {
            if term.contains(":") || term.contains("/") {
                throw error("invalid term definition: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) is a compact IRI or IRI and cannot be a prefix", at: at)
            }
            guard case .bool(let flag) = value else {
                throw error("invalid @prefix value: the '@prefix' of \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) takes true or false", at: at)
            }
            if flag, let iri = definition.iri, JSONLDProcessor.keywords.contains(iri) {
                throw error("invalid term definition: the keyword alias \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) cannot be a prefix", at: at)
            }
            definition.prefix = flag
        }
        if let extra = object.sortedKeys.first(where: { !Self.definitionKeys.contains($0) }) {
            throw error("invalid term definition: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) has the entry \(Excerpt.quoted(extra, limit: Excerpt.maxIRICharacters)), which a definition cannot hold", at: at)
        }
        try finish(term, definition, previous: previous, in: &active, defined: &defined,
                   overrideProtected: overrideProtected, at: at)
    }

    /// Stores the definition, unless it would change a protected term.
    private func finish(_ term: String, _ definition: JSONLDTermDefinition, previous: JSONLDTermDefinition?,
                        in active: inout JSONLDContext, defined: inout [String: Bool], overrideProtected: Bool,
                        at origin: JSONOrigin?) throws(ImportError) {
        var stored = definition
        if !overrideProtected, let previous, previous.protected {
            guard definition.sameExceptProtection(previous) else {
                throw error("protected term redefinition: \(Excerpt.quoted(term, limit: Excerpt.maxIRICharacters)) is protected and cannot be redefined", at: origin)
            }
            stored = previous
        }
        active.terms[term] = stored
        defined[term] = true
    }

    /// Whether a set of containers is one JSON-LD 1.1 allows.
    private static func validContainer(_ set: Set<String>, count: Int) -> Bool {
        if set.isEmpty { return true }
        if set.contains("@list") { return set.count == 1 }
        if set.contains("@graph") {
            return set.isSubset(of: ["@graph", "@id", "@set"]) || set.isSubset(of: ["@graph", "@index", "@set"])
        }
        if set.count == 1 { return true }
        return set.count == 2 && set.contains("@set")
    }

    /// The message of an error, without its location.
    static func message(of error: ImportError) -> String {
        if case .syntax(_, let message) = error { return message }
        return error.description
    }
}
