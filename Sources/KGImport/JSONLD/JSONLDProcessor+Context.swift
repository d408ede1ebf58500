import KGGraph

/// Context processing (JSON-LD 1.1 Processing Algorithms §4.1.2) and IRI expansion (§5.2).
extension JSONLDProcessor {
    /// The entries of a local context that are not term definitions.
    private static let contextKeywords: Set<String> = [
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    ]

    /// The active context that results from applying `local` to `active`.
    ///
    /// - Parameters:
    ///   - baseURL: the IRI remote contexts in `local` resolve against.
    ///   - remoteContexts: the remote contexts being processed (to refuse cycles).
    ///   - overrideProtected: whether protected terms may be redefined (property-scoped contexts).
    ///   - propagate: false for type-scoped contexts, which apply to one node object only.
    ///   - validateScoped: false when a term's scoped context is checked as the term is defined.
    func process(_ active: JSONLDContext, _ local: JSONValue, baseURL: String?, remoteContexts: [String] = [],
                 overrideProtected: Bool = false, propagate initialPropagate: Bool = true,
                 validateScoped: Bool = true, origin: JSONOrigin?) throws(ImportError) -> JSONLDContext {
        try enter(at: origin)
        defer { leave() }
        var result = active
        var propagate = initialPropagate
        if case .object(let object) = local, let value = object["@propagate"] {
            guard case .bool(let flag) = value else {
                throw error("invalid @propagate value: '@propagate' takes true or false", at: object.origin)
            }
            propagate = flag
        }
        if !propagate, result.previous == nil { result.previous = JSONLDContext.Previous(active) }
        for context in local.isArray ? local.asArray : [local] {
            switch context {
            case .null:
                if !overrideProtected, result.hasProtectedTerms {
                    throw error("invalid context nullification: a null context would clear protected terms", at: origin)
                }
                let before = result
                result = JSONLDContext(base: active.originalBase)
                if !propagate { result.previous = JSONLDContext.Previous(before) }
            case .string(let reference):
                let iri = baseURL.map { IRIResolver.resolve(reference, against: $0) } ?? reference
                guard JSONLDProcessor.isAbsoluteIRI(iri) else {
                    throw error("loading remote context failed: \(Excerpt.quoted(reference, limit: Excerpt.maxIRICharacters)) is a relative reference and there is "
                                + "no base IRI to resolve it against", at: origin)
                }
                if !validateScoped, remoteContexts.contains(iri) || checkedScopedRemotes.contains(iri) { continue }
                if remoteContexts.contains(iri) {
                    throw error("recursive context inclusion: the context \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) includes itself", at: origin)
                }
                if remoteContexts.count >= limits.maxRemoteContexts {
                    throw error("context overflow: more than \(limits.maxRemoteContexts) remote contexts included "
                                + "one within another, at \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters))", at: origin)
                }
                if validateScoped, !overrideProtected, let cached = remoteContextResults[iri], cached.before == result {
                    result = cached.after
                    continue
                }
                let before = result
                let document = try loadRemote(iri, at: origin)
                guard case .object(let object) = document, let loaded = object["@context"] else {
                    throw error("invalid remote context: \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) holds no "
                                + "'@context' object", at: document.object?.origin ?? origin)
                }
                result = try process(result, loaded, baseURL: iri, remoteContexts: remoteContexts + [iri],
                                     overrideProtected: overrideProtected, validateScoped: validateScoped,
                                     origin: object.origin)
                if validateScoped, !overrideProtected { remoteContextResults[iri] = (before, result) }
                if !validateScoped { checkedScopedRemotes.insert(iri) }
            case .object(let object):
                result = try apply(object, to: result, baseURL: baseURL, remoteContexts: remoteContexts,
                                   overrideProtected: overrideProtected, validateScoped: validateScoped)
            default:
                throw error("invalid local context: a context must be an object, an IRI or null", at: origin)
            }
        }
        return result
    }

