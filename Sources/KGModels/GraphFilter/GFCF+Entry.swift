import KGGraph
import KGTensor

extension GFCF {
    /// GF-CF in the catalog: fitted, not trained (one truncated SVD; `--epochs` does not apply),
    /// over the interactions and, when the graph has them, the items' attributes.
    package static let entry = ModelEntry(
        name: "gfcf", aliases: ["gf-cf"],
        summary: "graph filter: linear filter plus ideal low-pass, no training loop (Shen et al. 2021)",
        settingKeys: Config.optionKeys) { inputs, rng throws(ModelError) in
        let config = try Config(settings: inputs.settings)
        var attributes: ItemAttributes?
        if let graph = inputs.graph, inputs.data.items.allSatisfy({ Int($0) < graph.nodeCount && graph.kinds[Int($0)] == .item }) {
            attributes = ItemAttributes(snapshot: graph, items: inputs.data.items)
        }
        return GFCF(interactions: inputs.data.train, attributes: attributes, config: config, rng: &rng)
    }
}
