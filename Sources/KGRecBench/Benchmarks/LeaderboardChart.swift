import Foundation

/// The leaderboard as an SVG scatter chart: test Recall@K against wall time (log scale), one
/// labelled point per model, so the models that give the most accuracy per second stand at
/// the top left.
public enum LeaderboardChart {
    static let width = 640.0, height = 400.0
    static let left = 64.0, right = 24.0, top = 36.0, bottom = 48.0

    /// The chart's SVG text.
    public static func svg(_ rows: [Leaderboard.Row], dataset: String, cutoff: Int) -> String {
        let times = rows.map { max($0.wallSeconds, 0.1) }
        let low = pow(10, floor(log10(times.min() ?? 1))), high = pow(10, ceil(log10(max(times.max() ?? 10, low * 10))))
        let recalls = rows.map(\.recall)
        let step = niceStep((recalls.max() ?? 1) - (recalls.min() ?? 0))
        let bottomValue = max(0, floor(((recalls.min() ?? 0) - step / 2) / step) * step)
        let topValue = ceil(((recalls.max() ?? 1) + step / 2) / step) * step
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ seconds: Double) -> Double { left + plotWidth * log10(max(seconds, 0.1) / low) / log10(high / low) }
        func y(_ recall: Double) -> Double { top + plotHeight * (1 - (recall - bottomValue) / (topValue - bottomValue)) }

        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(Int(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">"
                + "\(escaped(dataset)): test Recall@\(cutoff) against wall time (fit + evaluation)</text>",
        ]
        var decade = low
        while decade <= high * 1.0001 {
            let px = format(x(decade))
            parts.append("<line x1=\"\(px)\" y1=\"\(format(top))\" x2=\"\(px)\" y2=\"\(format(height - bottom))\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(px)\" y=\"\(format(height - bottom + 16))\" text-anchor=\"middle\">\(seconds(decade))</text>")
            decade *= 10
        }
        var tick = bottomValue
        while tick <= topValue + step / 1000 {
            let py = format(y(tick))
            parts.append("<line x1=\"\(format(left))\" y1=\"\(py)\" x2=\"\(format(width - right))\" y2=\"\(py)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(format(left - 6))\" y=\"\(py)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
                         + "\(String(format: "%.3f", tick))</text>")
            tick += step
        }
        parts.append("<text x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(height - 10))\" text-anchor=\"middle\">"
                     + "wall seconds (log scale)</text>")
        parts.append("<text transform=\"translate(16 \(Int(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">"
                     + "Recall@\(cutoff)</text>")
        for row in rows {
            let px = format(x(row.wallSeconds)), py = format(y(row.recall))
            parts.append("<circle cx=\"\(px)\" cy=\"\(py)\" r=\"5\" fill=\"#1f77b4\"/>")
            parts.append("<text x=\"\(format(x(row.wallSeconds) + 8))\" y=\"\(format(y(row.recall) - 6))\">"
                         + "\(escaped(row.entry.model)) \(String(format: "%.4f", row.recall))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// A round step for about four to eight ticks over `span`.
    static func niceStep(_ span: Double) -> Double {
        guard span > 0 else { return 0.01 }
        let magnitude = pow(10, floor(log10(span / 5)))
        for factor in [1.0, 2, 5, 10] where span / (magnitude * factor) <= 8 { return magnitude * factor }
        return magnitude * 10
    }

    static func seconds(_ value: Double) -> String {
        value >= 1 ? "\(Int(value.rounded())) s" : String(format: "%.1f s", value)
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
