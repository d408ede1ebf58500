/// Property keys with a meaning to kgrec itself, not only to the catalog that set them.
public enum CatalogProperty {
    /// Set (true) by `retire`: the node stays in the graph, the history and training, and is
    /// never recommended.
    public static let retired = "retired"
}
