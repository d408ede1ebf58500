import KGGraph
import KGTensor

extension PinSage {
    /// PinSage in the catalog: d 128, the max-margin loss with margin 0.5 (the best of 0.1, 0.5
    /// and 1.0 on the lastfm-kgcn valid split) and the learning rate decayed ×0.99 an epoch
    /// (better there on the valid mean of five seeds).
    package static let entry = ModelEntry(
        name: "pinsage", summary: "random-walk graph convolution over items and their features (Ying et al. 2018)",
        settingKeys: Config.optionKeys, defaultDimension: 128,
        trainerDefaults: {
            var config = TrainerConfig()
            config.objective = .marginRanking(margin: 0.5)
            config.learningRateDecay = 0.99
            return config
        }) { inputs, rng throws(ModelError) in
        let config = try Config(settings: inputs.settings)
        var attributes: ItemAttributes?
        if let graph = inputs.graph {
            let data = inputs.data
            guard data.items.allSatisfy({ Int($0) < graph.nodeCount && graph.kinds[Int($0)] == .item }) else {
                throw .unusableData("the interactions' items are not items of the graph they are said to come from")
            }
            attributes = ItemAttributes(snapshot: graph, items: data.items)
        }
        return PinSage(interactions: inputs.data.train, attributes: attributes, config: config, rng: &rng)
    }
}
