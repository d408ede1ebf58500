import KGRecCLI
import KGRecKit

extension CLIExtensions {
    /// `kgrec bench` and `kgrec demo`, and the demo generator for when no `Ontologies/` is
    /// found: what the `kgrec` executable adds to the command line.
    public static var measurement: CLIExtensions {
        CLIExtensions(commands: [BenchCommand.spec, DemoCommand.spec], demoGenerator: { DemoCatalog.generate() })
    }
}
