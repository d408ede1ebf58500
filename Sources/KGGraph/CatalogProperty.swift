/// Property keys with a meaning to kgrec itself, not only to the catalog that set them.
public enum CatalogProperty {
    /// Set (true) by `retire`: the node stays in the graph, the history and training, and is
    /// never recommended.
    public static let retired = "retired"
    /// Set by the catalog mapping from schema:availability: false for a product out of stock,
    /// discontinued or sold out, which is never recommended.
    public static let available = "available"
}
