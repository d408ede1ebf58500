extension ImportWarning {
    /// Whether this is the mapping's warning about a literal that does not fit its type.
    var isLiteralTypeWarning: Bool { message.hasSuffix("; kept as a string") }
}

/// Property paths: values reached through nested nodes, flattened into the path's first node.
extension OntologyMapper {
    /// The triples of one path predicate indexed by node, CSR style (offsets by node id, then
    /// the neighbours in document order): built only for predicates a path actually follows,
    /// once per `finish`, with a counting sort. Lookups are array reads.
    struct PathIndex {
        var forward: Adjacency
        var backward: Adjacency
        /// Subject → positions in the table's `literals`.
        var literals: Adjacency

        struct Adjacency {
            var offsets: [Int32] = []
            var targets: [Int32] = []

            /// `targets[k]` belongs to `sources[k]`; nodes are below `nodeCount`.
            init(sources: [Int32], targets: [Int32], nodeCount: Int) {
                guard !sources.isEmpty else { return }
                var offsets = [Int32](repeating: 0, count: nodeCount + 1)
                for source in sources { offsets[Int(source) + 1] += 1 }
                for i in 0..<nodeCount { offsets[i + 1] += offsets[i] }
                var cursor = offsets
                var placed = [Int32](repeating: 0, count: targets.count)
                for (source, target) in zip(sources, targets) {
                    placed[Int(cursor[Int(source)])] = target
                    cursor[Int(source)] += 1
                }
                self.offsets = offsets
                self.targets = placed
            }

            init() {}

            func neighbours(_ node: Int32) -> ArraySlice<Int32> {
                guard Int(node) + 1 < offsets.count else { return [] }
                return targets[Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1])]
            }

