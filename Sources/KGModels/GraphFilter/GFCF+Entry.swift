import KGGraph
import KGTensor

extension GFCF {
    /// GF-CF in the catalog: fitted, not trained (one truncated SVD; `--epochs` does not apply).
    package static let entry = ModelEntry(
        name: "gfcf", aliases: ["gf-cf"],
        summary: "graph filter: linear filter plus ideal low-pass, no training loop (Shen et al. 2021)",
        settingKeys: Config.optionKeys) { inputs, rng throws(ModelError) in
        GFCF(interactions: inputs.data.train, config: try Config(settings: inputs.settings), rng: &rng)
    }
}
