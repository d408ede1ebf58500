import KGGraph

/// A chain of predicates from a node to a value, written like a SPARQL property path:
/// `schema:offers/schema:price`, `^gr:includes/gr:hasPriceSpecification[gr:UnitPriceSpecification]/gr:hasCurrencyValue`.
///
/// A mapping line may name a path wherever it names the predicate of a `label`, `tag`,
/// `category`, `relation`, `entity-relation` or `property` line. The path then acts as a
/// predicate of its first node: the values at its end label that node, tag it, become its
/// property, and so on. This flattens nested descriptions (an offer's price, an offering's
/// price specification) into the node they describe.
///
/// Each step follows a predicate forwards (`p`), or backwards (`^p`: from object to
/// subject); `[C]` after a step keeps only the nodes it reaches that are typed with class
/// `C` or one of its subclasses.
struct PropertyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    struct Step: Sendable, Hashable {
        /// The predicate IRI the step follows.
        var predicate: String
        /// Whether the step goes from object to subject (`^p`).
        var inverse: Bool
        /// The class the reached node must be an instance of (directly or through subclasses).
        var requiredClass: String?

        init(predicate: String, inverse: Bool = false, requiredClass: String? = nil) {
            self.predicate = predicate
            self.inverse = inverse
            self.requiredClass = requiredClass
        }
    }

    /// The steps, first to last; never empty.
    var steps: [Step]

    init(_ steps: [Step]) {
        precondition(!steps.isEmpty, "a property path needs at least one step")
        self.steps = steps
    }

    /// Whether the path is just one predicate followed forwards, without a class condition.
    var isPlainPredicate: Bool {
        steps.count == 1 && !steps[0].inverse && steps[0].requiredClass == nil
    }

    /// The path with full IRIs: `<p1>/^<p2>[<C>]`.
    var description: String {
        steps.map { step in
            (step.inverse ? "^" : "") + "<\(step.predicate)>" + (step.requiredClass.map { "[<\($0)>]" } ?? "")
        }.joined(separator: "/")
    }
}

extension OntologyMapping {
    /// Parses the path in `token` (its text starts at `column`), resolving each term with `iri`.
    ///
    /// Slashes inside `<…>` belong to the IRI; outside they separate steps.
    static func parsePath(_ text: String, column: Int,
                          iri: (String, Int) throws(ImportError) -> String,
                          error: (Int, String) -> ImportError) throws(ImportError) -> PropertyPath {
        var steps: [PropertyPath.Step] = []
        for (start, part) in splitSteps(text) {
            var rest = Substring(part)
            var at = column + start
            let inverse = rest.hasPrefix("^")
            if inverse {
                rest = rest.dropFirst()
                at += 1
            }
            var requiredClass: String?
            if rest.hasSuffix("]"), let open = lastOpeningBracket(rest) {
                let inner = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
                let innerColumn = at + rest.distance(from: rest.startIndex, to: open) + 1
                guard !inner.isEmpty else {
                    throw error(innerColumn, "expected a class between '[' and ']' in the path \(Excerpt.quoted(text))")
                }
                requiredClass = try iri(String(inner), innerColumn)
                rest = rest[..<open]
            }
            guard !rest.isEmpty else {
                throw error(at, "expected a predicate in step \(steps.count + 1) of the path \(Excerpt.quoted(text))")
            }
            steps.append(PropertyPath.Step(predicate: try iri(String(rest), at), inverse: inverse,
                                           requiredClass: requiredClass))
        }
        return PropertyPath(steps)
    }

    /// The steps of a path and their offsets (in characters), splitting at `/` outside `<…>`.
    private static func splitSteps(_ text: String) -> [(Int, String)] {
        var parts: [(Int, String)] = []
        var current = "", start = 0, offset = 0, inIRI = false
        for character in text {
            if character == "<" { inIRI = true }
            if character == ">" { inIRI = false }
            if character == "/" && !inIRI {
                parts.append((start, current))
                current = ""
                start = offset + 1
            } else {
                current.append(character)
            }
            offset += 1
        }
        parts.append((start, current))
        return parts
    }

    /// The `[` that opens a step's class condition (outside `<…>`).
    private static func lastOpeningBracket(_ step: Substring) -> Substring.Index? {
        var inIRI = false
        var found: Substring.Index?
        for index in step.indices {
            switch step[index] {
            case "<": inIRI = true
            case ">": inIRI = false
            case "[" where !inIRI: found = index
            default: break
            }
        }
        return found
    }
}
