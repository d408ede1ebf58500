import KGGraph

/// One timed workload of `kgrec bench import|snapshot`: what was measured, how much of it,
/// and every run's wall time.
public struct BenchmarkResult: Sendable, CustomStringConvertible {
    /// What was measured, e.g. `N-Triples schemaorg-current-https.nt x20`.
    public var name: String
    /// Triples parsed or edges produced per run.
    public var items: Int
    /// What `items` counts ("triples", "edges").
    public var unit: String
    /// Bytes of input per run (0 when the workload reads no file).
    public var bytes: Int
    /// Wall-clock seconds of each run, in run order.
    public var seconds: [Double]

    public init(name: String, items: Int, unit: String, bytes: Int = 0, seconds: [Double]) {
        self.name = name
        self.items = items
        self.unit = unit
        self.bytes = bytes
        self.seconds = seconds
    }

    /// The median run time.
    public var median: Double { Statistics.median(seconds) }

    /// Items per second at the median.
    public var rate: Double { median > 0 ? Double(items) / median : 0 }

    /// Input megabytes (10^6 bytes) per second at the median; nil without input bytes.
    public var megabytesPerSecond: Double? { bytes > 0 && median > 0 ? Double(bytes) / 1e6 / median : nil }

    public var description: String {
        let runs = seconds.map { fixed($0, 3) }.joined(separator: ", ")
        return "\(name): \(grouped(items)) \(unit), \(fixed(Double(bytes) / 1e6, 1)) MB, "
            + "median \(fixed(median, 3)) s (runs: \(runs)), "
            + "\(fixed(rate / 1e6, 2)) M \(unit)/s, \(fixed(megabytesPerSecond ?? 0, 0)) MB/s"
    }
}
