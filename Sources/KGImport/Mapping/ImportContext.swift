/// What the store already knows when an RDF file is imported into it, so that a file is
/// mapped with the classes of earlier imports in view.
///
/// A catalog types its products with `schema:Product` or a subclass, and its sellers with
/// `schema:Corporation`, without declaring those classes; schema.org, imported before,
/// declares them. With the store's categories and `subclass_of` edges in the context, the
/// mapping sees that `schema:Corporation` is under the entity class `schema:Organization`
/// (so a seller stays an entity) and that `schema:Car` is under the product class
/// `schema:Product`. Ids are the store's external ids (IRIs, or IRIs minus an id namespace).
///
/// The facade (`Session.importData`) fills it from the store; the import module itself
/// never reads a store.
public struct ImportContext: Sendable, Equatable {
    /// The ids of the store's category nodes. A node of the file with one of these ids stays
    /// a category, whatever the file says of it.
    public var categories: Set<String>
    /// The store's `subclass_of` edges: each class id → the ids of its direct superclasses.
    package var superclasses: [String: [String]]

    /// A context of known categories and superclass edges (both empty by default).
    public init(categories: Set<String> = [], superclasses: [String: [String]] = [:]) {
        self.categories = categories
        self.superclasses = superclasses
    }

    /// Whether the context knows nothing (a new store).
    public var isEmpty: Bool { categories.isEmpty && superclasses.isEmpty }
}
