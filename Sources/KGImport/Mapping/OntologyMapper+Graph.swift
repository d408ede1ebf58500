import KGGraph

/// Pass two of the mapping: node kinds, names, and the delta.
extension OntologyMapper {
    /// Relation names the mapping itself uses; a predicate whose local name is one of them is prefixed.
    static let reservedRelations: Set<String> = ["subclass_of", "broader", "in_category", "has_tag", "type"]

    /// Builds the delta from everything `add` recorded: follows the property paths, decides
    /// each node's kind, then writes nodes, labels, edges and properties.
    mutating func finish() throws -> GraphDelta {
        // Nodes the paths add come from no single triple.
        currentLocation = SourceLocation(file: file, line: 0, column: 0)
        let hierarchy = classHierarchy()
        if !mapping.pathOrder.isEmpty { applyPaths(hierarchy) }
        let kinds = resolveKinds(hierarchy)
        var delta = GraphDelta()
        delta.reserveEdges(facts.count + memberships.count + pathFacts.count)
        var scratch = NodeOrigins()  // the mapper's own `origins` know where each node was named
        for (i, id) in ids.enumerated() {
            let local = try KGImport.node(id, kinds[i], &delta, &scratch, SourceLocation(file: file, line: 0, column: 0))
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
        // Facts a path derives are left out when a triple gave them already: they are not
        // duplicates in the file, so they must not be counted as such.
        var derived: [Fact] = []
        if !pathFacts.isEmpty {
            let derivedSubjects = Set(pathFacts.map(\.subject))
            var given = Set(facts.lazy.filter { derivedSubjects.contains($0.subject) })
            derived = pathFacts.filter { given.insert($0).inserted }
        }
        for list in [facts, derived] {
            for fact in list {
                var name = fact.name
                if name == .tag, kinds[Int(fact.object)] == .category { name = inCategory }
                delta.addEdge(fact.subject, try relation(name, &delta), fact.object)
            }
        }
        addProperties(to: &delta)
        return delta
    }

    /// The properties of triples, then those of paths for (node, key) pairs no triple set,
    /// each pair taking the values of its best-ranked path only.
    private func addProperties(to delta: inout GraphDelta) {
        struct NodeKey: Hashable {
            var node: Int32
            var key: String
        }
        struct NodeValue: Hashable {
            var node: Int32
            var key: String
            var value: PropertyValue
        }
        let keys = propertyKeys()
        let derivedNodes = Set(pathProperties.map(\.node))
        let tracking = !derivedNodes.isEmpty
        var own = Set<NodeKey>()
        for property in properties {
            let key: String = switch property.key {
            case .named(let k): k
            case .generic(let p): keys[Int(p)] ?? OntologyMapping.localName(genericPredicates[Int(p)])
            }
            delta.addProperty(property.node, key, property.value)
            if tracking, derivedNodes.contains(property.node) { own.insert(NodeKey(node: property.node, key: key)) }
        }
        var bestRank: [NodeKey: Int] = [:]
        for derived in pathProperties {
            let pair = NodeKey(node: derived.node, key: derived.key)
            guard !own.contains(pair) else { continue }
            bestRank[pair] = min(bestRank[pair] ?? .max, derived.rank)
        }
        var added = Set<NodeValue>()
        for derived in pathProperties where bestRank[NodeKey(node: derived.node, key: derived.key)] == derived.rank {
            guard added.insert(NodeValue(node: derived.node, key: derived.key, value: derived.value)).inserted
            else { continue }
            delta.addProperty(derived.node, derived.key, derived.value)
        }
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
