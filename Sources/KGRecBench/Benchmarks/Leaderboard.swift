import Foundation
import KGModels

/// `kgrec bench leaderboard --dataset DIR`: every model trained or fitted with its recorded best
/// settings on one dataset, one after another, each in its own process (so each peak RSS is its
/// own), and one table of test accuracy, wall time and peak RSS, so a user can pick a model by
/// accuracy per second. With `--svg FILE`, a chart of Recall against wall time.
///
/// Each run is `kgrec bench train --dataset DIR --model M <settings>`; its final JSON line is
/// echoed to standard error as it ends, so a long leaderboard loses nothing when stopped.
public enum Leaderboard {
    /// One model's recorded best settings on a dataset: the flags of `bench train`, and where
    /// BENCHMARKS.md records them.
    public struct Entry: Sendable, Equatable {
        public let model: String
        public let flags: [String]

        public init(_ model: String, _ flags: [String] = []) {
            self.model = model
            self.flags = flags
        }
    }

    /// The recorded best settings per dataset (the directory's name), from BENCHMARKS.md. A
    /// dataset not listed runs every model with its defaults. Models are listed fastest first.
    public static let recorded: [String: [Entry]] = [
        "lastfm-kgcn": [
            Entry("gfcf"), Entry("als"), Entry("kgcn"),
            Entry("mf", ["--epochs", "500", "--patience", "50"]),
            Entry("lightgcn", ["--epochs", "500", "--patience", "50"]),
            Entry("ngcf", ["--epochs", "500", "--patience", "50", "--lr", "0.001", "--batch", "2048", "--reg", "0.00001"]),
            Entry("pinsage", ["--epochs", "400", "--patience", "50"]),
        ],
        "gowalla": [
            Entry("gfcf"), Entry("als"),
            Entry("mf", ["--epochs", "300", "--batch", "2048", "--lr", "0.001", "--holdout", "0.1",
                         "--eval-every", "5", "--patience", "4"]),
            Entry("lightgcn", ["--epochs", "220", "--batch", "16384", "--lr", "0.02", "--lr-decay", "0.98",
                               "--sampling", "uniform-users"]),
        ],
        "amazon-book-kgat": [Entry("gfcf"), Entry("als")],
        "book-crossing-kgcn": [Entry("gfcf"), Entry("als"), Entry("kgcn", ["--rank-every", "0"])],
    ]

    /// The entries for `dataset`, narrowed to `models` when given (in that order; a model
    /// without recorded settings runs with its defaults).
    public static func entries(dataset: String, models: [String]?) -> [Entry] {
        let known = recorded[dataset] ?? ModelCatalog.names.map { Entry($0) }
        guard let models else { return known }
        return models.map { name in known.first { $0.model == name } ?? Entry(name) }
    }

    /// One finished run.
    public struct Row: Sendable {
        public let entry: Entry
        public let recall: Double
        public let ndcg: Double
        public let wallSeconds: Double
        public let peakMegabytes: Double
    }

    /// Runs every entry through `executable` (this program), returns the rows; `progress` gets
    /// each run's final line.
    public static func run(dataset: URL, entries: [Entry], executable: String, cutoff: Int, extraFlags: [String],
                           progress: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        for entry in entries {
            progress("leaderboard: \(([entry.model] + entry.flags).joined(separator: " "))…")
            let arguments = ["bench", "train", "--dataset", dataset.path, "--model", entry.model] + entry.flags + extraFlags
            let (text, final) = try finalLine(executable: executable, arguments: arguments, model: entry.model)
            progress(text)
            let test = final["test"] as? [String: Any]
            func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? 0 }
            rows.append(Row(entry: entry, recall: number(test?["recall@\(cutoff)"]), ndcg: number(test?["ndcg@\(cutoff)"]),
                            wallSeconds: number(final["wall_seconds"]), peakMegabytes: number(final["peak_rss_mb"])))
        }
        return rows
    }

    /// Runs `executable arguments` and returns the `"event":"final"` line it printed (kgrec's own
    /// output, read with Foundation's parser), as text and as an object.
    static func finalLine(executable: String, arguments: [String], model: String) throws -> (String, [String: Any]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var final: (String, [String: Any])?
        var pending = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                   object["event"] as? String == "final" {
                    final = (line, object)
                }
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let final else {
            throw LeaderboardError(message: "'kgrec \(arguments.joined(separator: " "))' ended with status "
                                   + "\(process.terminationStatus) before its final line; \(model) has no row")
        }
        return final
    }

    /// The table, best Recall first: model, Recall, NDCG, wall time, peak RSS, settings.
    public static func table(_ rows: [Row], cutoff: Int) -> [String] {
        var lines = ["| model | Recall@\(cutoff) | NDCG@\(cutoff) | wall (s) | peak RSS (MB) | settings |",
                     "|---|---|---|---|---|---|"]
        for row in rows.sorted(by: { $0.recall > $1.recall }) {
            lines.append("| \(row.entry.model) | \(fixed(row.recall, 6)) | \(fixed(row.ndcg, 6)) | \(fixed(row.wallSeconds, 1)) | "
                         + "\(fixed(row.peakMegabytes, 0)) | \(row.entry.flags.isEmpty ? "defaults" : row.entry.flags.joined(separator: " ")) |")
        }
        return lines
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A leaderboard run that could not finish.
public struct LeaderboardError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
