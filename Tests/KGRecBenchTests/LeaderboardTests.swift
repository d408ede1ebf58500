import Foundation
import KGModels
import Testing
@testable import KGRecBench

/// `kgrec bench leaderboard`: which runs it makes, how it reads each run's final line, and the
/// table and chart it draws from them.
@Suite struct LeaderboardTests {
    static func row(_ model: String, _ recall: Double, _ seconds: Double, flags: [String] = []) -> Leaderboard.Row {
        Leaderboard.Row(entry: .init(model, flags), recall: recall, ndcg: recall / 2, wallSeconds: seconds, peakMegabytes: 100)
    }

    @Test func recordedSettingsAreUsedAndOtherDatasetsRunEveryModel() {
        let lastfm = Leaderboard.entries(dataset: "lastfm-kgcn", models: nil)
        #expect(Set(lastfm.map(\.model)) == Set(ModelCatalog.names))
        #expect(lastfm.first { $0.model == "ngcf" }?.flags.contains("--reg") == true)
        #expect(Leaderboard.entries(dataset: "my-shop", models: nil).map(\.model) == ModelCatalog.names)
        #expect(Leaderboard.entries(dataset: "my-shop", models: nil).allSatisfy { $0.flags.isEmpty })
        // Narrowed: in the order given, recorded settings kept, unrecorded ones at their defaults.
        let narrowed = Leaderboard.entries(dataset: "gowalla", models: ["lightgcn", "gfcf", "ngcf"])
        #expect(narrowed.map(\.model) == ["lightgcn", "gfcf", "ngcf"])
        #expect(narrowed[0].flags.contains("16384") && narrowed[2].flags.isEmpty)
    }

    @Test func aRunsFinalLineIsReadAndAFailedRunIsAnError() throws {
        let final = #"{"event":"final","model":"gfcf","test":{"recall@20":0.3,"ndcg@20":0.2},"wall_seconds":4.5,"peak_rss_mb":80}"#
        let script = "echo '{\"epoch\":1}'; echo '\(final)'; echo done"
        let (text, object) = try Leaderboard.finalLine(executable: "/bin/sh", arguments: ["-c", script], model: "gfcf")
        #expect(text == final)
        #expect((object["wall_seconds"] as? NSNumber)?.doubleValue == 4.5)
        #expect(throws: LeaderboardError.self) {
            try Leaderboard.finalLine(executable: "/bin/sh", arguments: ["-c", "echo '\(final)'; exit 3"], model: "gfcf")
        }
        #expect(throws: LeaderboardError.self) {
            try Leaderboard.finalLine(executable: "/bin/sh", arguments: ["-c", "echo '{\"epoch\":1}'"], model: "gfcf")
        }
    }

    @Test func theTableListsTheBestRecallFirstWithSettings() {
        let lines = Leaderboard.table([Self.row("als", 0.35, 7.25), Self.row("ngcf", 0.36, 95, flags: ["--lr", "0.001"])],
                                      cutoff: 20)
        #expect(lines == [
            "| model | Recall@20 | NDCG@20 | wall (s) | peak RSS (MB) | settings |",
            "|---|---|---|---|---|---|",
            "| ngcf | 0.360000 | 0.180000 | 95.0 | 100 | --lr 0.001 |",
            "| als | 0.350000 | 0.175000 | 7.2 | 100 | defaults |",
        ])
    }

    @Test func theChartPlacesEachModelByTimeAndRecall() {
        let svg = LeaderboardChart.svg([Self.row("gfcf", 0.31, 3), Self.row("lightgcn", 0.34, 300), Self.row("a<b", 0.2, 0.01)],
                                       dataset: "lastfm & co", cutoff: 20)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains("lastfm &amp; co") && svg.contains("a&lt;b 0.2000") && !svg.contains("a<b"))
        // Faster is further left, better is higher.
        func point(_ model: String) -> (Double, Double)? {
            guard let label = svg.components(separatedBy: "\n").first(where: { $0.contains(">\(model) ") }),
                  let x = label.components(separatedBy: "x=\"").dropFirst().first?.split(separator: "\"").first,
                  let y = label.components(separatedBy: "y=\"").dropFirst().first?.split(separator: "\"").first else { return nil }
            return (Double(x) ?? 0, Double(y) ?? 0)
        }
        let fast = point("gfcf"), slow = point("lightgcn")
        #expect(fast != nil && slow != nil)
        if let fast, let slow { #expect(fast.0 < slow.0 && fast.1 > slow.1) }
        #expect(LeaderboardChart.niceStep(0.05) == 0.01 && LeaderboardChart.niceStep(0.3) == 0.05)
    }
}
