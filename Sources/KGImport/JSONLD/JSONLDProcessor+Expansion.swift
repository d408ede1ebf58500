import KGGraph

/// Expansion (JSON-LD 1.1 Processing Algorithms §5.1.2) and value expansion (§5.3.2).
extension JSONLDProcessor {
    /// Expands the whole document: the result is always an array of node objects.
    func expandDocument(_ document: JSONValue, context: JSONLDContext) throws(ImportError) -> [JSONValue] {
        var expanded = try expand(document, property: nil, active: context, baseURL: context.base) ?? .array([])
        if case .object(let object) = expanded, object.count == 1, let graph = object["@graph"] { expanded = graph }
        return expanded.asArray
    }

    /// Expands `element`, the value of `property` (nil at the top), in `active`; nil for null.
    func expand(_ element: JSONValue, property: String?, active initial: JSONLDContext, baseURL: String?,
                fromMap: Bool = false) throws(ImportError) -> JSONValue? {
        var active = initial
        let definition = property.flatMap { active.terms[$0] }
        switch element {
        case .null:
            return nil
        case .array(let items):
            try enter(at: items.lazy.compactMap { $0.object?.origin }.first)
            defer { leave() }
            var result: [JSONValue] = []
            for item in items {
                guard var expanded = try expand(item, property: property, active: active, baseURL: baseURL, fromMap: fromMap) else {
                    continue
                }
                if definition?.containers.contains("@list") == true, expanded.isArray {
                    expanded = .object(JSONObject(["@list": expanded]))
                }
                if case .array(let inner) = expanded { result.append(contentsOf: inner) } else { result.append(expanded) }
            }
            return .array(result)
        case .object(let element):
            try enter(at: element.origin)
            defer { leave() }
            return try expandObject(element, property: property, active: &active, definition: definition,
                                    baseURL: baseURL, fromMap: fromMap)
        default:
            if property == nil || property == "@graph" { return nil }
            if let definition, let scoped = definition.context {
                active = try process(active, scoped, baseURL: definition.contextBase, overrideProtected: true, origin: nil)
            }
            return try expandValue(element, property: property, active: active, origin: nil)
        }
    }

    /// Expansion steps 7 to 20, for an object.
    private func expandObject(_ element: JSONObject, property: String?, active: inout JSONLDContext,
                              definition: JSONLDTermDefinition?, baseURL: String?,
                              fromMap: Bool) throws(ImportError) -> JSONValue? {
        let origin = element.origin
        if let previous = active.previous, !fromMap {
            var revert = true
            for key in element.keys {
                let expanded = try expandIRI(key, active: active, vocab: true, origin: origin)
                if expanded == "@value" { revert = false; break }
                if element.count == 1, expanded == "@id" { revert = false }
            }
            if revert { active = previous.context }
        }
        if let definition, let scoped = definition.context {
            active = try process(active, scoped, baseURL: definition.contextBase, overrideProtected: true, origin: origin)
        }
        if let local = element["@context"] {
            active = try process(active, local, baseURL: baseURL, origin: origin)
        }
        let typeScoped = active
        var inputType: String?
        for key in element.sortedKeys where try expandIRI(key, active: active, vocab: true, origin: origin) == "@type" {
            let types = (element[key] ?? .null).asArray.compactMap(\.string).sorted(by: JSONObject.codePointOrder)
            for type in types {
                if let scoped = typeScoped.terms[type]?.context {
                    active = try process(active, scoped, baseURL: typeScoped.terms[type]?.contextBase, propagate: false,
                                         origin: origin)
                }
            }
            if inputType == nil, let last = (element[key] ?? .null).asArray.last?.string {
                inputType = try expandIRI(last, active: active, vocab: true, origin: origin)
            }
        }
        var result = JSONObject(origin: origin)
        try expandMembers(of: element, into: &result, property: property, active: active, typeScoped: typeScoped,
                          inputType: inputType, baseURL: baseURL)
        return try finishObject(result, property: property)
    }

