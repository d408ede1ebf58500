import KGGraph

/// Pass two of the mapping: node kinds, names, and the delta.
extension OntologyMapper {
    /// Relation names the mapping itself uses; a predicate whose local name is one of them is prefixed.
    static let reservedRelations: Set<String> = ["subclass_of", "broader", "in_category", "has_tag", "type"]

    /// Builds the delta from everything `add` recorded.
    func finish() throws -> GraphDelta {
        let kinds = resolveKinds()
        var delta = GraphDelta()
        delta.reserveEdges(facts.count + memberships.count)
        for (i, id) in ids.enumerated() {
            let local = try node(id, kinds[i], &delta, SourceLocation(file: file, line: 0, column: 0))
            precondition(Int(local) == i, "mapped node \(id) got index \(local), expected \(i)")
            if let label = label(of: Int32(i)) { delta.setLabel(local, label) }
        }
        let here = SourceLocation(file: file, line: 0, column: 0)
        let relationNames = edgeNames()
        var relations: [EdgeName: Int32] = [:]
        func relation(_ name: EdgeName, _ delta: inout GraphDelta) throws -> Int32 {
            if let known = relations[name] { return known }
            let text: String = switch name {
            case .subclassOf: "subclass_of"
            case .broader: "broader"
            case .type: "type"
            case .tag: "has_tag"
            case .named(let n): n
            case .generic(let p): relationNames[Int(p)]
            }
            let index = try relationIndex(text, &delta, here)
            relations[name] = index
            return index
        }
        let inCategory = EdgeName.named("in_category")
        for (subject, type) in memberships {
            let name = kinds[Int(subject)] == .item ? inCategory : .type
            delta.addEdge(subject, try relation(name, &delta), type)
        }
        for fact in facts {
            var name = fact.name
            if name == .tag, kinds[Int(fact.object)] == .category { name = inCategory }
            delta.addEdge(fact.subject, try relation(name, &delta), fact.object)
        }
        let keys = propertyKeys()
        for property in properties {
            let key: String = switch property.key {
            case .named(let k): k
            case .generic(let p): keys[Int(p)] ?? OntologyMapping.localName(genericPredicates[Int(p)])
            }
            delta.addProperty(property.node, key, property.value)
        }
        return delta
    }

    /// Each node's kind, by the precedence documented on `OntologyMapper`.
    func resolveKinds() -> [NodeKind] {
        var kinds = Array(repeating: NodeKind.entity, count: nodeCount)
        // Classes whose instances stay entities: the entity classes and, walking subclass
        // edges downwards (iteratively: a chain may be as long as the file), their subclasses.
        var subclasses: [Int32: [Int32]] = [:]
        for fact in facts where fact.name == .subclassOf { subclasses[fact.object, default: []].append(fact.subject) }
        var entityClasses = Set<Int32>()
        var pending: [Int32] = []
        for i in 0..<nodeCount {
            if let iri = iri(of: Int32(i)), mapping.classRole(of: iri) == .entity {
                entityClasses.insert(Int32(i))
                pending.append(Int32(i))
            }
        }
        while let cls = pending.popLast() {
            for sub in subclasses[cls] ?? [] where entityClasses.insert(sub).inserted { pending.append(sub) }
        }
        var typed = Set<Int32>(), entityTyped = Set<Int32>()
        for (subject, type) in memberships {
            if entityClasses.contains(type) { entityTyped.insert(subject) } else { typed.insert(subject) }
        }
        for i in 0..<nodeCount {
            let n = Int32(i)
            if classNodes.contains(n) || (conceptNodes.contains(n) || tagTargets.contains(n)) && categoryConcepts.contains(n) {
                kinds[i] = .category
            } else if conceptNodes.contains(n) || tagTargets.contains(n) {
                kinds[i] = .tag
            } else if typed.contains(n), !entityTyped.contains(n) {
                kinds[i] = .item
            }
        }
        return kinds
    }

    /// Relation names of the generic predicates used in edges, collisions prefixed.
    func edgeNames() -> [String] {
        var used = Set<Int32>()
        var reserved = OntologyMapper.reservedRelations
        for fact in facts {
            switch fact.name {
            case .generic(let p): used.insert(p)
            case .named(let n): reserved.insert(n)
            default: break
            }
        }
        let names = disambiguated(used.sorted(), reserved: reserved)
        return genericPredicates.indices.map { names[Int32($0)] ?? OntologyMapping.localName(genericPredicates[$0]) }
    }

    /// Property keys of the generic predicates used in properties, collisions prefixed.
    func propertyKeys() -> [Int: String] {
        var used = Set<Int32>()
        var reserved = Set<String>()
        for property in properties {
            switch property.key {
            case .generic(let p): used.insert(p)
            case .named(let k): reserved.insert(k)
            }
        }
        var keys: [Int: String] = [:]
        for (p, name) in disambiguated(used.sorted(), reserved: reserved) { keys[Int(p)] = name }
        return keys
    }

    /// Local names for `predicates`; a name shared by two of them, or in `reserved`, becomes
    /// `<prefix>_<local>` (the namespace's declared prefix, else `ns1`, `ns2`… by first use).
    private func disambiguated(_ predicates: [Int32], reserved: Set<String>) -> [Int32: String] {
        var byLocal: [String: [Int32]] = [:]
        for p in predicates { byLocal[OntologyMapping.localName(genericPredicates[Int(p)]), default: []].append(p) }
        var generatedPrefixes: [String: String] = [:]
        var result: [Int32: String] = [:]
        for p in predicates {
            let iri = genericPredicates[Int(p)]
            let local = OntologyMapping.localName(iri)
            guard (byLocal[local]?.count ?? 0) > 1 || reserved.contains(local) else {
                result[p] = local
                continue
            }
            var prefix = mapping.prefixName(for: iri)
            if prefix == nil {
                let namespace = String(iri.dropLast(local.count))
                prefix = generatedPrefixes[namespace] ?? "ns\(generatedPrefixes.count + 1)"
                generatedPrefixes[namespace] = prefix
            }
            result[p] = (prefix ?? "ns") + "_" + local
        }
        return result
    }
}
