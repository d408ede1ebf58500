/// Property paths: values reached through nested nodes, flattened into the path's first node.
extension OntologyMapper {
    /// Follows every property path of the mapping from every node where its first step
    /// starts, in the order of the mapping's lines, and applies the path's role to the values
    /// at its end as if they were objects of the first node. Nodes met before the last step
    /// (an offer, a price specification) are marked `flattened`: they are never items.
    ///
    /// Starting nodes are taken in id order and neighbours in document order, so the result
    /// does not depend on hashing.
    ///
    /// - Complexity: O(paths × edges of the predicates they follow), for paths without hubs.
    mutating func applyPaths(_ hierarchy: ClassHierarchy) {
        var required: [String: Set<Int32>] = [:]
        for (rank, path) in mapping.pathOrder.enumerated() {
            guard let role = mapping.paths[path] else { continue }
            var tables: [Int] = []
            for step in path.steps {
                guard let table = pathPredicates[mapping.canonicalIRI(step.predicate) ?? step.predicate] else { break }
                tables.append(table)
                if let cls = step.requiredClass, required[cls] == nil { required[cls] = instances(of: cls, in: hierarchy) }
            }
            guard tables.count == path.steps.count else { continue }
            func neighbours(_ node: Int32, _ step: Int) -> [Int32] {
                let edges = pathEdges[tables[step]]
                let reached = (path.steps[step].inverse ? edges.backward[node] : edges.forward[node]) ?? []
                guard let cls = path.steps[step].requiredClass, let members = required[cls] else { return reached }
                return reached.filter(members.contains)
            }
            let first = pathEdges[tables[0]]
            let starts = (path.steps[0].inverse ? Array(first.backward.keys) : Array(first.forward.keys)).sorted()
            let last = path.steps.count - 1
            for start in starts {
                var frontier = [start]
                for step in 0..<last {
                    var seen = Set<Int32>(), next: [Int32] = []
                    for node in frontier {
                        for reached in neighbours(node, step) where seen.insert(reached).inserted { next.append(reached) }
                    }
                    for node in next where node != start { flattened.insert(node) }
                    frontier = next
                }
                for node in frontier {
                    for object in neighbours(node, last) where object != start {
                        apply(role, from: start, to: object)
                    }
                    guard !path.steps[last].inverse, path.steps[last].requiredClass == nil,
                          let literals = pathEdges[tables[last]].literals[node] else { continue }
                    for literal in literals {
                        addLiteral(start, path.steps[last].predicate, role, literal.lexical, literal.datatype,
                                   literal.language, literal.location, pathRank: rank)
                    }
                }
            }
        }
    }

    /// A path's role applied to a resource at its end.
    private mutating func apply(_ role: OntologyMapping.PredicateRole, from start: Int32, to object: Int32) {
        switch role {
        case .tag, .category, .relation, .entityRelation, .property:
            pathFacts.append(objectFact(start, role, object))
        default:
            // Labels take literals only; structural roles cannot be paths (the parser refuses them).
            break
        }
    }
}