    /// Checks and simplifies an expanded object (steps 15 to 20).
    private func finishObject(_ given: JSONObject, property: String?) throws(ImportError) -> JSONValue? {
        var result = given
        let origin = given.origin
        if let value = result["@value"] {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            if result.keys.contains(where: { !allowed.contains($0) })
                || (result["@type"] != nil && (result["@language"] != nil || result["@direction"] != nil)) {
                throw error("invalid value object: a value object holds only '@value', '@type' or '@language' and "
                            + "'@direction', and '@index'", at: origin)
            }
            if result["@type"] == .string("@json") { return .object(result) }
            if value.isNull || value == .array([]) { return nil }
            guard value.isScalar else {
                throw error("invalid value object value: '@value' must be a string, a number, a boolean or null", at: origin)
            }
            if result["@language"] != nil, value.string == nil {
                throw error("invalid language-tagged value: a value with '@language' must be a string", at: origin)
            }
            if let type = result["@type"] {
                guard case .string(let iri) = type, JSONLDProcessor.isAbsoluteIRI(iri) else {
                    throw error("invalid typed value: the '@type' of a value must be an absolute IRI", at: origin)
                }
            }
        } else if let type = result["@type"], !type.isArray {
            result["@type"] = .array([type])
        } else if result["@set"] != nil || result["@list"] != nil {
            if result.count > 2 || (result.count == 2 && result["@index"] == nil) {
                throw error("invalid set or list object: '@set' or '@list' may only be given with '@index'", at: origin)
            }
            if let set = result["@set"] { return set }
        }
        if result.count == 1, result["@language"] != nil { return nil }
        if property == nil || property == "@graph" {
            if result.members.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1, result["@id"] != nil { return nil }
        }
        return .object(result)
    }

    /// Expansion steps 13 and 14: each member of `element` (and of its nested objects) into `result`.
    private func expandMembers(of element: JSONObject, into result: inout JSONObject, property: String?,
                               active: JSONLDContext, typeScoped: JSONLDContext, inputType: String?,
                               baseURL: String?) throws(ImportError) {
        let origin = element.origin
        var nests: [String] = []
        for key in element.sortedKeys where key != "@context" {
            guard let value = element[key],
                  let expandedProperty = try expandIRI(key, active: active, vocab: true, origin: origin),
                  expandedProperty.contains(":") || JSONLDProcessor.keywords.contains(expandedProperty) else { continue }
            if JSONLDProcessor.keywords.contains(expandedProperty) {
                if expandedProperty == "@nest" {
                    nests.append(key)
                    continue
                }
                try expandKeyword(expandedProperty, value, into: &result, property: property, active: active,
                                  typeScoped: typeScoped, inputType: inputType, baseURL: baseURL, origin: origin)
                continue
            }
            let definition = active.terms[key]
            let containers = definition?.containers ?? []
            var expandedValue: JSONValue
            if definition?.typeMapping == "@json" {
                expandedValue = .object(JSONObject(["@value": value, "@type": .string("@json")]))
            } else if containers.contains("@language"), case .object(let map) = value {
                expandedValue = try expandLanguageMap(map, definition: definition, active: active)
            } else if !containers.isDisjoint(with: ["@index", "@type", "@id"]), case .object(let map) = value {
                expandedValue = try expandIndexMap(map, key: key, definition: definition, active: active, baseURL: baseURL)
            } else {
                guard let expanded = try expand(value, property: key, active: active, baseURL: baseURL) else { continue }
                expandedValue = expanded
            }
            if containers.contains("@list"), !Self.isListObject(expandedValue) {
                expandedValue = .object(JSONObject(["@list": .array(expandedValue.asArray)]))
            }
            if containers.contains("@graph"), !containers.contains("@id"), !containers.contains("@index") {
                expandedValue = .array(expandedValue.asArray.map { .object(JSONObject(["@graph": .array($0.asArray)])) })
            }
            if definition?.reverse == true {
                var reverseMap = result["@reverse"]?.object ?? JSONObject()
                for item in expandedValue.asArray {
                    if Self.isValueObject(item) || Self.isListObject(item) {
                        throw error("invalid reverse property value: the reverse property \(Excerpt.quoted(key, limit: Excerpt.maxIRICharacters)) takes node objects", at: origin)
                    }
                    Self.add(item, to: &reverseMap, key: expandedProperty)
                }
                result["@reverse"] = .object(reverseMap)
            } else {
                Self.add(expandedValue, to: &result, key: expandedProperty)
            }
        }
        for key in nests {
            var nestContext = active
            if let definition = active.terms[key], let scoped = definition.context {
                nestContext = try process(active, scoped, baseURL: definition.contextBase, overrideProtected: true,
                                          origin: origin)
            }
            for nested in (element[key] ?? .null).asArray {
                var isValue = false
                if case .object(let object) = nested {
                    for member in object.keys where try expandIRI(member, active: active, vocab: true, origin: origin) == "@value" {
                        isValue = true
                    }
                }
                guard case .object(let object) = nested, !isValue else {
                    throw error("invalid @nest value: the value of \(Excerpt.quoted(key, limit: Excerpt.maxIRICharacters)) must be an object that is not a value", at: origin)
                }
                try enter(at: object.origin)
                defer { leave() }
                try expandMembers(of: object, into: &result, property: property, active: nestContext, typeScoped: typeScoped,
                                  inputType: inputType, baseURL: baseURL)
            }
        }
    }

