import KGGraph

/// The class hierarchy the mapping decides kinds by: the file's `subclass` facts joined with
/// the superclass edges the store already knows (`ImportContext`).
extension OntologyMapper {
    struct ClassHierarchy {
        /// Direct subclasses of each class. Indices are the file's nodes, except that classes
        /// only the store knows get indices from `Int32.max / 2` up.
        var subclasses: [Int32: [Int32]] = [:]
        /// Classes whose instances stay entities (entity classes and their subclasses).
        var entityClasses = Set<Int32>()
        /// Classes whose instances are items (product classes and their subclasses).
        var productClasses = Set<Int32>()
        /// Ids of the classes only the store knows, by index.
        var contextIndex: [String: Int32] = [:]

        /// Every class at or below `roots`.
        func descendants(of roots: [Int32]) -> Set<Int32> {
            var found = Set(roots)
            var pending = roots
            while let cls = pending.popLast() {
                for sub in subclasses[cls] ?? [] where found.insert(sub).inserted { pending.append(sub) }
            }
            return found
        }
    }

    /// Builds the hierarchy and the entity and product classes, walking subclass edges
    /// downwards iteratively (a chain may be as long as the file).
    func classHierarchy() -> ClassHierarchy {
        var hierarchy = ClassHierarchy()
        for fact in facts where fact.name == .subclassOf {
            hierarchy.subclasses[fact.object, default: []].append(fact.subject)
        }
        var entityRoots: [Int32] = [], productRoots: [Int32] = []
        func seed(_ node: Int32, _ role: OntologyMapping.ClassRole?) {
            if role == .entity { entityRoots.append(node) }
            if role == .product { productRoots.append(node) }
        }
        for i in 0..<nodeCount {
            if let iri = iri(of: Int32(i)) { seed(Int32(i), mapping.classRole(of: iri)) }
        }
        if !context.superclasses.isEmpty {
            // Far above any node index of the file, so that nodes interned later never collide.
            var next = Int32.max / 2
            func classNode(_ id: String) -> Int32 {
                if let known = index[id] ?? hierarchy.contextIndex[id] { return known }
                let new = next
                next += 1
                hierarchy.contextIndex[id] = new
                seed(new, mapping.classRole(ofNodeID: id))
                return new
            }
            for child in context.superclasses.keys.sorted() {
                let sub = classNode(child)
                for parent in context.superclasses[child] ?? [] {
                    hierarchy.subclasses[classNode(parent), default: []].append(sub)
                }
            }
        }
        hierarchy.entityClasses = hierarchy.descendants(of: entityRoots)
        hierarchy.productClasses = hierarchy.descendants(of: productRoots)
        return hierarchy
    }

    /// The nodes that are instances of `classIRI` or of one of its subclasses.
    func instances(of classIRI: String, in hierarchy: ClassHierarchy) -> Set<Int32> {
        var roots: [Int32] = []
        var ids = [nodeID(forIRI: classIRI)]
        for (alias, target) in mapping.namespaceAliases where classIRI.hasPrefix(target) {
            ids.append(nodeID(forIRI: alias + classIRI.dropFirst(target.count)))
        }
        for id in ids {
            if let node = index[id] ?? hierarchy.contextIndex[id] { roots.append(node) }
        }
        let classes = hierarchy.descendants(of: roots)
        var members = Set<Int32>()
        for (subject, type) in memberships where classes.contains(type) { members.insert(subject) }
        return members
    }

    /// Each node's kind, by the precedence documented on `OntologyMapper`.
    func resolveKinds(_ hierarchy: ClassHierarchy) -> [NodeKind] {
        var typed = Set<Int32>(), entityTyped = Set<Int32>(), productTyped = Set<Int32>()
        for (subject, type) in memberships {
            if hierarchy.productClasses.contains(type) {
                productTyped.insert(subject)
            } else if hierarchy.entityClasses.contains(type) {
                entityTyped.insert(subject)
            } else {
                typed.insert(subject)
            }
        }
        var knownCategories = Set<Int32>()
        if context.categories.count < nodeCount {
            for id in context.categories { if let node = index[id] { knownCategories.insert(node) } }
        } else if !context.categories.isEmpty {
            for i in 0..<nodeCount where context.categories.contains(ids[i]) { knownCategories.insert(Int32(i)) }
        }
        var kinds = Array(repeating: NodeKind.entity, count: nodeCount)
        for i in 0..<nodeCount {
            let n = Int32(i)
            let concept = conceptNodes.contains(n) || tagTargets.contains(n)
            if classNodes.contains(n) || categoryTargets.contains(n) || knownCategories.contains(n)
                || concept && categoryConcepts.contains(n) {
                kinds[i] = .category
            } else if concept {
                kinds[i] = .tag
            } else if productTyped.contains(n) || typed.contains(n) && !entityTyped.contains(n) && !(i < flattened.count && flattened[i]) {
                kinds[i] = .item
            }
        }
        return kinds
    }
}
