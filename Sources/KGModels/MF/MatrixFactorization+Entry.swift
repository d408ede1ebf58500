import KGGraph
import KGTensor

extension MatrixFactorization {
    /// MF-BPR in the catalog.
    package static let entry = ModelEntry(
        name: "mf", aliases: ["bpr", "mf-bpr", "bprmf"],
        summary: "matrix factorisation with the BPR loss (Rendle et al. 2009)") { inputs, rng throws(ModelError) in
        try ModelOptions(inputs.settings.options).check(known: [], model: "mf")
        var config = Config(dimension: inputs.settings.dimensionOrDefault)
        if let initializer = inputs.settings.initializer { config.initializer = initializer }
        return MatrixFactorization(userCount: inputs.data.userCount, itemCount: inputs.data.itemCount, config: config, rng: &rng)
    }
}
