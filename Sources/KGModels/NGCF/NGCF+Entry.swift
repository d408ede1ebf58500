import KGGraph
import KGTensor

extension NGCF {
    /// NGCF in the catalog, with the paper's trainer settings: batch 1024, learning rate 1e-4, L2 1e-5.
    package static let entry = ModelEntry(
        name: "ngcf", summary: "neural graph collaborative filtering (Wang et al. 2019)", settingKeys: Config.optionKeys,
        trainerDefaults: {
            var config = TrainerConfig()
            config.batchSize = 1024
            config.learningRate = 1e-4
            config.regularization = 1e-5
            return config
        }) { inputs, rng throws(ModelError) in
        NGCF(interactions: inputs.data.train, config: try Config(settings: inputs.settings), rng: &rng)
    }
}