            /// The nodes with at least one neighbour, in id order.
            var sources: [Int32] {
                guard !offsets.isEmpty else { return [] }
                return (0..<(offsets.count - 1)).lazy.filter { self.offsets[$0] < self.offsets[$0 + 1] }.map { Int32($0) }
            }
        }

        init(_ table: PathTriples, nodeCount: Int, forwards: Bool, backwards: Bool) {
            forward = forwards ? Adjacency(sources: table.subjects, targets: table.objects, nodeCount: nodeCount) : Adjacency()
            backward = backwards ? Adjacency(sources: table.objects, targets: table.subjects, nodeCount: nodeCount) : Adjacency()
            literals = Adjacency(sources: table.literals.map(\.subject), targets: table.literals.indices.map { Int32($0) },
                                 nodeCount: nodeCount)
        }
    }

    /// Follows every property path of the mapping from every node where its first step
    /// starts, in the order of the mapping's lines, and applies the path's role to the values
    /// at its end as if they were objects of the first node. Nodes met before the last step
    /// (an offer, a price specification) are marked `flattened`: they are never items.
    ///
    /// A path is skipped at no cost when one of its predicates does not occur in the file.
    /// Starting nodes are taken in id order and neighbours in document order, so the result
    /// does not depend on hashing.
    ///
    /// - Complexity: O(triples of the predicates the paths follow + the nodes the walks meet).
    mutating func applyPaths(_ hierarchy: ClassHierarchy) {
        // Walks only meet nodes of the file's triples, all interned by now.
        flattened = Array(repeating: false, count: nodeCount)
        var indexes: [Int: PathIndex] = [:]
        var required: [String: Set<Int32>] = [:]
        // Which way each table is followed, by any path: only those indexes are built.
        var directions: [Int: (forwards: Bool, backwards: Bool)] = [:]
        for path in mapping.pathOrder {
            for step in path.steps {
                guard let table = pathPredicates[mapping.canonicalIRI(step.predicate) ?? step.predicate] else { continue }
                var direction = directions[table] ?? (false, false)
                if step.inverse { direction.backwards = true } else { direction.forwards = true }
                directions[table] = direction
            }
        }
        for (rank, path) in mapping.pathOrder.enumerated() {
            guard let role = mapping.paths[path] else { continue }
            var tables: [Int] = []
            for (position, step) in path.steps.enumerated() {
                guard let table = pathPredicates[mapping.canonicalIRI(step.predicate) ?? step.predicate] else { break }
                let last = position == path.steps.count - 1
                let occurs = !pathTriples[table].subjects.isEmpty || last && !pathTriples[table].literals.isEmpty
                guard occurs else { break }
                tables.append(table)
            }
            guard tables.count == path.steps.count else { continue }
            var stepIndexes: [PathIndex] = []
            for (step, table) in zip(path.steps, tables) {
                let index = indexes[table] ?? PathIndex(pathTriples[table], nodeCount: nodeCount,
                                                        forwards: directions[table]?.forwards ?? false,
                                                        backwards: directions[table]?.backwards ?? false)
                indexes[table] = index
                stepIndexes.append(index)
                if let cls = step.requiredClass, required[cls] == nil { required[cls] = instances(of: cls, in: hierarchy) }
            }
            walk(path, role: role, rank: rank, literals: pathTriples[tables[tables.count - 1]].literals,
                 indexes: stepIndexes, required: required)
        }
    }

    /// Walks one path from each of its starting nodes; `indexes` has one index per step and
    /// `literals` are the last step's literal objects.
    private mutating func walk(_ path: PropertyPath, role: OntologyMapping.PredicateRole, rank: Int,
                               literals: [LiteralValue], indexes: [PathIndex], required: [String: Set<Int32>]) {
        /// Adds the step's neighbours of `node` to `reached`, each once; `seen` mirrors
        /// `reached` once it is long (empty while it is short), and is emptied with it.
        func neighbours(_ node: Int32, _ step: Int, into reached: inout [Int32], _ seen: inout Set<Int32>) {
            let index = indexes[step]
            let candidates = path.steps[step].inverse ? index.backward.neighbours(node) : index.forward.neighbours(node)
            let members = path.steps[step].requiredClass.flatMap { required[$0] }
            for candidate in candidates where members?.contains(candidate) ?? true {
                // Frontiers are a node or two, where a linear check beats a set; a product
                // with 100,000 offers would make it quadratic, so long ones use the set.
                if reached.count < 16 {
                    if !reached.contains(candidate) { reached.append(candidate) }
                } else {
                    if seen.isEmpty { seen = Set(reached) }
                    if seen.insert(candidate).inserted { reached.append(candidate) }
                }
            }
        }
        let starts = path.steps[0].inverse ? indexes[0].backward.sources : indexes[0].forward.sources
        let last = path.steps.count - 1
        let literalsAtEnd = !path.steps[last].inverse && path.steps[last].requiredClass == nil
        var frontier: [Int32] = [], next: [Int32] = [], ends: [Int32] = []
        var seen = Set<Int32>()
        for start in starts {
            frontier.removeAll(keepingCapacity: true)
            frontier.append(start)
            for step in 0..<last {
                next.removeAll(keepingCapacity: true)
                if !seen.isEmpty { seen = [] }  // not keeping a big table to clear again and again
                for node in frontier { neighbours(node, step, into: &next, &seen) }
                for node in next where node != start { flattened[Int(node)] = true }
                swap(&frontier, &next)
                if frontier.isEmpty { break }
            }
            for node in frontier {
                ends.removeAll(keepingCapacity: true)
                if !seen.isEmpty { seen = [] }  // not keeping a big table to clear again and again
                neighbours(node, last, into: &ends, &seen)
                for object in ends where object != start { apply(role, from: start, to: object) }
                guard literalsAtEnd else { continue }
                for position in indexes[last].literals.neighbours(node) {
                    let literal = literals[Int(position)]
                    addLiteral(start, path.steps[last].predicate, role, literal.lexical, literal.datatype,
                               literal.language, literal.location, pathRank: rank)
                }
            }
        }
    }

    /// A path's role applied to a resource at its end.
    private mutating func apply(_ role: OntologyMapping.PredicateRole, from start: Int32, to object: Int32) {
        switch role {
        case .tag, .category, .relation, .entityRelation, .property:
            pathFacts.append(objectFact(start, role, object))
        case .availability:
            if let iri = iri(of: object) { addAvailability(start, iri, pathRank: 0) }
        default:
            // Labels take literals only; structural roles cannot be paths (the parser refuses them).
            break
        }
    }
}
