import KGJSON
import KGTestSupport
import Testing
@testable import KGRecBench
@testable import KGRecKit

/// `kgrec bench explain` on the demo store: every result has true reasons, and the ranks the
/// explanations state without their top reason are the ranks a recompute gives.
@Suite(.serialized) struct ExplanationBenchmarkTests {
    /// The number at `path` in a benchmark line.
    static func number(_ json: JSON, _ path: String...) -> Double? {
        var current = json
        for key in path {
            guard case .object(let fields) = current, let next = fields.first(where: { $0.0 == key })?.1 else { return nil }
            current = next
        }
        switch current {
        case .int(let i): return Double(i)
        case .number(let n), .measurement(let n): return n
        default: return nil
        }
    }

    @Test func lightGCNAndPathsExplanationsHoldUpOnTheDemo() throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("demo.db"), from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
        let session = Session(storePath: dir.path("demo.db"))
        _ = try session.train(ModelIntegrationOptions.lightGCN)

        var options = ExplanationBenchmark.Options(model: "lightgcn")
        options.users = 12
        options.limit = 5
        let lightgcn = try ExplanationBenchmark.run(session: session, options: options)
        #expect(Self.number(lightgcn, "results") == 60)
        for key in ["coverage", "hops_in_train", "facts_true"] { #expect(Self.number(lightgcn, key) == 1, "\(key)") }
        #expect(Self.number(lightgcn, "deletion", "top_reason", "score_drop_share")! >= 0.95)
        #expect(Self.number(lightgcn, "agreement", "median_spearman")! >= 0.9)

        options = ExplanationBenchmark.Options(model: "paths")
        options.users = 12
        options.limit = 5
        options.via = "category"
        let paths = try ExplanationBenchmark.run(session: session, options: options)
        let checked = try #require(Self.number(paths, "deletion", "top_reason", "stated_rank_checked"))
        #expect(checked == 60 && Self.number(paths, "deletion", "top_reason", "stated_rank_agrees") == checked)
        #expect(Self.number(paths, "deletion", "top_reason", "score_drop_share") == 1)

        // A filter: its terms are the whole score, so every top reason's deletion lowers the
        // score, the stated drops are the measured ones, and the top reason moves an item more
        // than a random interaction does.
        _ = try session.train(TrainingOptions(model: "gfcf"))
        options = ExplanationBenchmark.Options(model: "gfcf")
        options.users = 12
        options.limit = 5
        let gfcf = try ExplanationBenchmark.run(session: session, options: options)
        #expect(Self.number(gfcf, "deletion", "top_reason", "score_drop_share") == 1)
        #expect(Self.number(gfcf, "agreement", "median_spearman")! > 0.999)
        #expect(Self.number(gfcf, "deletion", "rank_drop_ratio")! > 1)
    }
}

/// A short LightGCN run on the demo.
enum ModelIntegrationOptions {
    static var lightGCN: TrainingOptions {
        var options = TrainingOptions(model: "lightgcn")
        options.settings.dimension = 16
        options.trainer.epochs = 5
        options.trainer.threads = 1
        return options
    }
}
