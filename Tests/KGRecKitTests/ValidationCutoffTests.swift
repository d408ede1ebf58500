import KGTestSupport
import Testing
@testable import KGRecKit

/// Training with cut-offs that leave out the validation metric's says which option to change.
@Suite struct ValidationCutoffTests {
    @Test func aValidationMetricOutsideTheCutoffsIsAnActionableError() throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("demo.db"), from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
        let workspace = Session(storePath: dir.path("demo.db"))
        #expect(StaleModelTests.message(workspace, "train mf epochs 1 dim 8 k 10000000")
                == "early stopping follows 'ndcg@20', but the cut-offs are 300; add its cut-off to k, "
                + "or choose a metric at one of them, or auc (metric, --metric)")
        let trained = try workspace.execute("train mf epochs 1 dim 8 k 10000000 metric \"ndcg@10000000\"")
        guard case .trained(let report) = trained.result else { Issue.record("not trained"); return }
        #expect(trained.notes == ["k 10000000 is more than the 300 items; using 300"])
        #expect(report.checkpointID == 1 && report.validationMetric == "ndcg@300" && report.result.bestMetrics?.value("ndcg@300") != nil)
    }
}
