import KGGraph
import KGTensor

extension KGCN {
    /// KGCN in the catalog, with the paper's Last.FM settings as its own defaults: d 16, K 8,
    /// H 1, sum aggregator; batch 128, learning rate 5e-4, λ 1e-4, binary cross-entropy.
    package static let entry = ModelEntry(
        name: "kgcn", summary: "knowledge graph convolution with user-specific attention (Wang et al. 2019)",
        settingKeys: KGCNConfig.optionKeys, defaultDimension: KGCNConfig.lastFM.dimension,
        trainerDefaults: { .kgcnLastFM }) { inputs, rng throws(ModelError) in
        guard let graph = inputs.graph else {
            throw .unusableData("kgcn needs the knowledge graph of the snapshot the data came from")
        }
        return KGCN(snapshot: graph, data: inputs.data, config: try KGCNConfig(settings: inputs.settings), rng: &rng)
    }
}
