/// Mistakes in the graph an import or a query describes.
public enum GraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A node was declared with two incompatible kinds (a user that is also an item).
    case kindConflict(id: String, existing: NodeKind, new: NodeKind)
    /// An external id was empty.
    case emptyID(kind: NodeKind)
    /// A relation name was empty or contained white space.
    case invalidRelationName(String)

    public var description: String {
        switch self {
        case .kindConflict(let id, let existing, let new):
            "node '\(id)' is already \(existing.withArticle) and cannot also be \(new.withArticle)"
        case .emptyID(let kind):
            "a \(kind.name) id is empty"
        case .invalidRelationName(let name):
            "relation name '\(name)' must be non-empty and contain no white space"
        }
    }
}