    /// Expansion step 13.4: one keyword entry.
    private func expandKeyword(_ keyword: String, _ value: JSONValue, into result: inout JSONObject, property: String?,
                               active: JSONLDContext, typeScoped: JSONLDContext, inputType: String?, baseURL: String?,
                               origin: JSONOrigin?) throws(ImportError) {
        if property == "@reverse" {
            throw error("invalid reverse property map: a '@reverse' map cannot hold the keyword \(Excerpt.quoted(keyword, limit: Excerpt.maxIRICharacters))", at: origin)
        }
        if result[keyword] != nil, keyword != "@included", keyword != "@type" {
            throw error("colliding keywords: two entries expand to \(Excerpt.quoted(keyword, limit: Excerpt.maxIRICharacters))", at: origin)
        }
        var expandedValue: JSONValue?
        switch keyword {
        case "@id":
            guard case .string(let id) = value else { throw error("invalid @id value: '@id' must be a string", at: origin) }
            expandedValue = try expandIRI(id, active: active, documentRelative: true, origin: origin).map(JSONValue.string) ?? .null
        case "@type":
            var types: [JSONValue] = []
            for item in value.isArray ? value.asArray : [value] {
                guard case .string(let type) = item else {
                    throw error("invalid type value: '@type' must be a string or an array of strings", at: origin)
                }
                if let iri = try expandIRI(type, active: typeScoped, documentRelative: true, vocab: true, origin: origin) {
                    types.append(.string(iri))
                }
            }
            if let existing = result["@type"] { types = existing.asArray + types }
            expandedValue = value.isArray || result["@type"] != nil || types.count != 1 ? .array(types) : types.first
        case "@graph":
            expandedValue = .array((try expand(value, property: "@graph", active: active, baseURL: baseURL) ?? .null).asArray)
        case "@included":
            // Expanded as the value of `@included` (no term), so that values are kept to be refused.
            let included = (try expand(value, property: "@included", active: active, baseURL: baseURL) ?? .null).asArray
            for item in included where item.object == nil || Self.isValueObject(item) || Self.isListObject(item)
                || item.object?["@set"] != nil {
                throw error("invalid @included value: '@included' takes node objects", at: origin)
            }
            expandedValue = .array((result["@included"]?.asArray ?? []) + included)
        case "@value":
            if inputType == "@json" {
                expandedValue = value
            } else {
                guard value.isScalar || value.isNull else {
                    throw error("invalid value object value: '@value' must be a string, a number, a boolean or null", at: origin)
                }
                expandedValue = value
            }
        case "@language":
            guard case .string(let language) = value else {
                throw error("invalid language-tagged string: '@language' must be a string", at: origin)
            }
            expandedValue = .string(language.lowercased())
        case "@direction":
            guard value == .string("ltr") || value == .string("rtl") else {
                throw error("invalid base direction: '@direction' must be 'ltr' or 'rtl'", at: origin)
            }
            expandedValue = value
        case "@index":
            guard value.string != nil else { throw error("invalid @index value: '@index' must be a string", at: origin) }
            expandedValue = value
        case "@list":
            if property == nil || property == "@graph" { return }
            expandedValue = .array((try expand(value, property: property, active: active, baseURL: baseURL) ?? .null).asArray)
        case "@set":
            expandedValue = try expand(value, property: property, active: active, baseURL: baseURL)
        case "@reverse":
            guard value.object != nil else { throw error("invalid @reverse value: '@reverse' must be an object", at: origin) }
            guard case .object(let expanded)? = try expand(value, property: "@reverse", active: active, baseURL: baseURL) else {
                return
            }
            if case .object(let reversed)? = expanded["@reverse"] {
                for (key, items) in reversed.members { Self.add(items, to: &result, key: key) }
            }
            var reverseMap = result["@reverse"]?.object ?? JSONObject()
            for key in expanded.sortedKeys where key != "@reverse" {
                for item in (expanded[key] ?? .null).asArray {
                    if Self.isValueObject(item) || Self.isListObject(item) {
                        throw error("invalid reverse property value: \(Excerpt.quoted(key, limit: Excerpt.maxIRICharacters)) under '@reverse' takes node objects", at: origin)
                    }
                    Self.add(item, to: &reverseMap, key: key)
                }
            }
            if !reverseMap.members.isEmpty { result["@reverse"] = .object(reverseMap) }
            return
        default:
            return
        }
        if let expandedValue { result[keyword] = expandedValue }
    }

