import KGGraph
import KGTensor

extension ImplicitALS {
    /// ALS in the catalog: 15 sweeps by default (`--epochs` counts sweeps), validated after each.
    package static let entry = ModelEntry(
        name: "als", aliases: ["ials", "implicit-als"],
        summary: "implicit-feedback ALS with conjugate-gradient solves (Hu et al. 2008, Takács et al. 2011)",
        settingKeys: Config.optionKeys, defaultDimension: 128,
        trainerDefaults: {
            var config = TrainerConfig()
            config.epochs = 15
            return config
        }) { inputs, rng throws(ModelError) in
        ImplicitALS(interactions: inputs.data.train, config: try Config(settings: inputs.settings), rng: &rng)
    }
}
