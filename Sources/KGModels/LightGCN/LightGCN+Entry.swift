import KGGraph
import KGTensor

extension LightGCN {
    /// LightGCN in the catalog: 3 layers by default, as in the paper.
    package static let entry = ModelEntry(
        name: "lightgcn", summary: "light graph convolution over the user–item graph (He et al. 2020)") { inputs, rng throws(ModelError) in
        try ModelOptions(inputs.settings.options).check(known: [], model: "lightgcn")
        var config = Config(dimension: inputs.settings.dimensionOrDefault, layers: inputs.settings.layers ?? 3)
        if let initializer = inputs.settings.initializer { config.initializer = initializer }
        return LightGCN(interactions: inputs.data.train, config: config, rng: &rng)
    }
}