    /// A language map's value (step 13.7).
    private func expandLanguageMap(_ map: JSONObject, definition: JSONLDTermDefinition?,
                                   active: JSONLDContext) throws(ImportError) -> JSONValue {
        var items: [JSONValue] = []
        let direction = definition?.direction ?? active.defaultDirection
        for language in map.sortedKeys {
            for item in (map[language] ?? .null).asArray {
                if item.isNull { continue }
                guard item.string != nil else {
                    throw error("invalid language map value: the values of a language map must be strings", at: map.origin)
                }
                var object = JSONObject(["@value": item])
                if language != "@none", try expandIRI(language, active: active, vocab: true, origin: map.origin) != "@none" {
                    object["@language"] = .string(language.lowercased())
                }
                if let direction { object["@direction"] = .string(direction) }
                items.append(.object(object))
            }
        }
        return .array(items)
    }

    /// An index, id or type map's value (step 13.8).
    private func expandIndexMap(_ map: JSONObject, key: String, definition: JSONLDTermDefinition?, active: JSONLDContext,
                                baseURL: String?) throws(ImportError) -> JSONValue {
        let containers = definition?.containers ?? []
        let indexKey = definition?.index ?? "@index"
        var items: [JSONValue] = []
        for index in map.sortedKeys {
            var mapContext = active
            if containers.contains("@id") || containers.contains("@type") { mapContext = active.previous?.context ?? active }
            if containers.contains("@type"), let scoped = mapContext.terms[index]?.context {
                mapContext = try process(mapContext, scoped, baseURL: mapContext.terms[index]?.contextBase, origin: map.origin)
            } else if !containers.contains("@type") {
                mapContext = active
            }
            let expandedIndex = try expandIRI(index, active: active, vocab: true, origin: map.origin)
            let values = (try expand(.array((map[index] ?? .null).asArray), property: key, active: mapContext,
                                     baseURL: baseURL, fromMap: true) ?? .null).asArray
            for value in values {
                var item = value
                if containers.contains("@graph"), !Self.isGraphObject(item) {
                    item = .object(JSONObject(["@graph": .array(item.asArray)]))
                }
                guard var object = item.object else { items.append(item); continue }
                if containers.contains("@index"), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = try expandValue(.string(index), property: indexKey, active: active, origin: map.origin)
                    guard let expandedKey = try expandIRI(indexKey, active: active, vocab: true, origin: map.origin) else { continue }
                    if Self.isValueObject(item) {
                        throw error("invalid value object: a value in the property-valued index \(Excerpt.quoted(key, limit: Excerpt.maxIRICharacters)) cannot take "
                                    + "the index \(Excerpt.quoted(index, limit: Excerpt.maxIRICharacters))", at: map.origin)
                    }
                    object[expandedKey] = .array([reExpanded] + (object[expandedKey]?.asArray ?? []))
                } else if containers.contains("@index"), object["@index"] == nil, expandedIndex != "@none" {
                    object["@index"] = .string(index)
                } else if containers.contains("@id"), object["@id"] == nil, expandedIndex != "@none" {
                    let id = try expandIRI(index, active: active, documentRelative: true, origin: map.origin)
                    object["@id"] = id.map(JSONValue.string) ?? .null
                } else if containers.contains("@type"), expandedIndex != "@none", let expandedIndex {
                    object["@type"] = .array([.string(expandedIndex)] + (object["@type"]?.asArray ?? []))
                }
                items.append(.object(object))
            }
        }
        return .array(items)
    }

    /// Value expansion (§5.3.2): a scalar under `property` as a value object or node reference.
    func expandValue(_ value: JSONValue, property: String?, active: JSONLDContext,
                     origin: JSONOrigin?) throws(ImportError) -> JSONValue {
        let definition = property.flatMap { active.terms[$0] }
        if definition?.typeMapping == "@id", case .string(let s) = value {
            let id = try expandIRI(s, active: active, documentRelative: true, origin: origin)
            return .object(JSONObject(["@id": id.map(JSONValue.string) ?? .null]))
        }
        if definition?.typeMapping == "@vocab", case .string(let s) = value {
            let id = try expandIRI(s, active: active, documentRelative: true, vocab: true, origin: origin)
            return .object(JSONObject(["@id": id.map(JSONValue.string) ?? .null]))
        }
        var result = JSONObject(["@value": value])
        if let type = definition?.typeMapping, type != "@id", type != "@vocab", type != "@none" {
            result["@type"] = .string(type)
        } else if value.string != nil {
            let language = definition?.language ?? active.defaultLanguage
            let direction = definition?.direction ?? active.defaultDirection
            if let language { result["@language"] = .string(language) }
            if let direction { result["@direction"] = .string(direction) }
        }
        return .object(result)
    }

    // MARK: - Shapes

    static func isValueObject(_ v: JSONValue) -> Bool { v.object?["@value"] != nil }
    static func isListObject(_ v: JSONValue) -> Bool { v.object?["@list"] != nil }
    static func isGraphObject(_ v: JSONValue) -> Bool {
        guard let o = v.object, o["@graph"] != nil else { return false }
        return o.keys.allSatisfy { ["@graph", "@id", "@index", "@context"].contains($0) }
    }

    /// Adds `value` (its items, when an array) to the array under `key`.
    static func add(_ value: JSONValue, to object: inout JSONObject, key: String) {
        var items = object[key]?.asArray ?? []
        items.append(contentsOf: value.asArray)
        object[key] = .array(items)
    }
}