    /// Applies one context object (steps 5.5 to 5.13).
    private func apply(_ given: JSONObject, to active: JSONLDContext, baseURL: String?, remoteContexts: [String],
                       overrideProtected: Bool, validateScoped: Bool) throws(ImportError) -> JSONLDContext {
        var result = active
        var context = given
        let origin = given.origin
        if limits.jsonLD10, let entry = ["@import", "@propagate", "@direction", "@protected", "@version"]
            .first(where: { context[$0] != nil }) {
            if entry == "@version" {
                throw error("processing mode conflict: '@version' 1.1 in processing mode json-ld-1.0", at: origin)
            }
            throw error("invalid context entry: '\(entry)' is not allowed in processing mode json-ld-1.0", at: origin)
        }
        if let version = context["@version"] {
            guard case .number(let number) = version, number.value == 1.1 else {
                throw error("invalid @version value: '@version' takes 1.1", at: origin)
            }
        }
        if let importValue = context["@import"] {
            guard case .string(let reference) = importValue else {
                throw error("invalid @import value: '@import' takes an IRI", at: origin)
            }
            let iri = baseURL.map { IRIResolver.resolve(reference, against: $0) } ?? reference
            let document = try loadRemote(iri, at: origin)
            guard case .object(let object) = document, case .object(let imported)? = object["@context"] else {
                throw error("invalid remote context: \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) holds no '@context' object", at: origin)
            }
            if imported["@import"] != nil {
                throw error("invalid context entry: the imported context \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) has its own '@import'", at: origin)
            }
            var merged = imported
            for (key, value) in context.members { merged[key] = value }
            merged.origin = origin
            context = merged
        }
        if let value = context["@base"], remoteContexts.isEmpty {
            switch value {
            case .null: result.base = nil
            case .string(let iri):
                if JSONLDProcessor.isAbsoluteIRI(iri) { result.base = iri }
                else if let base = result.base { result.base = IRIResolver.resolve(iri, against: base) }
                else { throw error("invalid base IRI: \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) is relative and there is no base to resolve it against", at: origin) }
            default: throw error("invalid base IRI: '@base' takes an IRI or null", at: origin)
            }
        }
        if let value = context["@vocab"] {
            switch value {
            case .null: result.vocab = nil
            case .string(let iri):
                guard let expanded = try expandIRI(iri, active: result, documentRelative: true, vocab: true, origin: origin),
                      JSONLDProcessor.isAbsoluteIRI(expanded) || JSONLDProcessor.isBlankNode(expanded)
                        || (!expanded.contains(":") && !JSONLDProcessor.keywords.contains(expanded)) else {
                    throw error("invalid vocab mapping: \(Excerpt.quoted(iri, limit: Excerpt.maxIRICharacters)) is not an IRI", at: origin)
                }
                result.vocab = expanded
            default: throw error("invalid vocab mapping: '@vocab' takes an IRI or null", at: origin)
            }
        }
        if let value = context["@language"] {
            switch value {
            case .null: result.defaultLanguage = nil
            case .string(let language): result.defaultLanguage = language.lowercased()
            default: throw error("invalid default language: '@language' takes a string or null", at: origin)
            }
        }
        if let value = context["@direction"] {
            switch value {
            case .null: result.defaultDirection = nil
            case .string(let direction) where direction == "ltr" || direction == "rtl": result.defaultDirection = direction
            default: throw error("invalid base direction: '@direction' takes 'ltr', 'rtl' or null", at: origin)
            }
        }
        var protected = false
        if let value = context["@protected"] {
            guard case .bool(let flag) = value else {
                throw error("invalid @protected value: '@protected' takes true or false", at: origin)
            }
            protected = flag
        }
        var defined: [String: Bool] = [:]
        for key in context.sortedKeys where !Self.contextKeywords.contains(key) {
            try defineTerm(key, in: &result, local: context, defined: &defined, baseURL: baseURL, protected: protected,
                           overrideProtected: overrideProtected, remoteContexts: remoteContexts)
        }
        return result
    }

    // MARK: - IRI expansion

    /// Expands `value` to an IRI, keyword or blank node identifier (§5.2.2); nil when it
    /// expands to nothing (a term defined as null, or a keyword-like string that is not one).
    func expandIRI(_ value: String, active: JSONLDContext, documentRelative: Bool = false, vocab: Bool = false,
                   origin: JSONOrigin?) throws(ImportError) -> String? {
        var context = active
        var defined: [String: Bool] = [:]
        return try expandIRI(value, active: &context, documentRelative: documentRelative, vocab: vocab, local: nil,
                             defined: &defined, origin: origin)
    }

    /// IRI expansion while a local context is being applied: terms of `local` that `value`
    /// needs are defined first.
    func expandIRI(_ value: String, active: inout JSONLDContext, documentRelative: Bool = false, vocab: Bool = false,
                   local: JSONObject?, defined: inout [String: Bool], baseURL: String? = nil,
                   remoteContexts: [String] = [], origin: JSONOrigin?) throws(ImportError) -> String? {
        if JSONLDProcessor.keywords.contains(value) { return value }
        if JSONLDProcessor.hasKeywordForm(value) { return nil }
        if let local, local[value] != nil, defined[value] != true {
            try defineTerm(value, in: &active, local: local, defined: &defined, baseURL: baseURL, protected: false,
                           overrideProtected: false, remoteContexts: remoteContexts)
        }
        if let definition = active.terms[value] {
            if let iri = definition.iri, JSONLDProcessor.keywords.contains(iri) { return iri }
            if vocab { return definition.iri }
        }
        if let colon = value.dropFirst().firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let local, local[prefix] != nil, defined[prefix] != true {
                try defineTerm(prefix, in: &active, local: local, defined: &defined, baseURL: baseURL, protected: false,
                               overrideProtected: false, remoteContexts: remoteContexts)
            }
            if let definition = active.terms[prefix], let iri = definition.iri, definition.prefix {
                return iri + suffix
            }
            if JSONLDProcessor.isAbsoluteIRI(value) { return value }
        }
        if vocab, let mapping = active.vocab { return mapping + value }
        if documentRelative, let base = active.base { return IRIResolver.resolve(value, against: base) }
        return value
    }
}
